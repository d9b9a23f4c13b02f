"""Do what ``dnnd-drafter render`` and ``dnnd-drafter pdf`` do with nothing on top: the floors.

Run as a process by ``measure_cli.py``, one job per process::

    python benchmarks/floors.py docx LINES.txt OUT.docx
    python benchmarks/floors.py pdf PAGES.txt OUT.pdf

``docx``: python-docx opens its default template, sets Times New Roman 14 pt on Normal, adds one
paragraph per line of LINES.txt (the text of our .docx of the same letter) and saves. No header
table, no layout rules: what no .docx writer of the letter can do with less.

``pdf``: an offscreen QGuiApplication and a QPdfWriter (A4, 1200 dpi) draw every line of
PAGES.txt (``pdftotext -layout`` of our PDF: pages split by form feeds) in Times New Roman 13 pt,
one PDF page per page: the same lines, without our line breaking, justification or tables.

Each job imports only what it needs (python-docx or PySide6), as a minimal script would; the
script is deliberately small and is not a module of the benchmark.
"""

import os
import sys


def write_docx(source: str, target: str) -> int:
    """Write the lines of `source` as plain paragraphs to the .docx `target`."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    with open(source, encoding="utf-8") as lines:
        for line in lines:
            document.add_paragraph(line.rstrip("\n"))
    document.save(target)
    return 0


def draw_pdf(source: str, target: str) -> int:
    """Draw the pages of `source` into the PDF `target` with Qt."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
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
    job, source, target = sys.argv[1:4]
    sys.exit(write_docx(source, target) if job == "docx" else draw_pdf(source, target))
