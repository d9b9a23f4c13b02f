"""Steps 2 and 5, Nơi gửi and Nơi nhận: the letter's two address lists, from the address book and
from saved lists (Nơi nhận comes prefilled with ``Như kính gửi``/``Như trên`` and the ``Lưu`` line, and
takes notes such as "(để báo cáo)" on one line or a group of lines)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dnnd_drafter.model.letter import Draft
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.wizard.cc_notes import CcNotesEditor
from dnnd_drafter.ui.wizard.recipient_picker import RecipientPicker

TEXT = {
    "recipients": "Chọn các cơ quan, đơn vị nhận văn bản (dòng “Kính gửi”). Chương trình tự thêm dấu gạch "
                  "đầu dòng và dấu chấm câu đúng thể thức.",
    "cc": "Danh sách “Nơi nhận” ở cuối văn bản. Dòng cuối là dòng “Lưu …” của cơ quan. "
          "Gõ tên rồi bấm “Thêm tên mới” để thêm dòng không có trong sổ địa chỉ.",
}


class AddressListPage(StepPage):
    """Edit one address list of the draft: the one named by `field`, picked for `purpose`."""

    purpose = "kinh_gui"  # which name of an address-book entry the list prints (RecipientPicker)
    field = "recipients"  # the list of the Draft this page edits (also its key in TEXT)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        intro = QLabel(TEXT[self.field])
        intro.setWordWrap(True)
        self.picker = RecipientPicker(self.purpose, context.store)
        self.column = QVBoxLayout(self)
        column = self.column
        column.addWidget(intro)
        column.addWidget(self.picker, 1)
        self.errors[self.field] = self.picker.error
        self.fields[self.field] = self.picker.search
        self.picker.changed.connect(self.emit_changed)

    def load_draft(self, draft: Draft) -> None:
        """Show the draft's list."""
        self.picker.set_date(draft.date)
        self.picker.set_names(getattr(draft, self.field))

    def apply(self, draft: Draft) -> None:
        """Copy the list into the draft."""
        self.picker.on = draft.date
        setattr(draft, self.field, self.picker.names())


class RecipientsPage(AddressListPage):
    """Step 2, Nơi gửi: the Kính gửi list."""


class CcPage(AddressListPage):
    """Step 5, Nơi nhận: the list at the foot of the letter, with its notes."""

    purpose, field = "noi_nhan", "cc"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.notes = CcNotesEditor()
        self.column.addWidget(self.notes)
        self.picker.changed.connect(lambda: self.notes.set_lines(len(self.picker.names())))
        self.notes.changed.connect(self.emit_changed)

    def load_draft(self, draft: Draft) -> None:
        """Show the draft's Nơi nhận list and its notes."""
        super().load_draft(draft)
        self.notes.set_notes(draft.cc_notes, len(draft.cc))

    def apply(self, draft: Draft) -> None:
        """Copy the list and the notes the letter prints into the draft."""
        super().apply(draft)
        self.notes.set_lines(len(draft.cc))
        draft.cc_notes = self.notes.notes()
