"""Check what a .docx says about itself: title, issuer, dates and the application that wrote it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest

from dnnd_drafter import __version__
from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.writers.docx.writer import core_property_text, to_bytes
from tests.conftest import EXAMPLES

CHI_THI = EXAMPLES / "dang_tinh_uy_lam_dong_chi_thi.json"


def written(draft: model.Draft) -> bytes:
    """Return the .docx bytes of `draft` as the writer saves them."""
    return to_bytes(laid_out(draft), title=draft.subject, author=draft.issuer.name)


def test_core_properties_say_when_and_by_whom_the_letter_was_written() -> None:
    draft = model.load(CHI_THI)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    data = written(draft)
    after = dt.datetime.now(dt.timezone.utc)
    props = docx.Document(io.BytesIO(data)).core_properties
    for stamp in (props.created, props.modified):
        assert before <= stamp.replace(tzinfo=dt.timezone.utc) <= after
    assert props.author == props.last_modified_by == "TỈNH ỦY LÂM ĐỒNG"
    assert props.title == " ".join(draft.subject.split())
    assert "python-docx" not in props.comments
    assert props.language == "vi-VN"


def test_app_properties_name_this_application_and_no_template_thumbnail_is_left() -> None:
    with zipfile.ZipFile(io.BytesIO(written(model.load(CHI_THI)))) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
        names = package.namelist()
        rels = package.read("_rels/.rels").decode("utf-8")
    assert f"<Application>DNND Drafter {__version__}</Application>" in app
    assert "Microsoft" not in app and "AppVersion" not in app
    assert not [n for n in names if "thumbnail" in n] and "thumbnail" not in rels


def test_a_300_character_subject_gives_a_title_under_255_characters_cut_at_a_word() -> None:
    subject = ("về việc tăng cường công tác tuyên truyền, phổ biến, giáo dục pháp luật " * 5).strip()
    assert len(subject) > 300
    title = docx.Document(io.BytesIO(written(model.load(CHI_THI).copy(subject=subject)))).core_properties.title
    assert len(title) <= 255 and title.endswith("…")
    assert subject.startswith(title[:-1]) and not subject[len(title) - 1].isalnum()  # a whole word


@pytest.mark.parametrize("text, limit, expected", [
    ("trích yếu\nhai dòng", 255, "trích yếu hai dòng"),
    ("một hai ba bốn", 9, "một hai…"),
    ("một hai, ba", 9, "một hai…"),
    ("x" * 20, 10, "x" * 9 + "…"),
    ("một hai", 7, "một hai"),
])
def test_core_property_text_keeps_short_text_and_cuts_long_text_at_a_word(text: str, limit: int, expected: str) -> None:
    assert core_property_text(text, limit) == expected
    assert len(core_property_text(text, limit)) <= limit
