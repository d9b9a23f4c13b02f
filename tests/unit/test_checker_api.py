"""Test the checker's API for the wizard (check_draft, Report, Finding) and the ``check`` command."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.checker import ERROR, WARNING, Finding, Report, check_bytes, check_docx, check_draft, pages
from dnnd_drafter.render import write_docx
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the examples rendered to .docx files, by family."""
    folder = tmp_path_factory.mktemp("checked")
    out = {}
    for family, stem in (("dang", "dang_cat_tien_492"), ("nha_nuoc", "nha_nuoc_ubnd_tinh"),
                         ("doan_the", "doan_the_cong_doan"), ("doan_tn", "doan_tn_tinh_doan")):
        out[family] = write_docx(model.load(EXAMPLES / f"{stem}.json"), folder / f"{stem}.docx")
    return out


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_check_draft_renders_in_memory_and_finds_nothing_in_the_examples(path: Path) -> None:
    draft = model.load(path)
    report = check_draft(draft)
    assert report.findings == [] and report.family == draft.family and report.ok


def test_findings_of_a_draft_map_to_its_fields() -> None:
    draft = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
    draft = draft.copy(cc=["Như trên", "Thường trực Tỉnh ủy (b/c)"])
    draft.signature.name = "NGUYỄN VĂN MINH"
    report = check_draft(draft)
    assert report.codes() == ["signer.case", "cc.archive"]
    assert [f.field for f in report.findings] == ["signature.name", "cc"]
    assert report.for_field("signature") == report.findings[:1]
    assert report.for_field("cc") == report.findings[1:]
    assert report.errors == report.findings[1:] and report.warnings == report.findings[:1]
    assert report.exit_status == 1


def test_a_finding_is_frozen_and_reads_in_vietnamese() -> None:
    finding = Finding("date.zero_rule", ERROR, "Địa danh, ngày tháng năm", "“tháng 05”", "tháng 5",
                      "NĐ 30/2020, Phụ lục I, mục II.4", "date")
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.code = "x"  # type: ignore[misc]
    assert "NĐ 30/2020, Phụ lục I, mục II.4" in finding.text() and finding.is_error


def test_report_json_and_text_hold_every_part_of_a_finding() -> None:
    report = Report("dang", "dang-2018", [
        Finding("cc.archive", ERROR, "Dòng “Lưu”", "“- Lưu: VPHU.”", "“- Lưu VPHU.”", "Spec Part A", "cc"),
        Finding("font.slots", WARNING, "Phông chữ", "eastAsia: SimSun", "Times New Roman", "HD 36", None)],
        name="a.docx", family_detected=True)
    data = json.loads(report.to_json())
    assert data["errors"] == 1 and data["warnings"] == 1 and data["family"] == "dang"
    assert data["findings"][0] == {"code": "cc.archive", "severity": "lỗi", "element": "Dòng “Lưu”",
                                   "found": "“- Lưu: VPHU.”", "expected": "“- Lưu VPHU.”",
                                   "source": "Spec Part A", "field": "cc", "accepted": []}
    text = report.text()
    for part in ("a.docx", "Đảng", "[LỖI] Dòng “Lưu”", "[CẢNH BÁO]", "Hiện có:", "Quy định:", "Căn cứ: Spec Part A",
                 "1 lỗi, 1 cảnh báo"):
        assert part in text


def test_check_command_exits_0_on_a_clean_letter(rendered: dict[str, Path], capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["check", str(rendered["dang"])]) == 0
    out = capsys.readouterr().out
    assert "Không phát hiện lỗi" in out and "Đảng" in out


def test_check_command_prints_json(rendered: dict[str, Path], capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["check", str(rendered["nha_nuoc"]), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["family"] == "nha_nuoc" and data["findings"] == [] and data["family_detected"]


def test_check_command_exits_1_with_errors_and_names_them(rendered: dict[str, Path],
                                                          capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["check", str(rendered["doan_tn"]), "--family", "dang"]) == 1
    out = capsys.readouterr().out
    assert "number.prefix" in out and "family.mismatch" in out and "Căn cứ:" in out


@pytest.mark.parametrize("content", [b"not a docx", b"PK\x03\x04broken zip"])
def test_check_command_exits_2_with_a_message_and_no_traceback(tmp_path: Path, content: bytes,
                                                                capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    assert cli.main(["check", str(bad)]) == 2
    captured = capsys.readouterr()
    assert "Không kiểm tra được tệp" in captured.err and "Traceback" not in captured.err + captured.out


def test_check_docx_reads_a_path(rendered: dict[str, Path]) -> None:
    report = check_docx(rendered["doan_the"])
    assert report.family == "doan_the" and report.findings == [] and report.name.endswith(".docx")
    assert report.notes and report.pages is None


def test_without_libreoffice_the_page_check_is_a_warning(monkeypatch: pytest.MonkeyPatch, rendered: dict[str, Path]) -> None:
    monkeypatch.setattr(pages, "soffice", lambda: None)
    data = rendered["doan_tn"].read_bytes()
    report = check_bytes(data, pages=True)
    assert report.codes() == ["signature.pages_unknown"]
    assert "LibreOffice" in report.findings[0].found and report.exit_status == 0


def test_a_state_letter_whose_trich_yeu_names_mass_organisations_is_not_taken_for_one() -> None:
    draft = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
    draft.subject = ("Về việc phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Hội Liên hiệp Phụ nữ, "
                     "Hội Nông dân, Hội Cựu chiến binh, Liên đoàn Lao động và Đoàn Thanh niên Cộng sản "
                     "Hồ Chí Minh tỉnh triển khai công tác đối ngoại nhân dân năm 2026")
    codes = [finding.code for finding in check_draft(draft).findings]
    assert "family.mismatch" not in codes
