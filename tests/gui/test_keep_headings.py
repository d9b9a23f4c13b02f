"""Keep every heading of the body with the text it introduces, on the page and in the .docx.

A heading alone at the bottom of a page ("Tổ chức thực hiện", I-/II- parts, a bold lead-in
line) is what a văn thư sends back. Stress drafts push each heading of the examples to every
position near a page end by lengthening the opening sentence by sentence.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from PySide6.QtWidgets import QApplication

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import LaidOutLetter, Para
from dnnd_drafter.writers.qt.pagination import paginate
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.conftest import EXAMPLES

WITH_HEADINGS = ["dang_phuong_lam_vien_ke_hoach", "nha_nuoc_so_vhttdl_tuyen_truyen", "dang_cat_tien_492",
                 "dang_tinh_uy_lam_dong_chi_thi"]
SENTENCE = ("Các cấp ủy, tổ chức đảng, chính quyền và đoàn thể quán triệt, triển khai nghiêm túc, "
            "kịp thời, hiệu quả nội dung văn bản này đến cán bộ, đảng viên và Nhân dân. ")


def is_heading(para: Para) -> bool:
    """Return whether `para` is a body heading: a body paragraph all in bold."""
    return para.role == "body" and bool(para.text.strip()) and all(r.bold for r in para.runs if r.text.strip())


def stress_letter(stem: str, sentences: int) -> LaidOutLetter:
    """Return the example `stem` with `sentences` more sentences in its opening."""
    data = json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))
    opening = data["content"].get("opening") or ""
    data["content"]["opening"] = ((opening + " ") if opening else "") + SENTENCE * sentences
    if not opening:  # an empty opening is composed by the template: keep that text first
        data["content"]["opening"] = "Thực hiện các văn bản chỉ đạo của cấp trên. " + SENTENCE * sentences
    return laid_out(model.from_dict(data))


def stranded_headings(letter: LaidOutLetter) -> list[tuple[int, str]]:
    """Return (page, text) of each heading that ends a page of the app's pagination."""
    out = []
    pages = paginate(letter).pages
    for page in pages[:-1]:
        body = [item for item in page.texts if item.box.para.role == "body"]
        if body and is_heading(body[-1].box.para):
            out.append((page.number, body[-1].box.para.text))
    return out


@pytest.mark.parametrize("stem", WITH_HEADINGS)
def test_no_heading_is_the_last_line_of_a_page(qapp: QApplication, stem: str) -> None:
    letters = [stress_letter(stem, n) for n in range(0, 48, 1)]
    assert any(is_heading(p) for p in letters[0].paragraphs())
    assert max(len(paginate(letter).pages) for letter in letters) >= 3  # the drafts cross page ends
    stranded = {n: found for n, letter in enumerate(letters) if (found := stranded_headings(letter))}
    assert stranded == {}


@pytest.mark.parametrize("stem", WITH_HEADINGS)
def test_headings_keep_with_next_and_body_has_widow_control_in_the_docx(stem: str) -> None:
    letter = stress_letter(stem, 0)
    document = docx.Document(io.BytesIO(to_bytes(letter)))
    headings = {p.text for p in letter.paragraphs() if is_heading(p)}
    seen = 0
    for paragraph in document.paragraphs:
        ppr = paragraph._p.pPr
        if paragraph.text in headings:
            seen += 1
            assert ppr is not None and ppr.find(qn("w:keepNext")) is not None, paragraph.text
        if paragraph.text.strip():
            assert ppr.find(qn("w:widowControl")) is not None, paragraph.text
    assert seen == len(headings) > 0


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_keeps_the_headings_of_our_docx_with_their_text(qapp: QApplication, tmp_path: Path) -> None:
    from tests.gui.test_pdf_libreoffice import libreoffice_pdfs, read_lines, squeeze

    chosen = {f"{stem}-{n}": stress_letter(stem, n) for stem, lengths in (
        ("dang_phuong_lam_vien_ke_hoach", (9, 12, 13, 14, 29)), ("nha_nuoc_so_vhttdl_tuyen_truyen", (20, 33)))
        for n in lengths}
    pdfs = libreoffice_pdfs(chosen, tmp_path)
    for (name, letter), pdf in zip(chosen.items(), pdfs):
        lines = read_lines(pdf)[0]
        for heading in (p for p in letter.paragraphs() if is_heading(p)):
            at = next(i for i, line in enumerate(lines) if line.text == squeeze(heading.text))
            assert lines[at + 1].page == lines[at].page, (name, heading.text)
