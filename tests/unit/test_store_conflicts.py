"""Test lost updates between two windows or processes in the store: the address book and the
lists write only the fields the clerk changed, and a field changed underneath is a conflict."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys

import pytest

from dnnd_drafter.store.conflicts import EditConflict
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.lists import RecipientList
from dnnd_drafter.store import open_store
from tests.unit.store_fixtures import REPO, home  # noqa: F401 - fixtures
from tests.unit.pg_fixtures import pg_cluster, server_url, shared_store as store  # noqa: F401 - both backends
from tests.unit.pg_fixtures import same_store_path

D = dt.date


@pytest.fixture
def other(store):
    """Open a second connection to the same database: another window or process."""
    second = open_store(same_store_path(store))
    yield second
    second.close()


def _edited(entry: Recipient, **changes) -> Recipient:
    return dataclasses.replace(entry, **changes)


def _current(store) -> list[str]:
    return [e.name for e in store.addressbook.entries(D(2026, 1, 1))]


def test_a_note_saved_in_one_window_keeps_the_rename_made_in_another(store, other):
    entry = store.addressbook.add(Recipient("Ủy ban nhân dân huyện Bình Minh", "UBND huyện", ["huyện"]))
    loaded = store.addressbook.get(entry.id)  # window 1 opens the entry form
    other.addressbook.rename(entry.id, "Ủy ban nhân dân thị xã Bình Minh", D(2025, 7, 1), "UBND thị xã")
    saved = store.addressbook.update(_edited(loaded, note="Điện thoại 0270 3890 123"), loaded)
    assert saved.note == "Điện thoại 0270 3890 123"
    assert saved.valid_to == D(2025, 7, 1) and saved.replaced_by is not None  # the rename survived
    assert _current(store) == ["Ủy ban nhân dân thị xã Bình Minh"]  # one current name, not both
    assert store.addressbook.name_on(entry.id, D(2026, 1, 1)) == "Ủy ban nhân dân thị xã Bình Minh"


def test_different_fields_changed_in_two_windows_both_survive(store, other):
    entry = store.addressbook.add(Recipient("Hội Nông dân xã Tân An", "Hội ND xã"))
    mine, theirs = store.addressbook.get(entry.id), other.addressbook.get(entry.id)
    other.addressbook.update(_edited(theirs, short_name="Hội Nông dân xã", tags=["đoàn thể"]), theirs)
    store.addressbook.update(_edited(mine, name="Hội Nông dân xã Tân An (mới)", note="ghi chú"), mine)
    final = other.addressbook.get(entry.id)
    assert (final.name, final.short_name, final.tags, final.note) == (
        "Hội Nông dân xã Tân An (mới)", "Hội Nông dân xã", ["đoàn thể"], "ghi chú")
    assert store.addressbook.search("hoi nong dan xa tan an moi")[0].id == entry.id  # search text follows


def test_the_same_field_changed_in_two_windows_is_a_conflict_and_writes_nothing(store, other):
    entry = store.addressbook.add(Recipient("Hội Cựu chiến binh xã", "Hội CCB xã"))
    mine, theirs = store.addressbook.get(entry.id), other.addressbook.get(entry.id)
    other.addressbook.update(_edited(theirs, short_name="CCB xã"), theirs)
    with pytest.raises(EditConflict) as caught:
        store.addressbook.update(_edited(mine, short_name="Hội CCB", note="của tôi"), mine)
    conflict = caught.value
    assert [(c.name, c.label, c.theirs, c.mine) for c in conflict.changes] == [
        ("short_name", "Tên ở Nơi nhận", "CCB xã", "Hội CCB")]
    assert "vừa được sửa ở cửa sổ khác" in conflict.message and "“CCB xã”" in conflict.message
    stored = store.addressbook.get(entry.id)
    assert (stored.short_name, stored.note) == ("CCB xã", "")  # nothing of the refused save written
    # "Giữ bản kia": my other change goes in on top of what is stored now
    kept = store.addressbook.update(conflict.rebased(_edited(mine, short_name="Hội CCB", note="của tôi"), mine,
                                                     keep_theirs=True), conflict.current)
    assert (kept.short_name, kept.note) == ("CCB xã", "của tôi")


def test_the_same_change_made_twice_is_no_conflict(store, other):
    entry = store.addressbook.add(Recipient("Công an xã", "CA xã"))
    mine, theirs = store.addressbook.get(entry.id), other.addressbook.get(entry.id)
    other.addressbook.update(_edited(theirs, short_name="Công an xã"), theirs)
    assert store.addressbook.update(_edited(mine, short_name="Công an xã"), mine).short_name == "Công an xã"


def test_a_note_saved_by_another_process_keeps_the_rename_made_here(store):
    entry = store.addressbook.add(Recipient("Đoàn Thanh niên xã", "Đoàn TN xã"))
    code = ("import sys, dataclasses\n"
            "from dnnd_drafter.store import open_store\n"
            "with open_store(sys.argv[1] or None) as s:\n"
            "    e = s.addressbook.get(int(sys.argv[2]))\n"
            "    print('loaded', flush=True)\n"
            "    sys.stdin.readline()\n"  # the other window renames meanwhile
            "    s.addressbook.update(dataclasses.replace(e, note='từ máy khác'), e)\n")
    child = subprocess.Popen([sys.executable, "-c", code, same_store_path(store) or "", str(entry.id)], cwd=REPO,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "loaded"
        store.addressbook.rename(entry.id, "Đoàn Thanh niên phường", D(2025, 7, 1))
        _out, err = child.communicate("go\n", timeout=60)
    finally:
        child.kill()
    assert child.returncode == 0, err
    stored = store.addressbook.get(entry.id)
    assert (stored.note, stored.valid_to) == ("từ máy khác", D(2025, 7, 1))
    assert _current(store) == ["Đoàn Thanh niên phường"]


def test_a_list_edited_in_two_windows_keeps_both_changes_or_reports_the_clash(store, other):
    a, b, c = (store.addressbook.add(Recipient(n)) for n in ("Xã A", "Xã B", "Xã C"))
    saved = store.lists.save(RecipientList("Các xã", "noi_nhan", [a.id, b.id]))
    mine, theirs = store.lists.get(saved.id), other.lists.get(saved.id)
    other.lists.save(dataclasses.replace(theirs, name="Các xã trong huyện"), theirs)
    result = store.lists.save(dataclasses.replace(mine, entry_ids=[a.id, b.id, c.id]), mine)
    assert (result.name, result.entry_ids) == ("Các xã trong huyện", [a.id, b.id, c.id])
    again = other.lists.get(saved.id)
    other.lists.save(dataclasses.replace(again, entry_ids=[c.id]), again)
    with pytest.raises(EditConflict) as caught:
        store.lists.save(dataclasses.replace(result, entry_ids=[a.id]), result)
    assert [x.label for x in caught.value.changes] == ["Các mục"]
    assert "1 mục: Xã C" in caught.value.message
    assert store.lists.get(saved.id).entry_ids == [c.id]
