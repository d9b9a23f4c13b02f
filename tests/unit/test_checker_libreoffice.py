"""Test the checker on letters typed in LibreOffice Writer, and the page count through LibreOffice.

The letters are written by script as flat ODT (formatting from named paragraph styles, the default
style and spans; text split across spans), converted to .docx by ``soffice`` in one run: a header
made with a table, one made with tabs and drawn lines, one made with text boxes. Skipped where
LibreOffice is not installed.
"""

from __future__ import annotations

import shutil
import pytest

from dnnd_drafter.checker import check_bytes
from dnnd_drafter.checker.elements import find_elements
from dnnd_drafter.checker.reader import open_package
from dnnd_drafter.checker.regions import build_page
from dnnd_drafter.model.formats import load_format
from tests.unit.test_checker_corpus import CORPUS

pytestmark = [pytest.mark.soffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) không có")]
KINDS = {"hand_table": "table", "hand_tabs": "tabs", "hand_boxes": "textbox"}
WRONG_DATE = "Lâm Đồng, ngày 5 tháng 03 năm 2026"


@pytest.fixture(scope="session")
def typed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Return the hand-typed letters converted to .docx: the correct ones and ones with a bad date."""
    sources = {name: make() for name, make in CORPUS.HAND_TYPED.items()}
    sources |= {f"{name}_bad_date": make(WRONG_DATE) for name, make in CORPUS.HAND_TYPED.items()}
    converted = CORPUS.convert_fodt(sources, tmp_path_factory.mktemp("typed"))
    assert set(converted) == set(sources)
    return converted


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_letter_typed_in_libreoffice_is_read_correctly(typed: dict[str, bytes], name: str) -> None:
    page = build_page(open_package(typed[name], name))
    assert page.header_kind == KINDS[name]
    found = find_elements(page, load_format("nha_nuoc"))
    assert [m.text if m else None for m in found.motto] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                           "Độc lập - Tự do - Hạnh phúc"]
    assert [line.text for line in found.issuer] == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
    assert found.number.text == "Số: 15/UBND-VP" and found.number.column == "left"
    assert found.date.text == CORPUS.DATE and found.date.column == "right"
    assert [line.text for line in found.subject] == ["V/v triển khai Chỉ thị số 12-CT/TW"]
    assert found.motto_rule is not None and found.issuer_rule is not None
    assert len(found.recipients) == 2 and len(found.body) == 3
    assert found.body[0].runs[0].fmt.size == 14 and found.body[0].fmt.align == "justify"
    assert found.authority.text == "TM. ỦY BAN NHÂN DÂN" and [p.text for p in found.position] == ["CHỦ TỊCH"]
    assert found.signer.text == "Nguyễn Văn An" and found.signing_blanks >= 3
    assert [line.text for line in found.cc_items] == ["- Như trên;", "- Lưu: VT, VP."]
    report = check_bytes(typed[name])
    assert report.family == "nha_nuoc" and report.family_detected
    assert report.findings == [], report.text()


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_mistake_in_a_typed_letter_is_found(typed: dict[str, bytes], name: str) -> None:
    report = check_bytes(typed[f"{name}_bad_date"])
    assert report.codes() == ["date.zero_rule"], report.text()
    assert "“5”" in report.findings[0].found and "“03”" in report.findings[0].found


def test_the_page_count_passes_a_letter_whose_signature_follows_the_body() -> None:
    report = check_bytes(CORPUS.example_bytes("dang"), pages=True)
    assert report.findings == [] and report.pages and report.pages >= 2


def test_a_signature_block_alone_on_its_page_is_an_error() -> None:
    code, data = CORPUS.build(CORPUS.PAGES_MUTATIONS)["signature_alone"]
    assert check_bytes(data).codes() == []
    report = check_bytes(data, pages=True)
    assert report.codes() == [code] == ["signature.alone"]

