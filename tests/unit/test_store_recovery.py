"""Test that a corrupt or unreadable database never stops the app, and backup/restore."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store, recovery
from tests.unit.store_fixtures import home, state_profile, store  # noqa: F401 - fixtures


def _fill(home_dir: Path) -> None:
    """Create a database with data and an automatic backup of it."""
    with open_store() as first:
        state_profile(first)
        first.addressbook.add(Recipient("Ủy ban nhân dân xã Tân An", "UBND xã Tân An"))
    with open_store() as second:  # opening a non-empty database takes the daily backup
        assert second.recovery_notice is None
    assert list((home_dir / "backups").glob("tu-dong-*.sqlite3"))


def _assert_recovered(store, home_dir: Path) -> None:
    """Check the notice, the moved file and the fresh database after a recovery."""
    notice = store.recovery_notice
    assert notice is not None
    moved = store.moved_to
    assert moved is not None and moved.exists() and moved.parent == home_dir
    assert re.fullmatch(r"dnnd-drafter\.hong-\d{4}-\d{2}-\d{2}_\d{6}(-\d+)?\.sqlite3", moved.name)
    assert str(moved) in notice and "cơ sở dữ liệu mới" in notice
    assert store.latest_backup is not None and str(store.latest_backup) in notice
    assert "khôi phục" in notice
    assert store.addressbook.count() == 0 and not store.in_memory
    store.addressbook.add(Recipient("Mục mới sau khi hỏng"))  # the fresh database works


def test_garbage_file_is_moved_aside_and_the_latest_backup_offered(home):
    _fill(home)
    path = paths.database_file()
    path.write_bytes(b"this is not a database at all " * 200)
    with open_store() as store:
        _assert_recovered(store, home)
        assert "không phải cơ sở dữ liệu SQLite" in store.recovery_notice
        restored = store.restore_latest_backup()
        assert restored == store.latest_backup
        assert [r.name for r in store.addressbook.search("uy ban tan an")] == ["Ủy ban nhân dân xã Tân An"]
        assert store.profiles.by_name("UBND xã Tân An") is not None
        assert store.recovery_notice is None
    with open_store() as again:
        assert again.recovery_notice is None and again.addressbook.count() == 1


def test_damaged_pages_are_detected_by_the_check(home):
    _fill(home)
    path = paths.database_file()
    with open_store() as big:
        big.addressbook.add_many(Recipient(f"Đơn vị số {i}", tags=["x"] * 5) for i in range(3000))
        big.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data) - 4096, 4096):  # keep page 1, smash the rest
        data[offset + 100: offset + 300] = os.urandom(200)
    path.write_bytes(bytes(data))
    with open_store() as store:
        _assert_recovered(store, home)


def test_a_foreign_sqlite_file_is_not_used(home):
    path = paths.database_file()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE other_app (x)")
    conn.commit()
    conn.close()
    with open_store() as store:
        assert "không phải cơ sở dữ liệu của DNND Drafter" in store.recovery_notice
        assert store.moved_to is not None and store.latest_backup is None
        assert "Không tìm thấy bản sao lưu" in store.recovery_notice


def test_when_the_file_cannot_be_moved_the_app_runs_in_memory(home, monkeypatch):
    path = paths.database_file()
    path.write_bytes(b"garbage" * 1000)
    monkeypatch.setattr(recovery, "_move_aside", lambda p: None)
    with open_store() as store:
        assert store.in_memory and "không được lưu lại" in store.recovery_notice
        store.addressbook.add(Recipient("Tạm"))
    assert path.read_bytes() == b"garbage" * 1000


def test_backup_and_restore_round_trip(store, tmp_path):
    state_profile(store)
    store.addressbook.add(Recipient("Đảng ủy xã Tân An"))
    backup = store.backup(tmp_path / "copy.sqlite3")
    assert not Path(f"{backup}-wal").exists()
    store.addressbook.add(Recipient("Thêm sau khi sao lưu"))
    safety = store.restore(backup)
    assert [r.name for r in store.addressbook.entries()] == ["Đảng ủy xã Tân An"]
    assert safety is not None and safety.exists()
    store.restore(safety)  # the pre-restore copy holds the later state
    assert store.addressbook.count() == 2


def test_restore_of_a_bad_file_changes_nothing(store, tmp_path):
    store.addressbook.add(Recipient("Giữ nguyên"))
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00" * 5000)
    with pytest.raises(UserDataError, match="không phải bản sao lưu hợp lệ"):
        store.restore(bad)
    with pytest.raises(UserDataError, match="Không tìm thấy tệp sao lưu"):
        store.restore(tmp_path / "missing.sqlite3")
    assert [r.name for r in store.addressbook.entries()] == ["Giữ nguyên"]


def test_automatic_backups_are_pruned(home, monkeypatch):
    monkeypatch.setattr(recovery, "AUTO_MAX_AGE", recovery._dt.timedelta(0))
    stamps = iter(f"2026-01-{d:02d}_000000" for d in range(1, 20))
    monkeypatch.setattr(recovery, "stamp", lambda: next(stamps))
    with open_store() as s:
        s.addressbook.add(Recipient("x"))
    for _ in range(10):
        open_store().close()
    autos = sorted((home / "backups").glob("tu-dong-*.sqlite3"))
    assert len(autos) == recovery.AUTO_KEEP
