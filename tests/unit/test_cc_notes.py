"""Nơi nhận notes (issue 15 point 10): "(để báo cáo)" on one line or on a group of lines.

A provincial Chỉ thị applies "(để báo cáo)" to its first four Nơi nhận lines: the draft keeps
the note with the lines it covers, the letter joins them with a brace and prints the note once,
the checker reads the lines as they are and the Word reader gives the group back.
"""

from __future__ import annotations

import json

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.checker import check_bytes, check_draft
from dnnd_drafter.base.errors import DraftError
from dnnd_drafter.layout.engine import BRACE
from dnnd_drafter.render import laid_out
from dnnd_drafter.wordin import read_letter
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.conftest import EXAMPLES
from tests.unit.docx_read import render

CHI_THI = EXAMPLES / "dang_tinh_uy_lam_dong_chi_thi.json"
CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"


def _items(draft: model.Draft) -> list[str]:
    """Return the printed Nơi nhận items, the lines of a braced item joined by a line break."""
    out: list[str] = []
    for para in laid_out(draft).grid("signature").paragraphs():
        if para.role == "cc_item":
            out.append(para.text)
        elif para.role == "cc_item_more":
            out[-1] += "\n" + para.text
    return out


def test_a_note_on_one_line_stands_before_its_mark() -> None:
    draft = model.load(CAT_TIEN)
    draft.cc_notes = [model.CcNote(1, 1, "(để báo cáo)")]
    assert _items(draft)[0] == "- Thường trực Huyện ủy (để báo cáo),"
    assert _items(draft)[1:] == ["- Như kính gửi,", "- Lưu VPHU."]


def test_a_note_on_a_group_is_printed_once_by_a_brace_that_spans_the_group() -> None:
    draft = model.load(CHI_THI)
    assert draft.cc_notes == [model.CcNote(1, 4, "(để báo cáo)")]
    items = _items(draft)
    group = "\n".join(items[:4])
    assert group.count("(để báo cáo)") == 1
    pieces = [line.split("\t")[1][:1] for line in group.split("\n")]
    assert pieces[0] == BRACE[0] and pieces[-1] == BRACE[3] and BRACE[1] in pieces
    assert all(p in BRACE for p in pieces)  # every printed line of the group carries its piece
    assert items[4:] == ["- Các đồng chí Tỉnh ủy viên;", "- Các đảng bộ trực thuộc Tỉnh ủy;", "- Lưu Văn phòng Tỉnh ủy."]
    assert all("\t" not in item for item in items[4:])
    tabs = {p.tab_mm for p in laid_out(draft).grid("signature").paragraphs()
            if p.role in ("cc_item", "cc_item_more") and "\t" in p.text}
    assert len(tabs) == 1  # the brace stands in one column
    column = laid_out(draft).grid("signature").widths_mm[0]
    assert tabs.pop() < column


def test_the_docx_has_the_group_with_its_brace_and_the_checker_reads_its_lines() -> None:
    draft = model.load(CHI_THI)
    cells = "\n".join(cell.text for row in render(draft).tables[-1].rows for cell in row.cells)
    assert cells.count("(để báo cáo)") == 1 and all(piece in cells for piece in (BRACE[0], BRACE[3]))
    report = check_draft(draft)
    assert report.ok and not report.findings, report.text()


def test_the_word_reader_gives_the_group_back() -> None:
    draft = model.load(CHI_THI)
    read = read_letter(to_bytes(laid_out(draft)), name="chi-thi").draft
    assert read.cc == draft.cc and read.cc_notes == draft.cc_notes
    assert read.choices == draft.choices


@pytest.mark.parametrize("notes, message", [
    ([{"first": 3, "last": 9, "text": "(b/c)"}], "không có trong Nơi nhận"),
    ([{"first": 1, "last": 2, "text": "(b/c)"}, {"first": 2, "last": 3, "text": "(t/h)"}], "đã có ghi chú khác"),
    ([{"first": 1, "last": 1, "text": ""}], "chưa có lời ghi chú"),
    ([{"first": "1", "last": 2, "text": "(b/c)"}], "số thứ tự dòng"),
])
def test_a_note_on_lines_the_list_does_not_have_is_refused_naming_it(notes, message) -> None:
    raw = json.loads(CAT_TIEN.read_text(encoding="utf-8")) | {"cc_notes": notes}
    with pytest.raises(DraftError) as info:
        model.from_dict(raw)
    assert info.value.field.startswith("cc_notes[") and message in info.value.message


def test_a_note_whose_lines_were_removed_in_the_wizard_is_left_out_of_the_letter() -> None:
    draft = model.load(CHI_THI)
    draft.cc = draft.cc[:1]
    assert _items(draft) == ["- Ban Bí thư Trung ương Đảng."]


def test_the_checker_accepts_the_group_in_a_docx_from_the_command_line() -> None:
    draft = model.load(CHI_THI)
    report = check_bytes(to_bytes(laid_out(draft)), choices=draft.choices, choices_from="hồ sơ “Tỉnh ủy Lâm Đồng”")
    assert not [f for f in report.findings if f.code.startswith("cc.")], report.text()
