"""Test the page painter's geometry: faces, line metrics, page flow, keep rules and speed."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import LaidOutLetter, Para, TextRun
from dnnd_drafter.writers.qt.fonts import face_used, vmetrics
from dnnd_drafter.writers.qt.pagination import Pagination, TextItem, paginate, usable
from dnnd_drafter.writers.qt.text import lay_out_para, mm
from dnnd_drafter.writers.qt.painter import render_page
from tests.conftest import EXAMPLES

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"


def letter_of(path: Path, **changes: object) -> LaidOutLetter:
    """Return the laid-out letter of a draft file, with top-level JSON `changes`."""
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(changes)
    return laid_out(model.from_dict(data))


def longer(extra_items: int) -> LaidOutLetter:
    """Return the laid-out :func:`longer_draft`."""
    return laid_out(longer_draft(extra_items))


def longer_draft(extra_items: int) -> model.Draft:
    """Return the Cát Tiên draft with a long closing and `extra_items` more implementation lines."""
    data = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    content = data["content"]
    content["attachment"] = ""
    content["closing"] = ("Đề nghị các đơn vị nghiêm túc triển khai thực hiện, báo cáo kết quả về Ban Thường vụ "
                          "Huyện ủy qua Văn phòng Huyện ủy trước ngày 30 tháng 6 hằng năm để tổng hợp, theo dõi "
                          "và chỉ đạo kịp thời; trong quá trình thực hiện nếu có khó khăn, vướng mắc, kịp thời "
                          "phản ánh để được hướng dẫn, giải quyết.")
    content["implementation"] += ["Các chi bộ trực thuộc tổ chức quán triệt, triển khai thực hiện."] * extra_items
    return model.from_dict(data)


def keeps_with_signature(letter: LaidOutLetter) -> bool:
    """Return whether the last body paragraph was carried to a new page by the signature block.

    True when it starts the last page although the previous page still had room for it.
    """
    pages = paginate(letter)
    closing = next(item for item in pages.pages[-1].texts if item.box.para.role == "body")
    if closing.first or len(pages.pages) < 2 or closing.y > mm(letter.page.top_mm) + 0.01:
        return False
    previous = pages.pages[-2].texts[-1]
    room = mm(letter.page.height_mm - letter.page.bottom_mm) - previous.bottom - previous.box.space_after
    return closing.box.height <= room


def keep_case() -> int:
    """Return the number of extra items that makes the signature block carry the closing over."""
    return next(n for n in range(40) if keeps_with_signature(longer(n)))


def placed(pages: Pagination) -> list[tuple[int, TextItem]]:
    """Return every placed text item with its page index, in painting order."""
    return [(index, item) for index, page in enumerate(pages.pages) for item in page.texts]


def test_the_face_is_times_new_roman_or_a_metric_twin(qapp: QApplication) -> None:
    assert face_used("Times New Roman") in {"Times New Roman", "Liberation Serif", "Tinos"}
    assert face_used("No Such Face Anywhere") == "No Such Face Anywhere"


def test_single_lines_are_as_tall_as_in_libreoffice(qapp: QApplication) -> None:
    metrics = vmetrics(face_used("Times New Roman"))
    assert metrics.line_height(14) == pytest.approx(16.1, abs=0.05)  # measured in LibreOffice's PDF
    assert metrics.baseline(15) == pytest.approx(14.0, abs=0.05)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_every_paragraph_is_placed_once_in_order(qapp: QApplication, path: Path) -> None:
    letter = laid_out(model.load(path))
    pages = paginate(letter)
    seen: list[Para] = []
    for _, item in placed(pages):
        if item.first == 0:
            seen.append(item.box.para)
    assert seen == letter.paragraphs()
    for _, item in placed(pages):
        if item.box.layout is not None:
            text = "".join(item.box.texts)
            assert text == item.box.para.text.replace("\n", " ")  # an explicit break ends its line


def test_pages_break_with_two_lines_at_least_on_each_side(qapp: QApplication) -> None:
    for extra in range(0, 12, 3):
        pages = paginate(longer(extra))
        parts: list[list[TextItem]] = []  # the pieces of each paragraph (equal paragraphs share a box)
        for _, item in placed(pages):
            if item.first == 0 or not parts or parts[-1][-1].box is not item.box:
                parts.append([])
            parts[-1].append(item)
        for items in parts:
            if len(items) > 1:
                assert all(item.last - item.first >= 2 for item in items)
        for page in pages.pages:
            assert all(item.bottom <= mm(297 - 20) + 0.01 for item in page.texts)


def test_the_signature_block_never_stands_alone(qapp: QApplication) -> None:
    for extra in range(0, keep_case() + 3):
        pages = paginate(longer(extra))
        last_body = max(i for i, item in placed(pages) if item.box.para.role == "body")
        signer = next(i for i, item in placed(pages) if item.box.para.role == "signer")
        assert signer == last_body, extra
    assert keep_case() < 40  # some length makes the closing move over with the signature


def test_a_closing_that_would_split_moves_whole_to_the_next_page(qapp: QApplication) -> None:
    data = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    data["content"].update(attachment="", closing="Đề nghị các đơn vị báo cáo kết quả đúng thời hạn. " * 30)
    pages = paginate(laid_out(model.from_dict(data)))
    closing = [(i, item) for i, item in placed(pages) if item.box.para.text.startswith("Đề nghị các đơn vị")]
    assert len(closing) == 1  # not split
    index, item = closing[0]
    assert item.y == pytest.approx(mm(20)) and index == pages.page_count - 1


def test_body_lines_are_exactly_spaced(qapp: QApplication) -> None:
    letter = letter_of(CAT_TIEN)
    body = next(p for p in letter.blocks if isinstance(p, Para) and p.role == "body")
    box = lay_out_para(body, mm(165), face_used())
    assert len(box.lines) > 2
    assert all(line.height == body.line_exact_pt for line in box.lines)
    assert box.lines[0].baseline == pytest.approx(0.8 * body.line_exact_pt)
    assert box.lines[0].qline.x() == pytest.approx(mm(body.first_mm) * 20)


def test_a_symbol_hyphen_never_ends_a_line(qapp: QApplication) -> None:
    text = "Thực hiện Chỉ thị số 12\u2011CT/TW của Ban Bí thư " * 6
    para = Para("body", (TextRun(text, 14),), 14, align="justify", line_exact_pt=18)
    for width in range(300, 460, 7):
        box = lay_out_para(para, width, face_used())
        assert not any(part.rstrip().endswith("12-") for part in box.texts)


def test_the_recipient_after_the_tab_starts_at_the_tab_stop(qapp: QApplication) -> None:
    letter = letter_of(CAT_TIEN)
    first = letter.find("recipients")[0]
    box = lay_out_para(first, mm(165), face_used())
    dash = box.texts[0].index("-")
    x, _ = box.lines[0].qline.cursorToX(dash)
    assert x / 20 == pytest.approx(mm(first.tab_mm), abs=0.05)


def test_page_numbers_start_on_page_two(qapp: QApplication) -> None:
    pages = paginate(letter_of(CAT_TIEN))
    assert pages.page_count == 3
    assert pages.pages[0].page_number is None
    number = pages.pages[1].page_number
    assert number is not None and number.box.para.text == "2"
    assert number.y == pytest.approx(mm(pages.letter.page.header_distance_mm))


def test_a_page_renders_to_an_image(qapp: QApplication) -> None:
    pages = paginate(letter_of(CAT_TIEN))
    image = render_page(pages, 0, dpi=48)
    assert image.width() == round(pages.width * 48 / 72)
    top = image.copy(0, 0, image.width(), image.height() // 5)
    dark = sum(1 for x in range(0, top.width(), 2) for y in range(0, top.height(), 2)
               if top.pixelColor(x, y).lightness() < 128)
    assert dark > 50


def test_a_pagination_from_another_thread_is_redone_here(qapp: QApplication) -> None:
    letter = letter_of(CAT_TIEN)
    made: list[Pagination] = []
    worker = threading.Thread(target=lambda: made.append(paginate(letter)))
    worker.start()
    worker.join()
    here = usable(made[0])
    assert here is not made[0] and here.page_count == made[0].page_count
    assert usable(here) is here
    assert not render_page(made[0], 0, dpi=24).isNull()  # painting redoes it instead of crashing
