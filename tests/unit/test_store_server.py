"""Test the office's PostgreSQL server: setup and roles, numbers across PCs, crashes, a stopped
server, seeing a colleague's change, backup down and upload up."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.lists import RecipientList
from dnnd_drafter.store import open_store
from dnnd_drafter.store.db import MIGRATIONS, SCHEMA_VERSION
from dnnd_drafter.store.server import ENV_DATABASE, connect
from dnnd_drafter.store.server_schema import schema_version
from tests.unit.pg_fixtures import pg_cluster, server_url  # noqa: F401 - fixtures
from tests.unit.store_fixtures import REPO, home, state_profile  # noqa: F401 - fixtures

D = dt.date
DRAFT = {"schema": "dnnd-drafter/draft@1", "family": "nha_nuoc", "kind": "cong_van",
         "issuer": {"parent": "UBND HUYỆN BÌNH MINH", "name": "ỦY BAN NHÂN DÂN XÃ TÂN AN", "abbreviation": "UBND"},
         "date": "2026-01-02", "subject": "Về việc triển khai Chỉ thị số 12-CT/TW",
         "recipients": ["Các ấp"], "signature": {"authority": "TM.", "name": "Nguyễn Văn A"}}


@pytest.fixture
def office(server_url, home, monkeypatch):
    """Point this PC at a fresh office database holding one State profile; yield its URI."""
    monkeypatch.setenv(ENV_DATABASE, server_url)
    with open_store() as store:
        state_profile(store)
    return server_url


def _as_user(url: str, user: str) -> str:
    """Return `url` logging in as `user` instead of the superuser."""
    return url.replace("postgresql://postgres@", f"postgresql://{user}@", 1)


def _draft(folder, name="cong-van.json"):
    path = folder / name
    path.write_text(json.dumps(DRAFT, ensure_ascii=False), encoding="utf-8")
    return path


def _numbers(url: str) -> list[int]:
    conn = connect(url)
    try:
        return [r[0] for r in conn.execute("SELECT number FROM register_entry ORDER BY number")]
    finally:
        conn.close()


def test_setup_creates_the_schema_on_an_empty_database_and_can_run_again(pg_cluster, home, capsys):
    pg_cluster.admin("DROP DATABASE IF EXISTS dnnd_empty")
    pg_cluster.admin("CREATE DATABASE dnnd_empty")
    url = pg_cluster.url("dnnd_empty")
    try:
        assert cli.main(["server", "setup", "--database", url]) == 0
        assert "lược đồ " + str(SCHEMA_VERSION) in capsys.readouterr().out
        assert cli.main(["server", "setup", "--database", url]) == 0  # again: nothing breaks
        assert "đã ở lược đồ" in capsys.readouterr().out
    finally:
        pg_cluster.admin("DROP DATABASE IF EXISTS dnnd_empty WITH (FORCE)")


def test_setup_upgrades_an_older_schema_step_by_step_keeping_the_data(pg_cluster, home, monkeypatch):
    pg_cluster.admin("DROP DATABASE IF EXISTS dnnd_old")
    pg_cluster.admin("CREATE DATABASE dnnd_old")
    url = pg_cluster.url("dnnd_old")
    try:
        conn = connect(url)
        conn.execute("CREATE TABLE dnnd_schema (version INTEGER NOT NULL)")
        conn.execute("INSERT INTO dnnd_schema VALUES (1)")
        MIGRATIONS[0](conn)  # a server set up by version 1
        conn.execute("INSERT INTO recipient (uid, name, short_name, folded) VALUES (?, ?, ?, ?)",
                     ("a1", "Ủy ban nhân dân huyện", "UBND huyện", ""))
        conn.close()
        monkeypatch.setenv(ENV_DATABASE, url)
        with pytest.raises(UserDataError, match="server setup"):
            open_store()
        assert cli.main(["server", "setup"]) == 0
        with open_store() as store:
            assert schema_version(store.conn) == SCHEMA_VERSION
            assert [r.name for r in store.addressbook.search("ubnd huyen")] == ["Ủy ban nhân dân huyện"]  # v2 folded it
    finally:
        pg_cluster.admin("DROP DATABASE IF EXISTS dnnd_old WITH (FORCE)")


def test_a_specialist_may_not_issue_a_number_and_is_told_so_in_vietnamese(office, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(ENV_DATABASE, _as_user(office, "cv_user"))
    path = _draft(tmp_path)
    before = path.read_bytes()
    assert cli.main(["register", "issue", str(path)]) == 2
    err = capsys.readouterr().err
    assert "không có quyền cấp số" in err and "vanthu" in err and "Traceback" not in err
    assert path.read_bytes() == before and _numbers(office) == []
    with open_store() as store:  # the server enforces it, not only the command line
        with pytest.raises(UserDataError, match="không có quyền"):
            store.register.issue(store.profiles.all()[0].id, "cong_van")
        with pytest.raises(UserDataError, match="sửa hồ sơ cơ quan"):
            profile = store.profiles.all()[0]
            profile.default_place = "Nơi khác"
            store.profiles.save(profile)
        added = store.addressbook.add(Recipient("Hội Nông dân xã"))  # the address book is theirs too
        store.lists.save(RecipientList("Kính gửi xã", "kinh_gui", [added.id]))
        assert store.register.entries() == []  # and they read the register
    monkeypatch.setenv(ENV_DATABASE, _as_user(office, "vt_user"))
    assert cli.main(["register", "issue", str(path)]) == 0
    assert model.load(path).number == "01"


_ISSUER = """
import sys
from pathlib import Path
from dnnd_drafter.cli import entry as cli
for path in sorted(Path(sys.argv[1]).glob("*.json")):  # each one a whole `register issue` command
    assert cli.main(["register", "issue", str(path), "--date", "02/03/2026"]) == 0
