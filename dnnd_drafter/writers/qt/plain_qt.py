"""Make the few Qt values the pages need without PySide6's ``Qt`` namespace.

The first use of ``Qt`` (``Qt.AlignmentFlag``, ``Qt.GlobalColor`` …) makes PySide6 create all 93
enums of that namespace as Python enums: 17–22 ms, about a tenth of a ``dnnd-drafter pdf``
process and of the wizard's way to its first preview. So does calling any overloaded method
one of whose overloads takes such an enum (``QPainter.fillRect``, ``QPainter.setPen``,
``QBrush(QColor)``, ``QImage.fill``): PySide6 sets the namespace up to tell the overloads apart.
The PDF writer and the preview therefore draw through the values made here, and
``tests/gui/test_plain_qt.py`` checks that a PDF and a preview leave the namespace unbuilt.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QRectF
from PySide6.QtGui import (QBrush, QColor, QPainter, QPainterPath, QPen, QTextBlockFormat, QTextCursor,
                           QTextDocument, QTextOption)

# Qt::AlignmentFlag's values (qnamespace.h) and QTextFormat::BlockAlignment, as numbers
ALIGNMENTS = {"left": 0x0001, "right": 0x0002, "center": 0x0004, "justify": 0x0008}
BLOCK_ALIGNMENT = 0x1010


def solid_brush(color: QColor) -> QBrush:
    """Return a solid brush of `color` (a pen's brush: ``QBrush(color)`` would name ``Qt.BrushStyle``)."""
    pen = QPen()
    pen.setColor(color)
    return pen.brush()


def fill_rect(painter: QPainter, rect: QRectF, brush: QBrush) -> None:
    """Fill `rect` with `brush`, as ``painter.fillRect`` does."""
    path = QPainterPath()
    path.addRect(rect)
    painter.fillPath(path, brush)


@lru_cache(maxsize=1)
def aligned_options() -> dict[str, QTextOption]:
    """Return a text option for each paragraph alignment of :data:`ALIGNMENTS`.

    A text document whose block format holds the alignment as a number lays it out into the
    option of that block's layout, so each option is taken from there.
    """
    document = QTextDocument()
    cursor = QTextCursor(document)
    for index, value in enumerate(ALIGNMENTS.values()):
        if index:
            cursor.insertBlock()
        block_format = QTextBlockFormat()
        block_format.setProperty(BLOCK_ALIGNMENT, value)
        cursor.setBlockFormat(block_format)
        cursor.insertText("x")
    document.size()  # lays the blocks out
    options, block = {}, document.firstBlock()
    for name in ALIGNMENTS:
        options[name] = block.layout().textOption()
        block = block.next()
    return options


def aligned_option(align: str) -> QTextOption:
    """Return a new text option aligned as `align` says ("left" when unknown)."""
    options = aligned_options()
    return (options.get(align) or options["left"]).__copy__()
