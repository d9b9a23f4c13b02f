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
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING

from dnnd_drafter.model import letter as model
from dnnd_drafter.store.conflicts import (DraftConflict, FileStamp, draft_conflict, read_stamp,
                                    same_version, stamp_bytes)
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.store.issued_drafts import keep_issued_number

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
        # the version of the file this window loaded or last saved, checked before writing it again
        self.stamp: FileStamp | None = None
        self.base: Draft | None = None
        if path is not None:
            found = read_stamp(Path(path))
            self.stamp, self.base = (found[0] if found else None), draft.copy()

    @classmethod
    def open(cls, path: Path, store: "Store | None" = None) -> "DraftSession":
        """Load the draft file at `path`, remembering the version read (its stamp)."""
        for _attempt in range(5):  # another process may be writing it: read until it holds still
            before = read_stamp(Path(path))
            draft = model.load(path)
            after = read_stamp(Path(path))
            if before is not None and after is not None and same_version(before[0], after[0]):
                break
        session = cls(draft, Path(path), store)
        session.stamp = after[0] if after is not None else None
        return session

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

    def save(self, path: Path | None = None, accept: FileStamp | None = None) -> Path:
        """Save the draft file at `path` (or where it was saved before); return the path.

        Raise :class:`~dnnd_drafter.store.conflicts.DraftConflict`, writing nothing, when the file was
        changed by another window or process since this session loaded or saved it (unless the
        version found is `accept`, the one the clerk agreed to overwrite).
        """
        target = Path(path or self.path or "")
        if not str(target) or target == Path():
            raise ValueError("no path to save to")
        self._check_unchanged(target, accept)
        if self.store is not None and target == self.path:  # a number issued meanwhile (register issue) stays
            self.draft = keep_issued_number(self.store.register, self.draft, target)
        model.save(self.draft, target)
        self.stamp = stamp_bytes(target, model.dumps(self.draft).encode("utf-8"))
        self.base = self.draft.copy()
        self.path, self.dirty = target, False
        if self.store is not None:
            self.store.drafts.record_recent(target, self.draft.subject)
        return target

    def _check_unchanged(self, target: Path, accept: FileStamp | None) -> None:
        """Raise DraftConflict when `target` is this session's file and changed since it was read."""
        if self.stamp is None or self.path is None or not _same_file(target, self.path):
            return
        found = read_stamp(target)
        if found is None or same_version(self.stamp, found[0]):
            return  # deleted meanwhile (nothing to lose) or unchanged
        if accept is not None and same_version(accept, found[0]):
            return
        conflict = draft_conflict(target, self.draft, self.base, found)
        if conflict.theirs is not None and not conflict.theirs_changed:
            return  # rewritten with the same fields (another layout of the same JSON): nothing to lose
        raise conflict

    def overwrite(self, conflict: DraftConflict) -> Path:
        """Save over the changed file, keeping the other side's changes to fields left alone here.

        The draft takes the file's values for fields only the other side changed (and a
        number issued meanwhile); this window's values win where both changed.
        """
        merged = conflict.merged()
        for item in fields(Draft):  # in place: the window's pages hold this draft
            setattr(self.draft, item.name, getattr(merged, item.name))
        return self.save(conflict.path, accept=conflict.stamp)

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
        self.store.autosaver.flush()  # type: ignore[union-attr] # autosave_later() is True only with a store
        return self.store.autosaver.succeeded(self.session_id)  # type: ignore[union-attr] # autosave_later() is True only with a store

    def close(self) -> None:
        """Forget the autosave: the draft was saved or deliberately discarded."""
        if self.store is not None:
            try:
                if "autosaver" in vars(self.store):
                    self.store.autosaver.discard(self.session_id)  # a late write must not bring it back
                self.store.drafts.mark_closed(self.session_id)
            except Exception:  # noqa: BLE001 - a failed autosave must not stop closing
                _LOG.exception("could not mark the autosave closed")


def _same_file(a: Path, b: Path) -> bool:
    """Return whether two paths name the same file (by resolved path)."""
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return Path(a) == Path(b)
