"""Never break a Kính gửi line at the spaced hyphen of "chính trị - xã hội".

A line that starts with "- xã hội huyện," reads like one more recipient. The stress drafts put
the hyphen at every place near the line end; the lines are read from the app's pagination (what
the preview and the PDF show) and, where LibreOffice is installed, from its PDF of our .docx.
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
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.layout.line_breaks import allowed_breaks, wrap
from dnnd_drafter.writers.qt.fonts import SCALE
from dnnd_drafter.writers.qt.pagination import paginate
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.conftest import EXAMPLES

LEADS = ["", "Ban Thường trực ", "Ban Thường trực Ủy ban ", "Thường trực ", "các cơ quan Đảng, ",
         "các cơ quan Đảng, chính quyền, ", "các cơ quan, đơn vị, ", "Mặt trận, ", "Văn phòng, các ban, "]
COMPOUND = "Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội huyện"


def stress_letters() -> dict[str, LaidOutLetter]:
    """Return the Cát Tiên (Party) and UBND (State) letters with the compound at many places."""
    out = {}
    for stem in ("dang_cat_tien_492", "nha_nuoc_ubnd_tinh"):
        data = json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))
        for index, lead in enumerate(LEADS):
            names = [f"{lead}{COMPOUND} (đầu danh sách)", "Sở Kế hoạch và Đầu tư", lead + COMPOUND,
                     f"{lead}phát triển kinh tế - xã hội"]
            out[f"{stem}-{index}"] = laid_out(model.from_dict({**data, "recipients": names}))
            single = {**data, "recipients": [lead + COMPOUND]}
            out[f"{stem}-{index}-single"] = laid_out(model.from_dict(single))
    return out


def recipient_lines(letter: LaidOutLetter) -> list[list[tuple[float, str]]]:
    """Return, per Kính gửi paragraph, its printed lines as (x in pt, text) from the pagination."""
    out = []
    for page in paginate(letter).pages:
        for item in page.texts:
            if item.box.para.role == "recipients":
                out.append([(item.x + line.qline.x() / SCALE, text.strip())
                            for line, text in zip(item.box.lines, item.box.texts)])
    return out


def test_allowed_breaks_keep_a_hyphenated_compound_together() -> None:
    text = "các đoàn thể chính trị - xã hội huyện"
    assert [text[:i] for i in allowed_breaks(text)] == ["các", "các đoàn", "các đoàn thể",
                                                       "các đoàn thể chính trị - xã hội"]
    assert wrap(text, 55, 14) == ["các đoàn thể", "chính trị - xã hội huyện"]
    assert wrap(text, 90, 14) == [text]


def test_no_kinh_gui_line_starts_with_the_hyphen_of_a_compound(qapp: QApplication) -> None:
    for name, letter in stress_letters().items():
        for lines in recipient_lines(letter):
            for _, text in lines[1:]:
                assert not text.startswith(("-", "–")), (name, [t for _, t in lines])
            for _, text in lines[:-1]:
                assert not text.endswith((" -", " –")), (name, [t for _, t in lines])


def test_continuation_lines_start_under_the_text_not_under_the_dash(qapp: QApplication) -> None:
    letter = stress_letters()["dang_cat_tien_492-1"]
    wrapped = [lines for lines in recipient_lines(letter) if len(lines) > 1 and lines[0][1].startswith("-")]
    assert wrapped
    for lines in wrapped:
        dash_x = lines[0][0]
        assert all(x > dash_x + 2 for x, _ in lines[1:]), lines


def test_the_docx_carries_the_same_breaks_as_explicit_line_breaks() -> None:
    letter = laid_out(model.load(EXAMPLES / "dang_cat_tien_492.json"))
    item = next(p for p in letter.find("recipients") if "chính trị - xã hội" in p.text)
    document = docx.Document(io.BytesIO(to_bytes(letter)))
    paragraph = next(p for p in document.paragraphs if "chính trị - xã hội" in p.text)
    assert paragraph._p.findall(f".//{qn('w:br')}")
    assert paragraph.text == item.text
    # as the real letter (seed 000) breaks it: before "và", the compound whole on its line
    assert paragraph.text == "- Ủy ban Mặt trận Tổ quốc Việt Nam\nvà các đoàn thể chính trị - xã hội huyện,"


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_breaks_the_kinh_gui_where_the_app_does(qapp: QApplication, tmp_path: Path) -> None:
    from tests.gui.test_pdf_libreoffice import libreoffice_pdfs, read_lines, squeeze

    letters = stress_letters()
    chosen = {k: letters[k] for k in ("dang_cat_tien_492-0", "dang_cat_tien_492-4", "nha_nuoc_ubnd_tinh-2",
                                      "nha_nuoc_ubnd_tinh-5-single")}
    data = json.loads((EXAMPLES / "dang_cat_tien_492.json").read_text(encoding="utf-8"))
    plain = ["Ủy ban nhân dân các xã, thị trấn và các cơ quan, đơn vị sự nghiệp trực thuộc Ủy ban nhân dân "
             "huyện", "Các cơ quan tham mưu, giúp việc Huyện ủy"]  # wraps with no hyphen: broken by the layout too
    chosen["tab_first_line"] = laid_out(model.from_dict({**data, "recipients": plain}))
    pdfs = libreoffice_pdfs(chosen, tmp_path)
    for (name, letter), pdf in zip(chosen.items(), pdfs):
        theirs = {line.text for line in read_lines(pdf)[0]}
        ours = [squeeze(text) for lines in recipient_lines(letter) for _, text in lines]
        missing = [text for text in ours if text not in theirs]
        assert not missing, (name, missing)