"""


def test_four_processes_issuing_fifty_numbers_each_get_two_hundred_distinct_consecutive_ones(office, tmp_path):
    folders = [tmp_path / f"may-{pc}" for pc in range(4)]  # four PCs, fifty drafts each
    for folder in folders:
        folder.mkdir()
        for n in range(50):
            _draft(folder, f"cv-{n:02d}.json")
    children = [subprocess.Popen([sys.executable, "-c", _ISSUER, str(folder)], cwd=REPO, env=dict(os.environ),
                                 text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for folder in folders]
    for child in children:
        _out, err = child.communicate(timeout=600)
        assert child.returncode == 0, err
    in_drafts = sorted(int(model.load(p).number) for folder in folders for p in folder.glob("*.json"))
    assert in_drafts == list(range(1, 201))  # distinct and consecutive, each written into its draft
    assert _numbers(office) == list(range(1, 201))
    with open_store() as store:
        assert store.register.pending() == [] and all(e.file_hash for e in store.register.entries())


_HOLDER = """
from dnnd_drafter.store import open_store
store = open_store()
profile = store.profiles.all()[0]
def wait(entry):
    print(entry.number, flush=True)
    input()  # killed (or the server stopped) here, inside the transaction
store.register.issue(profile.id, "cong_van", before_commit=wait)
print("committed", flush=True)
"""


def _hold_a_number(office):
    child = subprocess.Popen([sys.executable, "-c", _HOLDER], cwd=REPO, env=dict(os.environ), text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout.readline().strip() == "1"  # number 1 is taken inside an open transaction
    return child


def test_a_process_killed_in_the_middle_of_an_issue_changes_nothing(office):
    child = _hold_a_number(office)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    with open_store() as store:  # the server rolled it back: the next number is 1 again
        assert store.register.issue(store.profiles.all()[0].id, "cong_van").number == 1
    assert _numbers(office) == [1]


def test_a_stopped_server_in_the_middle_of_an_issue_loses_and_reuses_no_number(office, pg_cluster, tmp_path):
    if pg_cluster.datadir is None:
        pytest.skip("the server is not ours to stop (DNND_TEST_DATABASE_URL)")
    with open_store() as store:
        store.register.issue(store.profiles.all()[0].id, "cong_van")  # number 1 is committed
    waiting = open_store()  # a window left open while the server goes away and comes back
    child = _hold_a_number_after(office, 2)
    pg_cluster.stop()
    try:
        with pytest.raises(UserDataError, match="máy chủ dữ liệu"):
            waiting.register.entries()
        _out, err = child.communicate("\n", timeout=60)
        assert child.returncode == 2 or "Mất kết nối với máy chủ dữ liệu" in err, err
        assert "Mất kết nối với máy chủ dữ liệu" in err and "Traceback" not in err
        path = _draft(tmp_path)
        before = path.read_bytes()
        result = subprocess.run([sys.executable, "-m", "dnnd_drafter", "register", "issue", str(path)], cwd=REPO,
                                env=dict(os.environ), capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 2 and "Không kết nối được máy chủ dữ liệu" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and path.read_bytes() == before
    finally:
        pg_cluster.start()
    result = subprocess.run([sys.executable, "-m", "dnnd_drafter", "register", "issue", str(path)], cwd=REPO,
                            env=dict(os.environ), capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert model.load(path).number == "02"  # 2 was never committed: given now, once
    assert waiting.register.issue(waiting.profiles.all()[0].id, "cong_van").number == 3  # it reconnects
    waiting.close()
    assert _numbers(office) == [1, 2, 3]


_HOLDER_CLI = """
import sys
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.store import open_store
store = open_store()
profile = store.profiles.all()[0]
def wait(entry):
    print(entry.number, flush=True)
    input()
