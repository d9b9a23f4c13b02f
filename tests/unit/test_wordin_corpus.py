"""Test the Word reader on its corpus: the app's own letters and letters typed by hand.

The app's own letter of every example must come back exactly: every field, and the whole laid-out
letter (text and emphasis of every paragraph) when the read draft is laid out again. Each
hand-typed letter must give the example's fields and the body's words.
"""

from __future__ import annotations

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.model.formats import load_format
from dnnd_drafter.render import laid_out
from dnnd_drafter.model.vietnamese import upper
from dnnd_drafter.wordin import FREE_TEMPLATE, read_letter
from dnnd_drafter.wordin.fields import clerk_lines
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.unit import wordin_corpus as corpus


def _formatted(draft: model.Draft) -> list[tuple[str, list[tuple[str, bool, bool]]]]:
    """Return every laid-out paragraph as its role and its runs' text and emphasis."""
    return [(p.role, [(r.text, r.bold, r.italic) for r in p.runs]) for p in laid_out(draft).paragraphs()]


@pytest.fixture(scope="module")
def hand() -> dict[str, corpus.Letter]:
    """Return the hand-typed letters by name."""
    return {letter.name: letter for letter in corpus.hand_letters()}


@pytest.mark.parametrize("stem", corpus.EXAMPLES)
def test_the_apps_own_letter_reads_back_exactly(stem: str) -> None:
    letter = next(x for x in corpus.app_letters() if x.name == f"app_{stem}")
    read = read_letter(letter.data, name=stem)
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    wanted = letter.expected
    assert (read.draft.issuer.parent, read.draft.issuer.name, read.draft.subject) == (
        upper(wanted.issuer.parent), upper(wanted.issuer.name), wanted.subject)  # the clerk's lines, not the layout's
    assert read.draft.template in (FREE_TEMPLATE, "cong_van_trien_khai")
    assert _formatted(read.draft) == _formatted(letter.expected)
    assert read.unsure == {} and read.unplaced == []


@pytest.mark.parametrize("name", sorted(corpus.HAND_TYPED))
def test_a_hand_typed_letter_gives_the_fields_and_words_of_the_letter(hand: dict, name: str) -> None:
    letter = hand[f"hand_{name}"]
    read = read_letter(letter.data, name=name)
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    assert corpus.body_words(read.draft) == letter.words()


def test_word_numbering_is_read_as_the_literal_numbers_and_dashes_it_shows(hand: dict) -> None:
    read = read_letter(hand["hand_auto_numbering"].data)
    lines = read.draft.content.body.split("\n")
    assert [line[:3] for line in lines[1:4]] == ["1. ", "2. ", "3. "]
    assert sum(line.startswith("- ") for line in lines) == 5


def test_a_table_in_the_body_is_kept_as_rows_of_cells_and_reported(hand: dict) -> None:
    letter = hand["hand_body_table"]
    read = read_letter(letter.data)
    assert "Nội dung\tThời gian\nTuyên truyền\tQuý II" in read.draft.content.body
    assert "bảng" in read.unsure["content.body"]
    assert any("bảng" in note for note in read.notes())
    assert corpus.body_words(read.draft) == read.source_words   # `fix` prints the words of the table, nothing more


def test_a_text_box_and_a_frame_in_the_body_are_read_in_order_and_reported(hand: dict) -> None:
    letter = hand["hand_body_boxes"]
    read = read_letter(letter.data)
    lines = read.draft.content.body.split("\n")
    assert lines[1:4] == list(corpus.BOX_TEXTS) + [corpus.FRAME_TEXT]
    assert "khung" in read.unsure["content.body"]
    assert corpus.body_words(read.draft) == letter.words()


def test_a_bao_cao_is_read_as_its_own_kind_and_renders_its_title(hand: dict) -> None:
    read = read_letter(hand["hand_bao_cao"].data)
    assert read.draft.kind == "bao_cao"
    assert [p.text for p in laid_out(read.draft).find("doc_title")] == ["BÁO CÁO"]


