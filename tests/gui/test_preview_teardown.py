"""Test that the preview's canvas holds no Python reference back to its preview.

The canvas used to keep ``self.preview``: a reference cycle (preview → canvas → preview) that only
Python's cycle collector frees, at a moment of its choosing, by clearing the canvas's attributes
while Qt may still lay out or paint the widget (the flaky AttributeError of long test runs,
papered over by ``hasattr(self, "preview")``). The canvas is now handed what to paint, so the
preview and its canvas go by reference counting, when their owner lets go of them.
"""

from __future__ import annotations

import gc
import weakref

from pytestqt.qtbot import QtBot

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.ui.wizard.preview_widget import PreviewWidget
from tests.conftest import EXAMPLES


def test_a_preview_let_go_is_freed_without_the_cycle_collector(qtbot: QtBot) -> None:
    preview = PreviewWidget()
    preview.resize(500, 700)
    preview.show()
    qtbot.waitExposed(preview)
    preview.set_letter(laid_out(model.load(EXAMPLES / "dang_cat_tien_492.json")))
    preview.set_page_by_page(True)
    preview.show_page(1)
    gone = weakref.ref(preview)
    gc.disable()
    try:
        preview.close()
        del preview
        assert gone() is None, "something still holds the preview: a reference cycle through its canvas"
    finally:
        gc.enable()


def test_the_canvas_paints_what_the_preview_hands_it(qtbot: QtBot) -> None:
    preview = PreviewWidget()
    qtbot.addWidget(preview)
    preview.resize(500, 700)
    preview.show()
    qtbot.waitExposed(preview)
    canvas = preview.widget()
    assert canvas.page_rects() == [] and canvas.sizeHint().width() == 1  # nothing laid out yet
    preview.set_letter(laid_out(model.load(EXAMPLES / "dang_cat_tien_492.json")))
    assert len(canvas.page_rects()) == preview.page_count() >= 1
    preview.set_page_by_page(True)
    preview.show_page(preview.page_count() - 1)
    assert [index for index, _rect in canvas.page_rects()] == [preview.page_count() - 1]
    preview.set_zoom(2.0)
    assert canvas.page_rects()[0][1].width() == round(preview.pagination().width * preview.pixels_per_point())
    preview.grab()  # paints without error
