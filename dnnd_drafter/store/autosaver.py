"""Write autosaves on a background thread, so that saving a draft never holds up typing.

Qt-free. The window hands over a snapshot (the draft's JSON text, already serialised) and goes
on at once; one worker thread writes it to the ``autosave`` table through its own connection
(WAL, ``synchronous = FULL``: the commit is on disk when it returns). Only the newest snapshot
of each session waits to be written, and the single worker writes one at a time, so an older
snapshot can never overwrite a newer one. :meth:`AutosaveWriter.flush` waits until everything
handed over is on disk; :meth:`AutosaveWriter.close` flushes and stops the thread.

A store without a file (in memory) has no second connection to write through: there the
snapshot is written at once on the caller's thread.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path
from typing import NamedTuple

from dnnd_drafter.store.db import connect
from dnnd_drafter.store.drafts import Drafts

_LOG = logging.getLogger(__name__)


class Snapshot(NamedTuple):
    """Hold one autosave waiting to be written."""

    draft_json: str
    path: str


class AutosaveWriter:
    """Write the newest autosave of each session in order, off the caller's thread."""

    def __init__(self, db_path: Path | None, direct: Drafts) -> None:
        self._db_path = db_path  # None: write through `direct` on the caller's thread
        self._direct = direct
        self._changed = threading.Condition()
        self._waiting: dict[str, Snapshot] = {}  # session id -> newest snapshot not yet taken
        self._writing: str | None = None  # the session whose snapshot is being written
        self._succeeded: dict[str, bool] = {}
        self._thread: threading.Thread | None = None
        self._closing = False
        self.writes = 0  # snapshots written so far (for tests and the log)

    def submit(self, session_id: str, draft_json: str, path: str = "") -> None:
        """Hand over the newest snapshot of `session_id`; return at once (it replaces one still waiting)."""
        if self._db_path is None:
            self._succeeded[session_id] = self._write(self._direct, session_id, Snapshot(draft_json, path))
            return
        with self._changed:
            if self._closing:
                _LOG.warning("autosave of %s after the store closed: not written", session_id)
                return
            self._waiting.pop(session_id, None)
            self._waiting[session_id] = Snapshot(draft_json, path)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="dnnd-autosave", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every snapshot handed over is written (or failed); return False on timeout."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._waiting and self._writing is None, timeout)

    def succeeded(self, session_id: str) -> bool:
        """Return whether the last snapshot of `session_id` that was written reached the database."""
        return self._succeeded.get(session_id, False)

    def discard(self, session_id: str) -> None:
        """Drop the snapshot of `session_id` still waiting and wait for the one being written, if any."""
        with self._changed:
            self._waiting.pop(session_id, None)
            self._changed.wait_for(lambda: self._writing != session_id)

    def close(self) -> None:
        """Write what is waiting, then stop the worker (idempotent)."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
            thread = self._thread
        if thread is not None:
            thread.join()

    def _run(self) -> None:
        """Take the oldest waiting snapshot and write it, until closed with nothing left."""
        conn: sqlite3.Connection | None = None
        try:
            while True:
                with self._changed:
                    self._changed.wait_for(lambda: self._waiting or self._closing)
                    if not self._waiting:
                        return
                    session_id = next(iter(self._waiting))
                    snapshot = self._waiting.pop(session_id)
                    self._writing = session_id
                ok = False
                try:
                    if conn is None:
                        conn = connect(self._db_path)  # type: ignore[arg-type] # set whenever a write is pending
                    ok = self._write(Drafts(conn), session_id, snapshot)
                except Exception:  # noqa: BLE001 - the database could not be opened; try again next time
                    _LOG.exception("autosave: cannot open the database %s", self._db_path)
                with self._changed:
                    self._succeeded[session_id] = ok
                    self._writing = None
                    self._changed.notify_all()
        finally:
            if conn is not None:
                conn.close()

    def _write(self, drafts: Drafts, session_id: str, snapshot: Snapshot) -> bool:
        """Write one snapshot; return whether it was written (the log says why not)."""
        try:
            drafts.autosave(session_id, snapshot.draft_json, snapshot.path)
        except Exception:  # noqa: BLE001 - autosave must never break editing; the log says why
            _LOG.exception("autosave failed")
            return False
        self.writes += 1
        return True
