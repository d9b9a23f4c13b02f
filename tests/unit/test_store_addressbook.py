"""Test the address book: accent-insensitive search, validity dates, renames, mergers, speed."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.model.vietnamese import fold
from tests.unit.store_fixtures import home, home  # noqa: F401 - fixtures, store  # noqa: F401 - fixtures
from tests.unit.pg_fixtures import pg_cluster, server_url, shared_store as store  # noqa: F401 - both backends

D = dt.date
NAMES = ["Ủy ban nhân dân xã Tân An", "Uỷ ban Mặt trận Tổ quốc Việt Nam huyện Bình Minh",
         "Đảng ủy xã Tân An", "Đảng uỷ phường Đông Hòa", "Hội Nông dân xã Tân An", "Ban Tuyên giáo Huyện ủy",
         "Văn phòng Huyện ủy", "Trường Trung học cơ sở Ngô Quyền", "Công ty 100% vốn nhà nước",
         "Hội Liên hiệp Phụ nữ xã An_Bình"]


def _names(results):
    return [r.name for r in results]


@pytest.fixture
def book(store):
    store.addressbook.add_many([Recipient(n) for n in NAMES])
    store.addressbook.add(Recipient("Ủy ban nhân dân huyện Bình Minh", "UBND huyện", ["huyện"]))
    return store.addressbook


@pytest.mark.parametrize(("query", "expected"), [
    ("uy ban", {"Ủy ban nhân dân xã Tân An", "Uỷ ban Mặt trận Tổ quốc Việt Nam huyện Bình Minh",
                "Ủy ban nhân dân huyện Bình Minh", "Ban Tuyên giáo Huyện ủy"}),
    ("Uỷ ban nhân dân", {"Ủy ban nhân dân xã Tân An", "Ủy ban nhân dân huyện Bình Minh"}),
    ("Ủy ban nhân dân", {"Ủy ban nhân dân xã Tân An", "Ủy ban nhân dân huyện Bình Minh"}),
    ("dang uy", {"Đảng ủy xã Tân An", "Đảng uỷ phường Đông Hòa"}),
    ("ĐẢNG ỦY", {"Đảng ủy xã Tân An", "Đảng uỷ phường Đông Hòa"}),
    ("đông hoà", {"Đảng uỷ phường Đông Hòa"}),
    ("tan an xa", {"Ủy ban nhân dân xã Tân An", "Đảng ủy xã Tân An", "Hội Nông dân xã Tân An"}),
    ("ubnd", {"Ủy ban nhân dân huyện Bình Minh"}),  # found through its short form
    ("huyen uy", {"Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy", "Ủy ban nhân dân huyện Bình Minh",
                  "Uỷ ban Mặt trận Tổ quốc Việt Nam huyện Bình Minh"}),
    ("uy", {"Ủy ban nhân dân xã Tân An", "Uỷ ban Mặt trận Tổ quốc Việt Nam huyện Bình Minh",
            "Đảng ủy xã Tân An", "Đảng uỷ phường Đông Hòa", "Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy",
            "Ủy ban nhân dân huyện Bình Minh"}),  # short words match word starts only, not "huyện"
    ("quyen", {"Trường Trung học cơ sở Ngô Quyền"}),
    ("uyen gia", {"Ban Tuyên giáo Huyện ủy"}),  # longer words match inside words too
    ("100%", {"Công ty 100% vốn nhà nước"}),
    ("an_b", {"Hội Liên hiệp Phụ nữ xã An_Bình"}),
    ("10_%", set()),
    ("không có", set()),
])
def test_search_ignores_marks_case_and_tone_placement(book, query, expected):
    assert set(_names(book.search(query))) == expected


def test_phrase_matches_come_before_scattered_words(book):
    results = _names(book.search("uy ban"))
    assert set(results[:3]) == {"Ủy ban nhân dân xã Tân An", "Ủy ban nhân dân huyện Bình Minh",
                                "Uỷ ban Mặt trận Tổ quốc Việt Nam huyện Bình Minh"}
    assert results[3:] == ["Ban Tuyên giáo Huyện ủy"]
    results = _names(book.search("huyện ủy"))
    assert results[:2] == ["Ban Tuyên giáo Huyện ủy", "Văn phòng Huyện ủy"]


def test_search_finds_decomposed_input_and_stored_nfd(store):
    store.addressbook.add(Recipient(unicodedata.normalize("NFD", "Hội Cựu chiến binh xã")))
    assert _names(store.addressbook.search(unicodedata.normalize("NFD", "cựu chiến"))) == ["Hội Cựu chiến binh xã"]


def test_prefix_matches_rank_first(store):
    store.addressbook.add_many([Recipient("Hội An ninh"), Recipient("An ninh xã"), Recipient("Ban An toàn"),
                                Recipient("Tân An")])
    assert _names(store.addressbook.search("an")) == ["An ninh xã", "Ban An toàn", "Hội An ninh", "Tân An"]
    assert _names(store.addressbook.search("an n")) == ["An ninh xã", "Hội An ninh"]


def test_search_by_tag_limit_and_empty_query(book):
    assert _names(book.search("", tag="huyện")) == ["Ủy ban nhân dân huyện Bình Minh"]
    assert len(book.search("", limit=3)) == 3
    assert len(book.search("")) == len(NAMES) + 1  # all fit in the default limit of 20


def test_rename_keeps_history_and_dates(store):
    book = store.addressbook
    old = book.add(Recipient("Ủy ban nhân dân huyện Tân Hưng", "UBND huyện Tân Hưng", ["huyện"]))
    new = book.rename(old.id, "Ủy ban nhân dân thị xã Tân Hưng", D(2025, 7, 1), "UBND thị xã Tân Hưng")
    assert book.get(old.id).valid_to == D(2025, 7, 1) and book.get(old.id).replaced_by == new.id
    assert new.valid_from == D(2025, 7, 1) and new.tags == ["huyện"]
    assert book.name_on(old.id, D(2025, 6, 30)) == "Ủy ban nhân dân huyện Tân Hưng"
    assert book.name_on(old.id, D(2025, 7, 1)) == "Ủy ban nhân dân thị xã Tân Hưng"
    assert book.name_on(new.id, D(2024, 1, 1), short=True) == "UBND huyện Tân Hưng"
    assert _names(book.search("tan hung", on=D(2025, 1, 1))) == ["Ủy ban nhân dân huyện Tân Hưng"]
    assert _names(book.search("tan hung", on=D(2025, 8, 1))) == ["Ủy ban nhân dân thị xã Tân Hưng"]
    assert len(book.search("tan hung", include_retired=True)) == 2
    with pytest.raises(UserDataError, match="đã hết hiệu lực"):
        book.rename(old.id, "Lần nữa", D(2026, 1, 1))
    with pytest.raises(UserDataError, match="chỉ có hiệu lực từ"):
        book.rename(new.id, "Quá sớm", D(2025, 7, 1))


def test_merger_and_bulk_retire_and_bulk_rename(store):
    book = store.addressbook
    a, b, c = book.add_many([Recipient("Xã Tân An", tags=["xã"]), Recipient("Xã Tân Bình", tags=["xã"]),
                             Recipient("Xã Phú Lộc", tags=["xã", "vùng sâu"])])
    merged = book.merge([a.id, b.id], "Xã Tân An Bình", D(2025, 7, 1))
    assert merged.tags == ["xã"]
    assert book.name_on(a.id, D(2025, 8, 1)) == "Xã Tân An Bình"
    assert book.name_on(merged.id, D(2025, 1, 1)) == "Xã Tân An; Xã Tân Bình"
    assert book.retire_tag("vùng sâu", D(2025, 7, 1)) == 1
    assert not book.get(c.id).valid_on(D(2025, 7, 1))
    h1, h2, other = book.add_many([Recipient("Đảng ủy huyện Bình Minh", "ĐU huyện Bình Minh"),
                                   Recipient("UBND huyện Bình Minh"), Recipient("Xã Bình Minh mới")])
    renamed = book.bulk_rename("huyện Bình Minh", "thị xã Bình Minh", D(2025, 9, 1))
    assert set(_names(renamed)) == {"Đảng ủy thị xã Bình Minh", "UBND thị xã Bình Minh"}
    assert [r.short_name for r in renamed if r.name.startswith("Đảng")] == ["ĐU thị xã Bình Minh"]
    assert book.get(other.id).valid_to is None
    assert book.name_on(h1.id, D(2025, 8, 31)) == "Đảng ủy huyện Bình Minh"


def test_validation_and_delete_rules(store):
    book = store.addressbook
    with pytest.raises(UserDataError, match="cần có tên"):
        book.add(Recipient("   "))
    with pytest.raises(UserDataError, match="phải sau ngày bắt đầu"):
        book.add(Recipient("X", valid_from=D(2025, 1, 2), valid_to=D(2025, 1, 1)))
    entry = book.add(Recipient("  Hội\u00a0Nông   dân  ", tags=["a", " a ", ""]))
    assert (entry.name, entry.tags) == ("Hội Nông dân", ["a"])
    store.lists.save_from_draft("DS", "kinh_gui", ["Hội Nông dân"])
    with pytest.raises(UserDataError, match="còn danh sách"):
        book.delete(entry.id)
    store.lists.delete("DS")
    book.delete(entry.id)
    assert book.count() == 0


def test_match_prefers_exact_then_folded(store):
    book = store.addressbook
    exact = book.add(Recipient("Đảng ủy xã Tân An", "ĐU xã Tân An"))
    assert book.match("- Đảng ủy xã Tân An;") == exact
    assert book.match("ĐU xã Tân An") == exact
    assert book.match("dang uy xa tan an") == exact
    assert book.match("Đảng ủy xã Tân") is None


SYLLABLES = ["Tân", "An", "Bình", "Minh", "Phú", "Hòa", "Thạnh", "Lộc", "Hưng", "Đông", "Tây", "Nam",
             "Bắc", "Thủy", "Long", "Khánh", "Quý", "Ngọc", "Hải", "Sơn", "Mỹ", "Phước", "Thuận", "Xuân"]
BODIES = ["Ủy ban nhân dân", "Uỷ ban Mặt trận Tổ quốc Việt Nam", "Đảng ủy", "Đảng uỷ", "Hội Nông dân",
          "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Liên hiệp Phụ nữ", "Công an", "Trạm Y tế",
          "Trường Trung học cơ sở", "Ban Tuyên giáo", "Hội Cựu chiến binh", "Văn phòng"]
UNITS = ["xã", "phường", "thị trấn", "huyện", "thị xã"]


def test_search_finds_the_right_entries_among_ten_thousand(store):
    """Check correctness at scale; the speed is measured by benchmarks/run.py, not asserted here."""
    rng = random.Random(12)
    names: set[str] = set()
    while len(names) < 10_000:
        names.add(f"{rng.choice(BODIES)} {rng.choice(UNITS)} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}")
    store.addressbook.add_many(Recipient(n, "UBND " + n.split(" ", 3)[-1] if n.startswith("Ủy ban") else "")
                               for n in sorted(names))
    queries = ["uy ban", "dang uy", "hoi nong dan xa tan", "t", "ubnd", "phuong binh", "tan an", "zzz",
               "ban tuyen giao huyen", "cong an thi tran", "doan thanh nien", "y te", "hai son", "hoà", "Đảng ủy"]
    for query in queries:
        results = store.addressbook.search(query)
        assert query == "zzz" or results
        assert all(fold(query).split()[0] in fold(r.name + " " + r.short_name) for r in results)
    assert all(r.name.startswith(("Đảng ủy", "Đảng uỷ")) for r in store.addressbook.search("dang uy"))
