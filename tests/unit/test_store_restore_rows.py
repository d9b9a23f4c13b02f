"""Test that a backup is data, never code: no triggers or views come in, every row is checked."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from dnnd_drafter.store.db import APPLICATION_ID, MIGRATIONS
from tests.unit.store_fixtures import home, state_profile  # noqa: F401 - fixtures

DAY = dt.date(2026, 2, 14)
HACK = """CREATE TRIGGER hack AFTER INSERT ON register_entry BEGIN
    UPDATE register_entry SET subject = 'HACKED', number = 1; END"""


def _office_backup(tmp_path: Path, name: str = "sao-luu.sqlite3") -> Path:
    """Return a backup of an office with a profile, two numbers and an address entry."""
    with open_store() as s:
        profile = state_profile(s)
        for subject in ("Một", "Hai"):
            s.register.issue(profile.id, "cong_van", on=DAY, subject=subject, recipients=["Các ấp"])
        s.addressbook.add(Recipient("Công an xã"))
        return s.backup(tmp_path / name)


def _edit(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _all_commands_work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "moi.json"
    draft.write_text('{"schema": "dnnd-drafter/draft@1", "family": "nha_nuoc", "kind": "cong_van", '
                     '"issuer": {"name": "ỦY BAN NHÂN DÂN XÃ TÂN AN", "abbreviation": "UBND"}, "date": "2026-02-15", '
                     '"subject": "Mới", "recipients": ["Các ấp"], "signature": {"name": "A"}}', encoding="utf-8")
    for args in (["register", "list"], ["register", "export", str(tmp_path / "so.csv")],
                 ["data", "export", str(tmp_path / "dl.json")], ["register", "issue", str(draft), "--date", "15/02/2026"]):
        assert cli.main(args) == 0, (args, capsys.readouterr().err)
    assert "Traceback" not in capsys.readouterr().err


def test_a_backup_with_a_trigger_brings_in_only_the_rows(home, tmp_path, capsys):
    backup = _office_backup(tmp_path)
    _edit(backup, HACK, "CREATE VIEW spy AS SELECT * FROM profile", "CREATE TABLE extra (x)",
          "CREATE TRIGGER hack2 AFTER DELETE ON recipient BEGIN DELETE FROM profile; END")
    assert cli.main(["data", "restore", str(backup), "--force"]) == 0
    with open_store() as s:
        objects = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
        assert not {"hack", "hack2", "spy", "extra"} & objects
        profile = s.profiles.all()[0]
        s.register.issue(profile.id, "cong_van", on=DAY, subject="Ba")
        assert [(e.number, e.subject) for e in s.register.entries()] == [(1, "Một"), (2, "Hai"), (3, "Ba")]
    _all_commands_work(tmp_path, capsys)


@pytest.mark.parametrize(("statement", "named"), [
    ("UPDATE register_entry SET date = '2026-02-30' WHERE id = 2", "bảng “register_entry”, dòng id = 2, cột “date”"),
    ("UPDATE register_entry SET recipients = '[\"Các ấp\"' WHERE id = 1",
     "bảng “register_entry”, dòng id = 1, cột “recipients”: không phải JSON hợp lệ"),
    ("UPDATE register_entry SET number = 'hai' WHERE id = 2", "dòng id = 2, cột “number”: “hai” không phải số nguyên"),
    ("UPDATE register_entry SET kind = 'thu_tay' WHERE id = 1", "dòng id = 1, cột “kind”"),
    ("UPDATE profile SET unit_abbreviations = '{' WHERE id = 1", "bảng “profile”, dòng id = 1, cột “unit_abbreviations”"),
    ("UPDATE recipient SET valid_from = 'hôm qua'", "bảng “recipient”, dòng id = 1, cột “valid_from”"),
    ("UPDATE register_entry SET profile_id = 99 WHERE id = 2", "bảng “register_entry”, dòng rowid = 2"),
    ("DROP TABLE signer", "thiếu bảng “signer”"),
])
def test_a_backup_with_a_bad_row_is_refused_naming_it_and_nothing_changes(home, tmp_path, capsys, statement, named):
    backup = _office_backup(tmp_path)
    _edit(backup, "PRAGMA foreign_keys = OFF", statement)
    with open_store() as s:
        s.register.issue(s.profiles.all()[0].id, "cong_van", on=DAY, subject="Sau sao lưu")
        before = s.register.csv_text()
    capsys.readouterr()
    assert cli.main(["data", "restore", str(backup), "--force"]) == 2
    err = capsys.readouterr().err
    assert named in err and "hiện có không thay đổi" in err
    assert "Traceback" not in err
    with open_store() as s:
        assert s.register.csv_text() == before
    _all_commands_work(tmp_path, capsys)


@pytest.mark.parametrize("version", range(1, len(MIGRATIONS)))
def test_a_backup_of_an_older_schema_is_upgraded_on_restore(home, tmp_path, version):
    old = tmp_path / f"v{version}.sqlite3"
    conn = sqlite3.connect(old)
    for step in MIGRATIONS[:version]:
        step(conn)
    conn.execute("INSERT INTO profile (name, family, issuing_body, abbreviation, unit_abbreviations) "
                 "VALUES ('UBND xã Tân An', 'nha_nuoc', 'UBND XÃ TÂN AN', 'UBND', '[\"VP\"]')")
    conn.execute("INSERT INTO register_entry (profile_id, kind, period_start, period_end, number, symbol, date) "
                 "VALUES (1, 'cong_van', '2026-01-01', '2026-12-31', 4, 'UBND-VP', '2026-02-14')")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()
    with open_store() as s:
        s.restore(old)
        profile = s.profiles.all()[0]
        assert [e.number for e in s.register.entries()] == [4]
        assert s.register.issue(profile.id, "cong_van", on=DAY).number == 5
