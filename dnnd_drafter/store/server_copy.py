"""Keep this PC's read-only copy of the office's shared data (address book, recipient lists,
profiles and signers) in step with the server, from a thread and a server connection of its own.

The copy is its own SQLite file beside the local database (:data:`COPY_FILE_NAME`), with the
local schema (same migrations, same version) and a one-row table ``server_copy`` naming the
server it copies, when it was last found current and how far in the address-book change log it
is. It is not the local database itself: that file's address book and lists are this PC's own
data, which ``server upload`` may still move up.

What reads it: the address-book search on a server store (a keystroke then runs no statement on
the server, and no statement at all on the UI thread's behalf over the network), and the whole
store when the server cannot be reached at start (:class:`~dnnd_drafter.store.server.OfflineConnection`
over the copy, read-only). The copy follows the server every :data:`POLL_S` seconds: one query of
the change counter and a checksum of the small tables; only the address-book entries the change
log names are read again. A write through the store's own connection brings the copy up to date
as soon as it commits (:meth:`ServerCopy.sync` as the connection's ``after_commit``).
"""

from __future__ import annotations

import datetime as _dt
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dnnd_drafter.store.db import SCHEMA_VERSION, busy_timeout_ms, connect, migrate, transaction
from dnnd_drafter.store.search_index import LOG_SQL
from dnnd_drafter.store.server import connect as connect_server

COPY_FILE_NAME = "server-copy.sqlite3"
POLL_S = 0.5  # how often the server is asked for changes while it answers
RETRY_S = 5.0  # how often it is tried again while it does not
STAMP_EVERY_S = 60.0  # "found current at" is written at most this often when nothing changed
REREAD_AT = 2000  # more changed entries than this: the whole address book is read again
#: The copied tables; the address book follows the change log, the small ones a checksum.
SMALL_TABLES = ("profile", "signer", "recipient_list", "recipient_list_item")
META_SQL = ("CREATE TABLE IF NOT EXISTS server_copy (source TEXT NOT NULL, copied_at TEXT NOT NULL, "
            "seq INTEGER, checksum TEXT NOT NULL DEFAULT '')")
_CHECKSUM = "SELECT md5(concat_ws('#', {}))".format(", ".join(
    f"(SELECT string_agg(md5(t::text), '' ORDER BY md5(t::text)) FROM {table} t)" for table in SMALL_TABLES))
_log = logging.getLogger(__name__)


def copy_path(database: Path) -> Path:
    """Return the file of the server's copy beside the local database `database`."""
    return database.with_name(COPY_FILE_NAME)


def copied_at(path: Path, source: str) -> _dt.datetime | None:
    """Return when the copy at `path` was last found current with the server `source`, or None."""
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return None  # made by another version of the app: not read until it is brought up
            row = conn.execute("SELECT source, copied_at FROM server_copy").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        return None
    return _dt.datetime.fromisoformat(row[1]) if row is not None and row[0] == source and row[1] else None


