"""Every example and its stress drafts, read back from the printed PDFs (issue 15, Tests).

Stress drafts (tests/unit/test_stress_letters.py): a three-line issuer name, a long signer name,
twelve recipients, a six-page body, a 300-character trích yếu (công văn) or no Kính gửi (the
kinds that may have none). Read line by line from the app's own PDF (ui/pdf_export) they show
no header element or trích yếu broken further than the layout's balanced lines (so no word
alone on a line), no heading as the last line of a page, and they pass the checker. Where
LibreOffice is installed, its PDF of our .docx breaks the same header lines on the same pages,
keeps the same headings with their text and has the same pages.
"""

from __future__ import annotations

import json
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dnnd_drafter.model import letter as model
from dnnd_drafter.checker import check_draft
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import LaidOutLetter, Para
from dnnd_drafter.writers.qt.pdf import export_pdf
from dnnd_drafter.writers import libreoffice
from tests.conftest import EXAMPLES
from tests.gui.test_pdf_libreoffice import Line, read_lines, squeeze
from tests.unit.test_stress_letters import variants

HEADER_ROLES = ("parent", "issuer", "subject", "doc_title", "doc_subject", "signer")


@lru_cache(maxsize=1)
def drafts() -> dict[str, model.Draft]:
    """Return every example and its stress drafts, by name."""
    out = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[path.stem] = model.from_dict(data)
        out |= {f"{path.stem}-{name}": model.from_dict(variant) for name, variant in variants(data).items()}
    return out


def is_heading(para: Para) -> bool:
    """Return whether `para` is a body heading: a body paragraph all in bold."""
    return para.role == "body" and bool(para.text.strip()) and all(r.bold for r in para.runs if r.text.strip())


def header_lines(letter: LaidOutLetter) -> list[tuple[str, list[str]]]:
    """Return (role, the layout's lines) of each header name, trích yếu and signer name."""
    return [(p.role, p.text.split("\n")) for p in letter.paragraphs() if p.role in HEADER_ROLES and p.text.strip()]


def header_problems(letter: LaidOutLetter, lines: list[Line]) -> list[str]:
    """Return the header lines a PDF breaks otherwise than the layout, and any word left alone."""
    problems = []
    for role, wanted in header_lines(letter):
        if len(wanted) > 1:
            problems += [f"{role}: “{w}” một chữ" for w in wanted if len(w.split()) == 1]
        for text in wanted:  # printed whole on one line of the PDF (beside the other column's text)
            if not any(squeeze(text) in line.text for line in lines):
                problems.append(f"{role}: “{text}” bị ngắt thêm")
    return problems


def stranded_headings(letter: LaidOutLetter, lines: list[Line]) -> list[str]:
    """Return the headings that end a page of the PDF (the next printed line is on another page)."""
    out = []
    for heading in (p for p in letter.paragraphs() if is_heading(p)):
        wanted, start = squeeze(heading.text), None
        for index, line in enumerate(lines):
            if line.text and wanted.startswith(line.text):
                joined, end = line.text, index
                while joined != wanted and end + 1 < len(lines) and wanted.startswith(joined + lines[end + 1].text):
                    end += 1
                    joined += lines[end].text
                if joined == wanted:
                    start = end
                    break
        assert start is not None, f"không thấy đề mục “{heading.text}” trong PDF"
        if start + 1 >= len(lines) or lines[start + 1].page != lines[start].page:
            out.append(heading.text)
    return out


@pytest.fixture(scope="module")
def printed(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[LaidOutLetter, Path]]:
    """Return each letter laid out and printed by the app (ui/pdf_export)."""
    folder = tmp_path_factory.mktemp("stress-pdfs")
    out = {}
    for name, draft in drafts().items():
        letter = laid_out(draft)
        out[name] = (letter, export_pdf(letter, folder / f"{name}.pdf"))
    return out


def test_the_stress_set_has_what_the_issue_names() -> None:
    names = drafts()
    assert len([n for n in names if "-" not in n]) == len(list(EXAMPLES.glob("*.json")))
    three = [n for n in names if n.endswith("three-line-name")
             and len(laid_out(names[n]).find("issuer")[0].text.split("\n")) >= 3]
    assert three
    assert all(len(names[n].recipients) == 12 for n in names if n.endswith("twelve-recipients"))
    assert any(len(names[n].subject) >= 300 for n in names if n.endswith("long-subject"))
    assert all(not names[n].recipients and names[n].kind != "cong_van" for n in names if n.endswith("no-kinh-gui"))


def test_the_apps_pdf_shows_no_lone_word_in_the_header_and_no_stranded_heading(printed) -> None:  # type: ignore[no-untyped-def]
    six_pages = 0
    for name, (letter, pdf) in printed.items():
        lines = read_lines(pdf)[0]
        assert not header_problems(letter, lines), (name, header_problems(letter, lines))
        assert not stranded_headings(letter, lines), (name, stranded_headings(letter, lines))
        six_pages += name.endswith("six-pages") and lines[-1].page >= 5
    assert six_pages  # a body of six pages (and more) is in the set


def test_every_letter_of_the_set_passes_the_checker() -> None:
    for name, draft in drafts().items():
        report = check_draft(draft)
        assert report.findings == [], (name, [(f.code, f.found) for f in report.findings])


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_the_same_lines_as_the_app(printed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sources = []
    for name, (letter, _pdf) in printed.items():
        source = tmp_path / f"{name}.docx"
        source.write_bytes(libreoffice.letter_docx_bytes(letter))
        sources.append(source)
    theirs = libreoffice.convert_files(sources, tmp_path / "lo", timeout=600)
    for (name, (letter, ours)), pdf in zip(printed.items(), theirs):
        mine, lo = read_lines(ours)[0], read_lines(pdf)[0]
        assert mine[-1].page == lo[-1].page, f"{name}: {mine[-1].page + 1} trang / {lo[-1].page + 1} trang"
        assert not header_problems(letter, lo), (name, header_problems(letter, lo))
        assert not stranded_headings(letter, lo), (name, stranded_headings(letter, lo))
        for role, wanted in header_lines(letter):  # each header line on the same page in both
            for text in wanted:
                page = {line.page for line in mine if squeeze(text) in line.text}
                assert page == {line.page for line in lo if squeeze(text) in line.text}, (name, role, text)
        theirs = {(line.page, line.text) for line in lo}  # (twelve recipients repeat their first words)
        same = {(line.page, line.text) for line in mine} & theirs
        assert len(same) >= 0.95 * len(theirs), (name, sorted(theirs - same)[:5])
