"""Test that fitting the preview to its width can never start a layout feedback loop.

The fit used to follow the viewport's width, which the vertical scroll bar changes: at some
sizes (1366×749 maximised) the bar appeared, the page shrank, the bar went away, the page grew,
and so on forever (issue 12, point 1). The fit now depends only on the preview's own width.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.ui.wizard.preview_widget import PreviewWidget
from tests.conftest import EXAMPLES

CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"
SETTLE_ROUNDS = 20  # event-loop rounds given to a resize; a stable layout needs one or two
RUNAWAY = 50  # zoom changes after which the loop is broken (as the clerk's "−" did) and reported


def one_page_preview(qtbot: QtBot, width: int, height: int) -> PreviewWidget:
    """Return a visible preview fitting one page of the Cát Tiên letter to its width."""
    preview = PreviewWidget()
    qtbot.addWidget(preview)
    preview.resize(width, height)
    preview.show()
    qtbot.waitExposed(preview)
    preview.set_page_by_page(True)
    preview.set_letter(laid_out(model.load(CAT_TIEN)))
    return preview


def rounds_until_quiet(preview: PreviewWidget) -> int:
    """Process events until a round changes the zoom no more; return the rounds that changed it.

    A runaway loop never leaves one processEvents() call: after RUNAWAY changes the fit is
    switched off (which ends it) and the count says so.
    """
    changes: list[float] = []

    def count(zoom: float) -> None:
        changes.append(zoom)
        if len(changes) == RUNAWAY:
            preview.set_zoom(zoom)

    preview.zoomChanged.connect(count)
    busy = 0
    for _ in range(SETTLE_ROUNDS):
        before = len(changes)
        QApplication.processEvents()
        if len(changes) == before:
            break
        busy += 1
    preview.zoomChanged.disconnect(count)
    return RUNAWAY if len(changes) >= RUNAWAY else busy


def test_the_fitted_zoom_is_the_same_with_or_without_the_scroll_bar(qtbot: QtBot) -> None:
    preview = one_page_preview(qtbot, 520, 1400)
    rounds_until_quiet(preview)
    assert not preview.verticalScrollBar().isVisible()  # the whole page shows: no bar
    roomy = preview.zoom()
    preview.resize(520, 400)
    rounds_until_quiet(preview)
    assert preview.verticalScrollBar().isVisible()
    assert preview.zoom() == roomy


def test_resizes_through_every_height_settle_at_once(qtbot: QtBot) -> None:
    preview = one_page_preview(qtbot, 520, 560)
    for width in (420, 520, 640):
        for height in range(400, 1100, 8):
            preview.resize(width, height)
            assert rounds_until_quiet(preview) <= 1, f"{width}×{height} keeps changing its zoom"
