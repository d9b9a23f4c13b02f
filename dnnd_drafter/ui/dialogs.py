"""Show every message box of the application from one place.

Pages and windows never build a QMessageBox themselves: they call :data:`presenter`, which
tests replace with a recorder (see ``tests/gui/conftest.py``). Boxes are modal to their parent.
QMessageBox and QFileDialog are imported when a box is shown: PySide6 sets a class up (all its
enums) on first access, and the first window shows no box.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

TITLE = "DNND Drafter"
YES, NO, CANCEL = "yes", "no", "cancel"


def _message_box(icon: str, text: str, parent: QWidget | None, with_ok: bool = True) -> QMessageBox:
    """Return a message box with the `icon` named (``Warning``, ``Information``, ``Question``)."""
    from PySide6.QtWidgets import QMessageBox

    buttons = QMessageBox.StandardButton.Ok if with_ok else QMessageBox.StandardButton.NoButton
    box = QMessageBox(getattr(QMessageBox.Icon, icon), TITLE, text, buttons, parent)
    if with_ok:
        box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
    return box


class Presenter:
    """Show messages and questions with Vietnamese buttons."""

    def error(self, parent: QWidget | None, text: str, detail: str = "") -> None:
        """Show an error message."""
        box = _message_box("Warning", text, parent)
        if detail:
            box.setInformativeText(detail)
        box.exec()

    def info(self, parent: QWidget | None, text: str) -> None:
        """Show an information message."""
        _message_box("Information", text, parent).exec()

    def ask(self, parent: QWidget | None, text: str, yes: str = "Có", no: str = "Không",
            cancel: str | None = None) -> str:
        """Ask a question; return ``yes``, ``no`` or ``cancel``."""
        from PySide6.QtWidgets import QMessageBox

        box = _message_box("Question", text, parent, with_ok=False)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.NoRole)
        if cancel:
            box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button)
        box.exec()
        clicked = box.clickedButton()
        return YES if clicked is yes_button else NO if clicked is no_button else CANCEL

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filter_text: str) -> str:
        """Ask where to save a file; return the path, or ``""`` when cancelled.

        The caller asks before replacing a file, in Vietnamese and naming it (Qt would ask in
        English, and before the suffix is added).
        """
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getSaveFileName(parent, title, suggested, filter_text,
                                           options=QFileDialog.Option.DontConfirmOverwrite)[0]

    def open_file(self, parent: QWidget | None, title: str, folder: str, filter_text: str) -> str:
        """Ask which file to open; return the path, or ``""`` when cancelled."""
        from PySide6.QtWidgets import QFileDialog

        return QFileDialog.getOpenFileName(parent, title, folder, filter_text)[0]


presenter = Presenter()
