"""Test that the checker accepts the ranges the rules allow and reports what lies outside them.

NĐ 30/2020 gives ranges (body 13–14 pt, margins 20–25/20–25/30–35/15–20 mm …); a letter typed
at the other end of a range is legal. HD 36 gives fixed figures except a few sizes (body 14–15).
The letters are our rendered examples changed with python-docx, as in the checker corpus.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.checker import check_bytes
from dnnd_drafter.checker.report import Accepted
from dnnd_drafter.base.errors import DraftError
from dnnd_drafter.model.formats import MARGINS, load_format
from tests.unit.test_checker_corpus import CORPUS

ND30_MARGINS = "lề trên 20–25 mm, dưới 20–25 mm, trái 30–35 mm, phải 15–20 mm"


def edit(key: str, *changes: Callable[[docx.document.Document], None]) -> bytes:
    """Return the example `key` (a family, see the corpus script) rendered and changed by `changes`."""
    doc = docx.Document(io.BytesIO(CORPUS.example_bytes(key)))
    for change in changes:
        change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def body_size(size: float) -> Callable[[docx.document.Document], None]:
    """Return a change that sets every body run to `size` pt."""
    return lambda d: CORPUS.each(CORPUS.body_paras(d), lambda p: CORPUS.run_prop(p, "w:sz", f"{size * 2:g}"))


def size_of(start: str, size: float) -> Callable[[docx.document.Document], None]:
    """Return a change that sets the runs of the paragraph starting with `start` to `size` pt."""
    return lambda d: CORPUS.run_prop(CORPUS.find(d, start), "w:sz", f"{size * 2:g}")


def page_number_size(size: float) -> Callable[[docx.document.Document], None]:
    """Return a change that sets the page number in the header to `size` pt."""
    return lambda d: CORPUS.run_prop(d.sections[0].header.paragraphs[0]._p, "w:sz", f"{size * 2:g}")


def margins_mm(top: float, bottom: float, left: float, right: float) -> Callable[[docx.document.Document], None]:
    """Return a change that sets the page margins, in mm."""
    def change(doc: docx.document.Document) -> None:
        mar = CORPUS.sect(doc).find(qn("w:pgMar"))
        for side, value in zip(MARGINS, (top, bottom, left, right)):
            mar.set(qn(f"w:{side}"), str(round(value * 1440 / 25.4)))
    return change


def test_the_format_files_keep_the_written_figure_and_give_the_range_with_its_source() -> None:
    state = load_format("nha_nuoc")
    body = state.style("body")
    assert body.size == 14 and tuple(body.size_range[:2]) == (13, 14)
    assert body.size_range.source.startswith("NĐ 30/2020, Phụ lục I, mục II.6b")
    assert state.page["left_mm"] == 30 and tuple(state.margin_range("left")[:2]) == (30, 35)
    assert state.margin_range("top").source.startswith("NĐ 30/2020, Phụ lục I, mục I.3")
    assert tuple(state.style("motto1").size_range[:2]) == (12, 13)
    assert state.style("number").size_range.fixed and state.style("cc_item").size_range.fixed
    assert load_format("doan_the").margin_range("right") == state.margin_range("right")
    party = load_format("dang")
    assert all(party.margin_range(side).fixed for side in MARGINS)
    assert tuple(party.style("body").size_range[:2]) == (14, 15)
    assert party.style("body").size_range.source.startswith("HD 36-HD/VPTW, Phụ lục 3")
    ranged = {name for name, style in party.styles.items() if not style.size_range.fixed}
    assert ranged == {"body", "doc_title", "doc_subject"}
    assert load_format("doan_tn").margin_range("right").fixed


@pytest.mark.parametrize(("name", "table", "message"), [
    ("test-figure-outside", "[style.body]\nsize = 12", "size = 12 nhỏ hơn size_min = 13"),
    ("test-range-unsourced", "[style.extra]\nsize = 14\nsize_min = 13\nsource = \"x\"", "thiếu nguồn"),
    ("test-margin-outside", "[page]\nleft_mm = 36", "left_mm = 36 lớn hơn left_mm_max = 35")])
def test_a_format_file_whose_range_is_broken_is_refused(monkeypatch: pytest.MonkeyPatch, name: str, table: str,
                                                        message: str) -> None:
    read = resources.read_text
    text = f'inherits = "nha_nuoc-2020"\nrule_set = "{name}"\n{table}\n'
    monkeypatch.setattr(resources, "read_text", lambda root, rel: text if rel == f"formats/{name}.toml"
                        else read(root, rel))
    with pytest.raises(DraftError, match=message):
        load_format("nha_nuoc", name)


def test_a_state_letter_in_13_pt_with_margins_25_25_35_20_passes(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture) -> None:
    data = edit("nha_nuoc", body_size(13), margins_mm(25, 25, 35, 20))
    report = check_bytes(data)
    assert report.findings == [] and report.exit_status == 0, report.text()
    path = tmp_path / "cong_van_13pt.docx"
    path.write_bytes(data)
    assert cli.main(["check", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["findings"] == []


def test_a_mass_organisation_letter_follows_the_state_ranges() -> None:
    report = check_bytes(edit("doan_the", body_size(13), margins_mm(25, 25, 35, 20)))
    assert report.family == "doan_the" and report.findings == [], report.text()


@pytest.mark.parametrize(("start", "low"), [
    ("CỘNG HÒA", 12), ("Độc lập", 13), ("ỦY BAN NHÂN DÂN", 12), ("V/v", 12), ("Lâm Đồng, ngày", 13),
    ("Kính gửi", 13), ("KT. CHỦ TỊCH", 13), ("PHÓ CHỦ TỊCH", 13), ("Nguyễn Văn Minh", 13)])
def test_each_state_element_at_the_low_end_of_its_range_passes(start: str, low: float) -> None:
    report = check_bytes(edit("nha_nuoc", size_of(start, low), page_number_size(13)))
    assert report.findings == [], report.text()


@pytest.mark.parametrize(("start", "size", "code", "accepted"), [
    ("CỘNG HÒA", 11.5, "motto.size", "12–13 pt"), ("Độc lập", 14.5, "motto.size", "13–14 pt"),
    ("Lâm Đồng, ngày", 12.5, "date.size", "13–14 pt"), ("Nguyễn Văn Minh", 15, "signer.size", "13–14 pt"),
    ("Số:", 14, "number.size", "13 pt")])
def test_a_state_element_outside_its_range_is_reported_with_the_range(start: str, size: float, code: str,
                                                                      accepted: str) -> None:
    report = check_bytes(edit("nha_nuoc", size_of(start, size)))
    assert report.codes() == [code], report.text()
    finding = report.findings[0]
    assert pt_text(size) in finding.found and finding.expected == f"cỡ chữ {accepted}"


def pt_text(size: float) -> str:
    """Return `size` as the checker writes it (``12,5 pt``)."""
    return f"{size:g}".replace(".", ",") + " pt"


def test_a_body_in_12_5_pt_is_reported_with_the_accepted_range_and_its_source(
        tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = edit("nha_nuoc", body_size(12.5))
    report = check_bytes(data)
    assert report.codes() == ["body.size"], report.text()
    finding = report.findings[0]
    assert "12,5 pt" in finding.found and finding.expected == "cỡ chữ 13–14 pt"
    assert finding.source == "NĐ 30/2020, Phụ lục I, mục II.6b, II.6e (văn bản gốc)"
    assert finding.accepted == (Accepted("body", 13, 14, "pt"),)
    assert "Nội dung" in finding.text() and "13–14 pt" in finding.text() and "mục II.6b" in finding.text()
    path = tmp_path / "body_12_5.docx"
    path.write_bytes(data)
    assert cli.main(["check", str(path), "--json"]) == 1
    found = json.loads(capsys.readouterr().out)["findings"][0]
    assert found["accepted"] == [{"part": "body", "min": 13, "max": 14, "unit": "pt"}]
    assert found["expected"] == "cỡ chữ 13–14 pt"


def test_a_left_margin_of_36_mm_is_reported_with_the_accepted_ranges(capsys: pytest.CaptureFixture,
                                                                     tmp_path: Path) -> None:
    data = edit("nha_nuoc", margins_mm(25, 25, 36, 20))
    report = check_bytes(data)
    assert report.codes() == ["page.margins"], report.text()
    finding = report.findings[0]
    assert finding.element == "Lề trang" and finding.found == "lề trái 36 mm"
    assert finding.expected == ND30_MARGINS
    assert finding.source == "NĐ 30/2020, Phụ lục I, mục I.3 (văn bản gốc)"
    path = tmp_path / "margin_36.docx"
    path.write_bytes(data)
    assert cli.main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Hiện có: lề trái 36 mm" in out and "trái 30–35 mm" in out and "mục I.3" in out
    assert cli.main(["check", str(path), "--json"]) == 1
    accepted = json.loads(capsys.readouterr().out)["findings"][0]["accepted"]
    assert {a["part"]: (a["min"], a["max"], a["unit"]) for a in accepted} == {
        "top": (20, 25, "mm"), "bottom": (20, 25, "mm"), "left": (30, 35, "mm"), "right": (15, 20, "mm")}


def test_margins_below_the_state_minimum_are_reported() -> None:
    report = check_bytes(edit("nha_nuoc", margins_mm(19, 20, 30, 14)))
    assert report.codes() == ["page.margins"]
    assert report.findings[0].found == "lề trên 19 mm, phải 14 mm"


def test_a_party_letter_in_15_pt_body_passes_hd36_allows_14_to_15() -> None:
    report = check_bytes(edit("dang", body_size(15)))
    assert report.findings == [], report.text()


def test_a_party_letter_outside_its_figures_is_still_reported() -> None:
    report = check_bytes(edit("dang", body_size(13), margins_mm(25, 25, 35, 15)))
    assert report.codes() == ["page.margins", "body.size"], report.text()
    margins, body = report.findings
    assert margins.found == "lề trên 25 mm, dưới 25 mm, trái 35 mm"
    assert margins.expected == "lề trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm"
    assert margins.accepted[0] == Accepted("top", 20, 20, "mm")
    assert body.expected == "cỡ chữ 14–15 pt" and body.source == "HD 36-HD/VPTW, Phụ lục 3 (văn bản gốc)"


def test_a_party_element_without_a_range_keeps_its_one_figure() -> None:
    report = check_bytes(edit("dang", size_of("Cát Tiên, ngày", 13)))
    assert report.codes() == ["date.size"]
    assert report.findings[0].expected == "cỡ chữ 14 pt"
    assert report.findings[0].accepted == (Accepted("place_date", 14, 14, "pt"),)


def test_a_youth_union_letter_keeps_its_fixed_margins() -> None:
    report = check_bytes(edit("doan_tn", margins_mm(20, 20, 30, 15)))
    assert report.codes() == ["page.margins"]
    assert report.findings[0].expected == "lề trên 20 mm, dưới 20 mm, trái 30 mm, phải 20 mm"
