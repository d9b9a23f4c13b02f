"""Hold the draft being edited: its file, unsaved changes and autosave through the store.

Qt-free. The wizard owns one :class:`DraftSession`; every change marks it dirty; autosave
writes the draft JSON to the store (every 30 s and on every page change) so that a crash never
loses it, and a clean close forgets the autosave.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from dnnd_drafter import model
from dnnd_drafter.model import Draft

if TYPE_CHECKING:
    from dnnd_drafter.store import Store

_LOG = logging.getLogger(__name__)


class DraftSession:
    """Track one draft: where it is saved, whether it changed, and its autosave slot."""

    def __init__(self, draft: Draft, path: Path | None = None, store: "Store | None" = None,
                 session_id: str | None = None) -> None:
        self.draft = draft
        self.path = path
        self.store = store
        self.session_id = session_id or os.urandom(16).hex()  # like uuid4().hex, without importing uuid
        self.dirty = False
        self.restored = False  # True when the draft came back from an autosave after a crash

    def mark_changed(self) -> None:
        """Record that the draft differs from what was saved."""
        self.dirty = True

    def save(self, path: Path | None = None) -> Path:
        """Save the draft file at `path` (or where it was saved before); return the path."""
        target = Path(path or self.path or "")
        if not str(target) or target == Path():
            raise ValueError("no path to save to")
        if self.store is not None and target == self.path:  # a number issued meanwhile (register issue) stays
            from dnnd_drafter.store.issued_drafts import keep_issued_number

            self.draft = keep_issued_number(self.store.register, self.draft, target)
        model.save(self.draft, target)
        self.path, self.dirty = target, False
        if self.store is not None:
            self.store.drafts.record_recent(target, self.draft.subject)
        return target

    def autosave(self) -> bool:
        """Write the draft to the store's autosave slot; return whether it was written."""
        if self.store is None:
            return False
        try:
            self.store.drafts.autosave(self.session_id, model.dumps(self.draft))
        except Exception:  # noqa: BLE001 - autosave must never break editing; the log says why
            _LOG.exception("autosave failed")
            return False
        return True

    def close(self) -> None:
        """Forget the autosave: the draft was saved or deliberately discarded."""
        if self.store is not None:
            try:
                self.store.drafts.mark_closed(self.session_id)
            except Exception:  # noqa: BLE001
                _LOG.exception("could not mark the autosave closed")
