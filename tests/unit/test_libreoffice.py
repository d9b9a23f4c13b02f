"""Test finding LibreOffice and driving it, with a stand-in soffice where the real one is not needed."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.writers import libreoffice

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in soffice is a shell script")


def fake_soffice(folder: Path, body: str) -> Path:
    """Write an executable stand-in for soffice that runs the shell `body`."""
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program


WRITE_PDFS = (
    'out=""; prev=""\n'
    'for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done\n'
    'echo "$@" > "$out/args.txt"\n'
    'for a in "$@"; do case "$a" in *.docx) n=$(basename "$a" .docx); printf "%%PDF-1.4 fake" > "$out/$n.pdf";; esac; done'
)


def test_the_override_names_the_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv(libreoffice.ENV_OVERRIDE, str(program))
    assert libreoffice.find_soffice() == program and libreoffice.available()
    monkeypatch.setenv(libreoffice.ENV_OVERRIDE, str(tmp_path / "nothing"))
    assert libreoffice.find_soffice() is None and not libreoffice.available()


def test_absent_libreoffice_is_said_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(libreoffice.ENV_OVERRIDE, str(tmp_path / "nothing"))
    with pytest.raises(OutputError, match="Không tìm thấy LibreOffice") as caught:
        libreoffice.docx_to_pdf_bytes(b"PK")
    assert caught.value.exit_code == 2


def test_windows_places_are_searched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "PF"))
    candidates = libreoffice._windows_candidates()
    assert tmp_path / "PF" / "LibreOffice" / "program" / "soffice.exe" in candidates
    assert Path(r"C:\Program Files\LibreOffice\program\soffice.exe") in candidates


def test_linux_places_are_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libreoffice.glob, "glob", lambda pattern: ["/opt/libreoffice7.6/program/soffice"])
    candidates = libreoffice._unix_candidates()
    assert Path("/usr/bin/soffice") in candidates
    assert Path("/opt/libreoffice7.6/program/soffice") in candidates


def test_the_path_is_searched_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = fake_soffice(tmp_path, "exit 0")
    monkeypatch.delenv(libreoffice.ENV_OVERRIDE, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path) + os.pathsep + os.environ.get("PATH", ""))
    assert libreoffice.find_soffice() == program


@POSIX_ONLY
def test_conversion_uses_a_private_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(libreoffice.ENV_OVERRIDE, str(fake_soffice(tmp_path, WRITE_PDFS)))
    sources = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for source in sources:
        source.write_bytes(b"PK")
    outputs = libreoffice.convert_files(sources, tmp_path / "out")
    assert [p.name for p in outputs] == ["a.pdf", "b.pdf"]
    args = (tmp_path / "out" / "args.txt").read_text(encoding="utf-8")
    assert "-env:UserInstallation=file:///" in args and "--headless" in args
    assert "--convert-to pdf" in args


@POSIX_ONLY
def test_a_failing_conversion_is_an_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(libreoffice.ENV_OVERRIDE, str(fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 1")))
    with pytest.raises(OutputError, match="không chuyển được.*could not be loaded"):
        libreoffice.docx_to_pdf_bytes(b"PK")


@POSIX_ONLY
def test_a_hanging_libreoffice_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(libreoffice.ENV_OVERRIDE, str(fake_soffice(tmp_path, "exec sleep 30")))
    with pytest.raises(OutputError, match="không trả lời sau 1 giây"):
        libreoffice.docx_to_pdf_bytes(b"PK", timeout=1)


@POSIX_ONLY
def test_export_writes_the_pdf_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.model import letter as model
    from dnnd_drafter.render import laid_out

    monkeypatch.setenv(libreoffice.ENV_OVERRIDE, str(fake_soffice(tmp_path, WRITE_PDFS)))
    letter = laid_out(model.load(Path(__file__).resolve().parents[2] / "examples" / "dang_cat_tien_492.json"))
    target = libreoffice.export_pdf(letter, tmp_path / "letter.pdf")
    assert target.read_bytes() == b"%PDF-1.4 fake"


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_real_libreoffice_converts_our_docx(tmp_path: Path) -> None:
    from dnnd_drafter.model import letter as model
    from dnnd_drafter.render import laid_out

    letter = laid_out(model.load(Path(__file__).resolve().parents[2] / "examples" / "dang_cat_tien_492.json"))
    target = libreoffice.export_pdf(letter, tmp_path / "lo.pdf", title="Thử")
    assert target.read_bytes().startswith(b"%PDF")
