"""Show Dữ liệu → Sổ địa chỉ: search the address book as you type (marks do not matter), add,
edit and delete entries, rename or merge bodies from a date (old letters keep old names), retire
entries, and import or export the book as CSV or JSON."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget)

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserDataError, UserMessageError
from dnnd_drafter.files.filenames import safe_file_name
from dnnd_drafter.store import Recipient
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.dialogs import guarded
from dnnd_drafter.ui.server_calls import ServerSide
from dnnd_drafter.ui.data import windows as data_dialogs
from dnnd_drafter.ui.wizard.conflict_questions import save_edit
from dnnd_drafter.ui.data.windows import (DataDialog, OptionalDate, button, button_row, date_edit, form_field,
                                          from_qdate, make_table, row_data, select_row_with,
                                          selected_rows, table_item)
from dnnd_drafter.ui.widgets import ShortText, finish_form_dialog
from dnnd_drafter.model.vietnamese import short_date

if TYPE_CHECKING:
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT: dict[str, Any] = {  # strings, and the lists of column headers or step titles
    "title": "Sổ địa chỉ",
    "search": "&Tìm:", "search_hint": "gõ vài chữ, có dấu hay không dấu đều được (ví dụ: uy ban xa)",
    "search_tip": "Tìm theo tên đầy đủ và tên ở Nơi nhận; không cần gõ dấu. Ctrl+F để về ô này.",
    "tag": "&Nhãn:", "all_tags": "Tất cả nhãn", "tag_tip": "Chỉ hiện các địa chỉ có nhãn này.",
    "retired": "Hiện cả địa chỉ đã đổi tên / ngừng sử dụng",
    "retired_tip": "Địa chỉ cũ vẫn được giữ để văn bản cũ hiện đúng tên cũ.",
    "headers": ["Tên đầy đủ (Kính gửi)", "Tên ở Nơi nhận", "Nhãn", "Hiệu lực từ", "Hết hiệu lực từ", "Tình trạng"],
    "current": "Đang dùng", "future": "Dùng từ {}", "renamed": "Đổi thành: {}", "ended": "Ngừng sử dụng",
    "count": "{shown} địa chỉ", "count_cut": "Hiện {shown} địa chỉ đầu tiên; gõ thêm chữ để tìm đúng địa chỉ cần.",
    "add": "&Thêm…", "add_tip": "Thêm một địa chỉ mới vào sổ (Ctrl+N).",
    "edit": "&Sửa…", "edit_tip": "Sửa lỗi chính tả của địa chỉ đang chọn (nhấp đúp vào dòng cũng được). "
                                "Khi cơ quan đổi tên thật sự, hãy dùng “Đổi tên từ ngày…”.",
    "delete": "&Xóa", "delete_tip": "Xóa hẳn các địa chỉ đang chọn (phím Delete). Chỉ dùng khi nhập nhầm.",
    "rename": "Đổi tên &từ ngày…",
    "rename_tip": "Cơ quan đổi tên từ một ngày: văn bản trước ngày đó vẫn giữ tên cũ.",
    "merge": "&Gộp…", "merge_tip": "Gộp các địa chỉ đang chọn thành một tên mới từ một ngày (sắp xếp đơn vị).",
    "retire": "Ngừng &sử dụng…", "retire_tip": "Các địa chỉ đang chọn không còn dùng từ một ngày (giải thể).",
    "import": "&Nhập từ tệp…", "import_tip": "Nhập sổ địa chỉ, danh sách và hồ sơ từ tệp CSV (Excel) hoặc JSON.",
    "export": "&Xuất ra tệp…",
    "export_tip": "Xuất sổ địa chỉ, danh sách và hồ sơ ra tệp CSV (mở bằng Excel) hoặc JSON.",
    "close": "Đóng", "close_tip": "Đóng cửa sổ (Esc).",
    "file_filter": "Tệp CSV cho Excel (*.csv);;Tệp JSON (*.json)",
    "import_title": "Nhập dữ liệu từ tệp", "export_title": "Xuất dữ liệu ra tệp",
    "imported": "Đã nhập “{}”.\n{}", "exported": "Đã xuất dữ liệu ra:\n{}",
    "ask_delete": "Xóa hẳn {} khỏi sổ địa chỉ?\n\nNếu cơ quan đổi tên, sáp nhập hay giải thể, hãy dùng "
                  "“Đổi tên từ ngày…”, “Gộp…” hoặc “Ngừng sử dụng…” để văn bản cũ vẫn giữ đúng tên cũ.",
    "delete_yes": "Xóa", "delete_no": "Không xóa",
    "not_deleted": "Không xóa được “{}”: {}",
    "one": "“{}”", "many": "{} địa chỉ",
    # the entry form
    "entry_add": "Thêm địa chỉ", "entry_edit": "Sửa địa chỉ",
    "name": "Tên đầy đủ:", "name_tip": "Tên in ở dòng Kính gửi, ví dụ: Ủy ban nhân dân xã Tân An.",
    "short": "Tên ở Nơi nhận:",
    "short_tip": "Dạng ngắn in dưới Nơi nhận, ví dụ: UBND xã Tân An; bỏ trống thì dùng tên đầy đủ.",
    "tags": "Nhãn:", "tags_tip": "Để lọc và gom nhóm, cách nhau bằng dấu phẩy, ví dụ: xã, khối đảng.",
    "valid_from": "Bắt đầu hiệu lực:", "valid_to": "Hết hiệu lực:", "from_day": "từ ngày",
    "valid_from_tip": "Ngày địa chỉ bắt đầu có (bỏ chọn nếu không rõ).",
    "valid_to_tip": "Ngày địa chỉ không còn dùng nữa (bỏ chọn nếu vẫn đang dùng).",
    "note": "Ghi chú:", "note_tip": "Địa chỉ, số điện thoại, người liên hệ… (không in ra văn bản).",
    "save": "Lưu", "cancel": "Hủy",
    "renamed_meanwhile": "Trong lúc bạn sửa, “{old}” đã được đổi tên thành “{new}” ở cửa sổ khác. Thay đổi "
                         "của bạn được lưu vào tên cũ (dùng cho văn bản trước ngày đổi tên); hãy sửa cả “{new}” "
                         "nếu cần.",
    "ended_meanwhile": "Trong lúc bạn sửa, “{old}” đã được cho ngừng sử dụng ở cửa sổ khác; thay đổi của bạn "
                       "vẫn được lưu.",
    # rename, merge, retire
    "rename_title": "Đổi tên từ ngày", "merge_title": "Gộp địa chỉ", "retire_title": "Ngừng sử dụng",
    "rename_intro": "Đổi tên “{}”. Văn bản ghi ngày trước ngày đổi tên vẫn dùng tên cũ; "
                    "danh sách nơi nhận tự dùng tên mới.",
    "merge_intro": "Gộp các địa chỉ dưới đây thành một (ví dụ: sáp nhập xã năm 2025). "
                   "Văn bản ghi ngày trước ngày gộp vẫn dùng các tên cũ.",
    "retire_intro": "Các địa chỉ dưới đây không còn dùng từ ngày đã chọn (không có cơ quan thay thế). "
                    "Văn bản cũ vẫn giữ tên; danh sách nơi nhận sẽ bỏ qua chúng từ ngày đó.",
    "new_name": "Tên mới:", "new_name_tip": "Tên đầy đủ mới, in ở dòng Kính gửi.",
    "new_short": "Tên mới ở Nơi nhận:", "new_short_tip": "Dạng ngắn mới in dưới Nơi nhận; có thể bỏ trống.",
    "merged_name": "Tên sau khi gộp:", "merged_tags": "Nhãn:",
    "on": "Từ ngày:", "on_tip": "Ngày tên mới (hoặc việc ngừng sử dụng) bắt đầu có hiệu lực.",
    "retire_on": "Ngừng từ ngày:",
    "rename_ok": "Đổi tên", "merge_ok": "Gộp", "retire_ok": "Ngừng sử dụng",
    "same_name": "Tên mới đang giống hệt tên cũ; hãy gõ tên mới.",
    "need_two": "Hãy chọn ít nhất hai địa chỉ để gộp (giữ Ctrl và bấm vào từng dòng).",
}
SHOWN_LIMIT = 500
SELECT_ROW = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows


def choose_file(parent: QWidget, title: str, start: str, save: bool) -> str:
    """Ask for a CSV or JSON file to read (or to write with `save`); return its path, or "" when cancelled."""
    if save:
        path, chosen = QFileDialog.getSaveFileName(parent, title, start, TEXT["file_filter"])
        if path and Path(path).suffix.lower() not in (".csv", ".json"):
            path += ".json" if "json" in chosen else ".csv"
        return path
    path, _ = QFileDialog.getOpenFileName(parent, title, start, TEXT["file_filter"])
    return path


def split_tags(text: str) -> list[str]:
    """Return the tags typed in one box, separated by commas or semicolons."""
    return [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]


class AddressBookDialog(DataDialog):
    """List, search and maintain the address book."""

    def __init__(self, context: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(context, parent, TEXT["title"], (1180, 640))
        self.search = QLineEdit()
        self.search.setPlaceholderText(TEXT["search_hint"])
        self.search.setToolTip(TEXT["search_tip"])
        self.search.setClearButtonEnabled(True)
        self.tag = QComboBox()
        self.tag.setToolTip(TEXT["tag_tip"])
        self.tag.setMinimumContentsLength(14)
        self.show_retired = QCheckBox(TEXT["retired"])
        self.show_retired.setToolTip(TEXT["retired_tip"])
        self.table = make_table(TEXT["headers"], 0, multi=True)
        self.count = QLabel()
        self._ended: set[int | None] = set()
        self.buttons = {key: button(TEXT[key], TEXT[f"{key}_tip"], slot) for key, slot in (
            ("add", self.add_entry), ("edit", self.edit_entry), ("delete", self.delete_entries),
            ("rename", self.rename_entry), ("merge", self.merge_entries), ("retire", self.retire_entries),
            ("import", self.import_file), ("export", self.export_file), ("close", self.accept))}
        self._build()
        self.search.textChanged.connect(self.refresh)
        self.tag.currentIndexChanged.connect(self.refresh)
        self.show_retired.toggled.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.edit_entry())  # Enter or double-click
        self.shortcut("Ctrl+F", self._search_again)
        self.shortcut("Ctrl+N", self.add_entry)
        self.on_key(self.table, Qt.Key.Key_Delete, self.delete_entries)
        self.refresh_tags()
        self.refresh()
        self.search.setFocus()

    def _build(self) -> None:
        """Arrange the search bar, the table with its buttons on the right, and the count."""
        search_label = QLabel(TEXT["search"])
        search_label.setBuddy(self.search)
        tag_label = QLabel(TEXT["tag"])
        tag_label.setBuddy(self.tag)
        bar = QHBoxLayout()
        bar.addWidget(search_label)
        bar.addWidget(self.search, 1)
        bar.addSpacing(12)
        bar.addWidget(tag_label)
        bar.addWidget(self.tag)
        bar.addSpacing(12)
        bar.addWidget(self.show_retired)
        side = QVBoxLayout()
        for key in ("add", "edit", "delete", None, "rename", "merge", "retire", None, "import", "export"):
            if key is None:
                side.addSpacing(14)
            else:
                side.addWidget(self.buttons[key])
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addLayout(middle, 1)
        column.addLayout(button_row(self.count, self.buttons["close"], stretch_at=1))
        widths = (360, 220, 120, 90, 110)
        for index, width in enumerate(widths):
            self.table.setColumnWidth(index, width)

    # -- showing ---------------------------------------------------------------------------
    def refresh_tags(self) -> None:
        """Offer every tag used in the book in the tag filter."""
        chosen = self.tag.currentData()
        entries = ServerSide(self, self.store, "addressbook", retry=False).entries()
        tags = sorted({t for e in entries for t in e.tags}, key=str.casefold)
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(TEXT["all_tags"], None)
        for tag in tags:
            self.tag.addItem(tag, tag)
        self.tag.setCurrentIndex(max(self.tag.findData(chosen), 0) if chosen else 0)
        self.tag.blockSignals(False)

    def visible_entries(self) -> list[Recipient]:
        """Return the entries matching the search, tag and retired filter (at most one more than shown)."""
        today, limit = _dt.date.today(), SHOWN_LIMIT + 1
        while True:  # fetch only what is shown (searching all 10 000 entries per key is slow)
            found = self.store.addressbook.search(self.search.text(), include_retired=True,
                                                  tag=self.tag.currentData(), limit=limit)
            kept = found if self.show_retired.isChecked() else [  # entries starting later stay
                e for e in found if e.valid_to is None or e.valid_to > today]
            if len(kept) > SHOWN_LIMIT or len(found) < limit:
                return kept[:SHOWN_LIMIT + 1]
            limit *= 4

    def refresh(self) -> None:
        """Fill the table from the store, keeping the selection where possible."""
        keep = set(self.selected_ids())
        entries = self.visible_entries()
        cut = len(entries) > SHOWN_LIMIT
        entries = entries[:SHOWN_LIMIT]
        today = _dt.date.today()
        self._ended = {e.id for e in entries if e.valid_to is not None and e.valid_to <= today}
        self.table.setUpdatesEnabled(False)
        self.table.clearSelection()
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            ended = entry.id in self._ended
            status = self._status(entry, today)
            cells = (entry.name, entry.short_name, ", ".join(entry.tags),
                     short_date(entry.valid_from) if entry.valid_from else "",
                     short_date(entry.valid_to) if entry.valid_to else "", status)
            for column, text in enumerate(cells):
                tip = entry.note if column == 0 and entry.note else ""
                self.table.setItem(row, column, table_item(text, entry.id if column == 0 else None,
                                                           f"{text}\n{tip}" if tip else "", grey=ended))
        for row in range(self.table.rowCount()):
            if row_data(self.table, row) in keep:
                self.table.selectionModel().select(self.table.model().index(row, 0), SELECT_ROW)
        self.table.setUpdatesEnabled(True)
        self.count.setText(TEXT["count_cut" if cut else "count"].format(shown=len(entries)))
        self._update_buttons()

    def _status(self, entry: Recipient, today: _dt.date) -> str:
        """Return the Tình trạng column of `entry`."""
        if entry.valid_to is not None and entry.valid_to <= today:
            if entry.replaced_by is not None:
                try:
                    return TEXT["renamed"].format(self.store.addressbook.get(entry.replaced_by).name)
                except Exception:  # noqa: BLE001 - a dangling successor only changes the wording
                    return TEXT["ended"]
            return TEXT["ended"]
        if entry.valid_from is not None and entry.valid_from > today:
            return TEXT["future"].format(short_date(entry.valid_from))
        return TEXT["current"]

    def selected_ids(self) -> list[int]:
        """Return the ids of the selected entries, top to bottom."""
        return [row_data(self.table, row) for row in selected_rows(self.table)]

    def selected_entries(self) -> list[Recipient]:
        """Return the selected entries as stored now."""
        return [self.store.addressbook.get(i) for i in self.selected_ids()]

    def _search_again(self) -> None:
        """Put the cursor in the search box with its text selected (Ctrl+F)."""
        self.search.setFocus()
        self.search.selectAll()

    def _update_buttons(self) -> None:
        """Enable the buttons that make sense for the selection."""
        rows = selected_rows(self.table)
        current = [r for r in rows if row_data(self.table, r) not in self._ended]
        self.buttons["edit"].setEnabled(len(rows) == 1)
        self.buttons["delete"].setEnabled(bool(rows))
        self.buttons["rename"].setEnabled(len(rows) == 1 and len(current) == 1)
        self.buttons["merge"].setEnabled(len(rows) >= 2 and len(current) == len(rows))
        self.buttons["retire"].setEnabled(bool(rows) and len(current) == len(rows))

    def _after_change(self, select: int | None = None) -> None:
        """Show the store again after a change, selecting entry `select` if given."""
        self.refresh_tags()
        self.refresh()
        if select is not None and not select_row_with(self.table, select):
            for widget in (self.search, self.tag):  # the entry is filtered out: show everything
                widget.blockSignals(True)
            self.search.clear()
            self.tag.setCurrentIndex(0)
            for widget in (self.search, self.tag):
                widget.blockSignals(False)
            self.refresh()
            select_row_with(self.table, select)

    # -- commands ----------------------------------------------------------------------------
    def add_entry(self) -> None:
        """Ask for a new entry (the search text as its name) and add it."""
        dialog = EntryDialog(self.store, Recipient(self.search.text().strip()), self)
        if data_dialogs.run_dialog(dialog) and dialog.saved is not None:
            self._after_change(dialog.saved.id)

    def edit_entry(self) -> None:
        """Edit the selected entry in place (typo fixes)."""
        ids = self.selected_ids()
        if len(ids) != 1:
            return
        dialog = EntryDialog(self.store, self.store.addressbook.get(ids[0]), self)
        if data_dialogs.run_dialog(dialog) and dialog.saved is not None:
            self._after_change(dialog.saved.id)

    def delete_entries(self) -> None:
        """Delete the selected entries after asking; say which ones a list still uses."""
        entries = self.selected_entries()
        if not entries:
            return
        what = TEXT["one"].format(entries[0].name) if len(entries) == 1 else TEXT["many"].format(len(entries))
        if dialogs.presenter_of(self).ask(self, TEXT["ask_delete"].format(what), TEXT["delete_yes"],
                                          TEXT["delete_no"]) != dialogs.YES:
            return
        failed = []
        for entry in entries:
            try:
                ServerSide(self, self.store, "addressbook").delete(entry.id)
            except UserMessageError as exc:
                failed.append(TEXT["not_deleted"].format(entry.name, exc.message))
        self._after_change()
        if failed:
            dialogs.presenter_of(self).error(self, "\n".join(failed))

    def rename_entry(self) -> None:
        """Rename the selected entry from a date."""
        self._change("rename")

    def merge_entries(self) -> None:
        """Merge the selected entries into a new one from a date."""
        if len(self.selected_ids()) < 2:
            dialogs.presenter_of(self).error(self, TEXT["need_two"])
            return
        self._change("merge")

    def retire_entries(self) -> None:
        """Retire the selected entries from a date."""
        self._change("retire")

    def _change(self, mode: str) -> None:
        """Run the rename, merge or retire dialog on the selection."""
        entries = self.selected_entries()
        if not entries:
            return
        dialog = ChangeDialog(self.store, mode, entries, self)
        if data_dialogs.run_dialog(dialog):
            self._after_change(dialog.result_id)

    def import_file(self) -> None:
        """Import a CSV or JSON file chosen by the clerk and say what changed."""
        path = choose_file(self, TEXT["import_title"], str(paths.documents_dir()), save=False)
        if not path:
            return
        report = []
        if self.guard(lambda: report.append(ServerSide(self, self.store).import_file(path))):
            self._after_change()
            dialogs.presenter_of(self).info(self, TEXT["imported"].format(Path(path).name, report[0].summary()))

    def export_file(self) -> None:
        """Export the address book, lists and profiles to a file chosen by the clerk."""
        start = str(paths.documents_dir() / f"{safe_file_name(f'so-dia-chi-{_dt.date.today().isoformat()}')}.csv")
        path = choose_file(self, TEXT["export_title"], start, save=True)
        if not path:
            return
        written = []
        if self.guard(lambda: written.extend(ServerSide(self, self.store).export(path))):
            dialogs.presenter_of(self).info(self, TEXT["exported"].format("\n".join(str(p) for p in written)))


class EntryDialog(QDialog):
    """Add or edit one address-book entry; keep the dialog open with the typed text on an error."""

    def __init__(self, store, entry: Recipient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.entry = entry
        self.saved: Recipient | None = None
        self.setWindowTitle(TEXT["entry_edit" if entry.id is not None else "entry_add"])
        self.name, self.short = QLineEdit(entry.name), QLineEdit(entry.short_name)
        self.tags = QLineEdit(", ".join(entry.tags))
        self.valid_from = OptionalDate(TEXT["from_day"], entry.valid_from)
        self.valid_to = OptionalDate(TEXT["from_day"], entry.valid_to)
        self.note = ShortText(3)
        self.note.setPlainText(entry.note)
        form = QFormLayout()
        self.errors = {}
        for key, widget in (("name", self.name), ("short", self.short), ("tags", self.tags)):
            self.errors[key] = form_field(form, TEXT[key], widget, TEXT[f"{key}_tip"])
        self.errors["short_name"] = self.errors.pop("short")
        self.errors["valid_from"] = form_field(form, TEXT["valid_from"], self.valid_from, TEXT["valid_from_tip"])
        self.errors["valid_to"] = form_field(form, TEXT["valid_to"], self.valid_to, TEXT["valid_to_tip"])
        self.errors["note"] = form_field(form, TEXT["note"], self.note, TEXT["note_tip"])
        finish_form_dialog(self, QVBoxLayout(self), form, TEXT["save"], TEXT["cancel"], 640, self.name)
        self.name.selectAll()  # the search text is offered as the name: typing replaces it

    def accept(self) -> None:
        """Save the entry (new, or only the fields changed in place); on an error keep the dialog open.

        A field changed meanwhile in another window is asked about; a rename made meanwhile is kept
        and told.
        """
        e = self.entry
        entry = Recipient(self.name.text(), self.short.text(), split_tags(self.tags.text()),
                          self.valid_from.value(), self.valid_to.value(), e.replaced_by, e.id, e.uid,
                          self.note.toPlainText())
        book = ServerSide(self, self.store, "addressbook")  # tries an absent server again, off the UI thread
        if e.id is None:
            if guarded(self, lambda: setattr(self, "saved", book.add(entry)), self.errors):
                super().accept()
            return
        stored: list[Recipient | None] = []
        if not guarded(self, lambda: stored.append(save_edit(self, book.update, entry, e)), self.errors):
            return
        if stored[0] is None:  # the clerk chose Hủy in the conflict question: keep editing
            return
        self.saved = stored[0]
        self._tell_changed_meanwhile(stored[0])
        super().accept()

    def _tell_changed_meanwhile(self, saved: Recipient) -> None:
        """Say when another window renamed or retired the entry while it was being edited."""
        if saved.valid_to is None or saved.valid_to in (self.entry.valid_to, self.valid_to.value()):
            return  # unchanged, or the clerk's own date
        if saved.replaced_by is not None:
            new = self.store.addressbook.get(saved.replaced_by).name
            dialogs.presenter_of(self).info(self, TEXT["renamed_meanwhile"].format(old=saved.name, new=new))
        else:
            dialogs.presenter_of(self).info(self, TEXT["ended_meanwhile"].format(old=saved.name))


class ChangeDialog(QDialog):
    """Rename one entry, merge several, or retire them, from a date."""

    def __init__(self, store, mode: str, entries: list[Recipient],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.mode, self.entries = store, mode, entries
        self.result_id: int | None = None
        self.setWindowTitle(TEXT[f"{mode}_title"])
        intro = QLabel(TEXT[f"{mode}_intro"].format(entries[0].name))
        intro.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        if mode != "rename":
            names = QListWidget()
            names.addItems([e.name for e in entries])
            names.setMaximumHeight(names.sizeHintForRow(0) * min(len(entries), 6) + 8)
            names.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            column.addWidget(names)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.name, self.short, self.tags = QLineEdit(), QLineEdit(), QLineEdit()
        if mode == "rename":
            self.name.setText(entries[0].name)
            self.short.setText(entries[0].short_name)
        if mode == "merge":
            self.tags.setText(", ".join(dict.fromkeys(t for e in entries for t in e.tags)))
        if mode != "retire":
            self.errors["name"] = form_field(form, TEXT["merged_name" if mode == "merge" else "new_name"],
                                            self.name, TEXT["new_name_tip"])
            self.errors["short_name"] = form_field(form, TEXT["new_short"], self.short, TEXT["new_short_tip"])
        if mode == "merge":
            self.errors["tags"] = form_field(form, TEXT["merged_tags"], self.tags, TEXT["tags_tip"])
        self.on = date_edit()
        self.errors["on"] = form_field(form, TEXT["retire_on" if mode == "retire" else "on"], self.on, TEXT["on_tip"])
        finish_form_dialog(self, column, form, TEXT[f"{mode}_ok"], TEXT["cancel"], 600,
                           self.on if mode == "retire" else self.name)
        if mode == "rename":
            self.name.selectAll()

    def _apply(self) -> None:
        """Carry out the change in the store (raises UserMessageError on bad input)."""
        book, on = ServerSide(self, self.store, "addressbook"), from_qdate(self.on.date())
        old = self.entries[0]
        if self.mode == "rename":
            if self.name.text().strip() == old.name and self.short.text().strip() == old.short_name:
                raise UserDataError(TEXT["same_name"], field="name")
            self.result_id = book.rename(old.id, self.name.text(), on, self.short.text()).id
        elif self.mode == "merge":
            self.result_id = book.merge([e.id for e in self.entries], self.name.text(), on,
                                        self.short.text(), split_tags(self.tags.text())).id
        else:
            book.retire([e.id for e in self.entries], on)

    def accept(self) -> None:
        """Apply the change; on an error show it and keep everything typed."""
        if guarded(self, self._apply, self.errors):
            super().accept()
