"""Show Dữ liệu → Danh sách nơi nhận: the saved Kính gửi and Nơi nhận lists, their entries in
order with today's names, and create, rename, duplicate, delete and edit them (add from the
address book, remove, move up and down). Changes are saved with “Lưu danh sách”; switching list
or closing with unsaved changes asks first."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QListWidgetItem, QVBoxLayout, QWidget)

from dnnd_drafter.store.lists import PURPOSES, RecipientList
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.dialogs import guarded
from dnnd_drafter.ui.server_calls import ServerSide
from dnnd_drafter.ui.wizard.conflict_questions import save_edit
from dnnd_drafter.ui.data.windows import (DataDialog, button, button_row, form_field, make_table, row_data,
                                          select_row_with, selected_rows, table_item)
from dnnd_drafter.ui.editors import OrderedList
from dnnd_drafter.model.vietnamese import fold

if TYPE_CHECKING:
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT: dict[str, Any] = {  # strings, and the lists of column headers or step titles
    "title": "Danh sách nơi nhận",
    "filter": "&Dùng cho:", "all": "Tất cả", "filter_tip": "Chỉ hiện danh sách dùng cho Kính gửi hoặc cho Nơi nhận.",
    "headers": ["Tên danh sách", "Dùng cho", "Số mục"],
    "new": "&Tạo mới", "new_tip": "Tạo một danh sách mới: gõ tên, thêm các mục rồi bấm “Lưu danh sách”.",
    "duplicate": "&Nhân bản", "duplicate_tip": "Tạo bản sao của danh sách đang chọn để sửa thành danh sách khác.",
    "delete": "&Xóa", "delete_tip": "Xóa danh sách đang chọn (các địa chỉ trong sổ địa chỉ vẫn giữ nguyên).",
    "editor": "Danh sách đang sửa", "editor_new": "Danh sách mới (chưa lưu)",
    "name": "Tên danh sách:", "name_tip": "Sửa tên rồi bấm “Lưu danh sách” để đổi tên.",
    "purpose": "Dùng cho:", "purpose_tip": "Kính gửi in tên đầy đủ; Nơi nhận in tên ngắn ở Nơi nhận.",
    "members": "Các mục, theo thứ tự in (tên hiện nay):",
    "members_tip": "Kéo thả, Ctrl+↑/↓ hoặc nút Lên/Xuống để đổi thứ tự; Delete hoặc nút Bỏ để bỏ.",
    "search": "Thêm từ sổ địa chỉ:", "search_hint": "gõ để tìm, ví dụ: uy ban xa",
    "search_tip": "Gõ vài chữ, có dấu hay không dấu đều được; Enter để thêm kết quả đầu tiên.",
    "results_tip": "Nhấp đúp hoặc bấm “Thêm ➜” để đưa vào danh sách.",
    "add": "Thêm ➜", "add_tip": "Thêm địa chỉ đang chọn vào cuối danh sách.",
    "save": "&Lưu danh sách", "save_tip": "Lưu tên, mục đích và các mục của danh sách (Ctrl+S).",
    "revert": "&Bỏ thay đổi", "revert_tip": "Trở lại danh sách như đã lưu.",
    "close": "Đóng", "close_tip": "Đóng cửa sổ (Esc).",
    "retired": "{} (đã ngừng sử dụng, sẽ không in)", "was": "Trong danh sách đã lưu: {}",
    "copy": "{} (bản sao)", "copy_n": "{} (bản sao {})",
    "ask_save": "Danh sách “{}” có thay đổi chưa lưu. Lưu lại?", "yes": "Lưu", "no": "Không lưu", "cancel": "Hủy",
    "ask_delete": "Xóa danh sách “{}”? Các địa chỉ trong sổ địa chỉ vẫn giữ nguyên.",
    "delete_yes": "Xóa", "delete_no": "Không xóa",
    "saved": "Đã lưu danh sách “{}”.", "untitled": "(chưa có tên)", "empty": "Chưa có danh sách nào; bấm “Tạo mới”.",
}


class ListsDialog(DataDialog):
    """Browse and edit the saved recipient lists."""

    def __init__(self, context: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(context, parent, TEXT["title"], (1180, 660))
        self.editing: RecipientList | None = None
        self.dirty = False
        self._loading = False
        self.filter = QComboBox()
        self.filter.addItem(TEXT["all"], None)
        for key, label in PURPOSES.items():
            self.filter.addItem(label, key)
        self.filter.setToolTip(TEXT["filter_tip"])
        self.table = make_table(TEXT["headers"], 0)
        self.hint = QLabel(TEXT["empty"])
        self.name = QLineEdit()
        self.purpose = QComboBox()
        for key, label in PURPOSES.items():
            self.purpose.addItem(label, key)
        self.members = OrderedList()
        self.members.setToolTip(TEXT["members_tip"])
        for push in (self.members.up, self.members.down, self.members.remove):
            push.setAutoDefault(False)  # Enter in the search box adds; it must not move a line
        self.search = QLineEdit()
        self.search.setPlaceholderText(TEXT["search_hint"])
        self.search.setToolTip(TEXT["search_tip"])
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget()
        self.results.setToolTip(TEXT["results_tip"])
        self.buttons = {key: button(TEXT[key], TEXT[f"{key}_tip"], slot) for key, slot in (
            ("new", self.new_list), ("duplicate", self.duplicate_list), ("delete", self.delete_list),
            ("add", self.add_current), ("save", self.save), ("revert", self.revert), ("close", self.accept))}
        self._build()
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.name.textEdited.connect(lambda _t: self._mark_dirty())
        self.purpose.currentIndexChanged.connect(self._purpose_changed)
        self.members.changed.connect(self._mark_dirty)
        self.search.textChanged.connect(self.refresh_results)
        self.search.returnPressed.connect(self.add_first)
        self.results.itemDoubleClicked.connect(lambda _item: self.add_current())
        self.shortcut("Ctrl+S", self.save)
        self.refresh()
        if self.table.rowCount():
            self.table.selectRow(0)
        else:
            self._show(None)

    def _build(self) -> None:
        """Arrange the saved lists on the left and the list being edited on the right."""
        filter_label = QLabel(TEXT["filter"])
        filter_label.setBuddy(self.filter)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.table, 1)
        left.addWidget(self.hint)
        left.addLayout(button_row(self.buttons["new"], self.buttons["duplicate"], self.buttons["delete"]))
        self.box = QGroupBox(TEXT["editor"])
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.errors = {"name": form_field(form, TEXT["name"], self.name, TEXT["name_tip"]),
                       "purpose": form_field(form, TEXT["purpose"], self.purpose, TEXT["purpose_tip"])}
        grid = QGridLayout()
        members_label = QLabel(TEXT["members"])
        members_label.setBuddy(self.members.list)
        search_label = QLabel(TEXT["search"])
        search_label.setBuddy(self.search)
        grid.addWidget(search_label, 0, 0)
        grid.addWidget(self.search, 1, 0)
        grid.addWidget(self.results, 2, 0)
        grid.addLayout(button_row(self.buttons["add"], stretch_at=0), 3, 0)
        grid.addWidget(members_label, 0, 1)
        grid.addWidget(self.members, 1, 1, 3, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        right = QVBoxLayout(self.box)
        right.addLayout(form)
        right.addLayout(grid, 1)
        right.addLayout(button_row(self.buttons["revert"], self.buttons["save"], stretch_at=0))
        middle = QHBoxLayout()
        middle.addLayout(left, 2)
        middle.addWidget(self.box, 5)
        column = QVBoxLayout(self)
        column.addLayout(middle, 1)
        column.addLayout(button_row(self.buttons["close"], stretch_at=0))
        self.table.setColumnWidth(1, 80)
        self.table.setColumnWidth(2, 56)

    # -- the saved lists -------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the saved lists of the chosen purpose, keeping the one being edited selected."""
        lists = ServerSide(self, self.store, "lists", retry=False).all(self.filter.currentData())
        self._loading = True
        self.table.setRowCount(len(lists))
        for row, lst in enumerate(lists):
            self.table.setItem(row, 0, table_item(lst.name, lst.id))
            self.table.setItem(row, 1, table_item(PURPOSES[lst.purpose]))
            self.table.setItem(row, 2, table_item(str(len(lst.entry_ids))))
        self.table.clearSelection()
        if self.editing is not None and self.editing.id is not None:
            select_row_with(self.table, self.editing.id)
        self._loading = False
        self.hint.setVisible(not lists)

    def _selection_changed(self) -> None:
        """Open the list the clerk selected, after offering to save the one being edited."""
        if self._loading:
            return
        rows = selected_rows(self.table)
        list_id = row_data(self.table, rows[0]) if rows else None
        if list_id is None or (self.editing is not None and list_id == self.editing.id):
            return
        if not self.may_leave():
            self._loading = True
            self.table.clearSelection()
            if self.editing is not None and self.editing.id is not None:
                select_row_with(self.table, self.editing.id)
            self._loading = False
            return
        self._show(self.store.lists.get(list_id))

    def may_leave(self) -> bool:
        """Return whether the list being edited may be left: saved, discarded or unchanged."""
        if not self.dirty or self.editing is None:
            return True
        question = TEXT["ask_save"].format(self.name.text().strip() or TEXT["untitled"])
        answer = dialogs.presenter_of(self).ask(self, question, TEXT["yes"], TEXT["no"], TEXT["cancel"])
        if answer == dialogs.YES:
            return self.save()
        return answer == dialogs.NO

    def done(self, result: int) -> None:
        """Close (Đóng, Esc, the window's ×) only after offering to save."""
        if self.may_leave():
            self.dirty = False
            super().done(result)

    # -- the list being edited -------------------------------------------------------------
    def _show(self, lst: RecipientList | None) -> None:
        """Show `lst` in the editor (None: nothing to edit)."""
        self.editing = lst
        self._loading = True
        self.box.setEnabled(lst is not None)
        self.box.setTitle(TEXT["editor_new"] if lst is not None and lst.id is None else TEXT["editor"])
        self.name.setText(lst.name if lst else "")
        self.purpose.setCurrentIndex(max(self.purpose.findData(lst.purpose if lst else "noi_nhan"), 0))
        self._fill_members(lst.entry_ids if lst else [])
        for label in self.errors.values():
            label.hide()
        self._loading = False
        self._set_dirty(False)
        self.buttons["duplicate"].setEnabled(lst is not None and lst.id is not None)
        self.buttons["delete"].setEnabled(lst is not None and lst.id is not None)
        self.refresh_results()

    def _fill_members(self, entry_ids: list[int]) -> None:
        """Show the entries as they are called today (full names or Nơi nhận forms)."""
        self.members.list.clear()
        for entry_id in entry_ids:
            self.members.list.addItem(self._member_item(entry_id))

    def _member_item(self, entry_id: int) -> QListWidgetItem:
        """Return the line showing address-book entry `entry_id` as of today."""
        book, today = self.store.addressbook, _dt.date.today()
        short = self.purpose.currentData() == "noi_nhan"
        stored = book.get(entry_id)
        now = [e for e in book.resolve(entry_id, today) if e.valid_on(today)]
        if now:
            text = "; ".join(e.cc_name if short else e.name for e in now)
            item = QListWidgetItem(text)
            stored_text = stored.cc_name if short else stored.name
            item.setToolTip(TEXT["was"].format(stored_text) if stored_text != text else text)
        else:
            item = QListWidgetItem(TEXT["retired"].format(stored.cc_name if short else stored.name))
            item.setForeground(Qt.GlobalColor.gray)
            item.setToolTip(item.text())
        item.setData(Qt.ItemDataRole.UserRole, entry_id)
        return item

    def member_ids(self) -> list[int]:
        """Return the stored entry ids of the list being edited, in order."""
        return [self.members.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.members.list.count())]

    def _purpose_changed(self) -> None:
        """Show the names the new purpose prints, and the results in that form."""
        if self._loading:
            return
        current = self.members.list.currentRow()
        self._fill_members(self.member_ids())
        self.members.list.setCurrentRow(current)
        self.refresh_results()
        self._mark_dirty()

    def _mark_dirty(self) -> None:
        """Note an unsaved change (not while loading)."""
        if not self._loading:
            self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        """Enable the save buttons when something changed."""
        self.dirty = dirty
        self.buttons["save"].setEnabled(dirty)
        self.buttons["revert"].setEnabled(dirty)

    # -- adding from the address book ------------------------------------------------------
    def refresh_results(self) -> None:
        """Show the address-book entries matching the search text (valid today)."""
        self.results.clear()
        query = self.search.text().strip()
        if not query:
            return
        short = self.purpose.currentData() == "noi_nhan"
        for entry in self.store.addressbook.search(query, limit=50):
            item = QListWidgetItem(entry.cc_name if short else entry.name)
            item.setToolTip(f"{entry.name}\n{entry.cc_name}" if short else entry.name)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.results.addItem(item)
        self.results.setCurrentRow(0)

    def add_entry(self, entry_id: int) -> None:
        """Append entry `entry_id` unless the list already has it (then select it)."""
        if self.editing is None:
            return
        ids = self.member_ids()
        if entry_id in ids:
            self.members.list.setCurrentRow(ids.index(entry_id))
            return
        self.members.list.addItem(self._member_item(entry_id))
        self.members.list.setCurrentRow(self.members.list.count() - 1)
        self._mark_dirty()

    def add_current(self) -> None:
        """Add the selected search result."""
        item = self.results.currentItem()
        if item is not None:
            self.add_entry(item.data(Qt.ItemDataRole.UserRole))

    def add_first(self) -> None:
        """Add the best (or selected) match and clear the search for the next one."""
        if self.results.count():
            self.add_current()
            self.search.clear()

    # -- commands ---------------------------------------------------------------------------
    def new_list(self) -> None:
        """Start an unsaved new list of the filtered purpose; the name box gets the focus."""
        if not self.may_leave():
            return
        self._loading = True
        self.table.clearSelection()
        self._loading = False
        self._show(RecipientList("", self.filter.currentData() or "noi_nhan"))
        self._set_dirty(True)
        self.name.setFocus()

    def save(self) -> bool:
        """Save the list being edited; return whether it worked (an error keeps everything typed)."""
        if self.editing is None:
            return True
        lst = RecipientList(self.name.text(), self.purpose.currentData(), self.member_ids(),
                            self.editing.id, self.editing.uid)
        original = self.editing if self.editing.id is not None else None
        stored: list[RecipientList | None] = []
        # only what the clerk changed is written; a part changed meanwhile elsewhere is asked about
        lists = ServerSide(self, self.store, "lists")
        if not self.guard(lambda: stored.append(save_edit(self, lists.save, lst, original)
                                                if original is not None else lists.save(lst)), self.errors):
            self.name.setFocus()
            return False
        if stored[0] is None:  # Hủy in the conflict question: keep editing
            return False
        lst = stored[0]
        if original is not None:
            self._show(lst)  # with what another window changed meanwhile
        self.editing = lst
        self.box.setTitle(TEXT["editor"])
        self._set_dirty(False)
        if self.filter.currentData() not in (None, lst.purpose):
            self.filter.setCurrentIndex(0)
        self.refresh()
        self.buttons["duplicate"].setEnabled(True)
        self.buttons["delete"].setEnabled(True)
        return True

    def revert(self) -> None:
        """Show the list as saved (a new list is dropped)."""
        editing = self.editing
        self._set_dirty(False)
        if editing is None or editing.id is None:
            self._show(None)
            if self.table.rowCount():
                self.table.selectRow(0)
            return
        self._show(self.store.lists.get(editing.id))

    def duplicate_list(self) -> None:
        """Copy the selected list under a free name and open the copy with its name selected."""
        if self.editing is None or self.editing.id is None or not self.may_leave():
            return
        source = self.store.lists.get(self.editing.id)
        taken = {fold(x.name) for x in self.store.lists.all()}
        name, n = TEXT["copy"].format(source.name), 2
        while fold(name) in taken:
            name, n = TEXT["copy_n"].format(source.name, n), n + 1
        copy: list[RecipientList] = []
        if self.guard(lambda: copy.append(ServerSide(self, self.store, "lists").duplicate(source.id, name))):
            self.editing = copy[0]
            self._show(copy[0])
            if self.filter.currentData() not in (None, copy[0].purpose):
                self.filter.setCurrentIndex(0)
            self.refresh()
            self.name.setFocus()
            self.name.selectAll()

    def delete_list(self) -> None:
        """Delete the selected list after asking."""
        if self.editing is None or self.editing.id is None:
            return
        name = self.editing.name
        if dialogs.presenter_of(self).ask(self, TEXT["ask_delete"].format(name), TEXT["delete_yes"],
                                 TEXT["delete_no"]) != dialogs.YES:
            return
        list_id = self.editing.id
        if not guarded(self, lambda: ServerSide(self, self.store, "lists").delete(list_id)):
            return
        self.editing = None
        self._show(None)
        self.refresh()
        if self.table.rowCount():
            self.table.selectRow(0)
