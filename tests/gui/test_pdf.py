"""Test PDF export with our painter: text, order, fonts, metadata, pages and the pdf command."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import pdfplumber
import pypdf
import pytest
from PySide6.QtWidgets import QApplication

from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.render import laid_out
from dnnd_drafter.writers.qt.pdf import CREATOR, export_pdf, fix_to_unicode, pdf_bytes
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.conftest import EXAMPLES, REPO

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))
CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"
A4_PT = (595.28, 841.89)


def squeeze(text: str) -> str:
    """Return `text` without whitespace, with the non-breaking hyphen read as a hyphen."""
    return re.sub(r"\s+", "", text.replace("\u2011", "-"))


def docx_text(data: bytes) -> str:
    """Return the text of a .docx body in document order, tables cell by cell."""
    document = docx.Document(io.BytesIO(data))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join("-" if node.tag == f"{w}noBreakHyphen" else node.text or ""
                   for node in document.element.body.iter(f"{w}t", f"{w}noBreakHyphen"))


def pdf_body_text(data: bytes, top_margin_pt: float) -> str:
    """Return the PDF's characters in content-stream order, page numbers (top margin) left out."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join(c["text"] for page in pdf.pages for c in page.chars
                       if page.height - c["matrix"][5] > top_margin_pt)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_the_pdf_has_the_docx_text_in_the_same_order(qapp: QApplication, path: Path) -> None:
    letter = laid_out(model.load(path))
    ours = pdf_body_text(pdf_bytes(letter), letter.page.top_mm * 72 / 25.4 - 1)
    assert squeeze(ours) == squeeze(docx_text(to_bytes(letter)))


def test_the_text_is_searchable_with_spaces_and_hyphens(qapp: QApplication) -> None:
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(
        pdf_bytes(laid_out(model.load(CAT_TIEN))))).pages)
    assert "Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư" in text
    assert "\t" not in text and "\u2011" not in text


def test_fonts_are_embedded_and_pages_are_a4(qapp: QApplication) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes(laid_out(model.load(CAT_TIEN)), title="Về việc X")))
    assert len(reader.pages) == 3  # the three-page Cát Tiên letter
    for page in reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_PT, abs=0.5)
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor
            assert "Serif" in str(font["/BaseFont"]) or "Times" in str(font["/BaseFont"])
    assert reader.metadata.title == "Về việc X"
    assert reader.metadata.creator == CREATOR


def test_the_to_unicode_fix_keeps_length_and_only_touches_destinations() -> None:
    sample = (b"<< >>\nstream\n2 beginbfrange\n<0000> <0000> <0000>\n<0001> <0004> [<0041> <0009> <000D> "
              b"<002D>]\nendbfrange\n1 beginbfchar\n<0009> <0009>\nendbfchar\nendstream")
    fixed = fix_to_unicode(sample)
    assert len(fixed) == len(sample)
    assert b"[<0041> <0020> <0020> <002D>]" in fixed
    assert b"<0009> <0020>" in fixed and b"<0000> <0000> <0000>" in fixed


def test_export_is_atomic(qapp: QApplication, tmp_path: Path) -> None:
    letter = laid_out(model.load(CAT_TIEN))
    target = export_pdf(letter, tmp_path / "out.pdf")
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["out.pdf"]
    with pytest.raises(OutputError):
        export_pdf(letter, tmp_path / "missing-folder" / "out.pdf")


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``dnnd-drafter`` in a fresh process."""
    return subprocess.run([sys.executable, "-m", "dnnd_drafter", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, cwd=REPO, env=env)


def test_the_pdf_command_draws_without_a_display(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    target = tmp_path / "cat tien.pdf"
    result = run_cli("pdf", str(CAT_TIEN), "-o", str(target), env=env)
    assert result.returncode == 0, result.stderr
    assert "Đã tạo" in result.stdout
    assert len(pypdf.PdfReader(target).pages) == 3


def test_the_pdf_command_refuses_a_bad_draft(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"family": "dang", "issuer": {"name": ""}, "date": "2022-02-14"}', encoding="utf-8")
    result = run_cli("pdf", str(bad))
    assert result.returncode == 2 and "issuer.name" in result.stderr
    assert not (tmp_path / "bad.pdf").exists()
    wrong = run_cli("pdf", str(CAT_TIEN), "-o", str(tmp_path / "x.docx"))
    assert wrong.returncode == 2 and ".pdf" in wrong.stderr
    assert list(tmp_path.iterdir()) == [bad]


def test_the_pdf_command_loads_without_qt() -> None:
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
        "            raise ImportError('blocked ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from dnnd_drafter.cli import entry as cli\n"
        "import dnnd_drafter.cli.pdf_commands, dnnd_drafter.writers.libreoffice\n"
        "import dnnd_drafter.writers.docx.images\n"
        "args = cli.build_parser().parse_args(['pdf', 'x.json', '--engine', 'libreoffice'])\n"
        "assert args.engine == 'libreoffice' and args.func.__name__ == 'run_pdf'\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=REPO)
    assert result.returncode == 0, result.stderr


def test_the_pdf_command_called_in_a_process_returns_its_status(tmp_path: Path) -> None:
    from dnnd_drafter.cli.entry import main

    target = tmp_path / "x.pdf"
    assert main(["pdf", str(CAT_TIEN), "-o", str(target)]) == 0  # only the program itself ends at once
    assert target.exists()

