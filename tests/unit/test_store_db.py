"""Test the database layer: pragmas, transactions, migrations from every old schema, kills."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import SCHEMA_VERSION, open_store
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import db
from tests.unit.store_fixtures import home, store  # noqa: F401 - fixtures

V1_SQL = """
CREATE TABLE profile (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
    family TEXT NOT NULL CHECK (family IN ('dang', 'nha_nuoc', 'doan_the', 'doan_tn')),
    parent_body TEXT NOT NULL DEFAULT '', issuing_body TEXT NOT NULL, abbreviation TEXT NOT NULL DEFAULT '',
    default_place TEXT NOT NULL DEFAULT '', unit_abbreviations TEXT NOT NULL DEFAULT '[]',
    archive_line TEXT NOT NULL DEFAULT '', term_start TEXT, term_end TEXT, updated_at TEXT NOT NULL DEFAULT '');
CREATE TABLE signer (id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE, name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '', authority TEXT NOT NULL DEFAULT '', body TEXT NOT NULL DEFAULT '',
    is_default INTEGER NOT NULL DEFAULT 0, sort_order INTEGER NOT NULL DEFAULT 0);
CREATE INDEX signer_profile ON signer(profile_id, sort_order);
CREATE TABLE recipient (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]', folded TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT '');
CREATE INDEX recipient_folded ON recipient(folded);
CREATE INDEX recipient_name ON recipient(name);
CREATE TABLE recipient_list (id INTEGER PRIMARY KEY, uid TEXT NOT NULL UNIQUE, name TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('kinh_gui', 'noi_nhan')), updated_at TEXT NOT NULL DEFAULT '');
CREATE TABLE recipient_list_item (list_id INTEGER NOT NULL REFERENCES recipient_list(id) ON DELETE CASCADE,
    position INTEGER NOT NULL, recipient_id INTEGER NOT NULL REFERENCES recipient(id),
    PRIMARY KEY (list_id, position)) WITHOUT ROWID;
CREATE INDEX recipient_list_item_recipient ON recipient_list_item(recipient_id);
CREATE TABLE register_entry (id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profile(id),
    kind TEXT NOT NULL, period_start TEXT NOT NULL, period_end TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0), symbol TEXT NOT NULL DEFAULT '', date TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '', recipients TEXT NOT NULL DEFAULT '[]', signer TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL DEFAULT '',
    UNIQUE (profile_id, kind, period_start, number));
CREATE INDEX register_date ON register_entry(date);
CREATE TABLE autosave (session_id TEXT PRIMARY KEY, draft_json TEXT NOT NULL, subject TEXT NOT NULL DEFAULT '',
    pid INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL);
CREATE TABLE recent_draft (path TEXT PRIMARY KEY, subject TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL);
INSERT INTO profile (id, name, family, issuing_body, abbreviation, unit_abbreviations)
    VALUES (1, 'UBND xã', 'nha_nuoc', 'ỦY BAN NHÂN DÂN XÃ TÂN AN', 'UBND', '["VP"]');
INSERT INTO signer (profile_id, name, position, authority) VALUES (1, 'Nguyễn Văn A', 'CHỦ TỊCH', 'TM.');
INSERT INTO recipient (id, uid, name, short_name, tags, folded)
    VALUES (1, 'u1', 'Ủy ban nhân dân xã Tân An', 'UBND xã Tân An', '["xã"]', 'uy ban nhan dan xa tan an');
INSERT INTO recipient_list (id, uid, name, purpose) VALUES (1, 'l1', 'Các xã', 'noi_nhan');
INSERT INTO recipient_list_item (list_id, position, recipient_id) VALUES (1, 0, 1);
INSERT INTO register_entry (profile_id, kind, period_start, period_end, number, symbol, date, subject)
    VALUES (1, 'cong_van', '2024-01-01', '2024-12-31', 7, 'UBND-VP', '2024-03-05', 'Về việc cũ');
INSERT INTO autosave (session_id, draft_json, pid, updated_at) VALUES ('s1', '{}', 0, '2024-01-01');
PRAGMA application_id = 1145982532;
PRAGMA user_version = 1;
"""


def _build_v1_by_hand(path: Path) -> None:
    """Write a schema-1 database with data, the way version 1 of the app left it."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(V1_SQL)
    finally:
        conn.close()


def _build_with_migrations(path: Path, version: int) -> None:
    """Write a database at `version` by running the first migrations, then add v1 data."""
    conn = db.connect(path)
    try:
        for step in db.MIGRATIONS[:version]:
            step(conn)
        for statement in V1_SQL.split(";\n"):
            if statement.strip().startswith("INSERT"):
                conn.execute(statement)
        for rid, name, short in conn.execute("SELECT id, name, short_name FROM recipient").fetchall():
            conn.execute("UPDATE recipient SET folded = ? WHERE id = ?", (db.folded_key(name, short), rid))
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    finally:
        conn.close()


