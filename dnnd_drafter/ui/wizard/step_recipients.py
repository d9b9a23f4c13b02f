"""Step 2, Nơi gửi: the Kính gửi list, from the address book and from saved lists."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dnnd_drafter.model.letter import Draft
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.wizard.recipient_picker import RecipientPicker

TEXT = {
    "intro": "Chọn các cơ quan, đơn vị nhận văn bản (dòng “Kính gửi”). Chương trình tự thêm dấu gạch "
             "đầu dòng và dấu chấm câu đúng thể thức.",
}


class RecipientsPage(StepPage):
    """Edit the Kính gửi list."""


    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        intro = QLabel(TEXT["intro"])
        intro.setWordWrap(True)
        self.picker = RecipientPicker("kinh_gui", context.store)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.picker, 1)
        self.errors["recipients"] = self.picker.error
        self.fields["recipients"] = self.picker.search
        self.picker.changed.connect(self.emit_changed)

    def load_draft(self, draft: Draft) -> None:
        """Show the draft's recipients."""
        self.picker.set_date(draft.date)
        self.picker.set_names(draft.recipients)

    def apply(self, draft: Draft) -> None:
        """Copy the chosen recipients into the draft."""
        self.picker.on = draft.date
        draft.recipients = self.picker.names()
