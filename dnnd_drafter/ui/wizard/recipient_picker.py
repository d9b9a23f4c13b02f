"""Pick names from the address book into an ordered list, and save or load named lists.

Used by step 2 (Kính gửi, full names) and step 5 (Nơi nhận, short forms). Search ignores marks
and tone placement (``uy ban`` finds ``Ủy ban`` and ``Uỷ ban``); Enter adds the best match.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from dnnd_drafter.ui import dialogs
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.ui.dialogs import guarded
from dnnd_drafter.ui.editors import OrderedList
from dnnd_drafter.ui.server_calls import ServerSide, follow_copy
from dnnd_drafter.ui.widgets import error_label
from dnnd_drafter.store.search_index import closeness

if TYPE_CHECKING:
    from dnnd_drafter.store import Store

MATCH_LIMIT = 30  # entries listed for a search as the clerk types
BROWSE_LIMIT = 300  # entries listed A–Z before anything is typed (the search box narrows them)

TEXT = {
    "search": "Tìm trong sổ địa chỉ:",
    "search_tip": "Gõ vài chữ, có dấu hay không dấu đều được (ví dụ: uy ban); Enter để thêm kết quả "
                  "đang chọn (khớp nhất).",
    "no_match": "Sổ địa chỉ không có “{}”. Thêm tên mới này vào danh sách (và vào sổ địa chỉ)?",
    "no_match_yes": "Thêm tên mới", "no_match_no": "Không",
    "search_hint": "gõ để tìm, ví dụ: mat tran",
    "results": "Kết quả:", "results_tip": "Nhấp đúp hoặc bấm “Thêm” để đưa vào danh sách.",
    "add": "Thêm ➜", "add_tip": "Thêm mục đang chọn vào danh sách bên phải.",
    "new": "Thêm tên mới", "new_tip": "Thêm đúng dòng chữ đang gõ (và ghi vào sổ địa chỉ).",
    "chosen": "Đã chọn (theo thứ tự in):",
    "chosen_tip": "Kéo thả hoặc Ctrl+↑/↓ để đổi thứ tự; Delete để bỏ.",
    "lists": "Danh sách đã lưu:", "lists_tip": "Nạp một danh sách nơi gửi/nơi nhận đã lưu.",
    "load": "Nạp", "load_tip": "Thay danh sách đang chọn bằng danh sách đã lưu.",
    "save_name": "tên danh sách mới", "save_name_tip": "Tên để lưu các mục đã chọn thành danh sách dùng lại.",
    "save": "Lưu thành danh sách",
    "save_tip": "Lưu các mục đã chọn thành một danh sách dùng lại sau.",
    "saved": "Đã lưu danh sách “{}”.", "no_name": "Hãy gõ tên cho danh sách trước khi lưu.",
    "no_store": "Chưa mở được dữ liệu của cơ quan nên chưa lưu được danh sách.",
    "not_in_book": "Đã thêm “{name}” vào văn bản, nhưng chưa ghi được vào sổ địa chỉ: {reason}",
}


class RecipientPicker(QWidget):
    """Search the address book and build an ordered list of names."""

    changed = Signal()

    def __init__(self, purpose: str, store: "Store | None", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.purpose = purpose
        self.store = store
        self.on: _dt.date | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(TEXT["search_hint"])
        self.search.setToolTip(TEXT["search_tip"])
        self.results = QListWidget()
        self.results.setToolTip(TEXT["results_tip"])
        self.add_button = QPushButton(TEXT["add"])
        self.add_button.setToolTip(TEXT["add_tip"])
        self.new_button = QPushButton(TEXT["new"])
        self.new_button.setToolTip(TEXT["new_tip"])
        self.chosen = OrderedList()
        self.chosen.setToolTip(TEXT["chosen_tip"])
        self.error = error_label()
        self.copy_note = QLabel()  # the server is away: the search reads this PC's copy
        self.copy_note.setWordWrap(True)
        self.copy_note.hide()
        self.lists = QComboBox()
        self.lists.setToolTip(TEXT["lists_tip"])
        self.load_button = QPushButton(TEXT["load"])
        self.load_button.setToolTip(TEXT["load_tip"])
        self.list_name = QLineEdit()
        self.list_name.setPlaceholderText(TEXT["save_name"])
        self.list_name.setToolTip(TEXT["save_name_tip"])
        self.save_button = QPushButton(TEXT["save"])
        self.save_button.setToolTip(TEXT["save_tip"])
        self._build()
        self.search.textChanged.connect(self.refresh_results)
        self.search.returnPressed.connect(self.add_first)
        self.results.itemDoubleClicked.connect(lambda item: self.add_name(item.text()))
        self.add_button.clicked.connect(self.add_current)
        self.new_button.clicked.connect(self.add_typed)
        self.load_button.clicked.connect(self.load_list)
        self.save_button.clicked.connect(self.save_list)
        self.chosen.changed.connect(self.changed)
        follow_copy(self, store, self.refresh_results)  # a colleague's change shows without a keystroke
        self.refresh_lists()

    def _build(self) -> None:
        """Arrange the widgets: search and results left, chosen list right, saved lists below."""
        grid = QGridLayout(self)
        search_label = QLabel(TEXT["search"])
        search_label.setBuddy(self.search)
        grid.addWidget(search_label, 0, 0)
        grid.addWidget(self.search, 1, 0)
        grid.addWidget(self.results, 2, 0)
        grid.addWidget(self.copy_note, 6, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        grid.addLayout(buttons, 3, 0)
        chosen_label = QLabel(TEXT["chosen"])
        chosen_label.setBuddy(self.chosen.list)
        self.chosen.list.setWordWrap(True)  # a long name wraps rather than hiding behind a scroll bar
        self.results.setWordWrap(True)
        grid.addWidget(chosen_label, 0, 1)
        column = QVBoxLayout()
        column.addWidget(self.chosen)
        column.addWidget(self.error)
        grid.addLayout(column, 1, 1, 3, 1)
        saved, save_as = QHBoxLayout(), QHBoxLayout()  # two rows, so a narrow window shows them whole
        lists_label = QLabel(TEXT["lists"])
        lists_label.setBuddy(self.lists)
        saved.addWidget(lists_label)
        saved.addWidget(self.lists, 1)
        saved.addWidget(self.load_button)
        save_as.addWidget(self.list_name, 1)
        save_as.addWidget(self.save_button)
        grid.addLayout(saved, 4, 0, 1, 2)
        grid.addLayout(save_as, 5, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        QWidget.setTabOrder(self.search, self.results)
        QWidget.setTabOrder(self.results, self.add_button)
        QWidget.setTabOrder(self.add_button, self.chosen.list)

    def names(self) -> list[str]:
        """Return the chosen names in order."""
        return self.chosen.items()

    def set_names(self, names: list[str]) -> None:
        """Show `names` as the chosen list."""
        self.chosen.set_items(names)

    def _display(self, entry: object) -> str:
        """Return the name to print for an address-book entry in this list's purpose."""
        return entry.cc_name if self.purpose == "noi_nhan" else entry.name  # type: ignore[attr-defined] # an address-book entry

    def set_date(self, on: _dt.date) -> None:
        """Offer the entries valid on `on` (the letter's date); refresh the list when it changes."""
        if on != self.on or not self.results.count():
            self.on = on
            self.refresh_results()

    def refresh_results(self) -> None:
        """Show the address-book entries matching the search text; all of them (A–Z) before typing.

        The list's items are rewritten in place (not cleared and made again) and painted once:
        a keystroke then costs the search and one repaint, not a rebuilt list.
        """
        query = self.search.text().strip()
        found = [] if self.store is None else self.store.addressbook.search(
            query, on=self.on, limit=MATCH_LIMIT if query else BROWSE_LIMIT)
        note = self.store.copy_notice() if self.store is not None else None
        self.copy_note.setText(note or "")
        self.copy_note.setVisible(bool(note))
        results = self.results
        results.setUpdatesEnabled(False)
        try:
            while results.count() > len(found):
                results.takeItem(results.count() - 1)  # the item goes with its last reference
            for row, entry in enumerate(found):
                item = results.item(row)
                if item is None:
                    item = QListWidgetItem()
                    results.addItem(item)
                item.setText(self._display(entry))
                item.setData(QtCore.Qt.ItemDataRole.UserRole, entry.id)
            if found:  # the list keeps its order; the closest hit is selected: the one Enter adds

                ranks = [closeness(query, (self._display(e), e.name, e.short_name)) for e in found] if query else [0]
                results.scrollToTop()
                results.setCurrentRow(ranks.index(min(ranks)))  # type: ignore[arg-type] # tuples, or [0] without a query
        finally:
            results.setUpdatesEnabled(True)

    def add_name(self, name: str) -> None:
        """Add `name` to the chosen list."""
        self.chosen.add(name)

    def add_current(self) -> None:
        """Add the selected search result."""
        item = self.results.currentItem()
        if item is not None:
            self.add_name(item.text())

    def add_first(self) -> None:
        """Add the best match of the search and clear the search box for the next one.

        With no match, offer to add the typed text as a new name.
        """
        if self.results.count():
            self.add_name((self.results.currentItem() or self.results.item(0)).text())
            self.search.clear()
            return
        typed = self.search.text().strip()
        if typed and dialogs.presenter_of(self).ask(self, TEXT["no_match"].format(typed), TEXT["no_match_yes"],
                                                    TEXT["no_match_no"]) == dialogs.YES:
            self.add_typed()

    def add_typed(self) -> None:
        """Add the typed text as a new name, and to the address book when it is new there.

        An annotation such as "(để báo cáo)" stays in the letter; the address book gets the name only.
        """
        text = self.search.text().strip()
        if not text:
            return
        self.add_name(text)  # the letter gets the name even when the address book cannot
        self.search.clear()
        if self.store is None:
            return
        try:  # on the office's server: off the UI thread, the server tried again when it was away
            ServerSide(self, self.store, "addressbook").add_if_new(text)
        except UserMessageError as exc:  # the office's server is away: say so, keep the name in the letter
            dialogs.presenter_of(self).error(self, TEXT["not_in_book"].format(name=text, reason=exc.message))

    def refresh_lists(self) -> None:
        """Fill the combo with the saved lists of this purpose."""
        self.lists.clear()
        if self.store is None:
            return
        try:  # a read of an absent server shows no lists rather than asking it again
            saved_lists = ServerSide(self, self.store, "lists", retry=False).all(self.purpose)
        except UserMessageError:
            return
        for saved in saved_lists:
            self.lists.addItem(saved.name, saved.id)

    def load_list(self) -> None:
        """Replace the chosen names with the selected saved list."""
        list_id = self.lists.currentData()
        if self.store is None or list_id is None:
            return
        names: list[str] = []
        if guarded(self, lambda: names.extend(ServerSide(self, self.store, "lists").names(list_id, on=self.on))):
            self.chosen.set_items(names)
            self.changed.emit()

    def save_list(self) -> None:
        """Save the chosen names as a named list."""
        name = self.list_name.text().strip()
        if self.store is None:
            dialogs.presenter_of(self).error(self, TEXT["no_store"])
            return
        if not name:
            dialogs.presenter_of(self).error(self, TEXT["no_name"])
            return
        lists = ServerSide(self, self.store, "lists")
        if not guarded(self, lambda: lists.save_from_draft(name, self.purpose, self.names(), on=self.on)):
            return
        self.refresh_lists()
        self.lists.setCurrentIndex(self.lists.findText(name))
        self.list_name.clear()
        dialogs.presenter_of(self).info(self, TEXT["saved"].format(name))
