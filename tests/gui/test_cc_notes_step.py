"""The wizard's Nơi nhận step edits notes on one line or a group (issue 15 point 10)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from tests.conftest import EXAMPLES
from tests.gui.clerk import type_text


def test_a_clerk_notes_a_group_of_noi_nhan_lines_and_the_letter_prints_it_once(qtbot, window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = window.pages[4]
    draft = window.session.draft
    draft.cc = ["Như trên", "Thường trực Tỉnh ủy", "Ủy ban nhân dân tỉnh", "Lưu: VT, VP"]
    page.load(draft)
    qtbot.mouseClick(page.notes.add_button, Qt.MouseButton.LeftButton)
    row = page.notes.rows[0]
    assert (row.first.value(), row.last.value(), row.note().text) == (1, 4, "(để báo cáo)")
    row.first.setValue(2)
    row.last.setValue(3)
    page.apply(draft)
    assert draft.cc_notes == [model.CcNote(2, 3, "(để báo cáo)")]
    items = [p.text for p in laid_out(draft).find("cc_item")]
    assert "".join(items).count("(để báo cáo)") == 1 and "\t" in items[1] and "\t" in items[2]
    again = model.load(model.save(draft, tmp_path / "nhom.json"))
    assert again.cc_notes == draft.cc_notes


def test_a_note_on_lines_the_list_no_longer_has_is_shown_and_not_given_to_the_draft(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = window.pages[4]
    draft = model.load(EXAMPLES / "dang_tinh_uy_lam_dong_chi_thi.json")
    page.load(draft)
    assert [r.note() for r in page.notes.rows] == [model.CcNote(1, 4, "(để báo cáo)")]
    kept = draft.cc[:3]
    page.picker.set_names(kept)
    page.notes.set_lines(3)
    row = page.notes.rows[0]
    assert "chỉ có 3 dòng" in row.problem.text() and row.problem.isVisibleTo(page)
    page.apply(draft)
    assert draft.cc == kept and draft.cc_notes == []
    model.from_dict(model.to_dict(draft))  # the draft still saves and opens
    second = page.notes.add_note(model.CcNote(1, 1, ""))
    assert second.problem.text() == "Chưa có lời ghi chú."
    type_text(second.text.lineEdit(), "(de biet)")
    page.apply(draft)
    assert draft.cc_notes == [model.CcNote(1, 1, "(de biet)")]


def test_a_headerless_word_letter_keeps_its_noi_nhan_notes_in_the_office_draft(office) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.ui.wizard.open_word import office_draft

    read = model.load(EXAMPLES / "dang_tinh_uy_lam_dong_chi_thi.json")
    draft = office_draft(read, office.profile)
    assert draft.cc == read.cc and draft.cc_notes == read.cc_notes
    model.from_dict(model.to_dict(draft))  # saves and opens
