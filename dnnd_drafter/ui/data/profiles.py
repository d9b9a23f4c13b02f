"""Show Dữ liệu → Hồ sơ cơ quan: the office profiles, add, edit (with :class:`ProfileDialog`) and
delete them, and choose the one new letters use (“Dùng hồ sơ này”)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dnnd_drafter.model.letter import FAMILIES
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.dialogs import guarded
from dnnd_drafter.ui.server_calls import ServerSide
from dnnd_drafter.ui.data import windows as data_dialogs
from dnnd_drafter.ui.data.windows import (DataDialog, button, button_row, make_table, row_data, select_row_with,
                                          selected_rows, table_item)
from dnnd_drafter.ui.data.profile_dialog import ProfileDialog
from dnnd_drafter.ui.data.signers import SignersDialog

if TYPE_CHECKING:
    from dnnd_drafter.store import Profile
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT: dict[str, Any] = {  # strings, and the lists of column headers or step titles
    "title": "Hồ sơ cơ quan",
    "intro": "Mỗi hồ sơ là một cơ quan ban hành văn bản. Văn bản mới (Tệp → Mới) lấy cơ quan, địa danh, "
             "ký hiệu và người ký từ hồ sơ đang dùng.",
    "headers": ["Đang dùng", "Tên hồ sơ", "Khối", "Cơ quan ban hành", "Viết tắt", "Người ký mặc định"],
    "active_mark": "✓", "signer": "{} — {}",
    "add": "&Thêm…", "add_tip": "Tạo hồ sơ cho một cơ quan khác (Ctrl+N).",
    "edit": "&Sửa…", "edit_tip": "Sửa hồ sơ đang chọn (nhấp đúp vào dòng cũng được).",
    "delete": "&Xóa",
    "delete_tip": "Xóa hồ sơ đang chọn cùng người ký của nó (không xóa được khi sổ văn bản đi đã có số).",
    "use": "&Dùng hồ sơ này", "use_tip": "Văn bản mới sẽ dùng hồ sơ đang chọn.",
    "signers": "&Người ký…", "signers_tip": "Xem và sửa người ký của hồ sơ đang chọn.",
    "close": "Đóng", "close_tip": "Đóng cửa sổ (Esc).",
    "active": "Đang dùng: {}. Văn bản mới (Tệp → Mới) sẽ dùng hồ sơ này.",
    "no_active": "Chưa chọn hồ sơ nào; hãy chọn một hồ sơ rồi bấm “Dùng hồ sơ này”.",
    "ask_delete": "Xóa hồ sơ “{}” cùng các người ký của nó?", "delete_yes": "Xóa", "delete_no": "Không xóa",
}


class ProfilesDialog(DataDialog):
    """List the office profiles and pick the active one."""

    def __init__(self, context: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(context, parent, TEXT["title"], (1040, 520))
        intro = QLabel(TEXT["intro"])
        intro.setWordWrap(True)
        self.table = make_table(TEXT["headers"], 3)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.buttons = {key: button(TEXT[key], TEXT[f"{key}_tip"], slot) for key, slot in (
            ("add", self.add_profile), ("edit", self.edit_profile), ("delete", self.delete_profile),
            ("use", self.use_profile), ("signers", self.open_signers), ("close", self.accept))}
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.table, 1)
        column.addWidget(self.status)
        column.addLayout(button_row(self.buttons["add"], self.buttons["edit"], self.buttons["delete"], None,
                                    self.buttons["use"], self.buttons["signers"], self.buttons["close"],
                                    stretch_at=6))
        for index, width in enumerate((80, 170, 110, 0, 80, 200)):
            if width:
                self.table.setColumnWidth(index, width)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.edit_profile())
        self.shortcut("Ctrl+N", self.add_profile)
        self.on_key(self.table, Qt.Key.Key_Delete, self.delete_profile)
        self.refresh()
        active = self.context.profile
        if not (active is not None and select_row_with(self.table, active.id)) and self.table.rowCount():
            self.table.selectRow(0)

    def refresh(self) -> None:
        """Show every profile, the active one marked and in bold."""
        keep = self.selected_id()
        profiles = ServerSide(self, self.store, "profiles", retry=False).all()
        active = self.context.profile.id if self.context.profile is not None else None
        self.table.setRowCount(len(profiles))
        for row, profile in enumerate(profiles):
            signer = self.store.profiles.default_signer(profile.id)
            cells = (TEXT["active_mark"] if profile.id == active else "", profile.name, FAMILIES[profile.family],
                     profile.issuing_body.replace("\n", " "), profile.abbreviation,
                     TEXT["signer"].format(signer.name, signer.position) if signer else "")
            for index, text in enumerate(cells):
                item = table_item(text, profile.id if index == 0 else None)
                if profile.id == active:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, index, item)
        if keep is not None:
            select_row_with(self.table, keep)
        name = self.context.profile.name if self.context.profile is not None else ""
        self.status.setText(TEXT["active"].format(name) if name else TEXT["no_active"])
        self._update_buttons()

    def selected_id(self) -> int | None:
        """Return the id of the selected profile, or None."""
        rows = selected_rows(self.table)
        return row_data(self.table, rows[0]) if rows else None

    def selected(self) -> "Profile | None":
        """Return the selected profile as stored now, or None."""
        profile_id = self.selected_id()
        return self.store.profiles.get(profile_id) if profile_id is not None else None

    def _update_buttons(self) -> None:
        """Enable the buttons that need a selected profile."""
        chosen = self.selected_id()
        for key in ("edit", "delete", "signers"):
            self.buttons[key].setEnabled(chosen is not None)
        active = self.context.profile.id if self.context.profile is not None else None
        self.buttons["use"].setEnabled(chosen is not None and chosen != active)

    def _saved(self, profile: "Profile") -> None:
        """Keep the context up to date after `profile` was saved, and show it selected."""
        active = self.context.profile
        if active is None or active.id == profile.id:
            self.context.profile = profile
        self.refresh()
        select_row_with(self.table, profile.id)

    def add_profile(self) -> None:
        """Create a profile with the profile form."""
        dialog = ProfileDialog(self.store, None, self)
        if data_dialogs.run_dialog(dialog) and dialog.saved is not None:
            self._saved(dialog.saved)

    def edit_profile(self) -> None:
        """Edit the selected profile with the profile form."""
        profile = self.selected()
        if profile is None:
            return
        dialog = ProfileDialog(self.store, profile, self)
        if data_dialogs.run_dialog(dialog) and dialog.saved is not None:
            self._saved(dialog.saved)

    def delete_profile(self) -> None:
        """Delete the selected profile after asking; another one becomes active if it was."""
        profile = self.selected()
        if profile is None or dialogs.presenter_of(self).ask(self, TEXT["ask_delete"].format(profile.name),
                                                             TEXT["delete_yes"], TEXT["delete_no"]) != dialogs.YES:
            return
        if not guarded(self, lambda: ServerSide(self, self.store, "profiles").delete(profile.id)):
            return
        if self.context.profile is not None and self.context.profile.id == profile.id:
            remaining = self.store.profiles.all()
            self.context.profile = remaining[0] if remaining else None
        self.refresh()
        if self.table.rowCount():
            self.table.selectRow(0)

    def use_profile(self) -> None:
        """Make the selected profile the one new letters use."""
        profile = self.selected()
        if profile is not None:
            self.context.profile = profile
            self.refresh()

    def open_signers(self) -> None:
        """Show the signers of the selected profile."""
        profile_id = self.selected_id()
        if profile_id is None:
            return

        data_dialogs.run_dialog(SignersDialog(self.context, self, profile_id))
        self.refresh()
