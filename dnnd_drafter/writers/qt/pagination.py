"""Paginate a laid-out letter: place every line, rule and image on A4 pages, in points.

This is pure geometry; :mod:`dnnd_drafter.writers.qt.painter` draws the result on any QPainter. The
flow follows LibreOffice on the .docx we write: paragraph spacing adds up (after + before),
a grid row never splits, paragraphs split line by line with 2-line widow and orphan control,
and a paragraph marked keep-with-next moves to the next page with the grid that follows it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from dnnd_drafter.layout.blocks import Grid, LaidOutLetter, Para, TextRun
from dnnd_drafter.writers.qt.fonts import face_used, vmetrics
from dnnd_drafter.writers.qt.text import ParaBox, lay_out_para, mm
from dnnd_drafter.writers.docx.images import signature_geometry

WIDOW = ORPHAN = 2
EPSILON = 0.01  # pt; LibreOffice rounds to twips (0.05 pt)


@dataclass
class TextItem:
    """Place lines `first`..`last` of a paragraph with their column's left edge at `x`.

    `y` is where the top of line `first` lands on the page, in pt.
    """

    box: ParaBox
    first: int
    last: int
    x: float
    y: float

    @property
    def bottom(self) -> float:
        """Return the page y of the bottom of the last placed line (border included)."""
        return self.y + self.box.span(self.first, self.last)


@dataclass
class ImageItem:
    """Place an image file (signature or seal) in a rectangle in pt."""

    key: str
    path: str
    x: float
    y: float
    width: float
    height: float


@dataclass
class PageLayout:
    """Hold what one page shows: its number (1-based), placed text and images."""

    number: int
    texts: list[TextItem] = field(default_factory=list)
    images: list[ImageItem] = field(default_factory=list)
    page_number: TextItem | None = None


@dataclass
class Pagination:
    """Hold a letter cut into pages, with the face used and the paper size in pt."""

    letter: LaidOutLetter
    face: str
    width: float
    height: float
    pages: list[PageLayout]
    thread: int = field(default_factory=threading.get_ident)

    @property
    def page_count(self) -> int:
        """Return the number of pages."""
        return len(self.pages)


def usable(letter: LaidOutLetter | Pagination) -> Pagination:
    """Return a pagination of `letter` that this thread may paint.

    Qt's text layouts hold font engines of the thread that made them; a pagination made on
    another thread is redone here (it takes milliseconds) instead of crashing when painted.
    """
    if isinstance(letter, Pagination):
        if letter.thread == threading.get_ident():
            return letter
        return paginate(letter.letter, letter.face)
    return paginate(letter)


class _Flow:
    """Pour blocks down the pages, remembering where the body's keep-with-next paragraph went."""

    def __init__(self, letter: LaidOutLetter, face: str) -> None:
        page = letter.page
        self.letter, self.face = letter, face
        self.left, self.top = mm(page.left_mm), mm(page.top_mm)
        self.limit = mm(page.height_mm - page.bottom_mm)
        self.width = mm(page.width_mm - page.left_mm - page.right_mm)
        self.pages = [PageLayout(1)]
        self.y = self.top
        self.pending_after = 0.0
        self.kept: list[TextItem] = []  # items of a keep-with-next paragraph on the current page

    def new_page(self) -> None:
        """Start a new page at its top margin."""
        self.pages.append(PageLayout(len(self.pages) + 1))
        self.y, self.pending_after = self.top, 0.0

    def at_top(self) -> bool:
        """Return whether nothing has been placed on the current page yet."""
        return self.y <= self.top + EPSILON

    def paragraph(self, para: Para) -> None:
        """Place a body paragraph, splitting it across pages with widow/orphan control."""
        box = lay_out_para(para, self.width, self.face)
        self.y += self.pending_after + box.space_before
        if para.keep_next and not self.at_top() and self.y + box.height > self.limit + EPSILON:
            if self._carry_kept():  # LibreOffice never splits a keep-with-next paragraph it can move
                self.y += self.pending_after + box.space_before
        first, count, items = 0, len(box.lines), []
        while first < count:
            fit = self._fitting_lines(box, first)
            if fit == first and not self.at_top():
                if first == 0 and self._carry_kept():  # the headings before it come along
                    self.y += self.pending_after + box.space_before
                continue
            fit = max(fit, first + 1)
            item = TextItem(box, first, fit, self.left, self.y)
            self.pages[-1].texts.append(item)
            items.append((len(self.pages) - 1, item))
            self.y = item.bottom
            first = fit
            if first < count:
                self.new_page()
        self.pending_after = box.space_after
        page = len(self.pages) - 1
        here = [item for index, item in items if index == page]
        chain = [kept for kept in self.kept if any(kept is item for item in self.pages[-1].texts)]
        self.kept = chain + here if para.keep_next else []

    def _carry_kept(self) -> bool:
        """Start a new page, taking along the keep-with-next chain that ends this page.

        Return whether a chain moved (then `y` is below it and `pending_after` is its spacing).
        The chain stays when it already starts the page or began on an earlier one.
        """
        kept, page = self.kept, self.pages[-1]
        whole = bool(kept) and kept[0].first == 0 and kept[0].y > self.top + kept[0].box.space_before + EPSILON
        self.new_page()
        self.kept = []
        if not whole:
            return False
        for item in kept:
            page.texts.remove(item)
            self.y += self.pending_after + item.box.space_before
            moved = TextItem(item.box, item.first, item.last, item.x, self.y)
            self.pages[-1].texts.append(moved)
            self.kept.append(moved)
            self.y, self.pending_after = moved.bottom, item.box.space_after
        return True

    def _fitting_lines(self, box: ParaBox, first: int) -> int:
        """Return the end of the lines from `first` that go on this page, widows and orphans kept."""
        count, fit = len(box.lines), first
        while fit < count and self.y + box.span(first, fit + 1) <= self.limit + EPSILON:
            fit += 1
        if fit == count:
            return fit
        if count - fit < WIDOW:
            fit = count - WIDOW
        if first == 0 and fit < ORPHAN:
            fit = 0
        return max(fit, first)

    def grid(self, grid: Grid) -> None:
        """Place a grid row by row; a row that does not fit starts a new page."""
        self.y += self.pending_after
        self.pending_after = 0.0
        for row_index, row in enumerate(grid.rows):
            cells, x = [], self.left
            for paras, width_mm in zip(row, grid.widths_mm):
                cells.append((x, [lay_out_para(p, mm(width_mm), self.face) for p in paras]))
                x += mm(width_mm)
            height = max((_cell_height(boxes) for _, boxes in cells), default=0.0)
            if self.y + height > self.limit + EPSILON and not self.at_top():
                self._break_before_row(row_index == 0)
            self._place_row(grid, cells)
            self.y += height
        self.kept = []

    def _break_before_row(self, first_row: bool) -> None:
        """Start a new page; take the keep-with-next paragraphs along when they began here."""
        if not first_row:
            self.kept = []
        if self._carry_kept():
            self.y += self.pending_after
            self.pending_after = 0.0

    def _place_row(self, grid: Grid, cells: list[tuple[float, list[ParaBox]]]) -> None:
        """Place the paragraphs of one grid row at the current y."""
        page = self.pages[-1]
        for x, boxes in cells:
            y = self.y
            for box in boxes:
                y += box.space_before
                page.texts.append(TextItem(box, 0, len(box.lines), x, y))
                y += box.height + box.space_after
        if grid.role == "signature" and self.letter.images:
            page.images.extend(_images(self.letter, page.texts[-sum(len(b) for _, b in cells):]))


