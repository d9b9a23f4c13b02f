"""Define the laid-out letter: blocks with explicit type, indents, spacing and grids.

Both writers (python-docx and the Qt page painter) and the tests read these blocks; nothing
here knows about either writer. Lengths are in mm, spacing and sizes in pt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

RULE_BORDER_EIGHTHS = 6  # weight of a drawn line in eighths of a point (0.75 pt), as Word draws a thin rule


@dataclass(frozen=True)
class TextRun:
    """Hold a stretch of text with its complete character format."""

    text: str
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class Para:
    """Hold one paragraph with every paragraph property spelled out.

    `role` names the element (``motto1``, ``issuer``, ``number``, ``body``, ``signer`` …) for
    tests and the checker. A paragraph with `rule_mm` > 0 is a horizontal line of that length,
    centred in its column, drawn as a real line (never underlined spaces). `tab_mm`, when set, is
    a left tab stop; a ``\\t`` in a run jumps to it.
    """

    role: str
    runs: tuple[TextRun, ...]
    size: float
    align: str = "left"
    left_mm: float = 0.0
    right_mm: float = 0.0
    first_mm: float = 0.0
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    line_exact_pt: float = 0.0
    keep_next: bool = False
    rule_mm: float = 0.0
    tab_mm: float | None = None

    @property
    def text(self) -> str:
        """Return the plain text of the paragraph (non-breaking hyphens read as ``-``)."""
        return "".join(run.text for run in self.runs).replace("\u2011", "-")


@dataclass(frozen=True)
class Grid:
    """Hold a borderless table: rows of cells, each cell a sequence of paragraphs."""

    role: str
    widths_mm: tuple[float, ...]
    rows: tuple[tuple[tuple[Para, ...], ...], ...]
    keep_together: bool = False

    def cell(self, row: int, column: int) -> tuple[Para, ...]:
        """Return the paragraphs of one cell."""
        return self.rows[row][column]

    def paragraphs(self) -> list[Para]:
        """Return every paragraph of the grid, row by row, left to right."""
        return [p for row in self.rows for cell in row for p in cell]


Block = Para | Grid


@dataclass(frozen=True)
class PageSetup:
    """Hold the paper size, the margins and the distance of the page number from the top."""

    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    header_distance_mm: float


@dataclass(frozen=True)
class LaidOutLetter:
    """Hold a whole letter ready for a writer: page, blocks and the page-number rule."""

    family: str
    rule_set: str
    font: str
    page: PageSetup
    blocks: tuple[Block, ...]
    page_number_size: float
    page_numbers_from: int = 2
    images: dict[str, str] = field(default_factory=dict)

    def paragraphs(self) -> list[Para]:
        """Return every paragraph in reading order, grids included."""
        out: list[Para] = []
        for block in self.blocks:
            out.extend(block.paragraphs() if isinstance(block, Grid) else [block])
        return out

    def find(self, role: str) -> list[Para]:
        """Return the paragraphs playing `role`."""
        return [p for p in self.paragraphs() if p.role == role]

    def grid(self, role: str) -> Grid:
        """Return the grid playing `role` (``header`` or ``signature``)."""
        return next(b for b in self.blocks if isinstance(b, Grid) and b.role == role)

    def text(self) -> str:
        """Return the letter's text, one paragraph a line (rules omitted)."""
        return "\n".join(p.text for p in self.paragraphs() if not p.rule_mm)
