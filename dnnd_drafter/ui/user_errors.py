"""Show the clerk's mistakes in one place: a UserMessageError becomes a Vietnamese message box.

Every window runs what the clerk asked for inside :func:`user_errors_shown` (or
:func:`guarded`, the same for one callable). A :class:`~dnnd_drafter.base.errors.UserMessageError`
is shown over `parent`, and under its field when the window has an error label for that field;
nothing the clerk typed is touched, and any other exception is a bug and goes on to the crash
handler.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.widgets import show_error


@dataclass
class Outcome:
    """Say whether the guarded block stopped on a user error, and which."""

    error: UserMessageError | None = None

    @property
    def failed(self) -> bool:
        """Return whether a user error stopped the block."""
        return self.error is not None


@contextmanager
def user_errors_shown(parent: QWidget | None, errors: dict[str, QLabel] | None = None) -> Iterator[Outcome]:
    """Run the block; on a UserMessageError show its message (and under its field) and stop the block.

    The other error labels in `errors` are cleared first. Check ``outcome.failed`` afterwards.
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
        dialogs.presenter.error(parent, exc.message)


def guarded(parent: QWidget | None, action: Callable[[], Any], errors: dict[str, QLabel] | None = None) -> bool:
    """Run `action` inside :func:`user_errors_shown`; return whether it worked."""
    with user_errors_shown(parent, errors) as outcome:
        action()
    return not outcome.failed
