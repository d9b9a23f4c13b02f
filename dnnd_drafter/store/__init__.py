"""Keep the office's memory in one SQLite file (Qt-free): profiles, address book, lists,
signers, autosaved drafts and the outgoing register.

Use :func:`open_store`; it never fails on a corrupt file (see :attr:`Store.recovery_notice`).
The API is described in ``docs/store.md``.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.autosaver import AutosaveWriter
from dnnd_drafter.store.db import SCHEMA_VERSION, copy_database
from dnnd_drafter.store.drafts import Autosave, Drafts, RecentDraft
from dnnd_drafter.store.issued_drafts import reconcile
from dnnd_drafter.store.marks import marks_file
from dnnd_drafter.store.profiles import Profile, Profiles, Signer
from dnnd_drafter.store.recovery import find_latest_backup, has_data, open_database, take_daily_backup
from dnnd_drafter.store.restore import restore_into
from dnnd_drafter.store.server import TEXT as SERVER_TEXT, OfflineConnection
from dnnd_drafter.store.server_schema import open_server
from dnnd_drafter.store.server_settings import target

if TYPE_CHECKING:
    from dnnd_drafter.store.addressbook import AddressBook
    from dnnd_drafter.store.lists import RecipientLists
    from dnnd_drafter.store.register import Register
    from dnnd_drafter.store.server_copy import ServerCopy
    from dnnd_drafter.store.transfer import ImportReport

# The store's one deferred seam: the shared parts (address book with its search index, lists,
# register), import/export and the office server's copy and backup are imported from their own
# modules when a Store first uses them (Store.addressbook, .lists, .register, .export,
# .import_file, .backup on a server, open_store with a server). Together they cost about 10 ms to
# import (csv, socket, uuid, the index), which the wizard's first page, the `render` and `pdf`
# commands and a PC without a server never need; tests/unit/test_deferred_imports.py keeps every
# other import at module level.
__all__ = ["Autosave", "Profile", "RecentDraft", "SCHEMA_VERSION", "Signer", "Store", "open_store"]


class Store:
    """Give access to everything the office keeps, through one connection.

    Attributes: ``profiles``, ``addressbook``, ``lists``, ``register``, ``drafts``; and what
    opening found: ``recovery_notice`` (Vietnamese text to show, or None), ``moved_to`` (where
    a corrupt file went), ``latest_backup`` (what can be restored), ``migration_copy``.
    Use one Store per thread; it is a context manager that closes the connection.

    With the office's server (``DNND_DRAFTER_DATABASE``), ``conn`` is the server connection
    (profiles, signers, address book, lists, register) and ``local_conn`` the SQLite file of
    this PC (drafts, autosaves); otherwise both are the same SQLite connection.
    """

    def __init__(self, conn: Any, path: Path, *, recovery_notice: str | None = None,
                 moved_to: Path | None = None, latest_backup: Path | None = None,
                 migration_copy: Path | None = None, in_memory: bool = False, read_only: bool = False,
                 local_conn: sqlite3.Connection | None = None) -> None:
        self.conn = conn
        self.local_conn = local_conn if local_conn is not None else conn
        self.on_server = self.local_conn is not conn
        self.path = path
        self.recovery_notice = recovery_notice
        self.moved_to = moved_to
        self.latest_backup = latest_backup
        self.migration_copy = migration_copy
        self.in_memory = in_memory
        self.read_only = read_only
        self.profiles = Profiles(conn)
        self.drafts = Drafts(self.local_conn, read_only)
        self.register_notes: list[str] = []  # what completing an interrupted number issue did
        self.server_notice: str | None = None  # the office's server could not be reached (working offline)
        #: this PC's read-only copy of the server's shared data (None on the local store)
        self.server_copy: ServerCopy | None = None
        #: a search first brings the copy up to the server when it was never synced here (the
        #: command line); the app sets it False: a keystroke only reads what the copy holds
        self.searches_wait_for_copy = True
        self._copy_reader: sqlite3.Connection | None = None

    @cached_property
    def addressbook(self) -> AddressBook:
        """Return the address book."""
        from dnnd_drafter.store.addressbook import AddressBook

        if self.server_copy is None or not self.on_server or self.server_notice:
            return AddressBook(self.conn)  # the local file, or the copy standing in for an absent server
        try:
            reader = self._open_copy_reader()
        except (UserDataError, sqlite3.Error):  # the copy cannot be made here: search the server itself
            logging.getLogger(__name__).warning("this PC's copy of the server cannot be used", exc_info=True)
            self.server_copy = None
            return AddressBook(self.conn)
        return AddressBook(self.conn, reader, self._copy_ready)

    def start_server_copy(self) -> None:
        """Start following the office's server into this PC's copy (the app does it at start)."""
        if self.server_copy is not None:
            self.server_copy.start()
            if not self.server_notice:
                self.conn.after_commit = self.server_copy.sync  # a write of ours shows at once

    def _open_copy_reader(self) -> sqlite3.Connection:
        """Return the connection the address-book search reads this PC's copy with."""
        assert self.server_copy is not None
        if self._copy_reader is None:
            self.server_copy.prepare()
            from dnnd_drafter.store.server_copy import open_reader

            self._copy_reader = open_reader(self.server_copy.path)
        return self._copy_reader

    def _copy_ready(self) -> None:
        """Start the copy; on the command line, make it current first when it never was here."""
        assert self.server_copy is not None
        if self.searches_wait_for_copy and not self.server_copy.synced.is_set():
            self.server_copy.sync()
        self.start_server_copy()

    def copy_notice(self) -> str | None:
        """Return the note to show while the search reads this PC's copy because the server is away."""
        copy = self.server_copy
        if copy is None or copy.copied_at is None or not (self.server_notice or copy.reachable is False):
            return None

        return SERVER_TEXT["copy_notice"].format(at=copy.copied_at.strftime("%H:%M %d/%m/%Y"))

    @cached_property
    def lists(self) -> RecipientLists:
        """Return the reusable recipient lists."""
        from dnnd_drafter.store.lists import RecipientLists

        return RecipientLists(self.conn, self.addressbook)

    @cached_property
    def register(self) -> Register:
        """Return the outgoing register."""
        from dnnd_drafter.store.register import Register

        register = Register(self.conn, self.profiles, None if self.in_memory or self.on_server else self.marks_path)
        register.before_export = self.refuse_unless_real
        return register

    @property
    def read_only_notice(self) -> str | None:
        """Return the Vietnamese note to show when the data folder is read-only, else None."""
        if not self.read_only:
            return None
        return (f"Thư mục dữ liệu “{self.path.parent}” chỉ cho phép đọc (ví dụ USB đã gạt khóa ghi): xem, "
                "soạn và xuất ra nơi khác được, nhưng hồ sơ, sổ địa chỉ, danh sách và sổ văn bản đi "
                "không lưu được thay đổi. Muốn lưu, hãy chép thư mục dữ liệu sang nơi ghi được.")

    def reconnect(self) -> bool:
        """Reach the office's server again after opening without it; return whether it is now used.

        Raises UserDataError while the server is still away. The address book, lists and
        register are taken afresh from the server.
        """
        if not self.server_notice:
            return False

        found = target()
        if found is None:
            return False
        conn, offline = open_server(*found), self.conn
        self.conn, self.profiles, self.server_notice = conn, Profiles(conn), None
        for name in ("addressbook", "lists", "register"):
            self.__dict__.pop(name, None)
        offline.close()
        if self.server_copy is not None and self.server_copy.started:
            conn.after_commit = self.server_copy.sync
        return True

    def refuse_unless_real(self) -> None:
        """Raise UserDataError when this is not the office's real data (an empty stand-in).

        That is the in-memory database used when the file could not be moved aside, and the
        fresh database of a recovery until the clerk restores a backup or enters data.
        """
        if self.server_notice:  # the server is away: the shared tables are an empty stand-in
            raise UserDataError(self.server_notice)
        if self.on_server:  # the server's data is the office's, whatever happened to this PC's file
            return
        if self.in_memory or (self.recovery_notice and not has_data(self.conn)):
            raise UserDataError("Dữ liệu đang mở không phải dữ liệu thật của cơ quan (tệp cũ không dùng "
                                "được, chương trình đang chạy tạm với dữ liệu trống), nên không xuất để "
                                "khỏi ghi ra một tệp trống. Hãy khôi phục bản sao lưu hoặc xử lý tệp dữ "
                                "liệu cũ trước.")

    @cached_property
    def autosaver(self) -> AutosaveWriter:
        """Return the background writer of autosaves (started on first use)."""
        return AutosaveWriter(None if self.in_memory or str(self.path) == ":memory:" else self.path, self.drafts)

    @property
    def marks_path(self) -> Path:
        """Return the file beside the database that keeps the highest numbers issued."""
        return marks_file(self.path)

    def close(self) -> None:
        """Write the autosaves still waiting, then close the connection (idempotent)."""
        if "autosaver" in self.__dict__:
            self.autosaver.close()
        if self.server_copy is not None:
            self.server_copy.close()
        if self._copy_reader is not None:
            self._copy_reader.close()
            self._copy_reader = None
        if self.on_server:
            self.local_conn.close()
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def backup(self, target: str | Path) -> Path:
        """Copy the whole database to one file at `target` (SQLite backup API); return it.

        On the office's server, the shared data and this PC's drafts go into the same kind of
        file (restorable into a local store, or uploaded to another server).
        """
        self.refuse_unless_real()
        if self.on_server:
            from dnnd_drafter.store.server_backup import backup_server

            return backup_server(self, Path(target))
        return copy_database(self.conn, Path(target))

    def restore(self, source: str | Path, force: bool = False) -> Path | None:
        """Replace the whole database by the backup `source`; return the safety copy taken.

        A bad backup raises UserDataError and changes nothing, as does a read-only data folder.
        A backup older than the newest number issued raises
        :class:`~dnnd_drafter.store.restore.OlderBackupError` unless `force`; either way no number
        issued since the backup is handed out again.
        """
        if self.read_only_notice:
            raise UserDataError(self.read_only_notice)
        if self.on_server:
            from dnnd_drafter.store.server_backup import TEXT as BACKUP_TEXT

            raise UserDataError(BACKUP_TEXT["no_restore"])
        safety = restore_into(self.conn, None if self.in_memory else self.path, Path(source), force)
        self.recovery_notice = None
        if "addressbook" in self.__dict__:  # the backup API changes neither total_changes nor data_version
            self.addressbook.forget_index()
        return safety

    def start_daily_backup(self) -> Any:
        """Take the day's automatic backup (when due) on another thread; return the thread, or None.

        The thread opens its own connection (SQLite's backup API reads a consistent snapshot
        while this connection goes on writing) and logs a failure instead of raising: the clerk
        is never kept waiting for, nor interrupted by, the daily copy.
        """
        if self.in_memory or self.read_only_notice:
            return None

        thread = threading.Thread(target=take_daily_backup, args=(self.path,), name="dnnd-daily-backup")
        thread.start()
        return thread

    def find_latest_backup(self) -> Path | None:
        """Return the newest intact backup in the ``backups`` folder, or None."""
        return find_latest_backup(self.path)

    def restore_latest_backup(self) -> Path:
        """Restore :attr:`latest_backup` (the offer made after a recovery); return its path."""
        backup = self.latest_backup or self.find_latest_backup()
        if backup is None:
            raise UserDataError("Không có bản sao lưu nào để khôi phục.")
        self.restore(backup, force=True)  # the clerk accepted the offer; the marks keep the numbers
        return backup

    def export(self, target: str | Path) -> list[Path]:
        """Export address book, lists and profiles to ``.json`` or ``.csv``; return the files."""
        from dnnd_drafter.store.transfer import export_data

        self.refuse_unless_real()
        return export_data(self, target)

    def import_file(self, source: str | Path) -> ImportReport:
        """Import a ``.json`` or ``.csv`` export; all or nothing."""
        from dnnd_drafter.store.transfer import import_data

        return import_data(self, source)


