"""Create or edit an office profile (and its usual signer): the first-start setup and
Dữ liệu → Hồ sơ cơ quan. Everything the wizard fills in by itself comes from here."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget)

from dnnd_drafter.model.drafting import default_directing_body
from dnnd_drafter.model.letter import AUTHORITIES, FAMILIES
from dnnd_drafter.model.formats import CHOICES, OfficeChoices, load_format
from dnnd_drafter.ui.server_calls import ServerSide
from dnnd_drafter.ui.widgets import ShortText, add_field, dialog_buttons, show_error

from dnnd_drafter.store import Profile, Signer
from dnnd_drafter.ui.dialogs import user_errors_shown

if TYPE_CHECKING:
    from dnnd_drafter.store import Store

TEXT: dict[str, Any] = {  # texts, and lists of texts for the choices
    "title": "Hồ sơ cơ quan",
    "intro": "Nhập thông tin cơ quan một lần; mỗi văn bản mới sẽ tự điền các thông tin này.",
    "name": "Tên hồ sơ:", "name_tip": "Tên để phân biệt các hồ sơ, ví dụ: Đảng ủy xã, UBND xã.",
    "family": "Khối văn bản:", "family_tip": "Khối quyết định thể thức văn bản.",
    "parent": "Cơ quan cấp trên:", "parent_tip": "Ví dụ: ĐẢNG BỘ TỈNH LÂM ĐỒNG (có thể bỏ trống).",
    "issuer": "Cơ quan ban hành:", "issuer_tip": "Ví dụ: ĐẢNG ỦY XÃ CÁT TIÊN; xuống dòng để ngắt dòng.",
    "abbreviation": "Viết tắt:", "abbreviation_tip": "Chữ viết tắt trong ký hiệu, ví dụ: ĐU, UBND.",
    "unit": "Đơn vị soạn thảo:", "unit_tip": "Viết tắt đơn vị soạn thảo trong ký hiệu (ví dụ: VP); có thể bỏ trống.",
    "unit_in_symbol": "Ghi vào ký hiệu",
    "unit_in_symbol_tip": "Ghi đơn vị soạn thảo vào ký hiệu (CV/ĐU-VP thay cho CV/ĐU). Văn bản Đảng thường "
                          "không ghi (CV/ĐU); văn bản Nhà nước và Đoàn thường ghi (UBND-VP).",
    "term_to": "đến",
    "directing": "Cơ quan chỉ đạo:",
    "directing_tip": "Chủ ngữ câu mở đầu, ví dụ: Ban Thường vụ Huyện ủy chỉ đạo …; Ủy ban nhân dân xã đề nghị …",
    "directing_auto": "Để trống: dùng “{}”", "directing_none": "Cần nhập, ví dụ: Ban Thường vụ Đảng ủy",
    "place": "Địa danh:", "place_tip": "Địa danh ghi trước ngày tháng.",
    "archive": "Dòng “Lưu”:", "archive_tip": "Ví dụ: Lưu Văn phòng Đảng ủy (Đảng) hoặc Lưu: VT, VP (Nhà nước).",
    "term": "Nhiệm kỳ từ ngày:", "term_tip": "Văn bản của Đảng đánh số theo nhiệm kỳ của cấp ủy.",
    "signer_box": "Người ký thường dùng",
    "signer_name": "Họ và tên:", "signer_name_tip": "Người thường ký văn bản.",
    "signer_position": "Chức vụ:", "signer_position_tip": "Ví dụ: BÍ THƯ, CHỦ TỊCH.",
    "signer_authority": "Thẩm quyền ký:", "signer_authority_tip": "T/M, K/T … hoặc TM., KT. …",
    "signer_body": "Tập thể / người đứng đầu:", "signer_body_tip": "Ví dụ: BAN THƯỜNG VỤ, ỦY BAN NHÂN DÂN.",
    "choices_box": "Cách trình bày riêng của cơ quan",
    "choices_intro": "Văn bản thực tế khác nhau ở các điểm này; để “Theo khối” nếu cơ quan dùng cách thông thường.",
    "list_separator": "Dấu cuối dòng Kính gửi, Nơi nhận:",
    "list_separator_tip": "Mỗi dòng kết thúc bằng dấu phẩy (Huyện ủy Cát Tiên) hoặc chấm phẩy (Ban Tuyên giáo "
                          "Hương Trà); dòng cuối luôn là dấu chấm.",
    "closing_mark": "Dấu “./.” sau nội dung:",
    "closing_mark_tip": "Văn bản Nhà nước thường có “./.”; văn bản Đảng và một số văn bản công đoàn không có.",
    "cc_label_style": "Chữ “Nơi nhận:”:",
    "cc_label_style_tip": "Văn bản Đảng: cỡ 14, gạch chân; Nhà nước: cỡ 12, đậm nghiêng. Đoàn chọn được một trong hai.",
    "default": "Theo khối ({})",
    "values": {"list_separator": {",": "dấu phẩy “,”", ";": "dấu chấm phẩy “;”"},
               "closing_mark": {"./.": "có “./.”", "": "không có"},
               "cc_label_style": {"underline": "cỡ 14, gạch chân", "bold_italic": "cỡ 12, đậm nghiêng"}},
    "ok": "Lưu hồ sơ", "cancel": "Hủy",
    "required": "Bắt buộc nhập.",
}


def _row(*widgets: QWidget) -> QWidget:
    """Return one form row holding `widgets` side by side (the first one stretches)."""
    row = QWidget()
    line = QHBoxLayout(row)
    line.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        line.addWidget(widget, 1 if index == 0 else 0)
    return row


def _date(value: _dt.date) -> QDate:
    """Return a QDate of `value`."""
    return QDate(value.year, value.month, value.day)


class ProfileDialog(QDialog):
    """Edit one profile and its default signer, then save them to the store."""

    def __init__(self, store: "Store", profile: "Profile | None" = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT["title"])
        self.store = store
        self.profile = profile
        self.saved: "Profile | None" = None
        self._signer_id: int | None = None
        column = QVBoxLayout(self)
        intro = QLabel(TEXT["intro"])
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        self.name, self.family, self.parent_body = QLineEdit(), QComboBox(), QLineEdit()
        for key, label in FAMILIES.items():
            self.family.addItem(label, key)
        self.issuer, self.abbreviation, self.unit = ShortText(2), QLineEdit(), QLineEdit()
        self.place, self.archive, self.directing = QLineEdit(), QLineEdit(), QLineEdit()
        self.unit_in_symbol = QCheckBox(TEXT["unit_in_symbol"])
        self.unit_in_symbol.setToolTip(TEXT["unit_in_symbol_tip"])
        self._unit_choice: bool | None = None  # None: follow the family's usual choice
        self.term_start, self.term_end = QDateEdit(), QDateEdit()
        for edit in (self.term_start, self.term_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        self.term_start.setDate(_date(_dt.date(2025, 10, 1)))
        self.term_end.setDate(_date(_dt.date(2030, 9, 30)))
        self.errors = {}
        self.unit.setToolTip(TEXT["unit_tip"])
        unit_row = _row(self.unit, self.unit_in_symbol)
        term_row = _row(self.term_start, QLabel(TEXT["term_to"]), self.term_end)
        for key, widget in (("name", self.name), ("family", self.family), ("parent", self.parent_body),
                            ("issuer", self.issuer), ("abbreviation", self.abbreviation), ("unit", unit_row),
                            ("place", self.place), ("archive", self.archive), ("directing", self.directing),
                            ("term", term_row)):
            self.errors[key] = add_field(form, TEXT[key], widget, TEXT[f"{key}_tip"])
        column.addLayout(form)
        box = QGroupBox(TEXT["signer_box"])
        signer_form = QFormLayout(box)
        self.signer_name, self.signer_position = QLineEdit(), QLineEdit()
        self.signer_authority, self.signer_body = QComboBox(), QLineEdit()
        for key, widget in (("signer_name", self.signer_name), ("signer_position", self.signer_position),
                            ("signer_authority", self.signer_authority), ("signer_body", self.signer_body)):
            add_field(signer_form, TEXT[key], widget, TEXT[f"{key}_tip"])
        boxes = QHBoxLayout()  # side by side: the dialog still fits a 1024×600 screen
        boxes.addWidget(box, 1)
        boxes.addWidget(self._choices_box(), 1)
        column.addLayout(boxes)
        buttons = dialog_buttons(self, TEXT["ok"], TEXT["cancel"])
        column.addWidget(buttons)
        self.family.currentIndexChanged.connect(self._family_changed)
        self.issuer.textChanged.connect(self._show_directing_default)
        self.parent_body.textChanged.connect(self._show_directing_default)
        self.unit_in_symbol.clicked.connect(lambda checked: setattr(self, "_unit_choice", checked))
        self._family_changed()
        self._show_choices(OfficeChoices())
        self.setMinimumWidth(560)
        if profile is not None:
            self._load(profile)

    def _choices_box(self) -> QGroupBox:
        """Return the box of the office choices: one list per choice, “Theo khối” first."""
        box = QGroupBox(TEXT["choices_box"])
        box.setToolTip(TEXT["choices_intro"])
        form = QFormLayout(box)
        self.choices = {name: QComboBox() for name in CHOICES}
        for name, combo in self.choices.items():
            add_field(form, TEXT[name], combo, TEXT[f"{name}_tip"])
        return box

    def _show_choices(self, chosen: OfficeChoices) -> None:
        """Offer the choices of the family shown (its default first), selecting `chosen` where offered."""
        fmt = load_format(self.family.currentData())
        for name, combo in self.choices.items():
            words = TEXT["values"][name]
            combo.clear()
            combo.addItem(TEXT["default"].format(words[fmt.default_choice(name)]), None)
            for value in fmt.options(name)[1:]:
                combo.addItem(words[value], value)
            combo.setCurrentIndex(max(combo.findData(getattr(chosen, name)), 0))
            combo.setEnabled(combo.count() > 1)

    def chosen(self) -> OfficeChoices:
        """Return the office choices shown (None where the family's default is kept)."""
        return OfficeChoices(**{name: combo.currentData() for name, combo in self.choices.items()})

    def _family_changed(self) -> None:
        """Offer the family's authority forms and choices, and show the term only for Party bodies."""
        family = self.family.currentData()
        if hasattr(self, "choices"):
            self._show_choices(self.chosen())
        self.signer_authority.clear()
        for form in AUTHORITIES[family]:
            self.signer_authority.addItem(form or "—", form)
        party = family in ("dang", "doan_tn")
        self.term_start.setEnabled(party)
        self.term_end.setEnabled(party)
        self._show_unit_choice()
        self._show_directing_default()

    def _profile_shape(self) -> "Profile":
        """Return a profile of the family shown, to ask it the family's usual choices."""
        return Profile("", self.family.currentData(), "", unit_in_symbol=self._unit_choice)

    def _show_unit_choice(self) -> None:
        """Tick the unit box as the clerk chose, else as the family usually writes the ký hiệu."""
        self.unit_in_symbol.setChecked(self._profile_shape().writes_unit_in_symbol())

    def _show_directing_default(self) -> None:
        """Show in the empty subject field which subject an opening gets when it stays empty."""
        usual = default_directing_body(self.issuer.text(), self.parent_body.text())
        self.directing.setPlaceholderText(TEXT["directing_auto"].format(usual) if usual else TEXT["directing_none"])

    def _load(self, profile: "Profile") -> None:
        """Show an existing profile."""
        self.name.setText(profile.name)
        self.family.setCurrentIndex(max(self.family.findData(profile.family), 0))
        self.parent_body.setText(profile.parent_body)
        self.issuer.setText(profile.issuing_body)
        self.abbreviation.setText(profile.abbreviation)
        self.unit.setText(", ".join(profile.unit_abbreviations))
        self.place.setText(profile.default_place)
        self.archive.setText(profile.archive_line)
        self.directing.setText(profile.directing_body)
        self._unit_choice = profile.unit_in_symbol
        self._show_unit_choice()
        self._show_choices(profile.choices)
        if profile.term_start and profile.term_end:
            self.term_start.setDate(_date(profile.term_start))
            self.term_end.setDate(_date(profile.term_end))
        signer = self.store.profiles.default_signer(profile.id) if profile.id is not None else None
        if signer is not None:
            self._signer_id = signer.id
            self.signer_name.setText(signer.name)
            self.signer_position.setText(signer.position)
            self.signer_authority.setCurrentIndex(max(self.signer_authority.findData(signer.authority), 0))
            self.signer_body.setText(signer.body)

    def accept(self) -> None:
        """Check the required fields, save the profile and signer, then close."""
        missing = False
        for key, widget in (("name", self.name), ("issuer", self.issuer), ("place", self.place)):
            empty = not widget.text().strip()
            show_error(self.errors[key], TEXT["required"] if empty else "")
            missing = missing or empty
        if missing:
            return
        family = self.family.currentData()
        party = family in ("dang", "doan_tn")
        qs, qe = self.term_start.date(), self.term_end.date()
        profile = Profile(
            name=self.name.text().strip(), family=family, issuing_body=self.issuer.text().strip(),
            parent_body=self.parent_body.text().strip(), abbreviation=self.abbreviation.text().strip(),
            default_place=self.place.text().strip(),
            unit_abbreviations=[u.strip() for u in self.unit.text().split(",") if u.strip()],
            archive_line=self.archive.text().strip(), directing_body=self.directing.text().strip(),
            unit_in_symbol=self._unit_choice, choices=self.chosen(),
            term_start=_dt.date(qs.year(), qs.month(), qs.day()) if party else None,
            term_end=_dt.date(qe.year(), qe.month(), qe.day()) if party else None,
            id=self.profile.id if self.profile is not None else None)
        profiles = ServerSide(self, self.store, "profiles")  # tries an absent server again, off the UI thread
        with user_errors_shown(self) as outcome:
            saved = profiles.save(profile)
            if self.signer_name.text().strip() and saved.id is not None:
                profiles.save_signer(Signer(
                    saved.id, self.signer_name.text().strip(), self.signer_position.text().strip(),
                    self.signer_authority.currentData() or "", self.signer_body.text().strip(), is_default=True,
                    id=self._signer_id))
        if outcome.failed:
            return
        self.saved = saved
        super().accept()
