"""Test the outgoing register: numbering per period and kind, cancellation, hashes, CSV, concurrency."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import subprocess
import sys
import time

import pytest

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import open_store
from dnnd_drafter.store.register import CSV_HEADER
from tests.unit.store_fixtures import home, party_profile, state_profile  # noqa: F401 - fixtures
from tests.unit.pg_fixtures import pg_cluster, server_url, shared_store as store  # noqa: F401 - both backends

D = dt.date


def test_numbers_run_per_profile_kind_and_year(store):
    state = state_profile(store)
    other = state_profile(store, "UBND xã khác")
    issue = store.register.issue
    assert [issue(state.id, "cong_van", on=D(2026, 1, 5)).number for _ in range(3)] == [1, 2, 3]
    assert issue(state.id, "ke_hoach", on=D(2026, 1, 6)).number == 1
    assert issue(other.id, "cong_van", on=D(2026, 1, 6)).number == 1
    first_2027 = issue(state.id, "cong_van", on=D(2027, 1, 2))
    assert (first_2027.number, first_2027.number_text, first_2027.symbol) == (1, "01", "UBND-VP")
    assert store.register.next_number(state.id, "cong_van", D(2026, 12, 31)) == 4


def test_party_numbers_run_through_the_term(store):
    party = party_profile(store)
    a = store.register.issue(party.id, "cong_van", on=D(2024, 12, 30))
    b = store.register.issue(party.id, "cong_van", on=D(2025, 1, 3))
    assert (a.number, b.number, b.symbol) == (1, 2, "CV/HU")
    assert b.period_start == D(2020, 10, 15)
    with pytest.raises(UserDataError, match="ngoài nhiệm kỳ"):
        store.register.issue(party.id, "cong_van", on=D(2025, 11, 1))
    assert len(store.register.entries()) == 2


def test_entry_keeps_everything_and_a_hash_can_be_attached(store, tmp_path):
    state = state_profile(store)
    entry = store.register.issue(state.id, "cong_van", on=D(2026, 2, 14), subject="V/v triển khai\nChỉ thị 12",
                                 recipients=["Các xã", " ", "Các phường"], signer="Nguyễn Văn A",
                                 file_name="cv.docx", unit="TP")
    assert entry.symbol == "UBND-TP" and entry.recipients == ["Các xã", "Các phường"]
    assert entry.subject == "V/v triển khai\nChỉ thị 12" and entry.signer == "Nguyễn Văn A"
    issued = tmp_path / "cv-05.docx"
    issued.write_bytes(b"docx bytes")
    updated = store.register.attach_file(entry.id, issued)
    assert updated.file_hash == hashlib.sha256(b"docx bytes").hexdigest() and updated.file_name == "cv-05.docx"
    with pytest.raises(UserDataError, match="Không đọc được tệp"):
        store.register.attach_file(entry.id, tmp_path / "missing.docx")


def test_cancelled_numbers_are_never_reused(store):
    state = state_profile(store)
    first = store.register.issue(state.id, "cong_van", on=D(2026, 3, 1))
    second = store.register.issue(state.id, "cong_van", on=D(2026, 3, 1))
    with pytest.raises(UserDataError, match="lý do"):
        store.register.cancel(second.id, "  ")
    cancelled = store.register.cancel(second.id, "Ký nhầm người")
    assert cancelled.cancelled and cancelled.cancel_reason == "Ký nhầm người" and cancelled.cancelled_at
    with pytest.raises(UserDataError, match="đã bị hủy"):
        store.register.cancel(second.id, "lần nữa")
    assert store.register.issue(state.id, "cong_van", on=D(2026, 3, 2)).number == 3
    assert not store.register.get(first.id).cancelled


def test_failure_before_commit_records_nothing(store):
    state = state_profile(store)

    def fail(entry):
        raise UserDataError("không ghi được bản thảo")

    with pytest.raises(UserDataError):
        store.register.issue(state.id, "cong_van", on=D(2026, 3, 1), before_commit=fail)
    assert store.register.entries() == []
    assert store.register.issue(state.id, "cong_van", on=D(2026, 3, 1)).number == 1
    with pytest.raises(UserDataError, match="Loại văn bản"):
        store.register.issue(state.id, "to_trinh")


def test_register_csv_for_a_year_opens_like_excel(store, tmp_path):
    state = state_profile(store)
    store.register.issue(state.id, "cong_van", on=D(2025, 12, 31), subject="Năm cũ")
    entry = store.register.issue(state.id, "cong_van", on=D(2026, 1, 2), subject='Về việc "A", B\ndòng 2',
                                 recipients=["Xã A", "Xã B"])
    store.register.cancel(entry.id, "Sai, làm lại")
    path = store.register.export_csv(tmp_path / "so-di-2026.csv", year=2026)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1][:6] == ["01", "UBND-VP", "02/01/2026", "Công văn", 'Về việc "A", B\ndòng 2', "Xã A\nXã B"]
    assert rows[1][9:11] == ["Đã hủy", "Sai, làm lại"] and len(rows) == 2


ISSUER = """
import datetime, os, sys, time
from pathlib import Path
from dnnd_drafter.store import open_store
database, profile, folder, me, other = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], sys.argv[5]


