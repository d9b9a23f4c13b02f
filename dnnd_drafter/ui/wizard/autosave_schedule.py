"""Decide when the wizard autosaves its draft: soon after every change, on every step change, and
every 30 seconds as a backstop.

Autosaving only hands a snapshot to the store's background writer
(:mod:`dnnd_drafter.store.autosaver`), so it never holds up typing. A change is saved once the
clerk pauses for AUTOSAVE_IDLE_MS, and never later than AUTOSAVE_MAX_WAIT_MS after the first
change not yet saved, even while the typing goes on: a crash loses at most the last two seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from dnnd_drafter.store.draft_session import DraftSession

AUTOSAVE_MS = 30_000  # the backstop
AUTOSAVE_IDLE_MS, AUTOSAVE_MAX_WAIT_MS = 1500, 2000


class AutosaveSchedule(QObject):
    """Autosave the session given by `session_of` at the right moments."""

    def __init__(self, parent: QObject, session_of: Callable[[], DraftSession]) -> None:
        super().__init__(parent)
        self._session_of = session_of
        self.backstop = QTimer(self)
        self.backstop.setInterval(AUTOSAVE_MS)
        self.backstop.timeout.connect(self._save_if_changed)
        self.backstop.start()
        self.soon = QTimer(self)  # restarted on every change, within the maximum wait
        self.soon.setSingleShot(True)
        self.soon.timeout.connect(self.save_now)
        self._unsaved_since: float | None = None  # when the first change not yet autosaved was made

    def changed(self) -> None:
        """Autosave once typing pauses, and never later than AUTOSAVE_MAX_WAIT_MS after the first change."""
        now = time.monotonic()
        if self._unsaved_since is None:
            self._unsaved_since = now
        left = AUTOSAVE_MAX_WAIT_MS - (now - self._unsaved_since) * 1000
        self.soon.start(max(0, int(min(AUTOSAVE_IDLE_MS, left))))

    def save_now(self) -> None:
        """Hand the draft to the background writer now (returns at once)."""
        self.forget_changes()
        self._session_of().autosave_later()

    def _save_if_changed(self) -> None:
        """Autosave a draft with unsaved changes (an untouched letter has nothing to bring back)."""
        if self._session_of().dirty:
            self.save_now()

    def forget_changes(self) -> None:
        """Drop the autosave waiting for a pause (another session is shown, or it was just saved)."""
        self.soon.stop()
        self._unsaved_since = None

    def stop(self) -> None:
        """Stop autosaving (the window closes)."""
        self.forget_changes()
        self.backstop.stop()
