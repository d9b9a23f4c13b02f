"""Step 4, Ký: authority form of the family, collective body, position and signer."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from dnnd_drafter.model.letter import AUTHORITIES, Draft
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.widgets import add_field
from dnnd_drafter.model.drafting import convert_authority

TEXT = {
    "signer": "Người ký đã lưu:", "signer_tip": "Chọn người ký đã lưu để điền sẵn các dòng bên dưới.",
    "none": "— chọn người ký —",
    "authority": "Thẩm quyền ký:",
    "authority_tip": "T/M, K/T, T/L (Đảng) hoặc TM., KT., TL., TUQ., Q. (các khối khác).",
    "own_name": "(ký trực tiếp, không ghi thẩm quyền)",
    "body": "Tập thể / người đứng đầu:", "body_tip": "Ví dụ: BAN THƯỜNG VỤ, ỦY BAN NHÂN DÂN, CHỦ TỊCH.",
    "position": "Chức vụ:", "position_tip": "Chức vụ của người ký, ví dụ: PHÓ BÍ THƯ, PHÓ CHỦ TỊCH.",
    "name": "Họ và tên:", "name_tip": "Họ tên người ký, không ghi học hàm, học vị.",
}


class SignaturePage(StepPage):
    """Edit the signature block."""


    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        self.signer = QComboBox()
        self.authority = QComboBox()
        self.body = QLineEdit()
        self.position = QLineEdit()
        self.name = QLineEdit()
        add_field(form, TEXT["signer"], self.signer, TEXT["signer_tip"])
        for key, widget in (("authority", self.authority), ("body", self.body), ("position", self.position),
                            ("name", self.name)):
            self.errors[f"signature.{key}"] = add_field(form, TEXT[key], widget, TEXT[f"{key}_tip"])
            self.fields[f"signature.{key}"] = widget
        self.signer.activated.connect(self._signer_chosen)
        self.authority.currentIndexChanged.connect(self.emit_changed)
        for edit in (self.body, self.position, self.name):
            edit.textEdited.connect(self.emit_changed)
        self._family = ""

    def _fill_authorities(self, family: str) -> None:
        """Offer the authority forms of `family`."""
        if family == self._family:
            return
        self._family = family
        self.authority.blockSignals(True)
        self.authority.clear()
        for form in AUTHORITIES[family]:
            self.authority.addItem(form or TEXT["own_name"], form)
        self.authority.blockSignals(False)

    def _fill_signers(self) -> None:
        """Offer the saved signers of the active profile."""
        self.signer.clear()
        self.signer.addItem(TEXT["none"], None)
        store, profile = self.context.store, self.context.profile
        if store is None or profile is None or profile.id is None:
            return
        for signer in store.profiles.signers(profile.id):
            self.signer.addItem(f"{signer.name} — {signer.position}", signer.id)

    def _signer_chosen(self, index: int) -> None:
        """Fill the lines from the chosen saved signer."""
        signer_id = self.signer.itemData(index)
        store, profile = self.context.store, self.context.profile
        if signer_id is None or store is None or profile is None or profile.id is None:
            return
        signer = next((s for s in store.profiles.signers(profile.id) if s.id == signer_id), None)
        if signer is None:
            return

        authority = convert_authority(signer.authority, self._family)
        self.authority.setCurrentIndex(max(self.authority.findData(authority), 0))
        self.body.setText(signer.body)
        self.position.setText(signer.position)
        self.name.setText(signer.name)
        self.emit_changed()

    def load_draft(self, draft: Draft) -> None:
        """Show the draft's signature block."""
        self._fill_authorities(draft.family)
        self._fill_signers()
        self.authority.setCurrentIndex(max(self.authority.findData(draft.signature.authority), 0))
        self.body.setText(draft.signature.body)
        self.position.setText(draft.signature.position)
        self.name.setText(draft.signature.name)
        match = next((i for i in range(1, self.signer.count())
                      if self.signer.itemText(i).startswith(f"{draft.signature.name} — ")), 0)
        self.signer.setCurrentIndex(match if draft.signature.name else 0)

    def apply(self, draft: Draft) -> None:
        """Copy the signature lines into the draft."""
        if self._family != draft.family:
            self.load(draft)
        draft.signature.authority = self.authority.currentData() or ""
        draft.signature.body = self.body.text().strip()
        draft.signature.position = self.position.text().strip()
        draft.signature.name = self.name.text().strip()
