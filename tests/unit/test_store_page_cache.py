"""SQLite's page cache stays small: opening the store (its integrity check reads every page), the
address-book index's full read and the daily backup no longer leave or hold a second copy of the
database file in memory (issue 18, peak memory of the wizard)."""

from __future__ import annotations

import ctypes
import ctypes.util
import sqlite3
from pathlib import Path

import pytest

from dnnd_drafter.store import db, open_store
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.recovery import take_daily_backup
from tests.unit.test_store_search_index import address_book_entries

MIB = 1024 * 1024


def _sqlite_memory() -> ctypes.CDLL:
    """Return the SQLite library Python's sqlite3 module uses, or skip."""
    import _sqlite3

    for name in (_sqlite3.__file__, ctypes.util.find_library("sqlite3")):
        try:
            lib = ctypes.CDLL(name) if name else None
            if lib is not None and hasattr(lib, "sqlite3_memory_used"):
                lib.sqlite3_memory_used.restype = ctypes.c_int64
                lib.sqlite3_memory_highwater.restype = ctypes.c_int64
                lib.sqlite3_memory_highwater.argtypes = [ctypes.c_int]
                return lib
        except OSError:
            continue
    pytest.skip("SQLite's memory counters are not reachable here")


@pytest.fixture(scope="module")
def big_database(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """Return a database file of about 4 MiB (twice SQLite's default page cache)."""
    path = tmp_path_factory.mktemp("cache") / "s.sqlite3"
    store = open_store(path, auto_backup=False)
    note = "Trụ sở: thôn 3, " * 20
    store.addressbook.add_many([Recipient(n, s, note=note + n) for n, s in address_book_entries(6000)])
    store.close()
    assert path.stat().st_size > 3 * MIB
    return path


def test_opening_and_searching_leave_a_small_page_cache(big_database: Path) -> None:
    """Check SQLite holds under 1 MiB once the store is open and the address book searched."""
    lib = _sqlite_memory()
    before = lib.sqlite3_memory_used()
    store = open_store(big_database, auto_backup=False)
    try:
        assert store.addressbook.search("uy ban")
        held = lib.sqlite3_memory_used() - before
    finally:
        store.close()
    assert held < 1 * MIB, held / MIB
    assert db.PAGE_CACHE_KIB * 1024 < 1 * MIB


def test_the_daily_backup_never_holds_the_database_in_memory(big_database: Path, tmp_path: Path) -> None:
    """Check the daily backup's connection reads the whole file through a small cache (it runs while
    the clerk types, so its memory adds to the window's)."""
    lib = _sqlite_memory()
    copy = tmp_path / "s.sqlite3"
    copy.write_bytes(big_database.read_bytes())
    base = lib.sqlite3_memory_used()
    lib.sqlite3_memory_highwater(1)  # the high-water mark starts again from what is held now
    made = take_daily_backup(copy)
    peak = lib.sqlite3_memory_highwater(0) - base
    assert made is not None and sqlite3.connect(made).execute("SELECT count(*) FROM recipient").fetchone()[0] == 6000
    assert peak < 1 * MIB, peak / MIB
