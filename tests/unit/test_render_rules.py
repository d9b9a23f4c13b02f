"""Check layout rules a văn thư sends letters back for: numbers, dates, lists, markup, page flow."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.render import laid_out, write_docx
from dnnd_drafter.model.letter import Task
from dnnd_drafter.writers.docx import writer as docx_writer
from tests.conftest import EXAMPLES
from tests.unit.docx_read import body_paragraphs, cell_lines, render

PARTY = model.load(EXAMPLES / "dang_cat_tien_492.json")
STATE = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
YOUTH = model.load(EXAMPLES / "doan_tn_tinh_doan.json")


def _header_text(draft: model.Draft) -> list[str]:
    table = render(draft).tables[0]
    return [ln.text for r in range(len(table.rows)) for c in (0, 1) for ln in cell_lines(table, r, c)]


@pytest.mark.parametrize(("draft", "number", "symbol", "expected"), [
    (PARTY, "", "CV/HU", "Số      -CV/HU"),
    (PARTY, "5", "CV/HU", "Số 05-CV/HU"),
    (STATE, "", "UBND-VP", "Số:      /UBND-VP"),
    (STATE, "7", "UBND-VP", "Số: 07/UBND-VP"),
    (YOUTH, "", "CV/TĐTN-VP", "Số:      -CV/TĐTN-VP"),
])
def test_number_patterns_per_family_including_the_blank_draft_number(draft, number, symbol, expected) -> None:
    assert expected in _header_text(draft.copy(number=number, symbol=symbol))


@pytest.mark.parametrize(("draft", "kind", "expected"), [
    (PARTY, "cong_van", "Số 12-CV/HU"), (PARTY, "ke_hoach", "Số 12-KH/HU"),
    (STATE, "cong_van", "Số: 12/UBND"), (STATE, "ke_hoach", "Số: 12/KH-UBND"),
])
def test_symbol_is_built_from_kind_and_abbreviation_when_left_empty(draft, kind, expected) -> None:
    assert expected in _header_text(draft.copy(number="12", symbol="", kind=kind))


@pytest.mark.parametrize("month", range(1, 13))
def test_date_line_in_the_file_for_every_month(month: int) -> None:
    draft = STATE.copy(date=dt.date(2026, month, 3))
    expected_month = f"{month:02d}" if month <= 2 else str(month)
    assert f"Lâm Đồng, ngày 03 tháng {expected_month} năm 2026" in _header_text(draft)


@pytest.mark.parametrize(("draft", "end"), [(PARTY, "."), (STATE, ".")])
def test_one_recipient_stands_on_the_kinh_gui_line(draft, end) -> None:
    doc = render(draft.copy(recipients=["Ủy ban nhân dân tỉnh;"]))
    line = next(p for p in doc.paragraphs if p.text.startswith("Kính gửi"))
    assert line.text == "Kính gửi: Ủy ban nhân dân tỉnh."


def test_party_kinh_gui_uses_commas_state_semicolons() -> None:
    names = ["A", "B", "C"]
    party = [p.text for p in render(PARTY.copy(recipients=names)).paragraphs if p.text.endswith(("A,", "B,", "C."))]
    state = [p.text for p in render(STATE.copy(recipients=names)).paragraphs if p.text.endswith(("A;", "B;", "C."))]
    assert party == ["Kính gửi:\t- A,", "- B,", "- C."]
    assert state == ["Kính gửi:\t- A;", "- B;", "- C."]


def test_one_cc_entry_still_ends_with_a_period() -> None:
    sig = render(STATE.copy(cc=["Lưu: VT, VP"])).tables[-1]
    assert [ln.text for ln in cell_lines(sig, 0, 0)] == ["Nơi nhận:", "- Lưu: VT, VP."]


def test_markup_characters_typed_without_meaning_come_out_literally() -> None:
    text = "Mục {{ x }} và {% if %} giữ nguyên; 5 * 3 = 15; # không phải tiêu đề; a_b_c"
    draft = PARTY.copy()
    draft.content.tasks = [Task(text=text), Task(title="Tiêu đề *có sao*", text="Nội dung")]
    bodies = [p.text for p in body_paragraphs(render(draft))]
    assert f"1. {text}" in bodies
    assert "2. Tiêu đề *có sao* Nội dung" in bodies


def test_bold_and_italic_from_the_markdown_subset() -> None:
    doc = render(PARTY)
    opening = next(p for p in body_paragraphs(doc) if p.text.startswith("Thực hiện Công văn"))
    bold = "".join(r.text for r in opening.runs if r.bold)
    italic = "".join(r.text for r in opening.runs if r.italic)
    assert bold.startswith("Ban Thường vụ Huyện ủy chỉ đạo") and bold.endswith("một số nhiệm vụ sau:")
    assert italic == "về tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới"
    task4 = next(p for p in body_paragraphs(doc) if p.text.startswith("4. "))
    assert [r.text for r in task4.runs if r.bold] == ["Đẩy mạnh công tác thông tin, tuyên truyền."]
    assert not any(r.bold for r in task4.runs if r.text == "4. ")


def test_cat_tien_letter_is_reproduced_word_for_word() -> None:
    seed = Path(__file__).resolve().parents[1] / "data" / "seed_000_cat_tien_letter.md"
    letter = seed.read_text(encoding="utf-8").split("-->", 1)[1]
    plain = " ".join(letter.replace("*", "").replace("####", "").split())
    doc = render(PARTY)
    for p in body_paragraphs(doc):
        assert " ".join(p.text.split()) in plain, p.text[:60]
    assert len(body_paragraphs(doc)) == 1 + 6 + 1 + 5 + 1
    assert body_paragraphs(doc)[7].text == "7. Tổ chức thực hiện"


def test_state_letter_closes_with_the_mark_and_party_letter_does_not() -> None:
    assert body_paragraphs(render(STATE))[-1].text.endswith("triển khai thực hiện./.")
    assert not any(p.text.endswith("./.") for p in body_paragraphs(render(PARTY)))


def test_two_hundred_tasks_keep_the_signature_with_the_last_paragraph() -> None:
    draft = PARTY.copy()
    draft.content.tasks = [Task(text=f"Nhiệm vụ số {i} " + "nội dung " * 30) for i in range(200)]
    doc = render(draft)
    body = doc.element.body
    sig = doc.tables[-1]
    previous = sig._tbl.getprevious()
    assert previous.tag == qn("w:p") and previous.pPr.find(qn("w:keepNext")) is not None
    assert sig.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    # every paragraph of the signature cell holds on to the next one
    cell = sig.cell(0, 1).paragraphs
    assert all(p.paragraph_format.keep_with_next for p in cell[:-1])
    assert len(body_paragraphs(doc)) == 1 + 200 + 1 + 5 + 1
    assert body.index(sig._tbl) == len(body) - 2  # last before sectPr


def test_rendering_is_deterministic() -> None:
    first = docx_writer.to_bytes(laid_out(PARTY))
    second = docx_writer.to_bytes(laid_out(PARTY))
    def parts(data: bytes) -> dict[str, bytes]:
        return {n: zipfile.ZipFile(io.BytesIO(data)).read(n) for n in zipfile.ZipFile(io.BytesIO(data)).namelist()}

    assert parts(first)["word/document.xml"] == parts(second)["word/document.xml"]


def test_a_failed_write_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cong_van.docx"
    target.write_bytes(b"old letter")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", broken_fsync)
    with pytest.raises(OutputError) as info:
        write_docx(PARTY, target)
    assert "Ổ đĩa đã đầy" in info.value.message
    assert target.read_bytes() == b"old letter"
    assert [p.name for p in tmp_path.iterdir()] == ["cong_van.docx"]


def test_a_read_only_target_is_refused_with_a_message(tmp_path: Path) -> None:
    target = tmp_path / "cong_van.docx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    try:
        with pytest.raises(OutputError) as info:
            write_docx(PARTY, target)
        assert "chỉ đọc" in info.value.message
        assert target.read_bytes() == b"old"
    finally:
        target.chmod(0o644)


def test_lines_are_drawn_not_underlined_spaces() -> None:
    doc = render(STATE)
    header = doc.tables[0]
    for row in header.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                assert not p.text.strip(" _") == "" or not p.text, "underscore line"
                assert not any(r.font.underline and not r.text.strip() for r in p.runs)
    cells = {id(cell._tc): cell for row in header.rows for cell in row.cells}.values()
    drawn = [p for cell in cells for p in cell.paragraphs
             if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None]
    rules = [p for p in laid_out(STATE).grid("header").paragraphs() if p.rule_mm]
    assert len(drawn) == len(rules) >= 2  # under the issuer and under the motto, each a drawn border
    assert all(not p.text for p in drawn)


def test_underscores_print_as_typed_only_stars_mark_emphasis() -> None:
    draft = PARTY.copy()
    draft.content.tasks = [Task(text="Tệp ke_hoach__2026__ và __không đậm__ nhưng **đậm** thì đậm")]
    task = next(p for p in body_paragraphs(render(draft)) if p.text.startswith("1. "))
    assert task.text == "1. Tệp ke_hoach__2026__ và __không đậm__ nhưng đậm thì đậm"
    assert [r.text for r in task.runs if r.bold] == ["đậm"]


def test_the_body_keeps_a_gap_under_the_short_line_of_a_chi_thi_or_ke_hoach_trich_yeu() -> None:
    from dnnd_drafter.model.formats import load_format
    from dnnd_drafter.render import laid_out

    for stem in ("dang_tinh_uy_lam_dong_chi_thi", "dang_phuong_lam_vien_ke_hoach"):
        for family in ("dang", "nha_nuoc"):
            draft = model.load(EXAMPLES / f"{stem}.json").copy(family=family, rule_set="", recipients=[])
            paras = laid_out(draft).paragraphs()
            rule = next(i for i, p in enumerate(paras) if p.role == "doc_subject_rule")
            body = paras[rule + 1]
            assert body.role == "body"
            gap = paras[rule].space_after_pt + body.space_before_pt
            assert gap >= 6, (stem, family)  # spec: body paragraphs at least 6 pt apart
            assert gap == load_format(family).subject["doc_space_after_pt"]
            with_recipients = laid_out(draft.copy(recipients=["Các chi bộ trực thuộc"])).paragraphs()
            after_rule = with_recipients[rule + 1]
            assert after_rule.role == "recipients"  # their own gap opens the block: not doubled
            assert with_recipients[rule].space_after_pt + after_rule.space_before_pt == after_rule.size


def test_the_line_under_a_long_state_issuer_name_is_a_third_to_a_half_of_its_longest_line() -> None:
    from dnnd_drafter.model.formats import text_width_mm
    from dnnd_drafter.render import laid_out

    name = "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP VÀ KHU KINH TẾ CỬA KHẨU TỈNH LÂM ĐỒNG"
    letter = laid_out(model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json").copy(issuer=model.Issuer(name=name,
                                                                                              abbreviation="BQL")))
    rule = letter.find("issuer_rule")[0].rule_mm
    assert rule <= letter.grid("header").widths_mm[0] / 2  # never across the whole column
    issuer = letter.find("issuer")[0]
    lines = issuer.text.split("\n")
    assert len(lines) > 1  # the name wraps in its column, at breaks the layout chose
    longest = max(text_width_mm(line, issuer.size, True) for line in lines)
    assert longest / 3 <= rule <= longest / 2


@pytest.mark.parametrize("stem", ["dang_phuong_lam_vien_bao_cao", "dang_phuong_lam_vien_ke_hoach",
                                  "dang_tinh_uy_lam_dong_chi_thi"])
@pytest.mark.parametrize("family", ["dang", "nha_nuoc", "doan_tn"])
def test_the_short_line_under_a_title_trich_yeu_stands_apart_not_as_an_underline(stem, family) -> None:
    """Spec Part B: a short rule goes underneath the trích yếu on a line of its own; drawn right
    under the last line it read as an underline of that line (the BÁO CÁO example)."""
    from dnnd_drafter.model.formats import load_format

    draft = model.load(EXAMPLES / f"{stem}.json").copy(family=family, rule_set="", choices=model.OfficeChoices())
    draft.signature.authority = "T/M" if family == "dang" else "TM."
    paras = laid_out(draft).paragraphs()
    rule = next(i for i, p in enumerate(paras) if p.role == "doc_subject_rule")
    assert paras[rule - 1].role == "doc_subject"
    gap = paras[rule - 1].space_after_pt + paras[rule].space_before_pt
    assert gap == load_format(family).subject["doc_rule_space_before_pt"] >= 6
    doc = render(draft)
    drawn = next(p for p in doc.paragraphs if p._p.find(qn("w:pPr")) is not None
                 and p._p.pPr.find(qn("w:pBdr")) is not None and not p.text.strip()
                 and p.paragraph_format.space_before is not None and p.paragraph_format.space_before.pt > 0)
    assert drawn.paragraph_format.space_before.pt == gap
