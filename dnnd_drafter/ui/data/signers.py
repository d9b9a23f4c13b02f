"""Show Dữ liệu → Người ký: the usual signers of a profile (the active one first), add, edit and
delete them and choose the default one, with the authority forms of the profile's family."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from dnnd_drafter.model.letter import AUTHORITIES, FAMILIES
from dnnd_drafter.store import Signer
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.dialogs import guarded
from dnnd_drafter.ui.server_calls import ServerSide
from dnnd_drafter.ui.data import windows as data_dialogs
from dnnd_drafter.ui.widgets import finish_form_dialog
from dnnd_drafter.ui.data.windows import (DataDialog, button, button_row, form_field, make_table,
                                          row_data, select_row_with, selected_rows, table_item)

if TYPE_CHECKING:
    from dnnd_drafter.store import Profile
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT: dict[str, Any] = {  # strings, and the lists of column headers or step titles
    "title": "Người ký",
    "profile": "&Hồ sơ cơ quan:", "profile_tip": "Người ký được lưu theo từng hồ sơ cơ quan.",
    "active": " (đang dùng)",
    "headers": ["Mặc định", "Họ và tên", "Chức vụ", "Thẩm quyền ký", "Tập thể / người đứng đầu"],
    "default_mark": "✓",
    "add": "&Thêm…", "add_tip": "Thêm một người ký cho hồ sơ này (Ctrl+N).",
    "edit": "&Sửa…", "edit_tip": "Sửa người ký đang chọn (nhấp đúp vào dòng cũng được).",
    "delete": "&Xóa", "delete_tip": "Xóa người ký đang chọn (phím Delete).",
    "default": "Đặt làm &mặc định", "default_tip": "Văn bản mới tự điền người ký này.",
    "close": "Đóng", "close_tip": "Đóng cửa sổ (Esc).",
    "no_profile": "Chưa có hồ sơ cơ quan nào. Hãy tạo hồ sơ trước (Dữ liệu → Hồ sơ cơ quan).",
    "hint": "Người ký mặc định được điền sẵn vào văn bản mới; ở bước Chữ ký có thể chọn người khác.",
    "ask_delete": "Xóa người ký “{}”?", "delete_yes": "Xóa", "delete_no": "Không xóa",
    # the signer form
    "new_title": "Thêm người ký", "edit_title": "Sửa người ký", "for_profile": "Hồ sơ: {} — khối {}",
    "name": "Họ và tên:", "name_tip": "Ví dụ: Nguyễn Văn An.",
    "position": "Chức vụ:", "position_tip": "Chức vụ in trên chữ ký, ví dụ: BÍ THƯ, PHÓ CHỦ TỊCH.",
    "authority": "Thẩm quyền ký:", "authority_tip": "Cách ký theo thể thức của khối; “ký trực tiếp” khi người "
                                                    "đứng đầu ký với chức vụ của mình.",
    "body": "Tập thể / người đứng đầu:", "body_tip": "Sau T/M, TM.: tập thể lãnh đạo (BAN THƯỜNG VỤ, ỦY BAN NHÂN DÂN); "
                                                   "sau K/T, KT.: chức vụ người đứng đầu (BÍ THƯ, CHỦ TỊCH).",
    "is_default": "Người ký mặc định cho văn bản mới", "is_default_tip": "Chỉ một người là mặc định.",
    "save": "Lưu", "cancel": "Hủy",
    "authorities": {  # the forms of model.AUTHORITIES, explained
        "": "— ký trực tiếp", "T/M": "T/M — thay mặt tập thể", "K/T": "K/T — ký thay người đứng đầu",
        "T/L": "T/L — thừa lệnh", "TM.": "TM. — thay mặt tập thể", "KT.": "KT. — ký thay người đứng đầu",
        "TL.": "TL. — thừa lệnh", "TUQ.": "TUQ. — thừa ủy quyền", "Q.": "Q. — quyền (cấp trưởng)",
    },
}
AUTHORITY_NAMES: dict[str, str] = TEXT["authorities"]


class SignersDialog(DataDialog):
    """List and edit the signers of one profile."""

    def __init__(self, context: "AppContext", parent: QWidget | None = None, profile_id: int | None = None) -> None:
        super().__init__(context, parent, TEXT["title"], (960, 480))
        self.profile_box = QComboBox()
        self.profile_box.setToolTip(TEXT["profile_tip"])
        self.profile_box.setMinimumContentsLength(30)
        active = context.profile.id if context.profile is not None else None
        for profile in ServerSide(self, self.store, "profiles", retry=False).all():
            self.profile_box.addItem(profile.name + (TEXT["active"] if profile.id == active else ""), profile.id)
        wanted = profile_id if profile_id is not None else active
        self.profile_box.setCurrentIndex(max(self.profile_box.findData(wanted), 0))
        self.table = make_table(TEXT["headers"], 4)
        self.hint = QLabel(TEXT["hint"] if self.profile_box.count() else TEXT["no_profile"])
        self.hint.setWordWrap(True)
        self.buttons = {key: button(TEXT[key], TEXT[f"{key}_tip"], slot) for key, slot in (
            ("add", self.add_signer), ("edit", self.edit_signer), ("delete", self.delete_signer),
            ("default", self.make_default), ("close", self.accept))}
        label = QLabel(TEXT["profile"])
        label.setBuddy(self.profile_box)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.profile_box)
        top.addStretch(1)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.hint)
        column.addLayout(button_row(self.buttons["add"], self.buttons["edit"], self.buttons["delete"], None,
                                    self.buttons["default"], self.buttons["close"], stretch_at=5))
        for index, width in enumerate((80, 220, 170, 190)):
            self.table.setColumnWidth(index, width)
        self.profile_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.edit_signer())
        self.shortcut("Ctrl+N", self.add_signer)
        self.on_key(self.table, Qt.Key.Key_Delete, self.delete_signer)
        self.refresh()
        if self.table.rowCount():
            self.table.selectRow(0)

    def profile(self) -> "Profile | None":
        """Return the profile whose signers are shown, or None when there is none."""
        profile_id = self.profile_box.currentData()
        return self.store.profiles.get(profile_id) if profile_id is not None else None

    def signers(self) -> list[Signer]:
        """Return the signers of the shown profile, default first."""
        profile_id = self.profile_box.currentData()
        if profile_id is None:
            return []
        return ServerSide(self, self.store, "profiles", retry=False).signers(profile_id)

    def refresh(self) -> None:
        """Show the signers of the chosen profile."""
        keep = self.selected_id()
        signers = self.signers()
        self.table.setRowCount(len(signers))
        for row, signer in enumerate(signers):
            cells = (TEXT["default_mark"] if signer.is_default else "", signer.name, signer.position,
                     AUTHORITY_NAMES.get(signer.authority, signer.authority), signer.body)
            for index, text in enumerate(cells):
                self.table.setItem(row, index, table_item(text, signer.id if index == 0 else None))
        if keep is not None:
            select_row_with(self.table, keep)
        self.buttons["add"].setEnabled(self.profile_box.count() > 0)
        self._update_buttons()

    def selected_id(self) -> int | None:
        """Return the id of the selected signer, or None."""
        rows = selected_rows(self.table)
        return row_data(self.table, rows[0]) if rows else None

    def selected(self) -> Signer | None:
        """Return the selected signer, or None."""
        chosen = self.selected_id()
        return next((s for s in self.signers() if s.id == chosen), None)

    def _update_buttons(self) -> None:
        """Enable the buttons that need a selected signer."""
        signer = self.selected()
        for key in ("edit", "delete"):
            self.buttons[key].setEnabled(signer is not None)
        self.buttons["default"].setEnabled(signer is not None and not signer.is_default)

    def add_signer(self) -> None:
        """Add a signer to the shown profile (the first one becomes the default)."""
        profile = self.profile()
        if profile is None:
            dialogs.presenter_of(self).error(self, TEXT["no_profile"])
            return
        signer = Signer(profile.id, "", is_default=not self.signers(), sort_order=len(self.signers()))  # type: ignore[arg-type] # a listed profile is stored, so it has an id
        dialog = SignerDialog(self.store, profile, signer, self)
        if data_dialogs.run_dialog(dialog):
            self.refresh()
            select_row_with(self.table, signer.id)

    def edit_signer(self) -> None:
        """Edit the selected signer."""
        signer, profile = self.selected(), self.profile()
        if signer is None or profile is None:
            return
        dialog = SignerDialog(self.store, profile, signer, self)
        if data_dialogs.run_dialog(dialog):
            self.refresh()

    def delete_signer(self) -> None:
        """Delete the selected signer after asking."""
        signer = self.selected()
        if signer is None or dialogs.presenter_of(self).ask(self, TEXT["ask_delete"].format(signer.name),
                                                            TEXT["delete_yes"], TEXT["delete_no"]) != dialogs.YES:
            return
        if self.guard(lambda: ServerSide(self, self.store, "profiles").delete_signer(signer.id)):
            self.refresh()

    def make_default(self) -> None:
        """Make the selected signer the default one."""
        signer = self.selected()
        if signer is None:
            return
        signer.is_default = True
        if self.guard(lambda: ServerSide(self, self.store, "profiles").save_signer(signer)):
            self.refresh()
            select_row_with(self.table, signer.id)


class SignerDialog(QDialog):
    """Add or edit one signer; keep the dialog open with the typed text on an error."""

    def __init__(self, store, profile: "Profile", signer: Signer,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.profile, self.signer = store, profile, signer
        self.setWindowTitle(TEXT["edit_title" if signer.id is not None else "new_title"])
        intro = QLabel(TEXT["for_profile"].format(profile.name, FAMILIES[profile.family]))
        self.name, self.position, self.body = QLineEdit(signer.name), QLineEdit(signer.position), QLineEdit(signer.body)
        self.authority = QComboBox()
        for authority in AUTHORITIES[profile.family]:
            self.authority.addItem(AUTHORITY_NAMES.get(authority, authority), authority)
        self.authority.setCurrentIndex(max(self.authority.findData(signer.authority), 0))
        self.is_default = QCheckBox(TEXT["is_default"])
        self.is_default.setChecked(signer.is_default)
        self.is_default.setToolTip(TEXT["is_default_tip"])
        form = QFormLayout()
        self.errors = {key: form_field(form, TEXT[key], widget, TEXT[f"{key}_tip"]) for key, widget in (
            ("name", self.name), ("position", self.position), ("authority", self.authority), ("body", self.body))}
        form.addRow("", self.is_default)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        finish_form_dialog(self, column, form, TEXT["save"], TEXT["cancel"], 560, self.name)

    def accept(self) -> None:
        """Save the signer; on an error keep the dialog open."""
        s = self.signer
        edited = Signer(s.profile_id, self.name.text(), self.position.text(), self.authority.currentData() or "",
                        self.body.text(), self.is_default.isChecked(), s.sort_order, s.id)
        if guarded(self, lambda: ServerSide(self, self.store, "profiles").save_signer(edited), self.errors):
            s.id = edited.id
            super().accept()
