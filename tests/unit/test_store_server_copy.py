"""Test this PC's copy of the office's server: a colleague's deletion, list and profile changes
reach it without a restart, a write of ours shows at once, and opening without the server reads
the copy (read-only: a write says the server is unreachable)."""

from __future__ import annotations

import time

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.lists import RecipientList
from dnnd_drafter.store import open_store
from dnnd_drafter.store.server import ENV_DATABASE, OfflineConnection
from tests.unit.pg_fixtures import pg_cluster, server_url  # noqa: F401 - fixtures
from tests.unit.store_fixtures import home, state_profile  # noqa: F401 - fixtures
from tests.unit.test_store_server import _two_pcs


def _within_a_second(condition) -> bool:  # type: ignore[no-untyped-def]
    """Return whether `condition()` becomes true within a second (asked again and again, no sleep)."""
    deadline = time.monotonic() + 1.0
    while not condition():
        if time.monotonic() > deadline:
            return bool(condition())
    return True


def test_a_colleagues_deletion_list_and_profile_reach_this_pcs_copy(server_url, home, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_DATABASE, server_url)
    mine, theirs = _two_pcs(monkeypatch, home)
    with mine, theirs:
        old = theirs.addressbook.add(Recipient("Hội Khuyến học xã", "Hội KH xã"))
        assert [r.id for r in mine.addressbook.search("khuyen hoc")] == [old.id]
        theirs.addressbook.delete(old.id)
        theirs.lists.save(RecipientList("Các đoàn thể", "noi_nhan", []))
        state_profile(theirs, "UBND xã Tân Lập")
        assert _within_a_second(lambda: mine.addressbook.search("khuyen hoc") == [])
        assert mine.server_copy is not None
        copy = mine.server_copy
        assert _within_a_second(lambda: copy.synced.is_set() and _copied_names(copy.path) == (
            ["Các đoàn thể"], ["UBND xã Tân Lập"]))
        ours = mine.addressbook.add(Recipient("Chi hội Người cao tuổi ấp 1"))  # ours: at once, no waiting
        assert [r.id for r in mine.addressbook.search("nguoi cao tuoi")] == [ours.id]


def _copied_names(path) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """Return the list names and profile names held by the copy file."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return ([r[0] for r in conn.execute("SELECT name FROM recipient_list ORDER BY name")],
                [r[0] for r in conn.execute("SELECT name FROM profile ORDER BY name")])
    finally:
        conn.close()


def test_without_the_server_the_store_reads_the_copy_and_refuses_writes(server_url, pg_cluster, home,  # type: ignore[no-untyped-def]
                                                                        monkeypatch):
    monkeypatch.setenv(ENV_DATABASE, server_url)
    with open_store() as store:
        profile = state_profile(store)
        entry = store.addressbook.add(Recipient("Hội Khuyến học xã", "Hội KH xã"))
        store.lists.save(RecipientList("Các hội", "noi_nhan", [entry.id]))
        assert store.addressbook.search("khuyen")  # the copy is made
        assert store.copy_notice() is None
    pg_cluster.stop()
    try:
        with open_store(offline_ok=True) as offline:
            assert offline.server_notice and isinstance(offline.conn, OfflineConnection)
            assert [r.short_name for r in offline.addressbook.search("khuyen hoc")] == ["Hội KH xã"]
            assert offline.lists.names("Các hội") == ["Hội KH xã"]
            assert [p.name for p in offline.profiles.all()] == [profile.name]
            assert (offline.copy_notice() or "").startswith("Sổ địa chỉ: bản sao chỉ đọc lúc ")
            with pytest.raises(UserDataError, match="Không kết nối được máy chủ dữ liệu"):
                offline.addressbook.add(Recipient("Hội Chữ thập đỏ xã"))
            assert offline.addressbook.count() == 1
    finally:
        pg_cluster.start()
