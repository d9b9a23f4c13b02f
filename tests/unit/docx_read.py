"""Read back the .docx files we write, as a văn thư's eye would: text, sizes, emphasis."""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.writers.docx.writer import to_bytes


def render(draft: model.Draft) -> docx.document.Document:
    """Return the reopened .docx of `draft`."""
    return docx.Document(io.BytesIO(to_bytes(laid_out(draft))))


@dataclass
class Line:
    """Hold what a reader sees of a paragraph: text and the format of its visible runs."""

    paragraph: Paragraph
    text: str
    sizes: set[float]
    bold: set[bool]
    italic: set[bool]
    underline: set[bool]


def line(paragraph: Paragraph) -> Line:
    """Return the visible format of `paragraph` (runs with text only)."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    # an explicit line break chosen by the layout (w:br) reads as the space it stands for
    return Line(paragraph, paragraph.text.replace("\n", " "),
                {r.font.size.pt for r in runs if r.font.size is not None},
                {bool(r.font.bold) for r in runs}, {bool(r.font.italic) for r in runs},
                {bool(r.font.underline) for r in runs})


def cell_lines(table: Table, row: int, column: int) -> list[Line]:
    """Return the non-empty lines of one cell."""
    return [line(p) for p in table.cell(row, column).paragraphs if p.text.strip()]


def find(lines: list[Line], start: str) -> Line:
    """Return the first line whose text starts with `start`."""
    return next(ln for ln in lines if ln.text.startswith(start))


def rule_lengths_mm(table: Table, row: int, column: int) -> list[float]:
    """Return the lengths of the drawn lines (bottom-bordered empty paragraphs) in a cell."""
    cell = table.cell(row, column)
    width = cell.width.mm
    out = []
    for p in cell.paragraphs:
        if p._p.find(qn("w:pPr")) is not None and p._p.pPr.find(qn("w:pBdr")) is not None:
            fmt = p.paragraph_format
            left = fmt.left_indent.mm if fmt.left_indent else 0.0
            right = fmt.right_indent.mm if fmt.right_indent else 0.0
            out.append(round(width - left - right, 1))
    return out


def body_paragraphs(document: docx.document.Document) -> list[Paragraph]:
    """Return the body paragraphs outside tables that are justified (the letter's body)."""
    return [p for p in document.paragraphs if p.text.strip() and p.alignment == 3]
