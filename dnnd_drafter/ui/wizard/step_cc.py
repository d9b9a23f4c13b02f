"""Step 5, Nơi nhận: prefilled ``Như kính gửi``/``Như trên`` and the profile's ``Lưu`` line, and the
notes such as "(để báo cáo)" on one line or a group of lines."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dnnd_drafter.model.letter import Draft
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.wizard.recipient_picker import RecipientPicker
from dnnd_drafter.ui.wizard.cc_notes import CcNotesEditor

TEXT = {
    "intro": "Danh sách “Nơi nhận” ở cuối văn bản. Dòng cuối là dòng “Lưu …” của cơ quan. "
             "Gõ tên rồi bấm “Thêm tên mới” để thêm dòng không có trong sổ địa chỉ.",
}


class CcPage(StepPage):
    """Edit the Nơi nhận list."""


    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        intro = QLabel(TEXT["intro"])
        intro.setWordWrap(True)
        self.picker = RecipientPicker("noi_nhan", context.store)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.picker, 1)
        self.notes = CcNotesEditor()
        column.addWidget(self.notes)
        self.errors["cc"] = self.picker.error
        self.fields["cc"] = self.picker.search
        self.picker.changed.connect(lambda: self.notes.set_lines(len(self.picker.names())))
        self.picker.changed.connect(self.emit_changed)
        self.notes.changed.connect(self.emit_changed)

    def load_draft(self, draft: Draft) -> None:
        """Show the draft's Nơi nhận list."""
        self.picker.set_date(draft.date)
        self.picker.set_names(draft.cc)
        self.notes.set_notes(draft.cc_notes, len(draft.cc))

    def apply(self, draft: Draft) -> None:
        """Copy the list and the notes the letter prints into the draft."""
        draft.cc = self.picker.names()
        self.notes.set_lines(len(draft.cc))
        draft.cc_notes = self.notes.notes()
