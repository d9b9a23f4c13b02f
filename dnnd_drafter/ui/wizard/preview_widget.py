"""Show the letter's pages as they will print: zoom, fit to width, continuous or page by page.

:class:`PreviewWidget` paints with the same page painter as the PDF and the printer. Call
:meth:`PreviewWidget.set_letter` after each edit (debounced: pagination takes a few
milliseconds), or paginate elsewhere and hand the result to :meth:`PreviewWidget.set_pagination`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Signal
from PySide6.QtGui import QColor, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QScrollArea, QWidget

from dnnd_drafter.ui import deferred


if TYPE_CHECKING:
    from dnnd_drafter.layout.blocks import LaidOutLetter
    from dnnd_drafter.writers.qt.pagination import Pagination

GAP_PX = 16
DESK = QColor(128, 128, 128)
SHADOW = QColor(60, 60, 60)
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 0.25, 4.0, 1.25


class _Canvas(QWidget):
    """Paint the pages the preview hands it (:meth:`show_pages`), stacked or one at a time.

    It holds no reference back to its preview: that made a reference cycle which only Python's
    cycle collector freed, clearing the canvas's attributes while Qt could still paint it. It
    says when it has painted pages through ``drawn`` (connected to the preview's ``painted``).
    """

    drawn = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.pages: Pagination | None = None
        self.scale = 1.0  # screen pixels per point
        self.single: int | None = None  # the one page shown page by page; None: every page
        self.images = True

    def show_pages(self, pages: Pagination | None, scale: float, single: int | None, images: bool) -> None:
        """Show `pages` at `scale` px per point: only page `single` when given, else all of them."""
        self.pages, self.scale, self.single, self.images = pages, scale, single, images

    def page_rects(self) -> list[tuple[int, QRect]]:
        """Return (page index, rectangle in px) of every page shown."""
        pages, scale = self.pages, self.scale
        if pages is None:
            return []
        size = QSize(round(pages.width * scale), round(pages.height * scale))
        x = max((self.width() - size.width()) // 2, GAP_PX)
        shown = [self.single] if self.single is not None else range(pages.page_count)
        return [(index, QRect(QPoint(x, GAP_PX + row * (size.height() + GAP_PX)), size))
                for row, index in enumerate(shown)]

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        """Return the size that holds every page shown with gaps around them."""
        rects = self.page_rects()
        if not rects:
            return QSize(1, 1)
        last = rects[-1][1]
        return QSize(last.width() + 2 * GAP_PX, last.bottom() + GAP_PX)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """Paint the desk and every page that intersects the exposed area."""
        pages, scale = self.pages, self.scale
        if pages is None:
            return  # nothing laid out yet (the first frame): the plain background will do
        from PySide6.QtGui import QPainter  # set up with the first letter, not before the first frame

        painter = QPainter(self)
        deferred.fill_rect(painter, event.rect(), DESK)
        for index, rect in self.page_rects():
            if not rect.intersects(event.rect()):
                continue
            deferred.fill_rect(painter, rect.translated(3, 3), SHADOW)
            deferred.fill_paper(painter, rect)
            painter.save()
            painter.translate(rect.topLeft())
            painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
            deferred.paint_page(painter, pages, index, scale, self.images)
            painter.restore()
        painter.end()
        self.drawn.emit()


class PreviewWidget(QScrollArea):
    """Preview a laid-out letter page by page or as a continuous strip, with zoom."""

    zoomChanged = Signal(float)  # noqa: N815 - Qt signal naming
    pageChanged = Signal(int)  # noqa: N815 - Qt naming
    paginated = Signal(int)  # page count after each new letter
    painted = Signal()  # pages were painted on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages: Pagination | None = None
        self._zoom, self._fit, self._single, self._current, self._images = 1.0, True, False, 0, True
        self._canvas = _Canvas()
        self._canvas.drawn.connect(self.painted)
        self.setWidget(self._canvas)
        self.setWidgetResizable(False)
        self.setBackgroundRole(self._canvas.backgroundRole())

    def set_letter(self, letter: LaidOutLetter | None) -> Pagination | None:
        """Paginate `letter` and show it (None clears the preview); return the pagination."""
        self.set_pagination(deferred.paginate(letter) if letter is not None else None)
        return self._pages

    def set_pagination(self, pages: Pagination | None) -> None:
        """Show an already paginated letter, keeping the zoom and (when it exists) the page."""
        self._pages = deferred.usable_pages(pages) if pages is not None else None
        count = pages.page_count if pages else 0
        self._current = min(self._current, max(count - 1, 0))
        self._relayout()
        self.paginated.emit(count)

    def pagination(self) -> Pagination | None:
        """Return what is shown, or None."""
        return self._pages

    def page_count(self) -> int:
        """Return the number of pages shown (0 without a letter)."""
        return self._pages.page_count if self._pages else 0

    def face(self) -> str:
        """Return the type face actually used for the preview ('' without a letter)."""
        return self._pages.face if self._pages else ""

    def zoom(self) -> float:
        """Return the zoom factor (1.0 = actual size on this screen)."""
        return self._zoom

    def set_zoom(self, factor: float) -> None:
        """Zoom to `factor` (clamped to 25 %–400 %) and stop fitting to width."""
        self._fit = False
        self._apply_zoom(factor)

    def zoom_in(self) -> None:
        """Zoom in one step."""
        self.set_zoom(self._zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        """Zoom out one step."""
        self.set_zoom(self._zoom / ZOOM_STEP)

    def fit_width(self) -> None:
        """Zoom so that a page fills the width of the view, and keep doing so on resize."""
        self._fit = True
        self._relayout()

    def is_fit_width(self) -> bool:
        """Return whether the zoom follows the view's width."""
        return self._fit

    def page_by_page(self) -> bool:
        """Return whether one page is shown at a time."""
        return self._single

    def set_page_by_page(self, single: bool) -> None:
        """Show one page at a time (True) or all pages one under another (False)."""
        self._single = single
        self._relayout()

    def current_page(self) -> int:
        """Return the index (0-based) of the page shown in page-by-page mode."""
        return self._current

    def show_page(self, index: int) -> None:
        """Show page `index` (0-based): switch to it, or scroll to it in continuous mode."""
        if not self._pages:
            return
        self._current = max(0, min(index, self._pages.page_count - 1))
        self._relayout()
        if not self._single:
            rects = dict(self._canvas.page_rects())
            self.verticalScrollBar().setValue(rects[self._current].top() - GAP_PX)
        self.pageChanged.emit(self._current)

    def next_page(self) -> None:
        """Show the next page."""
        self.show_page(self._current + 1)

    def previous_page(self) -> None:
        """Show the previous page."""
        self.show_page(self._current - 1)

    def show_images(self) -> bool:
        """Return whether signature and seal images are drawn (when the letter has them)."""
        return self._images

    def pixels_per_point(self) -> float:
        """Return screen pixels per point at the current zoom."""
        return self._zoom * self.logicalDpiX() / 72.0

    def fit_width_px(self) -> int:
        """Return the width a fitted page (with its gaps) gets: the view's width less a scroll bar.

        The scroll bar's width is always set aside, shown or not, so the fit depends on the
        preview's own width only. Fitting to the viewport instead made a loop at some sizes
        (1366×749 maximised): the bar appeared, the page shrank, the bar went, the page grew…
        """
        bar = self.verticalScrollBar().sizeHint().width()  # the style's bar extent, without QStyle's ~400 enums
        return self.contentsRect().width() - bar

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Refit the zoom to the new width when fitting to width; keep the pages centred.

        Qt also calls this when only the viewport changed (a scroll bar came or went); the fit
        ignores that, so it settles in one pass.
        """
        super().resizeEvent(event)
        self._relayout()

    def _apply_zoom(self, factor: float) -> None:
        """Set the zoom and resize the canvas; announce a change."""
        factor = max(ZOOM_MIN, min(ZOOM_MAX, factor))
        changed = abs(factor - self._zoom) > 1e-6
        self._zoom = factor
        self._canvas.show_pages(self._pages, self.pixels_per_point(), self._current if self._single else None,
                                self._images)
        hint = self._canvas.sizeHint()  # at least as wide as a fitted page: the canvas centres the pages in it
        self._canvas.resize(max(hint.width(), self.fit_width_px()), hint.height())
        self._canvas.update()
        if changed:
            self.zoomChanged.emit(factor)

    def _relayout(self) -> None:
        """Recompute the zoom (when fitting) and the canvas size."""
        if self._fit and self._pages is not None:
            available = self.fit_width_px() - 2 * GAP_PX
            self._apply_zoom(available / (self._pages.width * self.logicalDpiX() / 72.0))
        else:
            self._apply_zoom(self._zoom)
