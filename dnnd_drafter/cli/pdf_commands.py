"""Register ``pdf``: draw a draft as PDF with our page painter, or have LibreOffice convert it.

Qt is imported only inside the handler, so the rest of the command line starts without it; on
a Linux machine with no display the painter runs on Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import os
import sys

from dnnd_drafter.model import letter as model
from dnnd_drafter.cli.letter_commands import add_draft_command, output_path
from dnnd_drafter.render import pdf_title, printable

ENGINES = ("qt", "libreoffice")


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``pdf`` to the command line."""
    pdf = add_draft_command(subparsers, "pdf", "PDF", ".pdf", run_pdf)
    pdf.add_argument("--engine", choices=ENGINES, default="qt",
                     help="qt: bộ vẽ trang của chương trình (mặc định); "
                          "libreoffice: để LibreOffice chuyển tệp .docx sang PDF")


def prepare_headless_qt() -> None:
    """Use Qt's offscreen platform on Linux when there is no display to draw on."""
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run_pdf(args: argparse.Namespace) -> int:
    """Write the PDF of the draft named in `args` and print where it went."""
    draft = model.load(args.draft)
    target = output_path(args.draft, args.output, ".pdf")
    letter = printable(draft)
    if args.engine == "libreoffice":
        from dnnd_drafter.writers.libreoffice import export_pdf as export_through_libreoffice  # its own writer

        export_through_libreoffice(letter, target, pdf_title(draft), draft.issuer.name)
    else:
        prepare_headless_qt()
        from dnnd_drafter.writers.qt.fonts import ensure_gui_app, face_used  # Qt: only for its own engine
        from dnnd_drafter.writers.qt.pdf import export_pdf

        ensure_gui_app()
        export_pdf(letter, target, pdf_title(draft), draft.issuer.name)
        face = face_used(letter.font)
        if face != letter.font:
            print(f"Phông chữ: máy không có {letter.font}, đã dùng {face} (cùng độ rộng chữ nên ngắt dòng như nhau).")
    print(f"Đã tạo: {target}")
    return 0
