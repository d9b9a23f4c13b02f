"""No orphan word in a header name or a trích yếu: balanced lines broken at phrase boundaries.

`BCH TỈNH ĐOÀN LÂM` / `ĐỒNG`, a trích yếu ending `thanh` / `niên` or `12-CT/TW` alone on a
line give a letter away. Every example and stress drafts (three-line names, a 300-character
trích yếu) are read line by line from the app's pagination (preview and PDF) and, where
LibreOffice is installed, from its PDF of our .docx: the same lines, none a lone word.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.layout.line_breaks import balanced_lines
from dnnd_drafter.writers.qt.pagination import paginate
from tests.conftest import EXAMPLES

HEADER_ROLES = ("parent", "issuer", "subject", "doc_subject", "signer")
LONG_SIGNER = "Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Minh"
NAMES = ["BAN TUYÊN GIÁO VÀ DÂN VẬN HUYỆN ỦY CÁT TIÊN", "VĂN PHÒNG ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH LÂM ĐỒNG",
         "BAN CHẤP HÀNH ĐOÀN TỈNH LÂM ĐỒNG", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
         "LIÊN ĐOÀN LAO ĐỘNG TỈNH LÂM ĐỒNG", "BCH TỈNH ĐOÀN LÂM ĐỒNG"]
LONG_SUBJECT = ("tăng cường công tác tuyên truyền, phổ biến, giáo dục pháp luật về phòng, chống tham nhũng, "
                "lãng phí trong cán bộ, đảng viên, công chức, viên chức và người lao động trên địa bàn tỉnh; "
                "triển khai thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư về công tác đối ngoại "
                "nhân dân trong tình hình mới")


def letters() -> dict[str, LaidOutLetter]:
    """Return every example and the stress drafts, laid out."""
    out = {p.stem: laid_out(model.load(p)) for p in sorted(EXAMPLES.glob("*.json"))}
    for stem in ("doan_tn_tinh_doan", "nha_nuoc_ubnd_tinh", "dang_cat_tien_492", "dang_tinh_uy_lam_dong_chi_thi"):
        data = json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))
        for index, name in enumerate(NAMES):
            out[f"{stem}-name{index}"] = laid_out(model.from_dict({**data, "issuer": {**data["issuer"], "name": name}}))
        subject = ("V/v " if stem.startswith(("doan_tn", "nha_nuoc")) else "về ") + LONG_SUBJECT
        assert len(subject) >= 300
        out[f"{stem}-long-subject"] = laid_out(model.from_dict({**data, "subject": subject}))
        for suffix, name in (("long-signer", LONG_SIGNER), ("huge-signer", LONG_SIGNER + " Nguyệt Ánh Châu")):
            signature = {**data["signature"], "name": name}
            out[f"{stem}-{suffix}"] = laid_out(model.from_dict({**data, "signature": signature}))
    return out


def header_lines(letter: LaidOutLetter) -> list[tuple[str, list[str]]]:
    """Return (role, printed lines) of each header name, trích yếu and signer name, from the pagination."""
    out = []
    for item in (i for page in paginate(letter).pages for i in page.texts):
        if item.box.para.role in HEADER_ROLES and item.box.texts:
            out.append((item.box.para.role, [text.strip() for text in item.box.texts]))
    return out


def test_balanced_lines_break_the_real_cases_at_phrase_boundaries() -> None:
    assert balanced_lines("BCH TỈNH ĐOÀN LÂM ĐỒNG", 68, 14, True) == ["BCH TỈNH ĐOÀN", "LÂM ĐỒNG"]
    assert balanced_lines("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", 68, 13, True) == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"]
    assert balanced_lines("V/v tuyên truyền Chỉ thị số 12-CT/TW trong đoàn viên, thanh niên", 68, 13) == [
        "V/v tuyên truyền", "Chỉ thị số 12-CT/TW", "trong đoàn viên, thanh niên"]
    assert balanced_lines("BAN TUYÊN GIÁO VÀ DÂN VẬN HUYỆN ỦY CÁT TIÊN", 70, 14, True)[-1] == "HUYỆN ỦY CÁT TIÊN"
    assert balanced_lines("ngắn", 68, 13) == ["ngắn"]
    overlong = "{{ " + "x" * 60 + " }}"  # a word wider than the line: left to the reader, no break chosen
    assert balanced_lines(overlong, 68, 13) == [overlong]


def test_no_header_name_or_trich_yeu_leaves_a_word_alone_on_a_line(qapp: QApplication) -> None:
    for name, letter in letters().items():
        for role, lines in header_lines(letter):
            if len(lines) > 1:
                lone = [line for line in lines if len(line.split()) == 1]
                assert not lone, (name, role, lines)


def test_explicit_breaks_are_where_the_app_breaks_the_lines(qapp: QApplication) -> None:
    for name, letter in letters().items():
        for para in letter.paragraphs():
            if para.role in HEADER_ROLES and "\n" in para.text:
                box_lines = next(lines for role, lines in header_lines(letter)
                                 if lines[0] == para.text.split("\n")[0])
                assert box_lines == para.text.split("\n"), name


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_breaks_the_header_lines_where_the_app_does(qapp: QApplication, tmp_path: Path) -> None:
    from tests.gui.test_pdf_libreoffice import libreoffice_pdfs, read_lines, squeeze

    chosen = {k: v for k, v in letters().items()
              if "-" not in k or k.endswith(("name0", "name3", "long-subject", "signer"))}
    pdfs = libreoffice_pdfs(chosen, tmp_path)
    for (name, letter), pdf in zip(chosen.items(), pdfs):
        theirs = " | ".join(line.text for line in read_lines(pdf)[0])
        for role, lines in header_lines(letter):
            for text in lines:  # each of our lines is printed as a line (or beside the other column)
                assert squeeze(text) in theirs, (name, role, text)
            assert not any(len(line.split()) == 1 for line in lines if len(lines) > 1), (name, lines)


def signer_lines(letter: LaidOutLetter) -> list[str]:
    """Return the printed lines of the signer's name, from the pagination."""
    pages = paginate(letter).pages
    item = next(i for page in pages for i in page.texts if i.box.para.role == "signer")
    return [text.strip() for text in item.box.texts]


@pytest.mark.parametrize("stem", ["dang_cat_tien_492", "nha_nuoc_ubnd_tinh", "doan_tn_tinh_doan"])
def test_a_long_signer_name_widens_its_column_before_it_breaks(qapp: QApplication, stem: str) -> None:
    data = json.loads((EXAMPLES / f"{stem}.json").read_text(encoding="utf-8"))
    usual = laid_out(model.from_dict(data))
    long_name = "Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Minh"  # wider than the usual column
    letter = laid_out(model.from_dict({**data, "signature": {**data["signature"], "name": long_name}}))
    assert signer_lines(letter) == [long_name]
    assert letter.grid("signature").widths_mm[1] > usual.grid("signature").widths_mm[1]
    assert sum(letter.grid("signature").widths_mm) == pytest.approx(sum(usual.grid("signature").widths_mm))
    huge = long_name + " Nguyệt Ánh Châu"  # wider than the widest column
    letter = laid_out(model.from_dict({**data, "signature": {**data["signature"], "name": huge}}))
    lines = signer_lines(letter)
    assert len(lines) == 2 and all(len(line.split()) >= 3 for line in lines), lines
