"""A long trích yếu: the .docx keeps the whole text (only its title property is shortened), and a
trích yếu too long for the header is refused by name, on the review page and on the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx

from dnnd_drafter.model import letter as model
from dnnd_drafter.model import validation
from dnnd_drafter.model.formats import load_format
from dnnd_drafter.render import check_fields, write_docx
from dnnd_drafter.writers.docx import writer as docx_writer
from tests.conftest import EXAMPLES

WORDS = ("Về việc triển khai thực hiện Nghị quyết của Ban Chấp hành Trung ương Đảng khóa XIII về tiếp tục "
         "đổi mới, nâng cao chất lượng, hiệu quả hoạt động của hệ thống chính trị ở cơ sở").split()


def subject_of(length: int) -> str:
    """Return a trích yếu of exactly `length` characters made of real words."""
    words: list[str] = []
    while len(" ".join(words)) < length:
        words.append(WORDS[len(words) % len(WORDS)])
    return " ".join(words)[:length].rstrip() + "x" * (length - len(" ".join(words)[:length].rstrip()))


def _draft_with_subject(length: int, example: str = "dang_cat_tien_492.json") -> model.Draft:
    draft = model.load(EXAMPLES / example)
    draft.subject = subject_of(length)
    return draft


def test_a_trich_yeu_over_255_characters_makes_a_docx_with_the_whole_text(tmp_path: Path) -> None:
    draft = _draft_with_subject(300)
    target = write_docx(draft, tmp_path / "dai.docx")
    document = docx.Document(str(target))
    text = "\n".join(p.text for t in document.tables for c in t._cells for p in c.paragraphs)
    assert " ".join(draft.subject.split()) in " ".join(text.split())  # all of it (explicit breaks read as spaces)
    title = document.core_properties.title
    assert len(title) <= 255 and title.endswith("…") and draft.subject.startswith(title[:-1])


def test_core_property_text_is_one_line_cut_at_a_word() -> None:
    assert docx_writer.core_property_text("Về việc\n  tổ chức") == "Về việc tổ chức"
    cut = docx_writer.core_property_text("Ủy ban " * 100)
    assert len(cut) <= 255 and cut.endswith("…") and cut[-2] != " "
    assert ("Ủy ban " * 100).startswith(cut[:-1] + " ")  # cut at a word, not inside one


def test_the_review_rules_refuse_a_trich_yeu_over_the_limit_naming_it() -> None:
    limit = load_format("dang").subject["max_chars"]
    assert not [r for r in check_fields(_draft_with_subject(limit)) if r.field == "subject"]
    results = [r for r in check_fields(_draft_with_subject(2600)) if r.field == "subject"]
    assert [(r.severity, r.code) for r in results] == [(validation.ERROR, "subject.too_long")]
    assert results[0].message.startswith(f"Trích yếu dài 2600 ký tự, quá giới hạn {limit} ký tự")
    many = _draft_with_subject(100)
    many.subject = "\n".join(["Về việc"] * 9)
    assert [r.code for r in check_fields(many) if r.field == "subject"] == ["subject.too_many_lines"]


def test_render_exits_0_for_a_long_title_and_2_for_a_trich_yeu_over_the_limit(tmp_path: Path) -> None:
    for length, status in ((300, 0), (2600, 2)):
        source = tmp_path / f"dai-{length}.json"
        model.save(_draft_with_subject(length), source)
        target = tmp_path / f"dai-{length}.docx"
        result = subprocess.run([sys.executable, "-m", "dnnd_drafter", "render", str(source), "-o", str(target)],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == status, result.stderr
        assert "Traceback" not in result.stderr
        if status == 0:
            assert target.exists()
        else:
            assert result.stderr.startswith("Lỗi: Trích yếu dài 2600 ký tự") and not target.exists()
            pdf = subprocess.run([sys.executable, "-m", "dnnd_drafter", "pdf", str(source), "-o",
                                  str(tmp_path / "dai.pdf")], capture_output=True, text=True, timeout=120)
            assert pdf.returncode == 2 and pdf.stderr.startswith("Lỗi: Trích yếu dài 2600 ký tự"), pdf.stderr