def wait_for(path):
    deadline = time.monotonic() + 60
    while not path.exists():
        if time.monotonic() > deadline:
            sys.exit(f"waited in vain for {path.name}")
        time.sleep(0.001)


store = open_store(database, auto_backup=False)
(folder / f"{me}-ready").touch()
wait_for(folder / "go")
numbers = []
for turn in range(50):  # each turn both race for a number, once the other has its number of the turn before
    if turn:
        wait_for(folder / f"{other}-{turn - 1}")
    numbers.append(store.register.issue(profile, "cong_van", on=datetime.date(2026, 4, 1),
                                        subject=f"pid {os.getpid()}").number)
    (folder / f"{me}-{turn}").touch()
store.close()
print(",".join(map(str, numbers)))
"""


def _wait_for(condition, seconds: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    """Poll `condition` until it holds; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the issuing processes did not start"
        time.sleep(0.005)


def test_two_processes_never_get_the_same_number(home):
    with open_store() as store:
        profile_id = state_profile(store).id
    folder = home / "turns"
    folder.mkdir()
    procs = [subprocess.Popen([sys.executable, "-c", ISSUER, str(paths.database_file()), str(profile_id), str(folder),
                               me, other], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for me, other in (("a", "b"), ("b", "a"))]
    _wait_for(lambda: (folder / "a-ready").exists() and (folder / "b-ready").exists())
    (folder / "go").touch()
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outputs.append([int(n) for n in out.strip().split(",")])
    first, second = outputs
    # every turn the two raced for the next two numbers: each got one of them, none twice, no gap
    assert [{a, b} for a, b in zip(first, second)] == [{2 * turn + 1, 2 * turn + 2} for turn in range(50)]
    with open_store() as store:
        numbers = [e.number for e in store.register.entries(2026)]
        assert sorted(numbers) == list(range(1, 101))
        assert len({e.subject for e in store.register.entries(2026)}) == 2


def test_the_register_keeps_the_files_path_and_tells_when_it_no_longer_matches(store, tmp_path):
    from dnnd_drafter.store.register import FILE_CHANGED, FILE_MISSING, FILE_OK, FILE_UNKNOWN, file_state

    state = state_profile(store)
    issued = tmp_path / "van-ban" / "2026-12-03 Số 01-UBND-VP.docx"
    issued.parent.mkdir()
    issued.write_bytes(b"the issued letter")
    entry = store.register.issue(state.id, "cong_van", on=D(2026, 12, 3), file_name=issued.name)
    assert file_state(entry) == FILE_UNKNOWN  # no file attached yet
    entry = store.register.attach_file(entry.id, issued)
    assert entry.file_path == str(issued.resolve()) and entry.file_name == issued.name
    assert file_state(entry) == FILE_OK
    assert [e.id for e in store.register.entries_for_file(issued)] == [entry.id]
    assert store.register.entries_for_file(tmp_path / "other.docx") == []
    issued.write_bytes(b"another letter written over it")
    assert file_state(store.register.get(entry.id)) == FILE_CHANGED
    issued.unlink()
    assert file_state(store.register.get(entry.id)) == FILE_MISSING
