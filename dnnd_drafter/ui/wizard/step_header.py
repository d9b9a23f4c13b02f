"""Step 1, Thể thức và số: family, template, issuer, number or blank, place, date, trích yếu."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QFormLayout, QHBoxLayout, QLineEdit,
                               QVBoxLayout, QWidget)

from dnnd_drafter.model import drafting
from dnnd_drafter.model.content import plain
from dnnd_drafter.model.letter import FAMILIES, Draft
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.widgets import ShortText, add_field
from dnnd_drafter.model.formats import load_format

TEXT = {
    "family": "Khối văn bản:", "family_tip": "Khối quyết định thể thức: Đảng, Nhà nước, đoàn thể, Đoàn TN.",
    "template": "Mẫu văn bản:", "template_tip": "Mẫu nội dung văn bản sẽ dùng.",
    "parent": "Cơ quan cấp trên:", "parent_tip": "Tên cơ quan cấp trên trực tiếp (có thể bỏ trống), "
                                                 "ví dụ: ĐẢNG BỘ TỈNH LÂM ĐỒNG.",
    "issuer": "Cơ quan ban hành:", "issuer_tip": "Tên cơ quan ban hành; xuống dòng để ngắt dòng như bản in.",
    "abbreviation": "Viết tắt:", "abbreviation_tip": "Chữ viết tắt tên cơ quan trong ký hiệu, ví dụ: HU, UBND.",
    "number": "Số:", "number_tip": "Số văn bản do văn thư cấp; để trống nếu văn thư sẽ ghi số sau.",
    "blank": "Để trống cho văn thư ghi số", "blank_tip": "Bản thảo: chừa chỗ trống để văn thư ghi số.",
    "symbol": "Ký hiệu:", "symbol_tip": "Phần sau số, ví dụ CV/HU hoặc UBND-VP; để trống để tự tạo.",
    "place": "Địa danh:", "place_tip": "Địa danh ghi trước ngày tháng, ví dụ: Lâm Đồng.",
    "date": "Ngày ban hành:", "date_tip": "Ngày ghi trên văn bản; bấm mũi tên để chọn trên lịch.",
    "subject": "Trích yếu:", "subject_tip": "Trích yếu nội dung; xuống dòng để ngắt dòng như bản in.",
    "upper": "Văn bản cấp trên:", "upper_tip": "Văn bản của cấp trên truyền đạt chỉ thị, ví dụ: Công văn số "
                                               "1218-CV/TU ngày 25/01/2022 của Ban Thường vụ Tỉnh ủy.",
    "symbol_auto": "tự tạo: {}",
}
FREE_TEMPLATE = "van_ban_tu_do"  # keeps the kind read from the letter (KẾ HOẠCH, BÁO CÁO …)
TEMPLATES = {
    "cong_van_trien_khai": "Công văn triển khai chỉ thị",
    "cong_van_sao_gui": "Công văn sao gửi tài liệu",
    "cong_van_tuyen_truyen": "Công văn hướng dẫn tuyên truyền",
    "ke_hoach_trien_khai": "Kế hoạch triển khai",
    "chi_thi_trien_khai": "Chỉ thị triển khai",
    "van_ban_tu_do": "Văn bản tự soạn nội dung (mở từ Word)",
}


class HeaderPage(StepPage):
    """Edit the header of the letter."""


    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.hints_enabled = False  # the symbol hint reads the layout figures: not before the first frame
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.family = QComboBox()
        for key, name in FAMILIES.items():
            self.family.addItem(name, key)
        self.template = QComboBox()
        for key, name in TEMPLATES.items():
            self.template.addItem(name, key)
        self.parent_body = QLineEdit()
        self.issuer = ShortText(2)
        self.abbreviation = QLineEdit()
        self.number = QLineEdit()
        self.blank = QCheckBox(TEXT["blank"])
        self.blank.setToolTip(TEXT["blank_tip"])
        number_row = QWidget()
        row = QHBoxLayout(number_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.number)
        row.addWidget(self.blank)
        self.symbol = QLineEdit()
        self.place = QLineEdit()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.subject = ShortText(3)
        self.upper = QLineEdit()
        specs = [("family", self.family), ("template", self.template), ("parent", self.parent_body),
                 ("issuer", self.issuer), ("abbreviation", self.abbreviation), ("number", number_row),
                 ("symbol", self.symbol), ("place", self.place), ("date", self.date),
                 ("subject", self.subject), ("upper", self.upper)]
        fields = {"family": "family", "template": "template", "parent": "issuer.parent",
                  "issuer": "issuer.name", "abbreviation": "issuer.abbreviation", "number": "number",
                  "symbol": "symbol", "place": "place", "date": "date", "subject": "subject",
                  "upper": "content.upper_reference"}
        for key, widget in specs:
            self.errors[fields[key]] = add_field(form, TEXT[key], widget, TEXT[f"{key}_tip"])
            self.fields[fields[key]] = widget if widget is not number_row else self.number
        for signal in (self.parent_body.textEdited, self.issuer.textChanged, self.abbreviation.textEdited,
                       self.number.textEdited, self.symbol.textEdited, self.place.textEdited,
                       self.subject.textChanged, self.upper.textEdited, self.date.dateChanged,
                       self.family.currentIndexChanged, self.template.currentIndexChanged):
            signal.connect(self.emit_changed)
        self.blank.toggled.connect(self._blank_toggled)

    def _blank_toggled(self, blank: bool) -> None:
        """Clear and disable the number when the văn thư will write it."""
        if blank:
            self.number.clear()
        self.number.setEnabled(not blank)
        self.emit_changed()

    def load_draft(self, draft: Draft) -> None:
        """Show the draft's header fields."""
        self.family.setCurrentIndex(max(self.family.findData(draft.family), 0))
        index = self.template.findData(draft.template)
        if index < 0:
            self.template.addItem(draft.template, draft.template)
            index = self.template.count() - 1
        self.template.setCurrentIndex(index)
        self.parent_body.setText(draft.issuer.parent)
        self.issuer.setText(draft.issuer.name)
        self.abbreviation.setText(draft.issuer.abbreviation)
        self.number.setText(draft.number)
        self.blank.setChecked(not draft.number)
        self.number.setEnabled(bool(draft.number))
        self.symbol.setText(draft.symbol)
        self.place.setText(draft.place)
        self.date.setDate(QDate(draft.date.year, draft.date.month, draft.date.day))
        self.subject.setText(draft.subject)
        self.upper.setText(draft.content.upper_reference)
        self._update_symbol_hint(draft)

    def enable_hints(self, draft: Draft) -> None:
        """Start showing hints that need the layout figures (the window calls this after its first frame)."""
        self.hints_enabled = True
        self._update_symbol_hint(draft)

    def _update_symbol_hint(self, draft: Draft) -> None:
        """Show the symbol that will be built when the field is left empty (once hints are enabled)."""
        if not self.hints_enabled:
            return
        auto = drafting.symbol_for(draft.copy(symbol=""), load_format(draft.family, draft.rule_set))
        self.symbol.setPlaceholderText(TEXT["symbol_auto"].format(auto) if auto else "")

    def apply(self, draft: Draft) -> None:
        """Copy the header fields into the draft; a family change converts dependent fields."""
        family = self.family.currentData()
        if family != draft.family:
            drafting.switch_family(draft, family)
            self.symbol.setText(draft.symbol)
        template = self.template.currentData()
        draft.template = template
        draft.kind = drafting.KIND_OF_TEMPLATE.get(template, draft.kind if template == FREE_TEMPLATE else "cong_van")
        draft.issuer.parent = self.parent_body.text().strip()
        draft.issuer.name = self.issuer.text().strip()
        draft.issuer.abbreviation = self.abbreviation.text().strip()
        draft.number = "" if self.blank.isChecked() else self.number.text().strip()
        draft.symbol = self.symbol.text().strip()
        draft.place = self.place.text().strip()
        qdate = self.date.date()
        draft.date = _dt.date(qdate.year(), qdate.month(), qdate.day())
        draft.subject = self.subject.text().strip()
        draft.content.upper_reference = plain(self.upper.text(), "content.upper_reference")
        self._update_symbol_hint(draft)

    def error_key(self, field_name: str) -> str:
        """Map ``symbol`` problems to the symbol field and the rest as they are."""
        return field_name
