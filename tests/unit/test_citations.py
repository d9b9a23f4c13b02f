"""Test citations: type names, số/ký hiệu parsing, full and short citations, every seed case."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dnnd_drafter.model import citations
from dnnd_drafter.model.citations import (DocumentRef, cite_full, cite_short, find_citations,
                                    parse_symbol, render_found, type_code, type_name)
from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.model.vietnamese import short_date

SEEDS = Path("/work/shared/seeds")
SUBJECT_12 = ("về tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân "
              "trong tình hình mới")

#: (seed file, citation as written in the seed, the reference, options that reproduce it)
SEED_CASES = [
    ("000", "Công văn số 1218-CV/TU ngày 25/01/2022 của Ban Thường vụ Tỉnh ủy",
     DocumentRef("CV", "1218-CV/TU", dt.date(2022, 1, 25), "Ban Thường vụ Tỉnh ủy"), {}),
    ("000", "Nghị quyết số 36-NQ/TW ngày 26/3/2004 của Bộ Chính trị",
     DocumentRef("NQ", "36-NQ/TW", dt.date(2004, 3, 26), "Bộ Chính trị"), {}),
    ("000", "Kết luận số 12-KL/TW ngày 12/8/2012 của Bộ Chính trị",
     DocumentRef("KL", "12-KL/TW", dt.date(2012, 8, 12), "Bộ Chính trị"), {}),
    ("000", "Chỉ thị số 04-CT/TW, ngày 06/7/2011 của Ban Bí thư",
     DocumentRef("CT", "04-CT/TW", dt.date(2011, 7, 6), "Ban Bí thư"), {"comma_before_date": True}),
    ("000", "Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “" + SUBJECT_12 + "”",
     DocumentRef("CT", "12-CT/TW", dt.date(2022, 1, 5), "Ban Bí thư", SUBJECT_12), {}),
    ("003", "Công văn số 495-CV/BTGTU, ngày 24/6/2022 của Ban Tuyên giáo Tỉnh ủy",
     DocumentRef("CV", "495-CV/BTGTU", dt.date(2022, 6, 24), "Ban Tuyên giáo Tỉnh ủy"),
     {"comma_before_date": True}),
    ("003", "Quyết định số 34-QĐ/TW, ngày 07/10/1987 của Bộ Chính trị",
     DocumentRef("QĐ", "34-QĐ/TW", dt.date(1987, 10, 7), "Bộ Chính trị"), {"comma_before_date": True}),
    ("003", "Chỉ thị số 44-CT/TW, ngày 20/9/1994",
     DocumentRef("CT", "44-CT/TW", dt.date(1994, 9, 20)), {"comma_before_date": True}),
    ("003", "Chỉ thị 04-CT/TW, ngày 06/7/2011 của Ban Bí thư",
     DocumentRef("CT", "04-CT/TW", dt.date(2011, 7, 6), "Ban Bí thư"),
     {"comma_before_date": True, "with_so": False}),
    ("003", "Công văn số 189-CV/BTG, ngày 28/6/2022 của Ban Tuyên giáo Thị ủy",
     DocumentRef("CV", "189-CV/BTG", dt.date(2022, 6, 28), "Ban Tuyên giáo Thị ủy"),
     {"comma_before_date": True}),
    ("003", "Chỉ thị 12-CT/TW, ngày 05/01/2022 của Ban Bí thư về tăng cường sự lãnh đạo của Đảng, "
     "nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới",
     DocumentRef("CT", "12-CT/TW", dt.date(2022, 1, 5), "Ban Bí thư", SUBJECT_12),
     {"comma_before_date": True, "with_so": False, "quote_subject": False}),
]


def _seed_plain(name: str) -> str:
    """Return a shared seed as plain text (stars dropped, spaces collapsed)."""
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return re.sub(r"\s+", " ", path.read_text(encoding="utf-8").replace("*", ""))


@pytest.mark.parametrize("seed, written, ref, options", SEED_CASES, ids=[c[1][:40] for c in SEED_CASES])
def test_seed_citation_is_rebuilt_exactly(seed, written, ref, options):
    assert cite_full(ref, **options) == written


@pytest.mark.parametrize("seed, written, ref, options", SEED_CASES, ids=[c[1][:40] for c in SEED_CASES])
def test_seed_citation_is_found_in_text(seed, written, ref, options):
    found = find_citations(f"Căn cứ {written}; các văn bản khác.")
    assert found, written
    first = found[0]
    assert (first.ref.number, first.ref.date, first.ref.type_code) == (ref.number, ref.date, ref.type_code)
    assert first.ref.issuer == ref.issuer
    assert first.with_so == options.get("with_so", True)
    assert first.comma_before_date == options.get("comma_before_date", False)
    # a quoted trích yếu is found with the citation; an unquoted one is left in the text
    quoted = options.get("quote_subject", True)
    assert render_found(first) == (written if quoted else cite_full(ref, with_subject=False, **options))


@pytest.mark.parametrize("seed, written, ref, options", SEED_CASES, ids=[c[1][:40] for c in SEED_CASES])
def test_seed_case_really_is_in_the_seed(seed, written, ref, options):
    if not SEEDS.exists():
        pytest.skip("shared seed folder not present")
    assert written in _seed_plain(seed)


def test_every_dated_citation_in_the_seeds_round_trips():
    if not SEEDS.exists():
        pytest.skip("shared seed folder not present")
    count = 0
    for seed in ("000", "003"):
        text = _seed_plain(seed)
        for found in find_citations(text):
            if found.ref.date:
                count += 1
                assert render_found(found) == re.sub(r"\s+", " ", found.text)
    assert count >= 15


def test_full_and_short_citation_of_12_ct_tw():
    ref = DocumentRef.from_symbol("12-CT/TW", dt.date(2022, 1, 5), "Ban Bí thư", SUBJECT_12)
    assert cite_full(ref) == ("Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “về tăng cường sự "
                              "lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới”")
    assert cite_short(ref) == "Chỉ thị số 12-CT/TW"
    assert cite_short(ref, with_so=False) == "Chỉ thị 12-CT/TW"
    assert cite_full(ref, with_subject=False) == "Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư"


@pytest.mark.parametrize("day, text", [
    (dt.date(2011, 7, 6), "06/7/2011"), (dt.date(2022, 6, 24), "24/6/2022"),
    (dt.date(2022, 1, 5), "05/01/2022"), (dt.date(2022, 2, 14), "14/02/2022"),
    (dt.date(1987, 10, 7), "07/10/1987"),
])
def test_dates_in_citations_follow_the_zero_rule(day, text):
    assert short_date(day) == text
    assert cite_full(DocumentRef("CT", "1-CT/TW", day)) == f"Chỉ thị số 1-CT/TW ngày {text}"


@pytest.mark.parametrize("code, name", [
    ("CT", "Chỉ thị"), ("CV", "Công văn"), ("KH", "Kế hoạch"), ("HD", "Hướng dẫn"),
    ("NQ", "Nghị quyết"), ("KL", "Kết luận"), ("QĐ", "Quyết định"), ("BC", "Báo cáo"),
    ("TB", "Thông báo"), ("TT", "Thông tri"), ("CTr", "Chương trình"), ("TTr", "Tờ trình"),
    ("ĐA", "Đề án"), ("PA", "Phương án"), ("BB", "Biên bản"), ("BS", "Bản sao"), ("QC", "Quy chế"),
])
def test_party_type_names(code, name):
    assert type_name(code) == name
    assert type_name(code, "dang") == name


@pytest.mark.parametrize("code, name", [
    ("", "Công văn"), ("QĐ", "Quyết định"), ("KH", "Kế hoạch"), ("QyĐ", "Quy định"),
    ("BGN", "Bản ghi nhớ"), ("BTT", "Bản thỏa thuận"), ("GUQ", "Giấy ủy quyền"),
    ("GNP", "Giấy nghỉ phép"), ("TrS", "Bản trích sao"), ("SY", "Bản sao y"), ("SL", "Bản sao lục"),
    ("GM", "Giấy mời"), ("GGT", "Giấy giới thiệu"), ("CĐ", "Công điện"), ("HĐ", "Hợp đồng"),
    ("DA", "Dự án"), ("TC", "Thông cáo"), ("TT", "Thông tư"), ("NĐ", "Nghị định"),
])
def test_state_type_names(code, name):
    assert type_name(code, "nha_nuoc") == name


def test_type_name_falls_back_to_the_other_table_and_refuses_unknown_codes():
    assert type_name("QyĐ") == "Quy định"
    assert type_name("kh") == "Kế hoạch"
    with pytest.raises(CatalogError, match="Không biết loại văn bản có ký hiệu “XYZ”"):
        type_name("XYZ")
    assert type_code("Kế hoạch") == "KH" and type_code("Thông tư", "nha_nuoc") == "TT"
    assert type_code("Không có") == ""


@pytest.mark.parametrize("text, number, code, issuer, units, style", [
    ("1218-CV/TU", "1218", "CV", "TU", (), "dang"),
    ("Số 492-CV/HU", "492", "CV", "HU", (), "dang"),
    ("12-CT/TW", "12", "CT", "TW", (), "dang"),
    ("495-CV/BTGTU", "495", "CV", "BTGTU", (), "dang"),
    ("29-HD/TWĐTN-VP", "29", "HD", "TWĐTN", ("VP",), "dang"),
    ("Số: 123/UBND-VP", "123", "", "UBND", ("VP",), "nha_nuoc"),
    ("15/QĐ-UBND", "15", "QĐ", "UBND", (), "nha_nuoc"),
    ("05/KH-UBND", "05", "KH", "UBND", (), "nha_nuoc"),
    ("91/HD-MTTW-BTT", "91", "HD", "MTTW", ("BTT",), "nha_nuoc"),
    ("967/LĐLĐ", "967", "", "LĐLĐ", (), "nha_nuoc"),
])
def test_parse_symbol(text, number, code, issuer, units, style):
    symbol = parse_symbol(text)
    assert (symbol.number, symbol.type_code, symbol.issuer, symbol.units, symbol.style) == (
        number, code, issuer, units, style)


def test_parse_symbol_details_and_errors():
    assert parse_symbol("30/2020/NĐ-CP").year == "2020"
    assert parse_symbol("30/2020/NĐ-CP").type_name == "Nghị định"
    assert parse_symbol("123/UBND-VP").type_name == "Công văn"
    assert parse_symbol("1218-CV/TU").issuer_hint == "Tỉnh ủy"
    for bad in ("", "abc", "12-CT", "CT/TW", "12 CT TW"):
        with pytest.raises(CatalogError, match="số, ký hiệu|thiếu phần cơ quan"):
            parse_symbol(bad)


def test_state_citations():
    ref = DocumentRef.from_symbol("Số: 15/QĐ-UBND", dt.date(2023, 3, 9), "Ủy ban nhân dân tỉnh Lâm Đồng")
    assert ref.number == "15/QĐ-UBND" and ref.style == "nha_nuoc"
    assert cite_full(ref) == "Quyết định số 15/QĐ-UBND ngày 09/3/2023 của Ủy ban nhân dân tỉnh Lâm Đồng"
    assert cite_short(DocumentRef.from_symbol("123/UBND-VP")) == "Công văn số 123/UBND-VP"
    assert cite_short(DocumentRef.from_symbol("05/KH-UBND")) == "Kế hoạch số 05/KH-UBND"


def test_type_label_overrides_the_code():
    ref = DocumentRef.from_symbol("399-QĐ/TW", dt.date(2026, 1, 9), "Ban Bí thư", type_label="Quy định")
    assert cite_short(ref) == "Quy định số 399-QĐ/TW"


def test_find_citations_stops_the_issuer_at_ordinary_words():
    text = ("Sau 10 năm thực hiện Chỉ thị số 04-CT/TW, ngày 06/7/2011 của Ban Bí thư khoá XI, công tác "
            "…; Chỉ thị 12-CT/TW của Ban Bí thư đề ra 08 nhóm nhiệm vụ; (Kèm theo Chỉ thị số "
            "12-CT/TW ngày 05/01/2022 của Ban Bí thư).")
    found = find_citations(text)
    assert [f.ref.issuer for f in found] == ["Ban Bí thư"] * 3
    assert [f.text for f in found][2] == "Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư"


def test_starting_the_window_compiles_no_citation_pattern() -> None:
    """Check the wizard's modules load without compiling the citation pattern (every type name in one
    alternation, 2–3 ms before the first frame); the first search compiles it (issue 18, cold start)."""
    import os
    import subprocess
    import sys

    probe = ("import re, sys\n"
             "import dnnd_drafter.ui.app\n"
             "def anchors():\n"
             "    return [k for k in re._cache if isinstance(k[1], str) and '(?P<issuer>' in k[1]]\n"
             "before = anchors()\n"
             "from dnnd_drafter.model.citations import find_citations\n"
             "found = find_citations('Căn cứ Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư.')\n"
             "print(len(before), len(anchors()), len(found))\n")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["0", "1", "1"], done.stdout


def test_text_without_a_number_is_not_searched_with_the_citation_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    """Check a text with no digit gives no citation without compiling the 6 ms pattern (a new
    letter's opening at the first preview), and a text with a number is still searched."""
    monkeypatch.setattr(citations, "_ANCHOR", "(")  # would raise re.error if it were used
    assert find_citations("Thực hiện Chỉ thị của Ban Bí thư về công tác đối ngoại nhân dân") == []
    with pytest.raises(re.error):
        find_citations("Thực hiện Chỉ thị số 12-CT/TW")
