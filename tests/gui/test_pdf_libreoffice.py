"""Compare our PDF with LibreOffice's PDF of our .docx: pages, positions, lines and images.

Every example (and a few longer variants that push the signature block over a page break) is
converted once, in a single LibreOffice run, by a module fixture.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.writers.qt.pdf import export_pdf
from dnnd_drafter.writers import libreoffice
from tests.conftest import EXAMPLES
from tests.gui.test_painter import keep_case, longer_draft

pytestmark = [pytest.mark.soffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")]
MM = 72 / 25.4
TOLERANCE_PT = 3 * MM
CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"


@dataclass
class Line:
    """Hold one printed line: page index, baseline from the top in pt, squeezed text."""

    page: int
    baseline: float
    text: str


def libreoffice_pdfs(letters: dict[str, LaidOutLetter], folder: Path) -> list[Path]:
    """Write each laid-out letter as .docx in `folder` and return LibreOffice's PDFs, in order."""
    sources = []
    for name, letter in letters.items():
        source = folder / f"{name}.docx"
        source.write_bytes(libreoffice.letter_docx_bytes(letter))
        sources.append(source)
    return libreoffice.convert_files(sources, folder / "lo", timeout=300)


def squeeze(text: str) -> str:
    """Return `text` without whitespace, the non-breaking hyphen read as a hyphen."""
    return re.sub(r"\s+", "", text.replace("\u2011", "-"))


@lru_cache(maxsize=64)
def read_lines(path: Path) -> tuple[list[Line], list[tuple[int, tuple[float, float, float, float]]]]:
    """Return the lines (chars grouped by baseline) and image boxes (page, x0, top, x1, bottom)."""
    lines: list[Line] = []
    images = []
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                baseline = page.height - char["matrix"][5]
                key = next((k for k in rows if abs(k - baseline) < 0.3), baseline)
                rows.setdefault(key, []).append(char)
            for baseline in sorted(rows):
                chars = sorted(rows[baseline], key=lambda c: c["x0"])
                lines.append(Line(index, baseline, squeeze("".join(c["text"] for c in chars))))
            images += [(index, (i["x0"], i["top"], i["x1"], i["bottom"])) for i in page.images]
    return lines, images


def find(lines: list[Line], text: str, after: Line | None = None) -> Line:
    """Return the first line (after `after`) whose text contains `text` squeezed."""
    wanted = squeeze(text)
    start = lines.index(after) + 1 if after else 0
    return next(line for line in lines[start:] if wanted in line.text)


def make_images(folder: Path) -> tuple[Path, Path]:
    """Draw a blue signature and a red seal as transparent PNGs."""
    signature = QImage(600, 300, QImage.Format.Format_ARGB32)
    signature.fill(Qt.GlobalColor.transparent)
    painter = QPainter(signature)
    painter.setPen(QPen(QColor(20, 40, 200), 8))
    painter.drawPolyline([QPointF(50, 250), QPointF(250, 50), QPointF(350, 250), QPointF(550, 80)])
    painter.end()
    seal = QImage(400, 400, QImage.Format.Format_ARGB32)
    seal.fill(Qt.GlobalColor.transparent)
    painter = QPainter(seal)
    painter.setPen(QPen(QColor(220, 0, 0, 200), 12))
    painter.drawEllipse(QRectF(10, 10, 380, 380))
    painter.end()
    signature.save(str(folder / "signature.png"))
    seal.save(str(folder / "seal.png"))
    return folder / "signature.png", folder / "seal.png"


def variants(folder: Path) -> dict[str, dict]:
    """Return the drafts to compare: every example, longer variants and an electronic copy."""
    drafts = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.json"))}
    base = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    keep = keep_case()
    for name, extra in (("fits", keep - 1), ("keeps", keep)):
        drafts[f"cat_tien_{name}"] = model.to_dict(longer_draft(extra))
    sentence = "Đề nghị các đơn vị nghiêm túc triển khai thực hiện, báo cáo kết quả đúng thời hạn. "
    for name, count in (("moved", 24), ("over_a_page", 40)):
        data = json.loads(json.dumps(base))
        data["content"].update(attachment="", closing=sentence * count)
        drafts[f"cat_tien_closing_{name}"] = data
    signature, seal = make_images(folder)
    electronic = json.loads(json.dumps(base))
    electronic["signature"].update(image=str(signature), seal=str(seal), show_images=True)
    drafts["cat_tien_electronic"] = electronic
    return drafts


