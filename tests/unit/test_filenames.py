"""File names from the shared helper: valid everywhere, Vietnamese kept, readable and unique for letters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.base import paths
from dnnd_drafter.files.filenames import MAX_BYTES, safe_file_name, unique_path
from dnnd_drafter.render import letter_file_stem
from tests.conftest import EXAMPLES


@pytest.mark.parametrize(("text", "expected"), [
    ("Số      -CV/ĐU", "Số -CV-ĐU"),                      # the print-to-file name that failed
    ("Số: 05/UBND-VP", "Số-05-UBND-VP"),
    ('a\\b:c*d?e"f<g>h|i', "a-b-cdefgh-i"),
    ("Về việc\ttổ chức\nTết  Trồng cây", "Về việc tổ chức Tết Trồng cây"),
    ("  ..ẩn đi. . ", "ẩn đi"),                         # no hidden file, no trailing dot or space (Windows)
    ("CON", "_CON"), ("lpt1.txt", "_lpt1.txt"), ("Aux", "_Aux"), ("CONTROL", "CONTROL"),
    ("a\x00b\x1fc\u202ed", "abcd"),
    ("///", "van-ban"), ("", "van-ban"),
])
def test_safe_file_name_keeps_vietnamese_and_drops_what_systems_refuse(text: str, expected: str) -> None:
    assert safe_file_name(text) == expected


def test_safe_file_name_cuts_long_text_at_a_word_within_the_byte_limit() -> None:
    name = safe_file_name("Ủy ban nhân dân " * 40)
    assert len(name.encode("utf-8")) <= MAX_BYTES and name.startswith("Ủy ban nhân dân")
    assert not name.endswith(" ") and name.split()[-1] in {"Ủy", "ban", "nhân", "dân"}
    assert safe_file_name("x" * 400) == "x" * MAX_BYTES


def test_every_safe_name_can_be_written(tmp_path: Path) -> None:
    for text in ("Số      -CV/ĐU", "a:b|c", "CON", "Ủy " * 200, "tên/có\\nhiều:ký*tự?lạ"):
        target = tmp_path / f"{safe_file_name(text)}.docx"
        target.write_bytes(b"x")
        assert target.parent == tmp_path and target.read_bytes() == b"x"


def test_unique_path_adds_a_count_when_taken(tmp_path: Path) -> None:
    first = tmp_path / "2026-12-03 Về việc A.docx"
    assert unique_path(first) == first
    first.write_bytes(b"1")
    assert unique_path(first).name == "2026-12-03 Về việc A-2.docx"
    (tmp_path / "2026-12-03 Về việc A-2.docx").write_bytes(b"2")
    assert unique_path(first).name == "2026-12-03 Về việc A-3.docx"
    assert unique_path(tmp_path / "x.pdf", lambda p: p.name in {"x.pdf", "x-2.pdf"}).name == "x-3.pdf"


def test_a_letter_is_named_by_date_and_number_or_by_its_trich_yeu() -> None:
    draft = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
    draft.date, draft.number, draft.symbol = dt.date(2026, 12, 3), "", "UBND-VP"
    draft.subject = "Về việc tổ chức Tết Trồng cây đời đời nhớ ơn Bác Hồ năm 2027 trên địa bàn xã"
    assert letter_file_stem(draft) == "2026-12-03 Về việc tổ chức Tết Trồng cây đời đời nhớ"  # ten words
    draft.number = "5"
    assert letter_file_stem(draft) == "2026-12-03 Số 05-UBND-VP"
    party = model.load(EXAMPLES / "dang_cat_tien_492.json")
    party.date = dt.date(2026, 12, 3)
    assert letter_file_stem(party) == f"2026-12-03 Số 492-{safe_file_name(party.symbol or 'CV/ĐU')}"
    party.number, party.subject = "", ""
    assert letter_file_stem(party) == "2026-12-03 Dự thảo công văn"


def test_the_documents_folder_is_suggested_unless_the_data_folder_is_moved(monkeypatch, tmp_path: Path) -> None:
    documents = tmp_path / "Tài liệu"
    documents.mkdir()
    monkeypatch.setattr(paths.platformdirs, "user_documents_dir", lambda: str(documents))
    assert paths.documents_dir() == paths.sub_dir("van-ban")  # DNND_DRAFTER_HOME is set by the tests
    monkeypatch.delenv(paths.ENV_HOME)
    monkeypatch.setattr(paths, "_platform_data_dir", lambda: str(tmp_path / "data"))
    assert paths.documents_dir() == documents
    documents.rmdir()
    assert paths.documents_dir() == tmp_path / "data" / "van-ban"


def test_a_letter_with_an_unknown_rule_set_still_gets_a_name() -> None:
    draft = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
    draft.date, draft.number, draft.symbol, draft.rule_set = dt.date(2026, 12, 3), "7", "UBND-VP", "khong-co"
    assert letter_file_stem(draft) == "2026-12-03 Số 7 UBND-VP"
