"""Show Dữ liệu → Sổ địa chỉ: search the address book as you type (marks do not matter), add,
edit and delete entries, rename or merge bodies from a date (old letters keep old names), retire
entries, and import or export the book as CSV or JSON (the entry forms live in addressbook_forms)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.files.filenames import safe_file_name
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.server_calls import ServerSide, follow_copy
from dnnd_drafter.ui.data import windows as data_dialogs
from dnnd_drafter.ui.data.addressbook_forms import ChangeDialog, EntryDialog
from dnnd_drafter.ui.data.windows import (DataDialog, button, button_row, make_table, row_data, select_row_with,
                                          selected_rows, table_item)
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
        self.copy_note = QLabel()  # the server is away: the search reads this PC's copy
        self.copy_note.hide()
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
        follow_copy(self, self.store, self.refresh)  # a colleague's change shows without a keystroke
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
        column.addWidget(self.copy_note)
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
        note = self.store.copy_notice() if self.store is not None else None
        self.copy_note.setText(note or "")
        self.copy_note.setVisible(bool(note))
        self._update_buttons()

    def _status(self, entry: Recipient, today: _dt.date) -> str:
        """Return the Tình trạng column of `entry`."""
        if entry.valid_to is not None and entry.valid_to <= today:
            successor = self.store.addressbook.shown(entry.replaced_by) if entry.replaced_by is not None else None
            return TEXT["renamed"].format(successor.name) if successor is not None else TEXT["ended"]
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
