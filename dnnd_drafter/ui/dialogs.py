"""Show every message box of the application from one place, and the clerk's mistakes with them.

Pages and windows never build a QMessageBox themselves: they call a :class:`Presenter`. There is
no global one: the application's context (:class:`~dnnd_drafter.ui.wizard.step_base.AppContext`)
holds it, each window keeps its context's presenter as ``presenter``, and a page or dialog finds
it from its parent with :func:`presenter_of`. Tests hand the context a recorder (see
``tests/gui/conftest.py``). Boxes are modal to their parent.
Every window runs what the clerk asked for inside :func:`user_errors_shown` (or :func:`guarded`,
the same for one callable): a :class:`~dnnd_drafter.base.errors.UserMessageError` is shown over
the window, and under its field when the window has an error label for it; nothing the clerk
typed is touched, and any other exception is a bug and goes on to the crash handler.
QMessageBox and QFileDialog are imported when a box is shown, QUrl and QDesktopServices when a
file is opened (:func:`open_in_system`): PySide6 sets a class up (all its enums) on first
access, and the first window shows no box and opens no file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.ui.widgets import show_error

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

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


def open_in_system(path: Path) -> None:
    """Open `path` (a file or a folder) with the program the system uses for it."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


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


class PresenterLike(Protocol):
    """Say what a presenter offers: the real one, or a test's recorder."""

    def error(self, parent: QWidget | None, text: str, detail: str = "") -> None: ...

    def info(self, parent: QWidget | None, text: str) -> None: ...

    def ask(self, parent: QWidget | None, text: str, yes: str = "Có", no: str = "Không",
            cancel: str | None = None) -> str: ...

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filter_text: str) -> str: ...

    def open_file(self, parent: QWidget | None, title: str, folder: str, filter_text: str) -> str: ...


def presenter_of(widget: QObject | None) -> PresenterLike:
    """Return the presenter of the window holding `widget`: the nearest parent with a ``presenter``.

    A widget with no such parent (none: a message before any window) gets a real presenter.
    """
    while widget is not None:
        found = getattr(widget, "presenter", None)
        if found is not None:
            return found  # a window's presenter
        widget = widget.parent()
    return Presenter()


@dataclass
class Outcome:
    """Say whether the guarded block stopped on a user error, and which."""

    error: UserMessageError | None = None

    @property
    def failed(self) -> bool:
        """Return whether a user error stopped the block."""
        return self.error is not None


@contextmanager
def user_errors_shown(parent: QWidget | None, errors: dict[str, QLabel] | None = None,
                      presenter: PresenterLike | None = None) -> Iterator[Outcome]:
    """Run the block; on a UserMessageError show its message (and under its field) and stop the block.

    The other error labels in `errors` are cleared first. The message goes through `presenter`,
    else the presenter of `parent`'s window. Check ``outcome.failed`` afterwards.
    """
    for label in (errors or {}).values():
        show_error(label, "")
    outcome = Outcome()
    try:
        yield outcome
    except UserMessageError as exc:
        outcome.error = exc
        if errors and exc.field in errors:
            show_error(errors[exc.field], exc.message)
        (presenter or presenter_of(parent)).error(parent, exc.message)


def guarded(parent: QWidget | None, action: Callable[[], Any], errors: dict[str, QLabel] | None = None,
            presenter: PresenterLike | None = None) -> bool:
    """Run `action` inside :func:`user_errors_shown`; return whether it worked."""
    with user_errors_shown(parent, errors, presenter) as outcome:
        action()
    return not outcome.failed
