"""Test printing against a PDF printer target, the dialogs' wiring and the suggested copies."""

from __future__ import annotations

import json
from pathlib import Path

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.writers.qt import printing
from tests.conftest import EXAMPLES

CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"


def letter_with(**changes: object) -> LaidOutLetter:
    """Return the Cát Tiên letter with top-level draft `changes`."""
    data = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    data.update(changes)
    return laid_out(model.from_dict(data))


def pdf_printer(path: Path) -> QPrinter:
    """Return a printer that prints into the PDF file `path`."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_printing_draws_every_page_at_full_size(qapp: QApplication, tmp_path: Path) -> None:
    target = tmp_path / "printed.pdf"
    pages = printing.print_to(pdf_printer(target), letter_with())
    reader = pypdf.PdfReader(target)
    assert len(reader.pages) == pages.page_count == 3
    page = reader.pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx((595.28, 841.89), abs=1)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page.extract_text()  # spaces, not tabs
    assert "- Lưu VPHU." in reader.pages[2].extract_text()


def test_copies_follow_the_noi_nhan_list() -> None:
    # Thường trực Huyện ủy (1) + Như kính gửi (4 recipients) + Lưu VPHU (1)
    assert printing.suggested_copies(letter_with()) == 6
    state = letter_with(family="nha_nuoc", cc=["Như trên", "Chủ tịch UBND tỉnh", "Lưu: VT, TCCB"],
                        signature={"authority": "TM.", "body": "ỦY BAN NHÂN DÂN", "name": "A"})
    assert printing.suggested_copies(state) == 4 + 1 + 2
    no_archive = letter_with(cc=["Thường trực Huyện ủy"], recipients=["Ủy ban nhân dân huyện"])
    assert printing.suggested_copies(no_archive) == 1 + 1  # plus the archive copy
    assert printing.suggested_copies(letter_with(cc=[])) == 1


def test_the_printer_is_set_for_the_letter(qapp: QApplication) -> None:
    printer = printing.new_printer(letter_with())
    assert printer.copyCount() == 6
    assert printer.fullPage()
    size = printer.pageLayout().fullRectPoints()
    assert (size.width(), size.height()) == (595, 842)


def test_the_print_dialog_prints_when_accepted(qapp: QApplication, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "dialog.pdf"
    made = printing.new_printer
    monkeypatch.setattr(printing, "new_printer", lambda pages: _to_pdf(made(pages), target))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert printing.print_letter(letter_with()) is False
    assert not target.exists()
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    assert printing.print_letter(letter_with()) is True
    assert len(pypdf.PdfReader(target).pages) == 3


def test_the_print_preview_paints_the_pages(qapp: QApplication, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "preview.pdf"

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        dialog.paintRequested.emit(pdf_printer(target))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    assert printing.preview_print(letter_with()) is False
    assert len(pypdf.PdfReader(target).pages) == 3


def _to_pdf(printer: QPrinter, target: Path) -> QPrinter:
    """Return `printer` redirected into the PDF file `target`."""
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer
