"""Test the preview widget: pages, zoom, fit to width, page by page."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.ui.wizard.preview_widget import PreviewWidget
from tests.conftest import EXAMPLES

CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"


def shown(qtbot: QtBot) -> PreviewWidget:
    """Return a visible preview of the Cát Tiên letter."""
    preview = PreviewWidget()
    qtbot.addWidget(preview)
    preview.resize(700, 900)
    preview.show()
    qtbot.waitExposed(preview)
    preview.set_letter(laid_out(model.load(CAT_TIEN)))
    return preview


def test_the_preview_fits_the_width_and_shows_every_page(qtbot: QtBot) -> None:
    preview = shown(qtbot)
    assert preview.page_count() == 3
    assert preview.is_fit_width()
    canvas = preview.widget()
    page_width = preview.pagination().width * preview.pixels_per_point()
    # the page fills the width less a scroll bar, whether the bar shows or not (issue 12, point 1)
    assert abs(page_width - (preview.fit_width_px() - 32)) <= 2
    assert page_width <= preview.viewport().width() - 32
    assert canvas.height() > 3 * page_width  # three A4 pages one under another
    assert preview.face() in {"Times New Roman", "Liberation Serif", "Tinos"}


def test_zoom_and_page_by_page(qtbot: QtBot) -> None:
    preview = shown(qtbot)
    with qtbot.waitSignal(preview.zoomChanged):
        preview.set_zoom(1.0)
    assert not preview.is_fit_width()
    preview.zoom_in()
    assert preview.zoom() > 1.0
    preview.set_zoom(100)
    assert preview.zoom() == 4.0
    preview.set_zoom(0.5)
    preview.set_page_by_page(True)
    single = preview.widget().height()
    with qtbot.waitSignal(preview.pageChanged) as signal:
        preview.next_page()
    assert signal.args == [1] and preview.current_page() == 1
    preview.show_page(99)
    assert preview.current_page() == 2
    preview.set_page_by_page(False)
    assert preview.widget().height() > 2.5 * single


def test_the_preview_paints_the_letter(qtbot: QtBot) -> None:
    preview = shown(qtbot)
    image = preview.widget().grab().toImage()
    dark = sum(1 for x in range(0, image.width(), 3) for y in range(0, min(image.height(), 600), 3)
               if image.pixelColor(x, y).lightness() < 60)
    assert dark > 100


def test_a_new_letter_repaginates_and_none_clears(qtbot: QtBot) -> None:
    preview = shown(qtbot)
    preview.set_page_by_page(True)
    preview.show_page(2)
    with qtbot.waitSignal(preview.paginated) as signal:
        preview.set_letter(None)
    assert signal.args == [0] and preview.page_count() == 0 and preview.current_page() == 0
    preview.set_letter(laid_out(model.load(CAT_TIEN)))
    assert preview.page_count() == 3


def test_a_page_narrower_than_the_view_stays_in_its_middle(qtbot: QtBot) -> None:
    preview = shown(qtbot)
    preview.set_zoom(0.3)

    def page_centre_in_view() -> float:
        rect = dict(preview.widget().page_rects())[0]
        return preview.widget().mapTo(preview.viewport(), rect.center()).x()

    middle = preview.fit_width_px() / 2  # the view less a scroll bar's width, shown or not
    assert abs(page_centre_in_view() - middle) <= 2
    assert preview.horizontalScrollBar().maximum() == 0  # the canvas is never wider than the view
    preview.resize(1000, 900)
    qtbot.waitUntil(lambda: abs(page_centre_in_view() - preview.fit_width_px() / 2) <= 2)
    assert preview.horizontalScrollBar().maximum() == 0
