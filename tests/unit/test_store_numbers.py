"""Test that a number is never handed out twice: interrupted issues, older backups, family changes.

The kill-at-every-system-call suite is ``test_fault_numbers.py``; these tests drive the same
paths directly (a pending entry of a dead process, a restore of an older backup, an import that
would switch a profile's family, a window saving an older copy of a numbered draft).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.store.conflicts import DraftConflict
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.store import Profile, open_store
from dnnd_drafter.store.marks import marks_file
from dnnd_drafter.store.restore import OlderBackupError
from tests.unit.store_fixtures import REPO, home, state_profile, store  # noqa: F401 - fixtures

DRAFT = {"schema": "dnnd-drafter/draft@1", "family": "nha_nuoc", "kind": "cong_van",
         "issuer": {"parent": "UBND HUYỆN BÌNH MINH", "name": "ỦY BAN NHÂN DÂN XÃ TÂN AN", "abbreviation": "UBND"},
         "date": "2026-01-02", "subject": "Về việc triển khai", "recipients": ["Các ấp"],
         "signature": {"authority": "TM.", "name": "Nguyễn Văn A"}}
DAY = dt.date(2026, 2, 14)


def _draft(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(json.dumps(DRAFT | {"subject": name}, ensure_ascii=False), encoding="utf-8")
    return path


def _issue(path: Path, *extra: str) -> int:
    return cli.main(["register", "issue", str(path), "--date", "14/02/2026", *extra])


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


# -- 1. the register is the truth: an interrupted issue is completed on the next open ---------------
def test_an_issue_killed_before_the_file_was_written_is_completed_on_the_next_open(home, tmp_path, capsys):
    with open_store() as s:
        profile = state_profile(s)
        path = _draft(tmp_path, "a.json")
        entry = s.register.issue(profile.id, "cong_van", on=DAY, file_name="a.json", draft_path=path.resolve())
        s.conn.execute("UPDATE register_entry SET pending_pid = ? WHERE id = ?", (_dead_pid(), entry.id))
    assert not model.load(path).is_numbered  # the crash: committed, not yet in the file
    assert _issue(_draft(tmp_path, "b.json")) == 0
    err = capsys.readouterr().err
    assert "đã ghi số 01/UBND-VP vào tệp" in err
    assert model.load(path).number == "01" and model.load(tmp_path / "b.json").number == "02"
    with open_store() as s:
        assert s.register.entry_for_draft(path).file_hash
        assert s.conn.execute("SELECT count(*) FROM register_entry WHERE pending_pid != 0").fetchone()[0] == 0


def test_a_pending_entry_whose_file_is_gone_or_renumbered_is_reported_and_never_reused(home, tmp_path, capsys):
    with open_store() as s:
        profile = state_profile(s)
        gone = tmp_path / "mat.json"
        other = _draft(tmp_path, "khac.json")
        for path in (gone, other):
            entry = s.register.issue(profile.id, "cong_van", on=DAY, draft_path=path.resolve())
            s.conn.execute("UPDATE register_entry SET pending_pid = ? WHERE id = ?", (_dead_pid(), entry.id))
    model.save(model.load(other).copy(number="07"), other)
    assert _issue(_draft(tmp_path, "c.json")) == 0
    err = capsys.readouterr().err
    assert "Số 01/UBND-VP đã được cấp cho" in err and "không bao giờ được cấp lại" in err
    assert "tệp đang mang số 07" in err
    assert model.load(tmp_path / "c.json").number == "03"


def test_issue_refuses_a_read_only_draft_before_taking_a_number(home, tmp_path, capsys):
    with open_store() as s:
        state_profile(s)
    path = _draft(tmp_path, "chi-doc.json")
    path.chmod(0o444)
    assert _issue(path) == 2
    assert "chỉ cho phép đọc" in capsys.readouterr().err
    with open_store() as s:
        assert s.register.entries() == []


# -- 2. a restore cannot lower the highest number issued --------------------------------------------
def test_restoring_an_older_backup_never_hands_out_a_number_again(home, tmp_path, capsys):
    with open_store() as s:
        state_profile(s)
    assert _issue(_draft(tmp_path, "1.json")) == 0
    assert cli.main(["data", "backup", str(tmp_path / "cu.sqlite3")]) == 0
    assert _issue(_draft(tmp_path, "2.json")) == 0 and _issue(_draft(tmp_path, "3.json")) == 0
    capsys.readouterr()
    assert cli.main(["data", "restore", str(tmp_path / "cu.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert "cũ hơn số văn bản mới nhất: số 03/UBND-VP ngày 14/02/2026" in err and "--force" in err
    assert "Traceback" not in err
    with open_store() as s:
        assert len(s.register.entries()) == 3  # refused: nothing changed
    assert cli.main(["data", "restore", str(tmp_path / "cu.sqlite3"), "--force"]) == 0
    assert _issue(_draft(tmp_path, "4.json")) == 0
    assert model.load(tmp_path / "4.json").number == "04"


def test_the_restore_offer_after_a_recovery_keeps_the_numbers_issued_since(home, tmp_path):
    with open_store() as s:
        state_profile(s)
    assert _issue(_draft(tmp_path, "1.json")) == 0
    with open_store() as s:
        backup = s.backup(home / "backups" / "tu-dong-2026-01-01_000000.sqlite3")
    assert _issue(_draft(tmp_path, "2.json")) == 0
    database = home / "dnnd-drafter.sqlite3"
    for side in (Path(f"{database}-wal"), Path(f"{database}-shm")):
        side.unlink(missing_ok=True)
    database.write_bytes(b"hong" * 4096)  # corrupt: the next open starts a fresh database
    with open_store() as s:
        assert s.recovery_notice and s.latest_backup == backup
        s.restore_latest_backup()
        assert [e.number for e in s.register.entries()] == [1]
    assert marks_file(database).is_file()
    assert _issue(_draft(tmp_path, "3.json")) == 0
    assert model.load(tmp_path / "3.json").number == "03"


def test_store_restore_of_an_older_backup_asks_then_keeps_the_mark(store, tmp_path):
    profile = state_profile(store)
    store.register.issue(profile.id, "cong_van", on=DAY)
    backup = store.backup(tmp_path / "cu.sqlite3")
    store.register.issue(profile.id, "cong_van", on=DAY)
    with pytest.raises(OlderBackupError) as refused:
        store.restore(backup)
    assert refused.value.newest.startswith("02/UBND-VP")
    marks_file(store.path).unlink()  # even without the file beside the database
    store.restore(backup, force=True)
    assert store.register.issue(profile.id, "cong_van", on=DAY).number == 3


# -- 3. a profile's family is fixed once it has numbers ---------------------------------------------
def test_import_or_edit_cannot_switch_the_family_of_a_profile_with_numbers(home, tmp_path, capsys):
    with open_store() as s:
        profile = state_profile(s)
        s.register.issue(profile.id, "cong_van", on=DAY)
    data = {"schema": "dnnd-drafter/data@1", "recipients": [], "lists": [], "profiles": [
        {"name": "UBND xã Tân An", "family": "dang", "issuing_body": "ĐẢNG ỦY XÃ TÂN AN", "abbreviation": "ĐU",
         "term_start": "2025-10-01", "term_end": "2030-09-30"}]}
    source = tmp_path / "ho-so.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["data", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert "trường “family”" in err and "không đổi sang khối" in err and "Traceback" not in err
    assert cli.main(["register", "list"]) == 0
    assert "01/UBND-VP" in capsys.readouterr().out
    with open_store() as s:
        kept = s.profiles.by_name("UBND xã Tân An")
        assert kept.family == "nha_nuoc"
        kept.family = "dang"
        with pytest.raises(UserDataError, match="đã cấp số văn bản"):
            s.profiles.save(kept)
        fresh = s.profiles.save(Profile("Chưa cấp số", "nha_nuoc", "UBND XÃ B", abbreviation="UBND"))
        fresh.family, fresh.term_start, fresh.term_end = "dang", dt.date(2025, 1, 1), dt.date(2030, 1, 1)
        assert s.profiles.save(fresh).family == "dang"  # no numbers yet: the family may change


# -- 4(a). a window saving its older copy keeps the number the command line gave -----------------------
def test_a_window_saving_a_draft_numbered_meanwhile_keeps_the_number(home, tmp_path):
    with open_store() as s:
        state_profile(s)
    path = _draft(tmp_path, "cua-so.json")
    with open_store() as s:
        session = DraftSession(model.load(path), path, s)  # the window opened the draft
        assert _issue(path) == 0  # the command line numbers it meanwhile
        session.draft.content.closing = "sửa trong cửa sổ"
        with pytest.raises(DraftConflict) as conflict:  # the window is told (see test_session_conflicts)
            session.save()
        session.overwrite(conflict.value)  # "Ghi đè": the number stays
    saved = model.load(path)
    assert (saved.number, saved.symbol, saved.date) == ("01", "UBND-VP", DAY)
    with open_store() as s:
        assert s.register.entry_for_draft(path).number == 1


def test_a_window_does_not_put_an_old_number_on_another_letter(home, tmp_path):
    with open_store() as s:
        state_profile(s)
    path = _draft(tmp_path, "dung-lai.json")
    with open_store() as s:
        session = DraftSession(model.load(path), path, s)
        assert _issue(path) == 0
        _draft(tmp_path, "dung-lai.json")  # the file is reused for a new letter, without a number
        session.save()
        assert not model.load(path).is_numbered
        numbered = _draft(tmp_path, "co-so.json")
        assert _issue(numbered) == 0
        session.save(numbered)  # "save as" over a numbered file: the clerk's choice, no number copied
        assert not model.load(numbered).is_numbered


def test_a_draft_being_numbered_by_a_live_process_is_not_numbered_twice(home, tmp_path, capsys):
    with open_store() as s:
        profile = state_profile(s)
        path = _draft(tmp_path, "dang-cap.json")
        entry = s.register.issue(profile.id, "cong_van", on=DAY, draft_path=path.resolve())
        live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
        s.conn.execute("UPDATE register_entry SET pending_pid = ? WHERE id = ?", (live.pid, entry.id))
    try:
        assert _issue(path) == 2
        assert "đang được cấp số ở một cửa sổ khác" in capsys.readouterr().err
    finally:
        live.communicate(b"", timeout=30)
    assert _issue(path) == 2  # that process is gone: the next open wrote its number into the file
    assert "đã có số 01" in capsys.readouterr().err
    with open_store() as s:
        assert [e.number for e in s.register.entries()] == [1]


# -- concurrency: issuers while another process restores and imports ----------------------------------
_ISSUER = """
import datetime as dt, sys
from dnnd_drafter.store import open_store
numbers = []
for _ in range(int(sys.argv[1])):
    with open_store(auto_backup=False) as s:
        profile = s.profiles.by_name("UBND xã Tân An")
        numbers.append(s.register.issue(profile.id, "cong_van", on=dt.date(2026, 2, 14)).number)
