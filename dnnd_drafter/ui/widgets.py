"""Provide the small widgets every wizard page uses: labelled fields with an error line,
short multi-line text boxes, and the OK/Cancel row of dialogs.

The richer editors (bold/italic Markdown, ordered lists) live in :mod:`dnnd_drafter.ui.editors`:
the first step of the wizard needs none of them, so they load with the steps that do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFormLayout, QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

ERROR_COLOR = QColor(0xB0, 0x00, 0x20)  # a palette, not a style sheet: 11 sheets cost ~5 ms at start


def error_label() -> QLabel:
    """Return an empty label that shows a field's Vietnamese error in red."""
    label = QLabel()
    paint_as_error(label)
    label.setWordWrap(True)
    label.hide()
    return label


def paint_as_error(label: QLabel) -> None:
    """Make `label` write its text in the error red."""
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOR)
    label.setPalette(palette)


def show_error(label: QLabel, message: str) -> None:
    """Show `message` in `label`, or hide it when empty."""
    label.setText(message)
    label.setVisible(bool(message))


def add_field(form: QFormLayout, text: str, widget: QWidget, tooltip: str) -> QLabel:
    """Add a labelled `widget` with a tooltip and an error line to `form`; return the error label."""
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setToolTip(tooltip)
    widget.setAccessibleName(text.replace("&", "").rstrip(":"))
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    error = error_label()
    column.addWidget(error)
    form.addRow(label, box)
    return error


def dialog_buttons(dialog: QDialog, ok_text: str, cancel_text: str) -> QDialogButtonBox:
    """Return the OK/Cancel button row of `dialog` with Vietnamese labels, OK as the default."""
    from PySide6.QtWidgets import QDialogButtonBox  # the data dialogs need it, the first window not

    buttons = QDialogButtonBox()
    buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    buttons.addButton(cancel_text, QDialogButtonBox.ButtonRole.RejectRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def finish_form_dialog(dialog: QDialog, column: QVBoxLayout, form: QFormLayout, ok_text: str, cancel_text: str,
                       width: int, focus: QWidget) -> None:
    """End a form dialog the way they all end: `form` (its fields as wide as the dialog), a stretch,
    the OK/Cancel row; the dialog `width` px wide and as tall as it needs; the cursor in `focus`."""
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    column.addLayout(form)
    column.addStretch(1)
    column.addWidget(dialog_buttons(dialog, ok_text, cancel_text))
    dialog.resize(width, dialog.sizeHint().height())
    focus.setFocus()


class ShortText(QPlainTextEdit):
    """Edit a few lines of text; Tab moves to the next field instead of typing a tab."""

    def __init__(self, lines: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        height = self.fontMetrics().lineSpacing() * lines + 14
        self.setFixedHeight(height)

    def text(self) -> str:
        """Return the text."""
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        """Replace the text without moving the caret to the start when unchanged."""
        if text != self.toPlainText():
            self.setPlainText(text)
