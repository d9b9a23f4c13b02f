"""Export a laid-out letter as PDF with QPdfWriter: A4 pages, embedded fonts, real text.

The PDF is drawn into memory and then written atomically, so a failed export never leaves a
half-written file behind.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from dnnd_drafter import __version__
from dnnd_drafter.files import atomic
from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.writers.qt.fonts import ensure_gui_app
from dnnd_drafter.writers.qt.pagination import Pagination, usable
from dnnd_drafter.writers.qt.painter import paint_letter
from dnnd_drafter.writers.docx.images import image_size

PDF_RESOLUTION = 1200  # device units per inch of the PDF writer
CREATOR = f"DNND Drafter {__version__}"
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_CONTROL_CODE = re.compile(rb"<00(?:0[1-9A-F]|1[0-9A-F])>")  # U+0000 stays: .notdef


def fix_to_unicode(data: bytes) -> bytes:
    """Return `data` with control codes in the ToUnicode maps read as spaces; same length.

    Qt maps each glyph back to the lowest code point that uses it, and fonts map the tab to
    the space glyph, so without this a PDF reader copies and searches tabs between words.
    Only the destination side of the maps changes and the byte length stays the same, so the
    cross-reference table stays valid.
    """
    def arrays(match: re.Match[bytes]) -> bytes:
        body = re.sub(rb"\[[^\]]*\]", lambda m: _CONTROL_CODE.sub(b"<0020>", m.group(0)), match.group(1))
        body = re.sub(rb"(<[0-9A-F]+>\s*<[0-9A-F]+>\s*)(<00[01][0-9A-F]>)",
                      lambda m: m.group(1) + _CONTROL_CODE.sub(b"<0020>", m.group(2)), body)
        return b"beginbfrange" + body + b"endbfrange"

    def pairs(match: re.Match[bytes]) -> bytes:
        body = re.sub(rb"(<[0-9A-F]+>\s*)(<00[01][0-9A-F]>)",
                      lambda m: m.group(1) + _CONTROL_CODE.sub(b"<0020>", m.group(2)), match.group(1))
        return b"beginbfchar" + body + b"endbfchar"

    fixed = _BFCHAR.sub(pairs, _BFRANGE.sub(arrays, data))
    assert len(fixed) == len(data)
    return fixed


def page_layout_of(pages: Pagination) -> QPageLayout:
    """Return the portrait page layout of the letter's paper with zero margins."""
    size = QPageSize(QSizeF(pages.width, pages.height), QPageSize.Unit.Point, "",
                     QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def pdf_bytes(letter: LaidOutLetter | Pagination, title: str = "", author: str = "",
              images: bool = True) -> bytes:
    """Return the PDF of `letter` as bytes; `images` draws the signature and seal if it has them."""
    ensure_gui_app()
    pages = usable(letter)
    if images:
        for path in pages.letter.images.values():
            image_size(path, strict=True)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout_of(pages))
    writer.setTitle(title)
    writer.setCreator(CREATOR)
    if author and hasattr(writer, "setAuthor"):
        writer.setAuthor(author)
    painter = QPainter()
    if not painter.begin(writer):
        raise OutputError("Không tạo được tệp PDF (trình vẽ PDF không khởi động được).")
    try:
        paint_letter(painter, pages, PDF_RESOLUTION / 72.0, writer.newPage, images)
    finally:
        painter.end()
    buffer.close()
    return fix_to_unicode(bytes(data.data()))


def export_pdf(letter: LaidOutLetter | Pagination, path: str | Path, title: str = "",
               author: str = "", images: bool = True) -> Path:
    """Write the PDF of `letter` to `path` atomically and return the path."""
    return atomic.write_bytes(path, pdf_bytes(letter, title, author, images))
