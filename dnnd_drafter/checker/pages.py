"""Count pages and read their text through LibreOffice, when it is installed.

The .docx is converted to PDF by ``soffice --headless --convert-to pdf`` with a throw-away user
profile (so a running LibreOffice or a locked profile never interferes) and a time limit, then
each page's text is read with pypdf. Anything that goes wrong raises :class:`PagesUnavailable`
with a Vietnamese reason, and the checker reports that it could not tell.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from dnnd_drafter.base.errors import describe_os_error

TIMEOUT_S = 120


class PagesUnavailable(Exception):
    """Say, in Vietnamese, why the pages could not be counted."""


def soffice() -> str | None:
    """Return the LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def page_texts(data: bytes, timeout: float = TIMEOUT_S) -> list[str]:
    """Return the text of each page of the .docx `data` as LibreOffice lays it out."""
    command = soffice()
    if command is None:
        raise PagesUnavailable("không tìm thấy LibreOffice (soffice) trên máy này")
    try:
        from pypdf import PdfReader
    except ImportError:
        raise PagesUnavailable("thiếu thư viện pypdf để đọc tệp PDF") from None
    with tempfile.TemporaryDirectory(prefix="dnnd-pages-") as tmp:
        folder = Path(tmp)
        source = folder / "letter.docx"
        source.write_bytes(data)
        profile = (folder / "profile").as_uri()
        try:
            subprocess.run([command, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                            "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise PagesUnavailable(f"LibreOffice không chuyển xong sang PDF trong {timeout:g} giây") from None
        except OSError as exc:
            raise PagesUnavailable(f"không chạy được LibreOffice ({describe_os_error(exc)})") from None
        pdf = folder / "letter.pdf"
        if not pdf.is_file():
            raise PagesUnavailable("LibreOffice không tạo được tệp PDF")
        try:
            reader = PdfReader(str(pdf))
            return [page.extract_text() or "" for page in reader.pages]
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds; all mean "cannot tell"
            raise PagesUnavailable(f"không đọc được tệp PDF ({type(exc).__name__})") from None