try:
    store.register.issue(profile.id, "cong_van", before_commit=wait)
except UserMessageError as exc:
    print(exc.message, file=sys.stderr)
    sys.exit(2)
"""


def _hold_a_number_after(office, number):
    child = subprocess.Popen([sys.executable, "-c", _HOLDER_CLI], cwd=REPO, env=dict(os.environ), text=True,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert child.stdout.readline().strip() == str(number)
    return child


def _two_pcs(monkeypatch, home):
    """Return two stores on the office's server as two PCs open them (each its own data folder)."""
    mine = open_store()
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(home.parent / "may-khac"))
    theirs = open_store()
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(home))
    return mine, theirs


def test_an_entry_added_on_one_pc_is_found_by_the_others_search_within_a_second(office, monkeypatch, home):
    mine, theirs = _two_pcs(monkeypatch, home)
    with mine, theirs:
        assert theirs.addressbook.search("mat tran") == []  # their index is loaded and current
        mine.addressbook.add(Recipient("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "UBMTTQ xã"))
        deadline = time.monotonic() + 1.0
        found = []
        while not found and time.monotonic() < deadline:
            found = theirs.addressbook.search("mat tran")
        assert [r.short_name for r in found] == ["UBMTTQ xã"]
        renamed = mine.addressbook.rename(found[0].id, "Ủy ban MTTQ Việt Nam xã", D(2025, 7, 1), "MTTQ xã")
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline and [r.id for r in theirs.addressbook.search("mttq")] != [renamed.id]:
            pass
        assert [r.id for r in theirs.addressbook.search("mttq")] == [renamed.id]


def test_backup_of_a_server_store_restores_into_a_local_store(office, monkeypatch, tmp_path):
    with open_store() as store:
        profile = store.profiles.all()[0]
        store.register.issue(profile.id, "cong_van", on=D(2026, 3, 1), subject="Số một")
        entry = store.addressbook.add(Recipient("Hội Cựu chiến binh xã", "Hội CCB xã"))
        store.lists.save(RecipientList("Nơi nhận hội", "noi_nhan", [entry.id]))
        store.drafts.autosave("phien-1", json.dumps({"subject": "Đang soạn"}))
        target = store.backup(tmp_path / "sao-luu.sqlite3")
    monkeypatch.delenv(ENV_DATABASE)
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path / "may-khac"))
    with open_store() as local:
        local.restore(target, force=True)
        assert [e.subject for e in local.register.entries()] == ["Số một"]
        assert local.lists.names("Nơi nhận hội") == ["Hội CCB xã"]
        assert local.register.next_number(local.profiles.all()[0].id, "cong_van", D(2026, 5, 1)) == 2
        assert [a.session_id for a in local.drafts.pending_autosaves(include_live=True)] == ["phien-1"]