print(" ".join(map(str, numbers)))
"""
_RESTORER = """
import sys
from dnnd_drafter.store import open_store
for i in range(int(sys.argv[1])):
    with open_store(auto_backup=False) as s:
        s.restore(sys.argv[2], force=True)
        s.import_file(sys.argv[3])
print("ok")
"""


def test_issuers_racing_a_restore_of_an_older_backup_never_share_a_number(home, tmp_path):
    with open_store() as s:
        profile = state_profile(s)
        s.register.issue(profile.id, "cong_van", on=DAY)
        s.backup(tmp_path / "cu.sqlite3")
        s.export(tmp_path / "du-lieu.json")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    runs = [subprocess.Popen([sys.executable, "-c", _ISSUER, "15"], env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(4)]
    runs.append(subprocess.Popen([sys.executable, "-c", _RESTORER, "6", str(tmp_path / "cu.sqlite3"),
                                  str(tmp_path / "du-lieu.json")], env=env, stdout=subprocess.PIPE, text=True))
    outputs = [run.communicate(timeout=240)[0] for run in runs]
    assert [run.returncode for run in runs] == [0] * 5
    numbers = [int(n) for out in outputs[:4] for n in out.split()]
    assert len(numbers) == 60 and len(set(numbers)) == 60 and min(numbers) >= 2
    with open_store() as s:
        assert s.register.next_number(profile.id, "cong_van", DAY) == max(numbers) + 1
        assert sqlite3.connect(s.path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
