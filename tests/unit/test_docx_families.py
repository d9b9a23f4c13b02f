"""Reopen the .docx of each family's example and check it against spec Part A, point by point."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from dnnd_drafter.model import letter as model
from tests.conftest import EXAMPLES
from tests.unit.docx_read import body_paragraphs, cell_lines, find, render, rule_lengths_mm

# Spec Part A, per family: what a văn thư checks on page 1.
SPEC = {
    "dang_cat_tien_492": dict(
        margins=(20, 20, 30, 15), motto=[("ĐẢNG CỘNG SẢN VIỆT NAM", 15)], parent=14, issuer=14,
        mark="*", number=("Số 492-CV/HU", 14), subject=(12, True), date="Cát Tiên, ngày 14 tháng 02 năm 2022",
        kg_end=",", cc_label=(14, False, False, True), cc_item=12, cc_end=",",
        authority="T/M BAN THƯỜNG VỤ", position="PHÓ BÍ THƯ", signer="Đương Hùng Cường", date_row=0),
    "nha_nuoc_ubnd_tinh": dict(
        margins=(20, 20, 30, 15), motto=[("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13), ("Độc lập - Tự do - Hạnh phúc", 14)],
        parent=None, issuer=13, mark=None, number=("Số: 1234/UBND-NC", 13), subject=(13, False),
        date="Lâm Đồng, ngày 05 tháng 3 năm 2026", kg_end=";", cc_label=(12, True, True, False), cc_item=11,
        cc_end=";", authority="KT. CHỦ TỊCH", position="PHÓ CHỦ TỊCH", signer="Nguyễn Văn Minh", date_row=1),
    "doan_the_cong_doan": dict(
        margins=(20, 20, 30, 15), motto=[("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13), ("Độc lập - Tự do - Hạnh phúc", 14)],
        parent=13, issuer=13, mark=None, number=("Số: 967/LĐLĐ", 13), subject=(13, False),
        date="Lâm Đồng, ngày 09 tháng 4 năm 2026", kg_end=";", cc_label=(12, True, True, False), cc_item=11,
        cc_end=";", authority="TM. BAN THƯỜNG VỤ", position="CHỦ TỊCH", signer="Trần Thị Hoa", date_row=1),
    "doan_tn_tinh_doan": dict(
        margins=(20, 20, 30, 20), motto=[("ĐOÀN TNCS HỒ CHÍ MINH", 15)], parent=None, issuer=14, mark="***",
        number=("Số: 29-CV/TĐTN-BTG", 13), subject=(13, False), date="Lâm Đồng, ngày 08 tháng 01 năm 2026",
        kg_end=".", cc_label=(14, False, False, True), cc_item=12, cc_end=";",
        authority="TM. BAN THƯỜNG VỤ TỈNH ĐOÀN", position="PHÓ BÍ THƯ", signer="Lê Quang Huy", date_row=0),
}


@pytest.fixture(scope="module", params=sorted(SPEC))
def case(request: pytest.FixtureRequest):
    """Return (spec row, draft, reopened document) for one example."""
    draft = model.load(EXAMPLES / f"{request.param}.json")
    return SPEC[request.param], draft, render(draft)


def test_page_is_a4_portrait_with_the_family_margins(case) -> None:
    spec, _, doc = case
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = tuple(round(m.mm) for m in (section.top_margin, section.bottom_margin,
                                          section.left_margin, section.right_margin))
    assert margins == spec["margins"]


def test_times_new_roman_on_every_slot_and_in_the_base_styles(case) -> None:
    _, _, doc = case
    slots = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
    every = doc.element.body.iter(qn("w:rFonts"))
    styles = doc.styles.element.iter(qn("w:rFonts"))
    fonts = list(every) + list(styles)
    assert fonts
    for el in fonts:
        assert {el.get(qn(s)) for s in slots} == {"Times New Roman"}
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_header_right_column_holds_the_motto_bold_with_a_line_as_long_as_the_text(case) -> None:
    spec, _, doc = case
    header = doc.tables[0]
    right = cell_lines(header, 0, 1)
    for (text, size), got in zip(spec["motto"], right):
        assert got.text == text and got.sizes == {size} and got.bold == {True} and got.italic == {False}
    lines = rule_lengths_mm(header, 0, 1)
    assert len(lines) == 1
    # a real line about as long as the last motto line (not underlined spaces)
    assert 40 < lines[0] < 100
    assert not any(r.font.underline for p in header.cell(0, 1).paragraphs for r in p.runs)


def test_header_left_column_holds_parent_issuer_mark_number_and_subject(case) -> None:
    spec, draft, doc = case
    header = doc.tables[0]
    left = cell_lines(header, 0, 0) + (cell_lines(header, 1, 0) if len(header.rows) > 1 else [])
    index = 0
    if spec["parent"]:
        assert left[0].text == draft.issuer.parent.upper() and left[0].sizes == {spec["parent"]}
        assert left[0].bold == {False}
        index = 1
    issuer = left[index]
    assert issuer.text == draft.issuer.name.split("\n")[0].upper()
    assert issuer.sizes == {spec["issuer"]} and issuer.bold == {True}
    if spec["mark"]:
        assert spec["mark"] in [ln.text for ln in left]
    else:
        assert rule_lengths_mm(header, 0, 0), "State-style issuer needs a line under it"
    number = find(left, "Số")
    assert (number.text, number.sizes) == (spec["number"][0], {spec["number"][1]})
    size, italic = spec["subject"]
    subject = left[left.index(number) + 1]
    assert subject.sizes == {size} and subject.italic == {italic} and subject.bold == {False}
    if spec["number"][0].startswith("Số:"):
        assert subject.text.startswith("V/v ")


def test_date_line_is_italic_in_the_right_column_with_the_zero_rule(case) -> None:
    spec, _, doc = case
    date = find(cell_lines(doc.tables[0], spec["date_row"], 1), spec["date"].split(",")[0] + ",")
    assert date.text == spec["date"]
    assert date.sizes == {14} and date.italic == {True} and date.bold == {False}


def test_body_is_justified_indented_spaced_and_in_the_family_size(case) -> None:
    _, _, doc = case
    body = body_paragraphs(doc)
    assert len(body) >= 3
    for p in body:
        fmt = p.paragraph_format
        assert round(fmt.first_line_indent.cm, 2) == 1.27
        assert fmt.space_after.pt == 6
        assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY and fmt.line_spacing.pt == 18
        assert {r.font.size.pt for r in p.runs if r.text.strip()} == {14}


def test_signature_block_lines_and_blank_signing_space(case) -> None:
    spec, _, doc = case
    sig = doc.tables[-1]
    right = sig.cell(0, 1).paragraphs
    texts = [p.text for p in right]
    assert texts[0] == spec["authority"] and texts[1] == spec["position"]
    assert texts[-1] == spec["signer"]
    assert texts[2:-1] == ["", "", "", ""]
    for p in (right[0], right[1], right[-1]):
        assert {r.font.bold for r in p.runs} == {True}
        assert {r.font.size.pt for r in p.runs} == {14}
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_noi_nhan_label_items_punctuation_and_luu_line(case) -> None:
    spec, draft, doc = case
    left = cell_lines(doc.tables[-1], 0, 0)
    size, bold, italic, underline = spec["cc_label"]
    label = left[0]
    assert label.text == "Nơi nhận:"
    assert (label.sizes, label.bold, label.italic, label.underline) == ({size}, {bold}, {italic}, {underline})
    items = left[1:]
    assert len(items) == len(draft.cc)
    assert all(i.text.startswith("- ") and i.sizes == {spec["cc_item"]} for i in items)
    assert all(i.text.endswith(spec["cc_end"]) for i in items[:-1])
    assert items[-1].text.startswith("- Lưu") and items[-1].text.endswith(".")


def test_kinh_gui_layout_and_punctuation(case) -> None:
    spec, draft, doc = case
    lines = [p for p in doc.paragraphs if p.text.startswith(("Kính gửi", "- ")) and p.alignment != 3]
    assert lines[0].text.startswith("Kính gửi:")
    if len(draft.recipients) == 1:
        assert lines[0].text == f"Kính gửi: {draft.recipients[0]}."
        assert lines[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
        return
    assert lines[0].text == f"Kính gửi:\t- {draft.recipients[0]}{spec['kg_end']}"
    rest = lines[1:len(draft.recipients)]
    # (a long name carries explicit line breaks, never at "chính trị - xã hội")
    assert [p.text.replace("\n", " ") for p in rest[:-1]] == [f"- {r}{spec['kg_end']}" for r in draft.recipients[1:-1]]
    assert rest[-1].text.replace("\n", " ") == f"- {draft.recipients[-1]}."
    # the dashes line up: the first line's tab stop is where the following lines' dashes start
    tab = lines[0].paragraph_format.tab_stops[0].position
    for p in rest:
        fmt = p.paragraph_format
        assert abs((fmt.left_indent + fmt.first_line_indent) - tab) < 2000  # EMU, about 0.06 mm


def test_page_number_top_centre_from_page_two_none_on_page_one(case) -> None:
    _, _, doc = case
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in section.first_page_header._element.xml
    sizes = {r.font.size.pt for r in section.header.paragraphs[0].runs if r.font.size}
    assert sizes == {14}


def test_signature_block_stays_with_the_last_body_paragraph(case) -> None:
    _, _, doc = case
    last_body = body_paragraphs(doc)[-1]
    assert last_body.paragraph_format.keep_with_next
    sig = doc.tables[-1]
    assert sig.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert doc.element.body.index(sig._tbl) == doc.element.body.index(last_body._p) + 1