def test_upload_moves_a_pcs_data_up_once_and_refuses_what_would_collide(server_url, home, monkeypatch, capsys):
    with open_store() as local:  # this PC's data, kept locally so far
        profile = state_profile(local)
        local.register.issue(profile.id, "cong_van", on=D(2026, 1, 5))
        old = local.addressbook.add(Recipient("UBND huyện Bình Minh", "UBND huyện"))
        new = local.addressbook.rename(old.id, "UBND thị xã Bình Minh", D(2025, 7, 1))
        local.lists.save(RecipientList("Kính gửi huyện", "kinh_gui", [old.id]))
        gone = state_profile(local, "Hồ sơ đã xóa")
        local.register.issue(gone.id, "cong_van", on=D(2026, 1, 5))
        local.conn.execute("DELETE FROM register_entry WHERE profile_id = ?", (gone.id,))
        local.profiles.delete(gone.id)  # its number mark stays behind
    monkeypatch.setenv(ENV_DATABASE, server_url)
    assert cli.main(["server", "upload"]) == 0
    assert "sổ văn bản đi: 1" in capsys.readouterr().out
    with open_store() as store:
        assert store.lists.names("Kính gửi huyện", D(2026, 1, 1)) == ["UBND thị xã Bình Minh"]
        assert store.addressbook.get(store.addressbook.by_uid(old.uid).id).replaced_by == \
            store.addressbook.by_uid(new.uid).id
        assert store.register.issue(store.profiles.all()[0].id, "cong_van", on=D(2026, 2, 1)).number == 2
    assert cli.main(["server", "upload"]) == 2  # the same data again: everything collides
    err = capsys.readouterr().err
    assert "Hồ sơ cơ quan “UBND xã Tân An” đã có trên máy chủ" in err and "chưa có gì được ghi" in err
    assert "Danh sách nơi nhận “Kính gửi huyện”" in err
    assert _numbers(server_url) == [1, 2]


def test_an_unreachable_server_is_a_vietnamese_message_and_exit_2(home, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv(ENV_DATABASE, f"postgresql://vanthu@/dnnd?host={tmp_path}&port=1")
    assert cli.main(["register", "list"]) == 2
    err = capsys.readouterr().err
    assert "Không kết nối được máy chủ dữ liệu" in err and "Traceback" not in err
    assert paths.database_file().exists()  # this PC's own file is there for the drafts


def test_sql_reaches_the_server_as_parameters_with_literal_percent_signs_intact(office):
    conn = connect(office)
    try:
        assert conn.execute("SELECT '50%' || ?, 'a?b'", ("x",)).fetchone() == ("50%x", "a?b")
        assert conn.execute("SELECT ? || '%'", ("'; DROP TABLE recipient; --",)).fetchone()[0] == \
            "'; DROP TABLE recipient; --%"
        assert conn.execute("SELECT count(*) FROM recipient").fetchone()[0] == 0
    finally:
        conn.close()


def test_restoring_a_backup_over_the_server_is_refused_with_a_vietnamese_message(office, tmp_path, capsys):
    assert cli.main(["data", "backup", str(tmp_path / "sao-luu.sqlite3")]) == 0
    assert cli.main(["data", "restore", str(tmp_path / "sao-luu.sqlite3"), "--force"]) == 2
    err = capsys.readouterr().err
    assert "không khôi phục đè từ tệp sao lưu được" in err and "pg_restore" in err


def test_a_keystroke_runs_no_server_statement_and_a_colleagues_entry_reads_only_that_entry(office, monkeypatch,
                                                                                         home):
    import re
    import threading

    from dnnd_drafter.store.server import ServerConnection

    mine, theirs = _two_pcs(monkeypatch, home)
    with mine, theirs:
        theirs.addressbook.add_many([Recipient(f"Ủy ban nhân dân xã số {i}", f"UBND xã {i}") for i in range(300)])
        assert mine.addressbook.search("uy ban")
        seen: list[tuple[str, str]] = []
        real = ServerConnection.execute
        monkeypatch.setattr(ServerConnection, "execute", lambda self, sql, params=None: seen.append(
            (threading.current_thread().name, sql)) or real(self, sql, params))
        mine.addressbook.search("uy ban n")  # this PC's copy answers: no statement on the server
        assert [sql for thread, sql in seen if thread == threading.current_thread().name] == []
        added = theirs.addressbook.add(Recipient("Ủy ban nhân dân xã Mới"))
        seen.clear()
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline and [r.id for r in mine.addressbook.search("xa moi")] != [added.id]:
            pass
        assert [r.id for r in mine.addressbook.search("xa moi")] == [added.id]
        whole = [sql for _thread, sql in seen if re.search(r"FROM recipient\s*$", sql)]
        assert whole == [], whole  # only the changed entry is read, never the whole book
