"""Run the real app (``run_app``, what ``dnnd-drafter`` runs) as a clerk would, for the crash tests.

Usage: ``python -m tests.gui.crash_driver ACT [ANSWER ...]``. Message boxes are answered in turn by
the ANSWERs (yes / no / cancel); file choosers answer the path in ``DNND_TEST_SAVE_AS``. Every line
on stdout is JSON, so the test can follow the app while it runs and kill it at any moment:

- ``type``: save the letter as ``DNND_TEST_SAVE_AS``, then type ``DNND_TEST_TEXT`` into the trích yếu
  one key every 60 ms (``{"typed": n, "at": time.monotonic()}`` after each key) and stay open;
- ``type-then-end``: type ``DNND_TEST_TEXT`` at once and end the event loop straight away (``exit``,
  without closing the window), well before the autosave's pause is over;
- ``quit``: report the window (``{"title", "subject", "path", "dirty", "questions"}``), choose
  Tệp → Thoát (Ctrl+Q), report again and stay open if the window did not close.

Nothing here is part of the product: the app is started the way ``dnnd-drafter`` starts it.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from dnnd_drafter.ui import dialogs

KEY_MS = 60


class ScriptedClerk:
    """Answer the app's questions from a script and remember them."""

    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.questions: list[str] = []

    def ask(self, parent: object, text: str, *buttons: object) -> str:
        """Give the next scripted answer."""
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else dialogs.CANCEL

    def error(self, parent: object, text: str, detail: str = "") -> None:
        """Report an error message on stdout."""
        report(error=text)

    def info(self, parent: object, text: str) -> None:
        """Ignore an information message."""

    def save_file(self, *args: object) -> str:
        """Choose the file named by the test."""
        return os.environ["DNND_TEST_SAVE_AS"]

    open_file = save_file


def report(**values: object) -> None:
    """Write one JSON line on stdout."""
    print(json.dumps(values, ensure_ascii=False), flush=True)


def the_window():  # type: ignore[no-untyped-def]
    """Return the wizard window once it is shown, else None."""
    from dnnd_drafter.ui.wizard.main_window import MainWindow

    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


def state(window, clerk: ScriptedClerk) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Return what the clerk sees of the window."""
    return {"title": window.windowTitle(), "subject": window.pages[0].subject.text(),
            "path": str(window.session.path or ""), "dirty": window.session.dirty,
            "closed": window.closed, "questions": list(clerk.questions)}


def type_slowly(window, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` into the trích yếu, one input-method commit every KEY_MS."""
    field = window.pages[0].subject
    field.setFocus()
    keys = iter(enumerate(text, 1))
    timer = QTimer(window)

    def one_key() -> None:
        step = next(keys, None)
        if step is None:
            timer.stop()
            return
        event = QInputMethodEvent()
        event.setCommitString(step[1])
        QApplication.sendEvent(field, event)
        report(typed=step[0], at=time.monotonic())

    timer.timeout.connect(one_key)
    timer.start(KEY_MS)


def act(name: str, clerk: ScriptedClerk) -> None:
    """Carry out `name` once the window is up."""
    window = the_window()
    if window is None or not window.settled:
        QTimer.singleShot(20, lambda: act(name, clerk))
        return
    if name == "type":
        window.controller.save()
        report(**state(window, clerk))
        type_slowly(window, os.environ["DNND_TEST_TEXT"])
    elif name == "type-then-end":
        window.pages[0].subject.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(os.environ["DNND_TEST_TEXT"])
        QApplication.sendEvent(window.pages[0].subject, event)
        report(**state(window, clerk))
        QApplication.exit(0)  # the event loop ends; the window never hears of it
    elif name == "quit":
        report(**state(window, clerk))
        window.findChild(QAction, "action_quit").trigger()
        report(**state(window, clerk))


def main(argv: list[str]) -> int:
    """Start the app with the scripted clerk and do what `argv` says."""
    from dnnd_drafter.ui.app import run_app

    app = QApplication(["dnnd-drafter"])
    clerk = ScriptedClerk(argv[1:])
    QTimer.singleShot(0, lambda: act(argv[0], clerk))
    code = run_app(["dnnd-drafter"], presenter=clerk)
    report(exit=code, questions=clerk.questions)
    del app
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
