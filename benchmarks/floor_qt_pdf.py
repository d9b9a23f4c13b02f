"""Draw a letter's lines into a PDF with Qt: the floor of any Qt-drawn PDF of the letter.

Run as a process by ``measure_cli.py``::

    python benchmarks/floor_qt_pdf.py PAGES.txt OUT.pdf

PAGES.txt holds the text of our PDF of the same letter (``pdftotext``: pages separated by a
form feed). The script starts an offscreen QGuiApplication, opens a QPdfWriter (A4), and draws
every line of every page in Times New Roman 13 pt, one page per page: the same lines, without
our layout work (line breaking, justification, tables).
"""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(source: str, target: str) -> int:
    """Draw the pages of `source` into the PDF `target`."""
    from PySide6.QtGui import QFont, QGuiApplication, QPageSize, QPainter, QPdfWriter

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it for fonts
    with open(source, encoding="utf-8") as text:
        pages = [page.splitlines() for page in text.read().split("\f") if page.strip()]
    writer = QPdfWriter(target)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setResolution(1200)
    painter = QPainter(writer)
    font = QFont("Times New Roman")
    font.setPointSizeF(13)
    painter.setFont(font)
    step = painter.fontMetrics().lineSpacing()
    for number, lines in enumerate(pages):
        if number:
            writer.newPage()
        y = step * 3
        for line in lines:
            painter.drawText(step * 4, y, line)
            y += step
    painter.end()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
