"""Keep the office's memory in one SQLite file (Qt-free): profiles, address book, lists,
signers, autosaved drafts and the outgoing register.

Use :func:`open_store`; it never fails on a corrupt file (see :attr:`Store.recovery_notice`).
The API is described in ``docs/store.md``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from dnnd_drafter import paths
from dnnd_drafter.errors import UserDataError
from functools import cached_property

from dnnd_drafter.store.db import SCHEMA_VERSION, copy_database
from dnnd_drafter.store.drafts import Autosave, Drafts, RecentDraft
from dnnd_drafter.store.profiles import Profile, Profiles, Signer
from dnnd_drafter.store.recovery import find_latest_backup, open_database, restore_into

if TYPE_CHECKING:
    from dnnd_drafter.store.addressbook import AddressBook, Recipient
    from dnnd_drafter.store.lists import PURPOSES, ListItem, RecipientList, RecipientLists
    from dnnd_drafter.store.register import Register, RegisterEntry
    from dnnd_drafter.store.transfer import ImportReport, export_data, import_data

# loaded on first use: the start of the app needs only profiles and drafts
_LATER = {"AddressBook": "addressbook", "Recipient": "addressbook", "PURPOSES": "lists", "ListItem": "lists",
          "RecipientList": "lists", "RecipientLists": "lists", "Register": "register",
          "RegisterEntry": "register", "ImportReport": "transfer", "export_data": "transfer",
          "import_data": "transfer"}

__all__ = [
    "AddressBook", "Autosave", "ImportReport", "ListItem", "PURPOSES", "Profile", "RecentDraft",
    "Recipient", "RecipientList", "RegisterEntry", "SCHEMA_VERSION", "Signer", "Store", "open_store",
]


class Store:
    """Give access to everything the office keeps, through one connection.

    Attributes: ``profiles``, ``addressbook``, ``lists``, ``register``, ``drafts``; and what
    opening found: ``recovery_notice`` (Vietnamese text to show, or None), ``moved_to`` (where
    a corrupt file went), ``latest_backup`` (what can be restored), ``migration_copy``.
    Use one Store per thread; it is a context manager that closes the connection.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, recovery_notice: str | None = None,
                 moved_to: Path | None = None, latest_backup: Path | None = None,
                 migration_copy: Path | None = None, in_memory: bool = False) -> None:
        self.conn = conn
        self.path = path
        self.recovery_notice = recovery_notice
        self.moved_to = moved_to
        self.latest_backup = latest_backup
        self.migration_copy = migration_copy
        self.in_memory = in_memory
        self.profiles = Profiles(conn)
        self.drafts = Drafts(conn)

    @cached_property
    def addressbook(self) -> AddressBook:
        """Return the address book."""
        from dnnd_drafter.store.addressbook import AddressBook

        return AddressBook(self.conn)

    @cached_property
    def lists(self) -> RecipientLists:
        """Return the reusable recipient lists."""
        from dnnd_drafter.store.lists import RecipientLists

        return RecipientLists(self.conn, self.addressbook)

    @cached_property
    def register(self) -> Register:
        """Return the outgoing register."""
        from dnnd_drafter.store.register import Register

        return Register(self.conn, self.profiles)

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def backup(self, target: str | Path) -> Path:
        """Copy the whole database to one file at `target` (SQLite backup API); return it."""
        return copy_database(self.conn, Path(target))

    def restore(self, source: str | Path) -> Path | None:
        """Replace the whole database by the backup `source`; return the safety copy taken.

        A bad backup raises UserDataError and changes nothing.
        """
        safety = restore_into(self.conn, None if self.in_memory else self.path, Path(source))
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
        if self.in_memory:
            return None
        import threading

        from dnnd_drafter.store.recovery import take_daily_backup

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
        self.restore(backup)
        return backup

    def export(self, target: str | Path) -> list[Path]:
        """Export address book, lists and profiles to ``.json`` or ``.csv``; return the files."""
        from dnnd_drafter.store.transfer import export_data

        return export_data(self, target)

    def import_file(self, source: str | Path) -> ImportReport:
        """Import a ``.json`` or ``.csv`` export; all or nothing."""
        from dnnd_drafter.store.transfer import import_data

        return import_data(self, source)


def open_store(path: str | Path | None = None, auto_backup: bool = True) -> Store:
    """Open the store at `path` (default ``paths.database_file()``), creating or upgrading it.

    A corrupt or unreadable file is moved aside and a fresh database is used; the returned
    Store then carries a Vietnamese ``recovery_notice`` and the ``latest_backup``. With
    `auto_backup`, a copy is taken into ``backups/`` when the last one is older than 20 hours.
    Raises UserDataError only for a database of a newer version or one locked too long.
    """
    opened = open_database(Path(path) if path is not None else paths.database_file(), auto_backup)
    return Store(opened.conn, opened.path, recovery_notice=opened.recovery_notice,
                 moved_to=opened.moved_to, latest_backup=opened.latest_backup,
                 migration_copy=opened.migration_copy, in_memory=opened.in_memory)


def __getattr__(name: str) -> Any:
    """Load the address book, lists, register and import/export modules on first use, not at start."""
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(f"dnnd_drafter.store.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
