"""Keep autosaved drafts (for crash recovery) and the list of recently opened draft files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import NamedTuple

from dnnd_drafter.store.connection import StoreConnection
from dnnd_drafter.store.db import now_text, transaction
from dnnd_drafter.files.tempfiles import pid_alive
from dnnd_drafter.model.vietnamese import clean

RECENT_KEEP = 100


class Autosave(NamedTuple):
    """Hold the last autosaved text of a wizard session."""

    session_id: str
    draft_json: str
    subject: str
    pid: int
    updated_at: str
    path: str = ""  # the draft file the session was saved as, or "" for a draft never saved


class RecentDraft(NamedTuple):
    """Hold a recently opened or saved draft file."""

    path: Path
    subject: str
    updated_at: str

    @property
    def exists(self) -> bool:
        """Return whether the file is still there."""
        return self.path.is_file()


def _subject_of(draft_json: str) -> str:
    """Return the subject of a (possibly half-written) draft JSON text, or ``""``."""
    try:
        data = json.loads(draft_json)
    except ValueError:
        return ""
    subject = data.get("subject") if isinstance(data, dict) else None
    return clean(subject) if isinstance(subject, str) else ""


def process_alive(pid: int) -> bool:
    """Return whether a process with `pid` is running (best effort, no extra packages)."""
    return pid > 0 and pid_alive(pid)


class Drafts:
    """Autosave drafts and remember recent draft files.

    With `read_only` (a write-protected data folder) the recent list and the closing of
    autosaves are left as they are, so that opening and closing drafts still works.
    """

    def __init__(self, conn: StoreConnection, read_only: bool = False) -> None:
        self._conn = conn
        self.read_only = read_only

    def autosave(self, session_id: str, draft_json: str, path: str | Path | None = None) -> None:
        """Store the current draft text of a wizard session and its file `path` (replacing the previous one)."""
        with transaction(self._conn):
            self._conn.execute(
                "INSERT INTO autosave (session_id, draft_json, subject, pid, updated_at, path) "
                "VALUES (?,?,?,?,?,?) ON CONFLICT (session_id) DO UPDATE SET draft_json = excluded.draft_json, "
                "subject = excluded.subject, pid = excluded.pid, updated_at = excluded.updated_at, "
                "path = excluded.path",
                (session_id, draft_json, _subject_of(draft_json), os.getpid(), now_text(precise=True),
                 str(path) if path else ""))

    def claim(self, session_id: str) -> None:
        """Make this process the owner of an autosave it brought back, so no other window offers it."""
        with transaction(self._conn):
            self._conn.execute("UPDATE autosave SET pid = ? WHERE session_id = ?", (os.getpid(), session_id))

    def mark_closed(self, session_id: str) -> None:
        """Forget the autosave of a session that closed cleanly (or whose recovery was declined)."""
        if self.read_only:
            return
        with transaction(self._conn):
            self._conn.execute("DELETE FROM autosave WHERE session_id = ?", (session_id,))

    def pending_autosaves(self, include_live: bool = False) -> list[Autosave]:
        """Return autosaves of sessions that did not close cleanly, newest first.

        Sessions whose process still runs (another open window, or this process) are left
        out unless `include_live`.
        """
        rows = self._conn.execute("SELECT session_id, draft_json, subject, pid, updated_at, path FROM autosave "
                                  "ORDER BY updated_at DESC, session_id")
        saves = [Autosave(*r) for r in rows]
        return saves if include_live else [s for s in saves if not process_alive(s.pid)]

    def record_recent(self, path: str | Path, subject: str = "") -> None:
        """Put a draft file at the top of the recent files (keeps the newest 100)."""
        if self.read_only:
            return
        resolved = str(Path(path).expanduser().resolve())
        with transaction(self._conn):
            self._conn.execute(
                "INSERT INTO recent_draft (path, subject, updated_at) VALUES (?,?,?) ON CONFLICT (path) "
                "DO UPDATE SET subject = excluded.subject, updated_at = excluded.updated_at",
                (resolved, clean(subject), now_text(precise=True)))
            self._conn.execute(
                "DELETE FROM recent_draft WHERE path NOT IN (SELECT path FROM recent_draft "
                "ORDER BY updated_at DESC, rowid DESC LIMIT ?)", (RECENT_KEEP,))

    def recent_drafts(self, limit: int = 10) -> list[RecentDraft]:
        """Return the most recent draft files, newest first."""
        rows = self._conn.execute("SELECT path, subject, updated_at FROM recent_draft "
                                  "ORDER BY updated_at DESC, rowid DESC LIMIT ?", (limit,))
        return [RecentDraft(Path(p), s, u) for p, s, u in rows]

    def forget_recent(self, path: str | Path) -> None:
        """Remove a file from the recent files."""
        if self.read_only:
            return
        with transaction(self._conn):
            self._conn.execute("DELETE FROM recent_draft WHERE path = ?",
                               (str(Path(path).expanduser().resolve()),))
