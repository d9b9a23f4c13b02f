"""Check the Vietnamese text rules: the zero rule of dates, folding, list punctuation, cleaning."""

from __future__ import annotations

import datetime as dt

import pytest

from dnnd_drafter.model import vietnamese as vn

MONTHS = {1: "01", 2: "02", 3: "3", 4: "4", 5: "5", 6: "6", 7: "7", 8: "8", 9: "9",
          10: "10", 11: "11", 12: "12"}


def test_date_line_over_every_day_of_a_leap_year() -> None:
    day = dt.date(2024, 1, 1)
    while day.year == 2024:
        expected_day = f"0{day.day}" if day.day < 10 else str(day.day)
        assert vn.date_line("Hà Nội", day) == (
            f"Hà Nội, ngày {expected_day} tháng {MONTHS[day.month]} năm 2024")
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(("date", "text"), [
    (dt.date(2022, 1, 5), "05/01/2022"), (dt.date(2022, 6, 24), "24/6/2022"),
    (dt.date(2011, 7, 6), "06/7/2011"), (dt.date(2004, 3, 26), "26/3/2004"),
    (dt.date(2022, 2, 14), "14/02/2022"), (dt.date(2026, 12, 1), "01/12/2026"),
])
def test_short_dates_inside_text_follow_the_zero_rule(date: dt.date, text: str) -> None:
    assert vn.short_date(date) == text
    assert vn.parse_vn_date(text) == date


@pytest.mark.parametrize(("query", "name"), [
    ("uy ban", "Ủy ban nhân dân huyện"), ("uy ban", "Uỷ ban nhân dân huyện"),
    ("dang uy", "Đảng ủy xã"), ("mat tran", "Ủy ban Mặt trận Tổ quốc"),
])
def test_folding_ignores_marks_and_tone_placement(query: str, name: str) -> None:
    assert vn.fold(query) in vn.fold(name)


def test_tone_placement_variants_fold_alike() -> None:
    assert vn.fold("Uỷ ban hoà bình") == vn.fold("Ủy ban hòa bình") == "uy ban hoa binh"


@pytest.mark.parametrize(("items", "sep", "expected"), [
    (["A"], ";", ["A."]),
    (["A", "B", "C"], ";", ["A;", "B;", "C."]),
    (["A;", "B,", "C."], ",", ["A,", "B,", "C."]),
    (["Thường trực Thị ủy (để b/c)", "Lưu VP"], ",", ["Thường trực Thị ủy (để b/c),", "Lưu VP."]),
])
def test_lists_get_the_family_punctuation_never_doubled(items, sep, expected) -> None:
    assert vn.punctuate(items, sep) == expected


def test_clean_normalises_to_nfc_and_drops_control_characters() -> None:
    decomposed = "Ủy ban"  # U + combining hook above + dot below
    assert vn.clean(decomposed) == "Ủy ban"
    assert vn.clean("A\x00B\x07C\u200b D\r\nE") == "ABC D E"
    assert vn.clean("dòng 1\r\ndòng\t2", multiline=True) == "dòng 1\ndòng 2"


def test_numbers_below_ten_get_a_leading_zero() -> None:
    assert [vn.pad_number(n) for n in ("5", "05", "10", "492", "")] == ["05", "05", "10", "492", ""]


def test_symbols_never_break_after_their_hyphen() -> None:
    text = vn.protect_symbols("Chỉ thị số 12-CT/TW; kinh tế - xã hội; Số: 29-CV/TĐTN-VP")
    assert "12\u2011CT/TW" in text and "29\u2011CV/TĐTN\u2011VP" in text and "kinh tế - xã hội" in text


@pytest.mark.parametrize("text", ["\ud800", "a\udfffb", "Ủy ban\udc80", "\ud83d"])
def test_lone_surrogates_are_dropped_and_nothing_else(text: str) -> None:
    """Check clean drops every lone surrogate (U+D800–U+DFFF) and keeps the characters either side."""
    assert vn.clean(text) == "".join(ch for ch in text if not "\ud800" <= ch <= "\udfff")


def test_characters_next_to_the_surrogate_range_are_kept() -> None:
    assert vn.clean("\ud7ff\ue000 Đảng 😀") == "\ud7ff\ue000 Đảng 😀"
