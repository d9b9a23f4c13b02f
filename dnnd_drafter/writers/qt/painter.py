"""Paint one paginated page onto any QPainter: PDF writer, printer, image or widget.

One code path for the preview, the PDF and the printout. The painter's coordinates are points
from the paper's top-left corner; :func:`paint_page` scales them to the device with `scale`
(device units per point). Text is drawn with QTextLine.draw, so on a QPdfWriter it stays real,
selectable text in embedded fonts.
"""

from __future__ import annotations

import os
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.writers.qt.fonts import SCALE
from dnnd_drafter.writers.qt.pagination import ImageItem, PageLayout, Pagination, TextItem, usable
from dnnd_drafter.writers.qt.plain_qt import fill_rect, solid_brush
from dnnd_drafter.writers.qt.text import INK, RULE_WIDTH_PT

PAPER = QColor(255, 255, 255)
PAPER_BRUSH = solid_brush(PAPER)


@lru_cache(maxsize=8)
def _cached_image(path: str, stamp: float) -> QImage:
    """Return the image at `path` as it was at modification time `stamp`."""
    return QImage(path)


def _image(path: str) -> QImage:
    """Return the image at `path` (cached until the file changes; null when unreadable)."""
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return QImage()
    return _cached_image(path, stamp)


def _paint_text(painter: QPainter, item: TextItem) -> None:
    """Draw the placed lines of one paragraph and its rule, if it has one."""
    box = item.box
    offset = item.y - box.lines[item.first].top
    if box.layout is not None:
        painter.save()
        painter.translate(item.x, offset)
        painter.scale(1 / SCALE, 1 / SCALE)
        for line in box.lines[item.first:item.last]:
            if line.qline is not None:
                line.qline.draw(painter, QPointF(0.0, 0.0))
        painter.restore()
    if box.rule is not None and item.last == len(box.lines):
        x1, x2, y = box.rule  # a line with flat ends, drawn as the band it covers
        fill_rect(painter, QRectF(item.x + x1, offset + y - RULE_WIDTH_PT / 2, x2 - x1, RULE_WIDTH_PT), INK)


def _paint_image(painter: QPainter, item: ImageItem) -> None:
    """Draw a signature or seal image in its rectangle, smoothly scaled."""
    image = _image(item.path)
    if image.isNull():
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    painter.drawImage(QRectF(item.x, item.y, item.width, item.height), image)
    painter.restore()


def paint_page(painter: QPainter, pages: Pagination, index: int, scale: float,
               images: bool = True, background: bool = False) -> None:
    """Paint page `index` (0-based) at `scale` device units per point from the painter's origin.

    `images` draws the signature and seal when the letter carries them; `background` fills the
    paper white first (for previews; PDF and paper need no fill).
    """
    pages = usable(pages)
    page: PageLayout = pages.pages[index]
    painter.save()
    painter.scale(scale, scale)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    if background:
        fill_rect(painter, QRectF(0, 0, pages.width, pages.height), PAPER_BRUSH)
    if page.page_number is not None:
        _paint_text(painter, page.page_number)
    for item in page.texts:
        _paint_text(painter, item)
    if images:
        for image in page.images:
            _paint_image(painter, image)
    painter.restore()


def render_page(pages: Pagination, index: int, dpi: float = 96.0, images: bool = True) -> QImage:
    """Return page `index` painted on a white image at `dpi` dots per inch."""
    scale = dpi / 72.0
    image = QImage(max(1, round(pages.width * scale)), max(1, round(pages.height * scale)),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(PAPER)
    painter = QPainter(image)
    try:
        paint_page(painter, pages, index, scale, images)
    finally:
        painter.end()
    return image


def paint_letter(painter: QPainter, letter: LaidOutLetter | Pagination, scale: float,
                 new_page: object = None, images: bool = True) -> Pagination:
    """Paint every page of `letter`, calling `new_page()` between pages; return the pagination."""
    pages = usable(letter)
    for index in range(pages.page_count):
        if index and new_page is not None:
            new_page()  # type: ignore[operator] # a callable when given
        paint_page(painter, pages, index, scale, images)
    return pages