@dataclass
class Pair:
    """Hold one letter and its two PDFs: ours and LibreOffice's of our .docx."""

    letter: LaidOutLetter
    ours: Path
    theirs: Path


@pytest.fixture(scope="module")
def pairs(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pair]:
    """Return every variant drawn by us and converted by LibreOffice (one soffice run)."""
    folder = tmp_path_factory.mktemp("lo-compare")
    letters, sources = {}, []
    for name, data in variants(folder).items():
        letters[name] = laid_out(model.from_dict(data))
        source = folder / f"{name}.docx"
        source.write_bytes(libreoffice.letter_docx_bytes(letters[name]))
        sources.append(source)
        export_pdf(letters[name], folder / f"{name}.ours.pdf")
    theirs = libreoffice.convert_files(sources, folder / "lo", timeout=300)
    return {name: Pair(letters[name], folder / f"{name}.ours.pdf", pdf) for name, pdf in zip(letters, theirs)}


def test_same_pages_and_positions_within_3_mm(pairs: dict[str, Pair]) -> None:
    for name, pair in pairs.items():
        ours, _ = read_lines(pair.ours)
        theirs, _ = read_lines(pair.theirs)
        assert ours[-1].page == theirs[-1].page, f"{name}: page count differs"
        letter = pair.letter
        header = next(p.text for p in letter.grid("header").rows[0][1] if p.text.strip())
        body = next(p.text for p in letter.paragraphs() if p.role == "body")[:25]
        signing = [p.text for cell in letter.grid("signature").rows[0] for p in cell
                   if p.role in ("authority", "position", "signer") and p.text.strip()]
        anchors = [header, body, signing[0], signing[-1]]
        for text in anchors:
            a, b = find(ours, text), find(theirs, text)
            assert a.page == b.page, f"{name}: “{text}” on page {a.page + 1} vs {b.page + 1}"
            assert abs(a.baseline - b.baseline) <= TOLERANCE_PT, f"{name}: “{text}” {a.baseline} vs {b.baseline}"


def test_lines_break_at_the_same_words(pairs: dict[str, Pair]) -> None:
    for name, pair in pairs.items():
        ours = {(line.page, line.text) for line in read_lines(pair.ours)[0]}
        theirs = {(line.page, line.text) for line in read_lines(pair.theirs)[0]}
        assert len(ours & theirs) >= 0.95 * len(theirs), f"{name}: {sorted(theirs - ours)[:5]}"


def test_the_signature_block_follows_the_last_body_line(pairs: dict[str, Pair]) -> None:
    pages = {}
    for name in ("cat_tien_fits", "cat_tien_keeps"):
        pair = pairs[name]
        for path in (pair.ours, pair.theirs):
            lines = read_lines(path)[0]
            closing = find(lines, "Đề nghị các đơn vị")
            signer = find(lines, pair.letter.find("signer")[0].text or "Nơi nhận")
            assert closing.page == signer.page, f"{name}: {path.name}"
            pages[name] = signer.page
    assert pages["cat_tien_keeps"] == pages["cat_tien_fits"] + 1


def test_a_long_closing_moves_whole_unless_longer_than_a_page(pairs: dict[str, Pair]) -> None:
    for name in ("cat_tien_closing_moved", "cat_tien_closing_over_a_page"):
        pair = pairs[name]
        ours, theirs = read_lines(pair.ours)[0], read_lines(pair.theirs)[0]
        opening = [(line.page, line.baseline) for line in (find(ours, "Đề nghị các đơn vị"),
                                                          find(theirs, "Đề nghị các đơn vị"))]
        assert opening[0][0] == opening[1][0] and abs(opening[0][1] - opening[1][1]) <= TOLERANCE_PT
        assert opening[0][1] < 25 * MM + 1  # it starts a page
        assert ours[-1].page == theirs[-1].page


def test_signature_images_sit_where_libreoffice_puts_them(pairs: dict[str, Pair]) -> None:
    pair = pairs["cat_tien_electronic"]
    _, ours = read_lines(pair.ours)
    _, theirs = read_lines(pair.theirs)
    assert len(ours) == len(theirs) == 2
    for (page_a, box_a), (page_b, box_b) in zip(sorted(ours, key=lambda i: i[1][2]),
                                                 sorted(theirs, key=lambda i: i[1][2])):
        assert page_a == page_b
        assert all(abs(a - b) <= TOLERANCE_PT for a, b in zip(box_a, box_b)), (box_a, box_b)
    assert not read_lines(pairs["cat_tien_fits"].theirs)[1]  # images only when asked for
