"""Test that document symbols (``492-CV/HU``, ``12-CT/TW``) are searchable and copyable as typed.

A non-breaking hyphen (U+2011, or Word's ``w:noBreakHyphen``, which LibreOffice turns back
into U+2011) makes a search for ``12-CT/TW`` find nothing and copies a character that e-office
registers do not match. The .docx carries plain hyphens; the Số line still fits its cell, so no
reader wraps it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.model.formats import text_width_mm
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import Grid
from dnnd_drafter.render import write_docx
from tests.conftest import EXAMPLES

EXAMPLE_PATHS = sorted(EXAMPLES.glob("*.json"))
SYMBOL = re.compile(r"\d+[-\u2011][A-ZĐ]+(?:[-\u2011][A-ZĐ]+)*/[A-ZĐ]+(?:[-\u2011][A-ZĐ]+)*")


def draft_of(example: Path) -> model.Draft:
    """Return the draft of one example file."""
    return model.from_dict(json.loads(example.read_text(encoding="utf-8")))


def typed_symbols(draft: model.Draft) -> set[str]:
    """Return the document symbols the clerk typed in the body and the number line, plain hyphens."""
    text = json.dumps(model.to_dict(draft), ensure_ascii=False) + laid_out(draft).find("number")[0].text
    return {s.replace("\u2011", "-") for s in SYMBOL.findall(text)}


@pytest.mark.parametrize("example", EXAMPLE_PATHS, ids=[p.stem for p in EXAMPLE_PATHS])
def test_the_docx_text_has_plain_hyphens_only(example: Path, tmp_path: Path) -> None:
    target = write_docx(draft_of(example), tmp_path / "letter.docx")
    xml = zipfile.ZipFile(target).read("word/document.xml").decode("utf-8")
    assert "\u2011" not in xml and "noBreakHyphen" not in xml
    texts = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert all(symbol in texts for symbol in typed_symbols(draft_of(example)))


@pytest.mark.parametrize("example", EXAMPLE_PATHS, ids=[p.stem for p in EXAMPLE_PATHS])
def test_the_number_line_fits_its_cell_so_it_never_wraps(example: Path) -> None:
    letter = laid_out(draft_of(example))
    grid = next(b for b in letter.blocks if isinstance(b, Grid) and any(
        p.role == "number" for p in b.paragraphs()))
    for row in grid.rows:
        for column, cell in enumerate(row):
            for para in cell:
                if para.role == "number":
                    run = para.runs[0]
                    width = text_width_mm(para.text, run.size, run.bold, run.italic)
                    assert width < grid.widths_mm[column] * 0.95, para.text


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="no LibreOffice")
def test_libreoffice_finds_every_symbol_as_typed(tmp_path: Path) -> None:
    drafts = {p.stem: draft_of(p) for p in EXAMPLE_PATHS}
    for stem, draft in drafts.items():
        write_docx(draft, tmp_path / f"{stem}.docx")
    command = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([command, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path),
                    *sorted(str(p) for p in tmp_path.glob("*.docx"))],
                   check=True, capture_output=True, timeout=240)
    found = 0
    for stem, draft in drafts.items():
        text = (tmp_path / f"{stem}.txt").read_text(encoding="utf-8-sig")
        assert "\u2011" not in text, stem
        for symbol in typed_symbols(draft):
            assert symbol in text, (stem, symbol)
            found += 1
    assert found >= 9 and "12-CT/TW" in (tmp_path / "dang_cat_tien_492.txt").read_text(encoding="utf-8-sig")


def test_a_typed_non_breaking_hyphen_is_laid_out_plain_so_every_reader_breaks_alike() -> None:
    data = json.loads((EXAMPLES / "dang_cat_tien_492.json").read_text(encoding="utf-8"))
    data["content"]["opening"] = data["content"]["opening"].replace("1218-CV/TU", "1218\u2011CV/TU")
    data["subject"] = data["subject"].replace("12-CT/TW", "12\u2011CT/TW")
    letter = laid_out(model.from_dict(data))
    texts = [run.text for b in letter.blocks for p in (b.paragraphs() if isinstance(b, Grid) else [b])
             for run in p.runs]
    assert not any("\u2011" in text for text in texts)
    assert any("1218-CV/TU" in text for text in texts)
