"""Find LibreOffice and let it convert our .docx to PDF, for users who prefer its PDF.

Qt-free. Each conversion runs ``soffice --headless --convert-to pdf`` with a private, throwaway
user profile (so it works while the user has LibreOffice open, and never touches their
settings), under a time limit. Every failure is an :class:`~dnnd_drafter.base.errors.OutputError`
in Vietnamese. ``DNND_DRAFTER_SOFFICE`` may name the program explicitly.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from dnnd_drafter.files import atomic
from dnnd_drafter.base.errors import OutputError, describe_os_error
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.writers.docx.writer import to_bytes

ENV_OVERRIDE = "DNND_DRAFTER_SOFFICE"
TIMEOUT_S = 120.0
ABSENT = ("Không tìm thấy LibreOffice trên máy này. Hãy cài LibreOffice (libreoffice.org) rồi thử "
          "lại, hoặc chọn bộ tạo PDF có sẵn của chương trình trong phần Cài đặt.")


def _windows_candidates() -> list[Path]:
    """Return where LibreOffice usually lives on Windows, the registry's answer first."""
    found: list[Path] = []
    if sys.platform == "win32":  # the registry exists only there
        import winreg

        for root in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
            for key in (r"SOFTWARE\LibreOffice\UNO\InstallPath", r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath"):
                try:
                    with winreg.OpenKey(root, key) as handle:
                        found.append(Path(winreg.QueryValueEx(handle, "")[0]) / "soffice.exe")
                except OSError:
                    continue
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        base = os.environ.get(variable)
        if base:
            found.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    found += [Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
              Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")]
    return found


def _unix_candidates() -> list[Path]:
    """Return where LibreOffice usually lives on Linux and macOS."""
    found = [Path(p) for p in ("/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice",
                               "/usr/lib/libreoffice/program/soffice", "/snap/bin/libreoffice",
                               "/Applications/LibreOffice.app/Contents/MacOS/soffice")]
    found += [Path(p) for p in sorted(glob.glob("/opt/libreoffice*/program/soffice"), reverse=True)]
    return found


def find_soffice() -> Path | None:
    """Return the LibreOffice program (``soffice``) to run, or None when it is not installed."""
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        return Path(override) if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        on_path = shutil.which(name)
        if on_path:
            return Path(on_path)
    candidates = _windows_candidates() if sys.platform == "win32" else _unix_candidates()
    return next((path for path in candidates if path.is_file()), None)


def available() -> bool:
    """Return whether LibreOffice can be used for PDF on this machine."""
    return find_soffice() is not None


def _kill_tree(process: subprocess.Popen[str]) -> None:
    """End `process` and the LibreOffice processes it started."""
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except OSError:
            process.kill()
    else:
        subprocess.run(["taskkill", "/T", "/F", "/PID", str(process.pid)], capture_output=True,
                       creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0), check=False)
        process.kill()


def _run(command: list[str], timeout: float, soffice: Path) -> tuple[int, str]:
    """Run LibreOffice in its own process group; return its exit code and its messages."""
    extra: dict[str, Any] = ({"start_new_session": True} if os.name == "posix"
                                else {"creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0)})
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, errors="replace", **extra)
    except OSError as exc:
        raise OutputError(f"Không chạy được LibreOffice ({soffice}): {describe_os_error(exc, soffice)}.") from exc
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(process)
        process.communicate()
        raise OutputError(f"LibreOffice không trả lời sau {timeout:.0f} giây nên chưa tạo được PDF. "
                          "Hãy đóng các cửa sổ LibreOffice đang treo rồi thử lại.") from None
    return process.returncode, output or ""


def convert_files(sources: Iterable[Path], out_dir: Path, timeout: float = TIMEOUT_S) -> list[Path]:
    """Convert .docx files to PDF in `out_dir` with one LibreOffice run; return the PDFs."""
    soffice = find_soffice()
    if soffice is None:
        raise OutputError(ABSENT)
    sources = [Path(s) for s in sources]
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dnnd-lo-profile-", ignore_cleanup_errors=True) as profile:
        command = [str(soffice), f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
                   "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
                   "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir),
                   *(str(s) for s in sources)]
        returncode, output = _run(command, timeout, soffice)
    outputs = [out_dir / (s.stem + ".pdf") for s in sources]
    missing = [p for p in outputs if not p.is_file()]
    if returncode != 0 or missing:
        detail = output.strip().splitlines()[-1:] or [""]
        raise OutputError(f"LibreOffice không chuyển được tệp sang PDF (mã {returncode}). {detail[0]}".strip())
    return outputs


def docx_to_pdf_bytes(data: bytes, timeout: float = TIMEOUT_S) -> bytes:
    """Return the PDF that LibreOffice makes of the .docx `data`."""
    with tempfile.TemporaryDirectory(prefix="dnnd-lo-", ignore_cleanup_errors=True) as work:
        source = Path(work) / "letter.docx"
        source.write_bytes(data)
        (pdf,) = convert_files([source], Path(work) / "out", timeout)
        return pdf.read_bytes()


def letter_docx_bytes(letter: LaidOutLetter, title: str = "", author: str = "") -> bytes:
    """Return the .docx of `letter`, signature images included when the letter carries them."""
    return to_bytes(letter, title, author)


def export_pdf(letter: LaidOutLetter, target: str | Path, title: str = "", author: str = "",
               timeout: float = TIMEOUT_S) -> Path:
    """Write the PDF of `letter` made by LibreOffice from our .docx to `target`, atomically."""
    if find_soffice() is None:
        raise OutputError(ABSENT)
    return atomic.write_bytes(target, docx_to_pdf_bytes(letter_docx_bytes(letter, title, author), timeout))
