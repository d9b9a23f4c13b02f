"""Run the database's integrity check beside the wizard's start, before the store opens the file.

Opening the store runs ``PRAGMA quick_check``, which reads every page of the file: 3.5 ms at
10,000 address-book entries, 45 ms (64 ms on a cold disk cache) at 100,000, and more as the
register grows. SQLite lets go of Python's GIL while it checks, so the wizard starts the check
on a thread of its own (:func:`start`) before importing Qt and its windows, and the store's
:func:`~dnnd_drafter.store.recovery.verify` takes the result instead of checking again
(:func:`passed`) when all of these hold:

* the check was made on the same file, through a read-only connection, and said ``ok``;
* the file and its write-ahead log are what they were when the check began (device, inode,
  size and modification time of both): nothing has written to them since;
* the result is taken once: a later open in the same process checks again.

Anything else (the check failed or could not run, the file changed, no check was started)
leaves :func:`~dnnd_drafter.store.recovery.verify` to check as it always did, so a damaged file
goes the usual way (moved aside, the latest backup offered). The thread never writes.

It lives outside the store package so that starting it loads only :mod:`sqlite3` and
:mod:`threading`: importing the store's modules ahead of Qt made the start ~7 ms slower,
more than the check saves at 10,000 entries.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

Identity = tuple[object, ...]


class EarlyCheck:
    """Check one database file on a thread; say afterwards whether its result still holds."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.identity = file_identity(path)
        self.rows: list[tuple[object, ...]] | None = None
        self.thread = threading.Thread(target=self._check, name="dnnd-early-check", daemon=True)
        self.thread.start()

    def _check(self) -> None:
        """Run ``PRAGMA quick_check`` through a read-only connection; keep its rows (None: no result)."""
        try:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                self.rows = conn.execute("PRAGMA quick_check").fetchall()
            finally:
                conn.close()
        except Exception:  # noqa: BLE001 - no result: the store checks the file itself
            self.rows = None

    def passed(self, path: Path) -> bool:
        """Wait for the check; return whether it said ``ok`` of `path` as the file is now."""
        self.thread.join()
        return self.rows == [("ok",)] and self.identity is not None and file_identity(path) == self.identity


_pending: list[EarlyCheck] = []


def start(path: Path) -> None:
    """Start checking the database at `path` on a thread (nothing when it does not exist yet)."""
    _pending.clear()
    if file_identity(path) is not None:
        _pending.append(EarlyCheck(path))


def passed(path: Path) -> bool:
    """Return whether a check started for `path` found it intact as it is now; forget the check."""
    if not _pending:
        return False
    check = _pending.pop()
    return check.passed(path)


def file_identity(path: Path) -> Identity | None:
    """Return what changes when anything writes `path` or its write-ahead log, and which file it is
    (device and inode: another path to another file never matches); None when there is no file."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    try:
        wal = os.stat(f"{path}-wal")
        wal_state: Identity = (wal.st_size, wal.st_mtime_ns) if wal.st_size else ()
    except OSError:
        wal_state = ()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, wal_state)
