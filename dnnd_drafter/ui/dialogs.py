"""Show every message box of the application from one place.

Pages and windows never build a QMessageBox themselves: they call :data:`presenter`, which
tests replace with a recorder (see ``tests/gui/conftest.py``). Boxes are modal to their parent.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

TITLE = "DNND Drafter"
YES, NO, CANCEL = "yes", "no", "cancel"


class Presenter:
    """Show messages and questions with Vietnamese buttons."""

    def error(self, parent: QWidget | None, text: str, detail: str = "") -> None:
        """Show an error message."""
        box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text, QMessageBox.StandardButton.Ok, parent)
        box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
        if detail:
            box.setInformativeText(detail)
        box.exec()

    def info(self, parent: QWidget | None, text: str) -> None:
        """Show an information message."""
        box = QMessageBox(QMessageBox.Icon.Information, TITLE, text, QMessageBox.StandardButton.Ok, parent)
        box.button(QMessageBox.StandardButton.Ok).setText("Đóng")
        box.exec()

    def ask(self, parent: QWidget | None, text: str, yes: str = "Có", no: str = "Không",
            cancel: str | None = None) -> str:
        """Ask a question; return ``yes``, ``no`` or ``cancel``."""
        box = QMessageBox(QMessageBox.Icon.Question, TITLE, text, QMessageBox.StandardButton.NoButton, parent)
        yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
        no_button = box.addButton(no, QMessageBox.ButtonRole.NoRole)
        if cancel:
            box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes_button)
        box.exec()
        clicked = box.clickedButton()
        return YES if clicked is yes_button else NO if clicked is no_button else CANCEL

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filter_text: str) -> str:
        """Ask where to save a file; return the path, or ``""`` when cancelled."""
        return QFileDialog.getSaveFileName(parent, title, suggested, filter_text)[0]

    def open_file(self, parent: QWidget | None, title: str, folder: str, filter_text: str) -> str:
        """Ask which file to open; return the path, or ``""`` when cancelled."""
        return QFileDialog.getOpenFileName(parent, title, folder, filter_text)[0]


presenter = Presenter()
