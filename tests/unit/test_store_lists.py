"""Test recipient lists: saved from a draft, loaded as of a date, edited, duplicated, renamed entries."""

from __future__ import annotations

import datetime as dt

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.lists import RecipientList
from tests.unit.store_fixtures import home  # noqa: F401 - fixtures
from tests.unit.pg_fixtures import pg_cluster, server_url, shared_store as store  # noqa: F401 - both backends

D = dt.date


def test_save_from_draft_matches_known_entries_and_adds_new_ones(store):
    book = store.addressbook
    known = book.add(Recipient("Ban Tuyên giáo Tỉnh ủy", "BTG Tỉnh ủy"))
    lst = store.lists.save_from_draft("Báo cáo tỉnh", "noi_nhan",
                                      ["- BTG Tỉnh ủy;", "Ban Dân vận Tỉnh ủy,", "", "ban tuyen giao tinh uy"])
    assert lst.entry_ids[0] == known.id and len(lst.entry_ids) == 2
    assert book.count() == 2
    assert store.lists.names("Báo cáo tỉnh") == ["BTG Tỉnh ủy", "Ban Dân vận Tỉnh ủy"]
    kinh_gui = store.lists.save_from_draft("Kính gửi tỉnh", "kinh_gui", ["BTG Tỉnh ủy"])
    assert store.lists.names(kinh_gui.id) == ["Ban Tuyên giáo Tỉnh ủy"]  # full names for Kính gửi


def test_list_keeps_working_after_rename_and_shows_old_names_for_old_dates(store):
    lst = store.lists.save_from_draft("Các xã", "kinh_gui", ["Ủy ban nhân dân xã Tân An", "Đảng ủy xã Tân An"])
    entry = store.addressbook.match("Ủy ban nhân dân xã Tân An")
    store.addressbook.rename(entry.id, "Ủy ban nhân dân phường Tân An", D(2025, 7, 1))
    assert store.lists.get(lst.id).entry_ids == lst.entry_ids  # ids are stored, not strings
    assert store.lists.names("Các xã", D(2025, 6, 30)) == ["Ủy ban nhân dân xã Tân An", "Đảng ủy xã Tân An"]
    assert store.lists.names("Các xã", D(2025, 7, 1)) == ["Ủy ban nhân dân phường Tân An", "Đảng ủy xã Tân An"]


def test_merged_and_retired_entries_in_lists(store):
    book = store.addressbook
    lst = store.lists.save_from_draft("Xã cũ", "noi_nhan", ["Xã A", "Xã B", "Xã C"], on=D(2025, 1, 1))
    a, b, c = (book.get(i) for i in lst.entry_ids)
    book.merge([a.id, b.id], "Xã AB", D(2025, 7, 1))
    book.retire([c.id], D(2025, 7, 1))
    assert store.lists.names(lst.id, D(2025, 7, 2)) == ["Xã AB"]  # once, and C is gone
    assert store.lists.names(lst.id, D(2025, 6, 1)) == ["Xã A", "Xã B", "Xã C"]
    items = store.lists.resolve(lst.id, D(2025, 7, 2))
    assert [item.valid for item in items] == [True, True, False]
    # a list saved after the merger shows both old bodies for an old date
    later = store.lists.save_from_draft("Xã mới", "noi_nhan", ["Xã AB"], on=D(2025, 8, 1))
    assert store.lists.names(later.id, D(2025, 1, 1)) == ["Xã A", "Xã B"]


def test_edit_duplicate_rename_delete(store):
    lst = store.lists.save_from_draft("Gốc", "kinh_gui", ["Một", "Hai", "Ba"])
    copy = store.lists.duplicate("Gốc", "Bản sao")
    assert copy.id != lst.id and copy.entry_ids == lst.entry_ids
    copy.entry_ids = list(reversed(copy.entry_ids))[:2]
    store.lists.save(copy)
    assert store.lists.names("Bản sao") == ["Ba", "Hai"]
    assert store.lists.names("Gốc") == ["Một", "Hai", "Ba"]
    store.lists.rename(copy.id, "Đã đổi tên")
    assert [x.name for x in store.lists.all()] == ["Đã đổi tên", "Gốc"]  # Đ sorts as D
    assert [x.name for x in store.lists.all("kinh_gui")] and store.lists.all("noi_nhan") == []
    with pytest.raises(UserDataError, match="Đã có danh sách"):
        store.lists.duplicate("Gốc", "Đã đổi tên")
    with pytest.raises(UserDataError, match="Đã có danh sách"):
        store.lists.save_from_draft("Gốc", "kinh_gui", ["Bốn"], replace=False)
    assert store.lists.names("Gốc") == ["Một", "Hai", "Ba"]  # nothing half-saved
    store.lists.save_from_draft("Gốc", "kinh_gui", ["Bốn"])
    assert store.lists.names("Gốc") == ["Bốn"]
    store.lists.delete("Gốc")
    with pytest.raises(UserDataError, match="Không có danh sách"):
        store.lists.get("Gốc")


def test_invalid_lists_are_refused(store):
    with pytest.raises(UserDataError, match="cần có tên"):
        store.lists.save(RecipientList(" ", "kinh_gui"))
    with pytest.raises(UserDataError, match="Mục đích"):
        store.lists.save(RecipientList("X", "cc"))
    with pytest.raises(UserDataError, match="Không có địa chỉ nhận số 99"):
        store.lists.save(RecipientList("X", "kinh_gui", [99]))
    assert store.lists.all() == []
