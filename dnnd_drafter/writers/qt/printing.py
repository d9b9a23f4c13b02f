"""Print a letter: print dialog, print preview, and the number of copies to suggest.

Printing uses the same page painter as the preview and the PDF, on a full-page QPrinter, so the
printout keeps the official margins exactly. Signature and seal images are never printed
unless the caller asks for them: a printed letter is signed and stamped by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QLineEdit, QWidget

from dnnd_drafter.files import atomic
from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.files.filenames import safe_file_name
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.writers.qt.pagination import Pagination, usable
from dnnd_drafter.writers.qt.painter import paint_letter
from dnnd_drafter.writers.qt.pdf import fix_to_unicode, page_layout_of

AS_ADDRESSED = re.compile(r"^-?\s*như\s+(trên|kính\s+gửi)\b", re.IGNORECASE)
ARCHIVE = re.compile(r"^-?\s*lưu\b\s*:?\s*(.*)$", re.IGNORECASE)


def suggested_copies(letter: LaidOutLetter) -> int:
    """Return how many copies to print: one per Nơi nhận entry, plus the archive copy.

    ``Như trên`` / ``Như kính gửi`` stands for every Kính gửi recipient; a ``Lưu: VT, TCCB``
    line counts one copy per unit named; without any ``Lưu`` line one archive copy is added.
    """
    recipients = max(len(letter.find("recipients")), 1)
    copies, archived = 0, False
    for para in letter.find("cc_item"):
        text = para.text.strip().rstrip(".,;")
        archive = ARCHIVE.match(text)
        if AS_ADDRESSED.match(text):
            copies += recipients
        elif archive:
            archived = True
            copies += max(len([u for u in re.split(r"[,;]", archive.group(1)) if u.strip()]), 1)
        elif text.strip("- "):
            copies += 1
    return copies + (0 if archived else 1)


def _pages(letter: LaidOutLetter | Pagination) -> Pagination:
    """Return the pagination of `letter` (itself when already paginated)."""
    return usable(letter)


def new_printer(letter: LaidOutLetter | Pagination) -> QPrinter:
    """Return a high-resolution full-page printer set to the letter's paper and copy count."""
    pages = _pages(letter)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout_of(pages))
    printer.setFullPage(True)
    printer.setCopyCount(suggested_copies(pages.letter))
    number = pages.letter.find("number")
    printer.setDocName(safe_file_name(number[0].text, fallback="") if number else "")  # no "/" of a ký hiệu
    return printer


def print_to(printer: QPrinter, letter: LaidOutLetter | Pagination, images: bool = False) -> Pagination:
    """Paint every page of `letter` on `printer` (any output format) and return the pagination."""
    pages = _pages(letter)
    printer.setPageLayout(page_layout_of(pages))
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise OutputError("Không in được: máy in không sẵn sàng hoặc không mở được tệp in. "
                          "Hãy kiểm tra máy in rồi thử lại.")
    try:
        scale = printer.resolution() / 72.0
        paint_letter(painter, pages, scale, printer.newPage, images)
    finally:
        painter.end()
    _fix_printed_pdf(printer)
    return pages


def _fix_printed_pdf(printer: QPrinter) -> None:
    """Make a "print to PDF" file as searchable as our PDF export (spaces read as spaces)."""
    name = printer.outputFileName()
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat or not name:
        return
    try:
        data = Path(name).read_bytes()
    except OSError:
        return
    fixed = fix_to_unicode(data)
    if fixed != data:
        atomic.write_bytes(name, fixed)


def suggest_output_file(dialog: QPrintDialog, path: Path) -> bool:
    """Put `path` in the print dialog's "print to file" box; return whether the dialog has one.

    Qt's own suggestion is the home folder plus the printer's document name, which breaks on
    the "/" of a ký hiệu; setting the printer's output file instead would preselect printing
    to a file over the office printer.
    """
    box = dialog.findChild(QLineEdit, "filename")
    if box is None:
        return False
    box.setText(str(path))
    return True


def print_letter(letter: LaidOutLetter | Pagination, parent: QWidget | None = None,
                 images: bool = False, suggested_file: Path | None = None) -> bool:
    """Show the print dialog (copies and the file for "print to file" suggested) and print;
    return whether it was printed."""
    pages = _pages(letter)
    printer = new_printer(pages)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("In văn bản")
    if suggested_file is not None:
        suggest_output_file(dialog, suggested_file)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    print_to(printer, pages, images)
    return True


def preview_print(letter: LaidOutLetter | Pagination, parent: QWidget | None = None,
                  images: bool = False) -> bool:
    """Show Qt's print preview of `letter`; return whether the user printed from it."""
    pages = _pages(letter)
    printer = new_printer(pages)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Xem trước khi in")
    dialog.paintRequested.connect(lambda target: print_to(target, pages, images))
    return dialog.exec() == QDialog.DialogCode.Accepted


print_with_dialog = print_letter  # the name the main window's actions use