def open_reader(path: Path) -> sqlite3.Connection:
    """Return a connection that reads the copy (from any thread, one call at a time)."""
    conn = sqlite3.connect(path, timeout=busy_timeout_ms() / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    return conn


class ServerCopy:
    """Follow the office's server into the copy file; say whether the server answered lately."""

    def __init__(self, path: Path, uri: str, password: str | None = None) -> None:
        self.path = path
        self.uri = uri
        self._password = password
        self._lock = threading.Lock()  # one sync at a time (the thread, or a write's commit)
        self._server: Any = None
        self._copy: sqlite3.Connection | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._stamped = 0.0
        self.reachable: bool | None = None  # None: not asked yet
        self.synced = threading.Event()  # set once the copy followed the server (or found it away)
        self.copied_at: _dt.datetime | None = copied_at(path, uri)
        self.listeners: list[Callable[[], None]] = []  # called on the syncing thread after a change

    def prepare(self) -> None:
        """Create the copy file with the local schema, its record and the search's change log."""
        with self._lock:
            self._copy_connection()

    @property
    def started(self) -> bool:
        """Return whether the copy follows the server from its own thread."""
        return self._thread is not None

    def start(self) -> None:
        """Follow the server from a thread of its own (once)."""
        if self._thread is None:
            self.prepare()
            self._thread = threading.Thread(target=self._run, name="dnnd-server-copy", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        """Sync, then wait a moment; until :meth:`close`."""
        while not self._stop.is_set():
            self.sync()
            self._stop.wait(POLL_S if self.reachable else RETRY_S)

    def sync(self) -> bool:
        """Bring the copy up to the server's data now; return whether the server answered. Never raises."""
        changed = False
        with self._lock:
            if self._stop.is_set():
                return False
            try:
                changed = self._sync()
                self.reachable = True
            except Exception:  # noqa: BLE001 - the server is away (or the file): the copy stays as it was
                if self.reachable is not False:  # logged when it goes away, not at every try
                    _log.info("the office's server could not be copied", exc_info=True)
                self._drop_server()
                self.reachable = False
            self.synced.set()
        if changed:
            for listener in list(self.listeners):
                try:
                    listener()
                except Exception:  # noqa: BLE001 - a listener's failure must not stop the copy
                    _log.exception("a listener of the server's copy failed")
        return bool(self.reachable)

    def _copy_connection(self) -> sqlite3.Connection:
        """Return the copy's writing connection, making the file on first use."""
        if self._copy is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = connect(self.path)
            conn.close()
            conn = open_reader(self.path)
            conn.execute("PRAGMA foreign_keys = OFF")  # rows arrive in any order
            migrate(conn, None)
            for statement in (META_SQL, *LOG_SQL):
                conn.execute(statement)
            self._copy = conn
        return self._copy

    def _server_connection(self) -> Any:
        """Return the copy's own connection to the server, connecting when there is none."""
        if self._server is None or self._server._raw.closed or self._server._raw.broken:
            self._drop_server()
            self._server = connect_server(self.uri, self._password)
        return self._server

    def _drop_server(self) -> None:
        """Close the server connection (it is made again at the next sync)."""
        if self._server is not None:
            try:
                self._server.close()
            except Exception:  # noqa: BLE001 - already gone
                pass
            self._server = None

    def _sync(self) -> bool:
        """Read what changed on the server and write it into the copy; return whether anything changed."""
        copy, server = self._copy_connection(), self._server_connection()
        meta = copy.execute("SELECT source, seq, checksum FROM server_copy").fetchone()
        same = meta is not None and meta[0] == self.uri
        seq = meta[1] if same else None
        columns = {t: [r[1] for r in copy.execute(f"PRAGMA table_info({t})")] for t in ("recipient", *SMALL_TABLES)}
        server.execute("BEGIN")  # one snapshot of the server for everything read below
        try:
            last = server.execute("SELECT n FROM change_counter WHERE name = 'recipient'").fetchone()[0]
            checksum = server.execute(_CHECKSUM).fetchone()[0] or ""
            entries = self._changed_entries(server, columns["recipient"], seq, last)
            small = None if same and meta[2] == checksum else {
                t: server.execute(f"SELECT {', '.join(columns[t])} FROM {t}").fetchall() for t in SMALL_TABLES}
            server.commit()
        except BaseException:
            server.rollback()
            raise
        now = time.monotonic()
        if entries is None and small is None:
            if now - self._stamped >= STAMP_EVERY_S:
                self._stamp(copy, now)
            return False
        with transaction(copy):
            if entries is not None:
                ids, rows = entries
                if ids is None:
                    copy.execute("DELETE FROM recipient")
                else:
                    copy.executemany("DELETE FROM recipient WHERE id = ?", [(i,) for i in ids])
                self._insert(copy, "recipient", columns["recipient"], rows)
            for table, rows in (small or {}).items():
                copy.execute(f"DELETE FROM {table}")
                self._insert(copy, table, columns[table], rows)
            copy.execute("DELETE FROM server_copy")
            copy.execute("INSERT INTO server_copy (source, copied_at, seq, checksum) VALUES (?, '', ?, ?)",
                         (self.uri, last, checksum))
            self._stamp(copy, now)
        return True

    @staticmethod
    def _changed_entries(server: Any, columns: list[str], seq: int | None,
                         last: int) -> tuple[list[int] | None, list[tuple[Any, ...]]] | None:
        """Return (changed ids or None for all, their rows) of the address book since `seq`; None: no change."""
        select = f"SELECT {', '.join(columns)} FROM recipient"
        if seq is not None and last == seq:
            return None
        if seq is not None and last > seq:
            oldest = server.execute("SELECT min(seq) FROM recipient_change").fetchone()[0]
            if oldest is not None and oldest <= seq + 1:
                ids = sorted({r[0] for r in server.execute(
                    "SELECT recipient_id FROM recipient_change WHERE seq > ?", (seq,))})
                if len(ids) <= REREAD_AT:
                    return ids, server.execute(f"{select} WHERE id = ANY(?)", (ids,)).fetchall()
        return None, server.execute(select).fetchall()

    @staticmethod
    def _insert(copy: sqlite3.Connection, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
        """Write `rows` into `table` of the copy."""
        marks = ", ".join("?" * len(columns))
        copy.executemany(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def _stamp(self, copy: sqlite3.Connection, now: float) -> None:
        """Record that the copy was found current now."""
        at = _dt.datetime.now().replace(microsecond=0)
        copy.execute("UPDATE server_copy SET copied_at = ?", (at.isoformat(),))
        self.copied_at, self._stamped = at, now

    def close(self) -> None:
        """Stop following the server and close both connections (idempotent)."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=30)
        with self._lock:
            self._drop_server()
            if self._copy is not None:
                self._copy.close()
                self._copy = None
