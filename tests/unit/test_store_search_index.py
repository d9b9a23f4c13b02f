"""The in-memory address-book search gives exactly what the SQL search it replaced gave (same
entries, same order) for any query, date and tag, and follows every change of the database."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from dnnd_drafter.model.vietnamese import clean, fold

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from common import address_book_entries  # noqa: E402


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sql_search(conn, query: str, on: str | None, tag: str | None, limit: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Return the ids the SQL search of schema 4 returned (the reference)."""
    words = fold(clean(query)).split()
    joined = " ".join(words)
    params: dict[str, object] = {"p": _like(joined) + "%", "wp": "% " + _like(joined) + "%", "limit": limit}
    where, starts = ["1"], []
    for i, word in enumerate(words):
        params.update({f"w{i}": "%" + _like(word) + "%", f"a{i}": _like(word) + "%", f"s{i}": "% " + _like(word) + "%"})
        start = f"(folded LIKE :a{i} ESCAPE '\\' OR folded LIKE :s{i} ESCAPE '\\')"
        where.append(f"folded LIKE :w{i} ESCAPE '\\'" if len(word) >= 3 else start)
        starts.append(start)
    if on is not None:
        params["on"] = on
        where.append("(valid_from IS NULL OR valid_from <= :on) AND (valid_to IS NULL OR valid_to > :on)")
    if tag:
        params["tag"] = tag
        where.append("EXISTS (SELECT 1 FROM json_each(recipient.tags) WHERE value = :tag)")
    rank = ("CASE WHEN folded LIKE :p ESCAPE '\\' THEN 0 WHEN folded LIKE :wp ESCAPE '\\' THEN 1 "
            f"WHEN {' AND '.join(starts) or '1'} THEN 2 ELSE 3 END")
    sql = f"SELECT id FROM recipient WHERE {' AND '.join(where)} ORDER BY {rank}, folded, id LIMIT :limit"
    return [row[0] for row in conn.execute(sql, params)]


@pytest.fixture(scope="module")
def book(tmp_path_factory):  # type: ignore[no-untyped-def]
    store = open_store(tmp_path_factory.mktemp("search") / "s.sqlite3", auto_backup=False)
    entries = [Recipient(name, short) for name, short in address_book_entries(600)]
    for index, entry in enumerate(entries):
        if index % 7 == 0:
            entry.valid_to = dt.date(2025, 7, 1)  # the districts that ended with the 2025 reform
        elif index % 11 == 3:
            entry.valid_from = dt.date(2025, 7, 1)
        if index % 5 == 0:
            entry.tags = ["xã"] if index % 2 else ["đoàn thể", "xã"]
    store.addressbook.add_many(entries)
    yield store
    store.close()


WORDS = st.sampled_from(["u", "uy", "ủy ban", "ubnd", "xa", "hội", "phu nu", "dan", "d", "tan an", "so 1",
                         "truong", "thcs", "đoàn", "nd", "x", "a b", "%", "_", "lộc", "bao loc", "|"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(WORDS, min_size=0, max_size=3), on=st.sampled_from([None, "2024-01-01", "2025-07-01", "2026-11-23"]),
       tag=st.sampled_from([None, "xã", "đoàn thể", "không có"]), limit=st.sampled_from([1, 20, 501]))
def test_memory_search_gives_what_sql_gave(book, words, on, tag, limit) -> None:  # type: ignore[no-untyped-def]
    query = " ".join(words)
    folded = fold(clean(query)).split()
    found = [row[6] for row in book.addressbook._index.search(folded, on, tag, limit)]  # the id column
    assert found == sql_search(book.conn, query, on, tag, limit)


def test_the_index_follows_changes_made_here_and_by_another_connection(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3", auto_backup=False)
    book = store.addressbook
    assert book.search("hoi nong dan") == []
    book.add(Recipient("Hội Nông dân xã Tân An", "Hội ND xã"))
    assert [r.name for r in book.search("hoi nong dan")] == ["Hội Nông dân xã Tân An"]
    other = open_store(tmp_path / "s.sqlite3", auto_backup=False)  # a second window or process
    other.addressbook.add(Recipient("Hội Nông dân xã Phước Cát"))
    other.close()
    assert [r.name for r in book.search("hoi nong dan")] == ["Hội Nông dân xã Phước Cát", "Hội Nông dân xã Tân An"]
    entry = book.search("phuoc cat")[0]
    book.retire([entry.id], dt.date(2025, 7, 1))
    assert [r.name for r in book.search("hoi nong dan")] == ["Hội Nông dân xã Tân An"]
    assert len(book.search("hoi nong dan", include_retired=True)) == 2
    book.rename(book.search("tan an")[0].id, "Hội Nông dân xã Tân An Mới", dt.date(2026, 1, 1))
    assert "Hội Nông dân xã Tân An Mới" in [r.name for r in book.search("tan an moi", on=dt.date(2026, 6, 1))]
    store.close()


def test_best_first_whole_query_then_at_a_word_then_every_word_then_anywhere(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3", auto_backup=False)
    book = store.addressbook
    for name in ("Ban nhân sự và dân vận", "Hội nhân dân", "Nhân dân xã", "Ban vận động nhân dân",
                 "Xã Tân Nhân Dân", "Trường THCS Nhandan", "An Nhandan"):
        book.add(Recipient(name))
    expected = ["Nhân dân xã",  # the query starts the text
                "Ban vận động nhân dân", "Hội nhân dân", "Xã Tân Nhân Dân",  # the query starts a word
                "Ban nhân sự và dân vận",  # every word starts a word
                "An Nhandan", "Trường THCS Nhandan"]  # words of three letters or more match anywhere
    assert [r.name for r in book.search("nhan dan")] == expected
    assert [book.get(i).name for i in sql_search(store.conn, "nhan dan", None, None, 20)] == expected
    store.close()