def test_fresh_database_has_wal_foreign_keys_and_latest_schema(store):
    conn = store.conn
    assert store.path == paths.database_file()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert db.user_version(conn) == SCHEMA_VERSION
    assert store.recovery_notice is None and store.migration_copy is None


def test_transaction_rolls_back_everything_on_error(store):
    with pytest.raises(RuntimeError):
        with db.transaction(store.conn):
            store.addressbook.add(Recipient("Hội Nông dân xã"))
            raise RuntimeError("boom")
    assert store.addressbook.count() == 0


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_migrates_from_every_earlier_version_keeping_data(home, version):
    path = paths.database_file()
    if version == 1:
        _build_v1_by_hand(path)
    else:
        _build_with_migrations(path, version)
    with open_store() as store:
        assert db.user_version(store.conn) == SCHEMA_VERSION
        assert store.recovery_notice is None
        copy = store.migration_copy
        assert copy is not None and copy.parent == home / "backups" and f"-v{version}-" in copy.name
        check = sqlite3.connect(copy)
        try:
            assert check.execute("PRAGMA user_version").fetchone()[0] == version
            assert check.execute("SELECT name FROM recipient").fetchall() == [("Ủy ban nhân dân xã Tân An",)]
        finally:
            check.close()
        profile = store.profiles.get(1)
        assert profile.unit_abbreviations == ["VP"]
        assert store.profiles.signers(1)[0].authority == "TM."
        entry = store.addressbook.get(1)
        assert (entry.valid_from, entry.valid_to, entry.tags) == (None, None, ["xã"])
        assert [r.id for r in store.addressbook.search("ubnd xa")] == [1]  # short form now searchable
        assert store.lists.names("Các xã", dt.date(2024, 5, 1)) == ["UBND xã Tân An"]
        old = store.register.entries(2024)[0]
        assert (old.number, old.status, old.file_hash) == (7, "issued", "")
        assert store.register.issue(1, "cong_van", on=dt.date(2024, 6, 1)).number == 8
        assert [a.session_id for a in store.drafts.pending_autosaves()] == ["s1"]
    with open_store() as again:  # a second open does not migrate nor copy again
        assert again.migration_copy is None


def test_failed_migration_step_leaves_the_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    _build_v1_by_hand(path)

    def broken(conn):
        conn.execute("ALTER TABLE recipient ADD COLUMN half_done TEXT")
        raise sqlite3.OperationalError("disk trouble")

    monkeypatch.setattr(db, "MIGRATIONS", [db.MIGRATIONS[0], broken, db.MIGRATIONS[2]])
    conn = db.connect(path)
    try:
        with pytest.raises(sqlite3.OperationalError):
            db.migrate(conn, path)
        assert db.user_version(conn) == 1
        columns = [r[1] for r in conn.execute("PRAGMA table_info(recipient)")]
        assert "half_done" not in columns
    finally:
        conn.close()
    assert list((tmp_path / "backups").glob("truoc-nang-cap-v1-*.sqlite3"))


def test_newer_schema_is_refused_with_a_vietnamese_message(home):
    path = paths.database_file()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA application_id = {db.APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(UserDataError, match="phiên bản DNND Drafter mới hơn"):
        open_store()
    assert path.exists()  # never moved aside: it is not corrupt


KILLED_WRITER = """
import sys
from dnnd_drafter.store import open_store
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.db import transaction
store = open_store(sys.argv[1], auto_backup=False)
store.addressbook.add_many([Recipient(f"Đã lưu {i}") for i in range(10)])
with transaction(store.conn):
    i = 0
    while True:
        store.conn.execute("INSERT INTO recipient (uid, name, folded) VALUES (?, ?, 'x')", (f"k{i}", "x" * 400))
        i += 1
        if i == 20000:
            print("mid-write", flush=True)
"""


def test_killed_writer_leaves_the_last_committed_state(home):
    path = paths.database_file()
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        assert line.strip() == "mid-write", proc.stderr.read()
        assert Path(f"{path}-wal").stat().st_size > 1_000_000  # uncommitted pages spilled to the WAL
        proc.kill()
        proc.wait(timeout=30)
    finally:
        proc.stdout.close()
        proc.stderr.close()
    with open_store() as store:
        assert store.recovery_notice is None
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert sorted(r.name for r in store.addressbook.entries()) == sorted(f"Đã lưu {i}" for i in range(10))
        store.addressbook.add(Recipient("Sau khi khởi động lại"))
        assert store.addressbook.count() == 11
