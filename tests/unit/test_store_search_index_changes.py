"""The address-book index applies only what changed: a write elsewhere reads no entry, another
connection's new entry reads that entry, and after any mix of writes, rollbacks and restores the
index still answers exactly what the SQL search answers."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store, search_index
from dnnd_drafter.model.vietnamese import clean, fold
from tests.unit.test_store_search_index import address_book_entries, sql_search

QUERIES = ("", "hoi", "uy ban", "tan an", "xa moi", "u", "so 3")


def _statements(store):  # type: ignore[no-untyped-def]
    """Return the list the connection's statements are recorded into from now on."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    return seen


def _matches(store) -> None:  # type: ignore[no-untyped-def]
    """Check the index gives what the SQL search gives for every query, with and without a date."""
    for query in QUERIES:
        for on in (None, "2026-01-01"):
            words = fold(clean(query)).split()
            found = [row[6] for row in store.addressbook._index.search(words, on, None, 501)]
            assert found == sql_search(store.conn, query, on, None, 501), (query, on)
    index = store.addressbook._index  # the ids beside the keys stay in step with them
    assert list(index._ids) == [search_index._id_of(key) for key in index._keys]


def test_a_write_elsewhere_or_one_new_entry_does_not_reread_the_address_book(tmp_path: Path) -> None:
    """Check the next keystroke after the autosave reads no entry, and after one new entry only that one."""
    store = open_store(tmp_path / "s.sqlite3", auto_backup=False)
    store.addressbook.add_many([Recipient(n, s) for n, s in address_book_entries(300)])
    assert store.addressbook.search("uy ban")
    seen = _statements(store)
    store.drafts.autosave("session-1", '{"subject": "Thư"}')  # the wizard, every 30 s
    seen.clear()
    store.addressbook.search("uy ban n")
    assert not [s for s in seen if "FROM recipient " in s and "WHERE id" not in s], seen
    other = open_store(tmp_path / "s.sqlite3", auto_backup=False)  # another window
    other.addressbook.add(Recipient("Ủy ban nhân dân xã Mới 1"))
    seen.clear()
    found = store.addressbook.search("xa moi 1")
    assert [r.name for r in found] == ["Ủy ban nhân dân xã Mới 1"]
    reads = [s for s in seen if "FROM recipient " in s]
    assert reads and all("WHERE id IN (301)" in s for s in reads), reads
    store.conn.set_trace_callback(None)
    other.close()
    store.close()


OPERATIONS = st.lists(st.tuples(
    st.sampled_from(["add", "add_other", "update", "delete", "retire", "rename", "autosave", "rollback",
                     "restore"]),
    st.integers(0, 10_000)), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS, kept=st.sampled_from([3, 5000]))
def test_after_any_writes_the_index_answers_what_sql_answers(tmp_path_factory, monkeypatch, operations,
                                                            kept) -> None:  # type: ignore[no-untyped-def]
    """Check every mix of writes here and elsewhere, rollbacks, restores and a short log keeps the index exact."""
    log = getattr(search_index, "LOG_SQL", ())  # a short log: an index left behind must read everything
    monkeypatch.setattr(search_index, "LOG_SQL", tuple(s.replace("- 5000", f"- {kept}") for s in log), raising=False)
    folder = tmp_path_factory.mktemp("changes")
    store = open_store(folder / "s.sqlite3", auto_backup=False)
    other = open_store(folder / "s.sqlite3", auto_backup=False)
    book = store.addressbook
    book.add_many([Recipient(n, s) for n, s in address_book_entries(40)])
    backup = store.backup(folder / "copy.sqlite3")
    _matches(store)
    for name, number in operations:
        ids = [r.id for r in book.entries()]
        chosen = ids[number % len(ids)] if ids else None
        if name == "add":
            book.add(Recipient(f"Hội xã Mới {number}", f"Hội {number}"))
        elif name == "add_other":
            other.addressbook.add(Recipient(f"Ủy ban xã Mới {number}"))
        elif name == "update" and chosen is not None:
            entry = book.get(chosen)
            entry.name = f"Ủy ban tân an số {number}"
            book.update(entry)
        elif name == "delete" and chosen is not None:
            store.conn.execute("UPDATE recipient SET replaced_by = NULL WHERE replaced_by = ?", (chosen,))
            book.delete(chosen)
        elif name == "retire" and chosen is not None:
            with contextlib.suppress(UserDataError):  # already retired or not yet valid: nothing changes
                book.retire([chosen], dt.date(2025, 7, 1))
        elif name == "rename" and chosen is not None:
            with contextlib.suppress(UserDataError):
                other.addressbook.rename(chosen, f"Hội tân an {number}", dt.date(2025, 7, 1))
        elif name == "autosave":
            store.drafts.autosave("s", '{"subject": "x"}')
        elif name == "rollback":
            with pytest.raises(RuntimeError), store.conn:
                store.conn.execute("BEGIN")
                book.add(Recipient(f"Hội xã Mới {number} bỏ"))
                book.search("hoi xa moi")  # seen inside the transaction, then rolled back
                raise RuntimeError
        elif name == "restore":
            store.restore(backup)
        _matches(store)
    other.close()
    store.close()


def test_the_index_keeps_what_the_search_tests_not_whole_rows(tmp_path: Path) -> None:
    """Check the index holds under 200 bytes an entry (one string: 130) and building it never holds twice that."""
    import tracemalloc

    store = open_store(tmp_path / "s.sqlite3", auto_backup=False)
    store.addressbook.add_many([Recipient(n, s, note="Trụ sở: thôn 3, " + n) for n, s in address_book_entries(3000)])
    store.close()
    store = open_store(tmp_path / "s.sqlite3", auto_backup=False)
    store.addressbook.search("")  # the log is created on first use: count only the index
    store.addressbook.forget_index()
    tracemalloc.start()
    try:
        assert store.addressbook.search("uy ban")
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 3000 * 200 and peak < 3000 * 400, (held / 3000, peak / 3000)
    store.close()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet="uy banhđoàxtâ ", min_size=1, max_size=14), back=st.integers(0, 14))
def test_typing_and_erasing_letter_by_letter_answers_what_sql_answers(tmp_path_factory, text: str,
                                                                     back: int) -> None:  # type: ignore[no-untyped-def]
    """Check each prefix typed, then each one erased, gives the SQL search's entries in its order."""
    store = open_store(tmp_path_factory.mktemp("typing") / "s.sqlite3", auto_backup=False)
    store.addressbook.add_many([Recipient(n, s) for n, s in address_book_entries(300)])
    prefixes = [text[:end] for end in range(1, len(text) + 1)]
    for query in prefixes + prefixes[::-1][:back]:
        words = fold(clean(query)).split()
        found = [row[6] for row in store.addressbook._index.search(words, None, None, 30)]
        assert found == sql_search(store.conn, query, None, None, 30), query
    store.close()