def _cell_height(boxes: list[ParaBox]) -> float:
    """Return the height of a cell: its paragraphs with all their spacing."""
    return sum(b.space_before + b.height + b.space_after for b in boxes)


def _images(letter: LaidOutLetter, items: list[TextItem]) -> list[ImageItem]:
    """Return the signature and seal images placed in the signing space of the signature grid."""
    space = [i for i in items if i.box.para.role == "signing_space"]
    if not space:
        return []
    top, bottom = space[0].y, space[-1].bottom
    width = space[0].box.width
    geometry = signature_geometry(letter.images, width / mm(1), (bottom - top) / mm(1))
    return [ImageItem(key, letter.images[key], space[0].x + mm(x), top + mm(y), mm(w), mm(h))
            for key, (x, y, w, h) in geometry.items()]


def _page_number(letter: LaidOutLetter, face: str, number: int) -> TextItem:
    """Return the page number centred in the top margin, header_distance from the top."""
    size = letter.page_number_size
    para = Para("page_number", (TextRun(str(number), size),), size, align="center")
    width = mm(letter.page.width_mm - letter.page.left_mm - letter.page.right_mm)
    box = lay_out_para(para, width, face)
    return TextItem(box, 0, 1, mm(letter.page.left_mm), mm(letter.page.header_distance_mm))


def paginate(letter: LaidOutLetter, face: str | None = None) -> Pagination:
    """Return `letter` cut into pages, drawn in `face` (default: :func:`face_used`)."""
    face = face or face_used(letter.font)
    vmetrics(face)
    flow = _Flow(letter, face)
    for block in letter.blocks:
        if isinstance(block, Grid):
            flow.grid(block)
        else:
            flow.paragraph(block)
    for page in flow.pages:
        if page.number >= letter.page_numbers_from:
            page.page_number = _page_number(letter, face, page.number)
    return Pagination(letter, face, mm(letter.page.width_mm), mm(letter.page.height_mm), flow.pages)