def test_a_signature_typed_as_right_aligned_paragraphs_leaves_the_body(hand: dict) -> None:
    read = read_letter(hand["hand_signature_right"].data)
    assert read.draft.signature.name == "Lê Nhật Minh"
    assert "Lê Nhật Minh" not in read.draft.content.body


def test_a_read_draft_saves_and_loads_as_the_same_letter(hand: dict, tmp_path) -> None:
    for name in ("hand_table_state", "hand_bao_cao", "hand_body_table"):
        draft = read_letter(hand[name].data).draft
        path = model.save(draft, tmp_path / f"{name}.json")
        assert _formatted(model.load(path)) == _formatted(draft)


def test_a_body_with_the_shape_of_a_template_gets_that_template_with_its_tasks() -> None:
    letter = next(x for x in corpus.app_letters() if x.name == "app_dang_cat_tien_492")
    draft = read_letter(letter.data).draft
    source = letter.expected
    assert draft.template == "cong_van_trien_khai" and not draft.content.body
    assert [(t.title, t.text) for t in draft.content.tasks] == [(t.title, t.text) for t in source.content.tasks]
    assert draft.content.implementation == source.content.implementation
    assert draft.content.opening == source.content.opening


def test_a_body_of_another_shape_stays_free(hand: dict) -> None:
    for name in ("hand_ke_hoach", "hand_chi_thi", "hand_body_table", "hand_signature_right"):
        assert read_letter(hand[name].data).draft.template == FREE_TEMPLATE, name


def test_the_real_huong_tra_letter_with_word_bullets_and_its_outline_after_the_signature(hand: dict) -> None:
    letter = hand["real_huong_tra_189"]
    read = read_letter(letter.data)
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    assert corpus.body_words(read.draft) == letter.words()
    assert "sau khối chữ ký" in read.unsure["content.body"]
    assert read.draft.content.body.split("\n")[-4:-2] == ["## ĐỀ CƯƠNG", "## Tuyên truyền, phổ biến, "
                                                                  "quán triệt Chỉ thị 12-CT/TW, ngày 05/01/2022 "
                                                                  "của Ban Bí thư"]


def test_a_line_break_is_the_clerks_unless_the_layout_would_make_it_again() -> None:
    fmt = load_format("doan_tn")
    column, issuer = float(fmt.header["left_width_mm"]), fmt.style("issuer")
    assert clerk_lines(["BCH TỈNH ĐOÀN", "LÂM ĐỒNG"], column, issuer) == ["BCH TỈNH ĐOÀN LÂM ĐỒNG"]
    assert clerk_lines(["ĐOÀN TNCS", "HỒ CHÍ MINH"], column, issuer) == ["ĐOÀN TNCS", "HỒ CHÍ MINH"]  # fits on one line


def test_a_trich_yeu_typed_with_soft_breaks_keeps_the_clerks_breaks_and_prints_the_same(hand: dict) -> None:
    letter = hand["hand_subject_breaks"]
    read = read_letter(letter.data).draft
    assert read.subject.split("\n")[0] == "tuyên truyền Chỉ thị"   # the layout would not break there
    assert corpus.field_values(read)["subject"] == corpus.field_values(letter.expected)["subject"]  # the printed lines


def test_a_parent_body_of_two_lines_prints_each_line_balanced_and_reads_back_exactly() -> None:
    draft = corpus.example("dang_cat_tien_492")
    draft.issuer.parent = "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH LÂM ĐỒNG KHÓA XII\nĐẢNG ỦY CÁC CƠ QUAN"  # as read from Word
    printed = [p.text for p in laid_out(draft).find("parent")]
    assert printed[-1] == "ĐẢNG ỦY CÁC CƠ QUAN"   # the clerk's line is not mixed into the one above
    assert read_letter(to_bytes(laid_out(draft))).draft.issuer.parent == draft.issuer.parent


def test_every_reason_to_check_the_body_is_listed_not_only_the_first() -> None:
    data = corpus.typed("doan_the_cong_doan", corpus.Typing(body_table=True, boxes=True))
    reason = read_letter(data).unsure["content.body"]
    assert "bảng" in reason and "khung chữ" in reason and "frame" in reason
