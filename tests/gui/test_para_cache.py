"""Test the paragraph cache of the Qt writer: unchanged paragraphs are reused, per thread only."""

from __future__ import annotations

import dataclasses
import threading

from dnnd_drafter.layout.blocks import Para
from dnnd_drafter.writers.qt.pagination import paginate
from dnnd_drafter.writers.qt.text import break_para, lay_out_para
from tests.gui.test_painter import CAT_TIEN, letter_of


def boxes(letter_pages) -> list:  # type: ignore[no-untyped-def]
    """Return every paragraph box placed on the pages, in order."""
    return [item.box for page in letter_pages.pages for item in page.texts]


def test_a_second_pagination_of_the_same_letter_reuses_every_box(qapp) -> None:
    letter = letter_of(CAT_TIEN)
    first, second = paginate(letter), paginate(letter)
    assert [id(box) for box in boxes(first)] == [id(box) for box in boxes(second)]


def test_a_changed_paragraph_gets_a_new_box_and_the_others_are_kept(qapp) -> None:
    letter = letter_of(CAT_TIEN)
    before = boxes(paginate(letter))
    body = next(i for i, block in enumerate(letter.blocks) if isinstance(block, Para) and block.role == "body")
    para = letter.blocks[body]
    changed_run = dataclasses.replace(para.runs[0], text=para.runs[0].text + " thêm")
    blocks = list(letter.blocks)
    blocks[body] = dataclasses.replace(para, runs=(changed_run, *para.runs[1:]))
    after = boxes(paginate(dataclasses.replace(letter, blocks=blocks)))
    reused = {id(box) for box in before} & {id(box) for box in after}
    assert any(box.para == blocks[body] for box in after)
    assert all(id(box) not in {id(b) for b in before} for box in after if box.para == blocks[body])
    assert len(reused) >= len({id(box) for box in before}) - 1  # only the changed paragraph's box is new


def test_the_cached_box_breaks_lines_exactly_as_a_new_one(qapp) -> None:
    letter = letter_of(CAT_TIEN)
    pagination = paginate(letter)
    for box in boxes(pagination):
        fresh = break_para(box.para, box.width, pagination.face)
        assert box.texts == fresh.texts
        assert [line.height for line in box.lines] == [line.height for line in fresh.lines]


def test_another_thread_never_gets_this_threads_box(qapp) -> None:
    letter = letter_of(CAT_TIEN)
    para = next(block for block in letter.blocks if isinstance(block, Para) and block.role == "body")
    mine = lay_out_para(para, 450.0, "Liberation Serif")
    theirs: list[object] = []
    worker = threading.Thread(target=lambda: theirs.append(lay_out_para(para, 450.0, "Liberation Serif")))
    worker.start()
    worker.join()
    assert theirs and theirs[0] is not mine
    assert lay_out_para(para, 450.0, "Liberation Serif") is mine
