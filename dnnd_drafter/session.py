"""Hold the draft being edited: its file, unsaved changes and autosave through the store.

Qt-free. The wizard owns one :class:`DraftSession`; every change marks it dirty; autosave
hands the draft JSON to the store's background writer (shortly after every change and on every
page change; see :mod:`dnnd_drafter.store.autosaver`) so that a crash loses at most the last
couple of seconds, and a clean close forgets the autosave. A draft brought back after a crash
stays unsaved, with its file, and stays in the autosave until it is saved or discarded.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from dnnd_drafter import model
from dnnd_drafter.model import Draft

if TYPE_CHECKING:
    from dnnd_drafter.store import Autosave, Store

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

    @classmethod
    def from_autosave(cls, saved: "Autosave", store: "Store") -> "DraftSession":
        """Return the session of a draft back from a crash: unsaved, with its file, owned by this process.

        Its autosave is kept (same session id) until the clerk saves or discards the draft.
        Raises DraftError when the autosaved text is not a draft.
        """
        session = cls(model.loads(saved.draft_json), Path(saved.path) if saved.path else None, store,
                      saved.session_id)
        session.restored = session.dirty = True
        store.drafts.claim(saved.session_id)
        return session

    def mark_changed(self) -> None:
        """Record that the draft differs from what was saved."""
        self.dirty = True

    def save(self, path: Path | None = None) -> Path:
        """Save the draft file at `path` (or where it was saved before); return the path."""
        target = Path(path or self.path or "")
        if not str(target) or target == Path():
            raise ValueError("no path to save to")
        model.save(self.draft, target)
        self.path, self.dirty = target, False
        if self.store is not None:
            self.store.drafts.record_recent(target, self.draft.subject)
        return target

    def autosave_later(self) -> bool:
        """Hand the draft to the store's background writer and return at once; False if it could not."""
        if self.store is None:
            return False
        try:
            self.store.autosaver.submit(self.session_id, model.dumps(self.draft), str(self.path or ""))
        except Exception:  # noqa: BLE001 - autosave must never break editing; the log says why
            _LOG.exception("autosave failed")
            return False
        return True

    def autosave(self) -> bool:
        """Write the draft to the store's autosave slot and wait for it; return whether it was written."""
        if not self.autosave_later():
            return False
        self.store.autosaver.flush()  # type: ignore[union-attr]
        return self.store.autosaver.succeeded(self.session_id)  # type: ignore[union-attr]

    def close(self) -> None:
        """Forget the autosave: the draft was saved or deliberately discarded."""
        if self.store is not None:
            try:
                if "autosaver" in vars(self.store):
                    self.store.autosaver.discard(self.session_id)  # a late write must not bring it back
                self.store.drafts.mark_closed(self.session_id)
            except Exception:  # noqa: BLE001
                _LOG.exception("could not mark the autosave closed")