def open_store(path: str | Path | None = None, auto_backup: bool = True, offline_ok: bool = False) -> Store:
    """Open the store at `path` (default ``paths.database_file()``), creating or upgrading it.

    A corrupt or unreadable file is moved aside and a fresh database is used; the returned
    Store then carries a Vietnamese ``recovery_notice`` and the ``latest_backup``. With
    `auto_backup`, a copy is taken into ``backups/`` when the last one is older than 20 hours.
    Raises UserDataError, leaving the file where it is, for a database of a newer version, a
    full disk, a lock held too long or missing rights; a folder that cannot be written opens
    read-only (``read_only``).

    Without `path` and with ``DNND_DRAFTER_DATABASE`` set (a libpq URI), the shared data lives
    on that PostgreSQL server and only drafts stay in the local file; an unreachable server
    raises UserDataError (see :mod:`dnnd_drafter.store.server`), or with `offline_ok` (the app)
    opens with empty shared data that refuses writes and says why in ``server_notice``.
    """
    opened = open_database(Path(path) if path is not None else paths.database_file(), auto_backup)
    copy = None
    try:
        shared, notice, found = _open_shared(path is None, offline_ok)
        if found is not None and not (opened.read_only or opened.in_memory):
            from dnnd_drafter.store.server_copy import ServerCopy, copy_path

            copy = ServerCopy(copy_path(opened.path), *found)
            if notice is not None and copy.copied_at is not None:  # the server is away: read the copy
                shared.close()
                shared = OfflineConnection(copy.path)
    except BaseException:
        opened.conn.close()
        raise
    store = Store(shared if shared is not None else opened.conn, opened.path,
                  recovery_notice=opened.recovery_notice,
                  moved_to=opened.moved_to, latest_backup=opened.latest_backup,
                  migration_copy=opened.migration_copy, in_memory=opened.in_memory,
                  read_only=opened.read_only, local_conn=opened.conn)
    store.server_notice = notice
    store.server_copy = copy
    if not store.read_only:
        _finish_interrupted_issues(store)
    return store


def _open_shared(wanted: bool, offline_ok: bool) -> tuple[Any, str | None, tuple[str, str | None] | None]:
    """Return (the office's server connection or None, the notice of working offline or None,
    the server's URI and password or None)."""
    if not wanted:
        return None, None, None

    found = None
    try:
        found = target()
        if found is None:
            return None, None, None

        return open_server(*found), None, found
    except UserDataError as exc:
        if not offline_ok:
            raise

        return OfflineConnection(), SERVER_TEXT["opened_offline"].format(reason=exc.message), found


def _finish_interrupted_issues(store: Store) -> None:
    """Complete the number issues a crash interrupted (see :mod:`dnnd_drafter.store.issued_drafts`)."""
    try:
        if store.conn.execute("SELECT EXISTS (SELECT 1 FROM register_entry WHERE pending_pid != 0)").fetchone()[0]:
            store.register_notes = reconcile(store.register)
    except Exception:  # noqa: BLE001 - opening must not fail here; the entries stay pending
        logging.getLogger(__name__).exception("interrupted number issues could not be completed")
