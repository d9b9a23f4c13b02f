"""Feed random Vietnamese text through the whole writer: the file must reopen and hold it."""

from __future__ import annotations

import io
import unicodedata

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dnnd_drafter.model import letter as model
from dnnd_drafter.model import vietnamese
from dnnd_drafter.render import laid_out
from dnnd_drafter.model.letter import Task
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.conftest import EXAMPLES

BASE = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆĐƠƯỲÝỶỸỴ"
MARKS = "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b"
alphabet = st.sampled_from(list(VIETNAMESE + MARKS + " .,;:-+*#{}%\\_()“”")) | st.characters(
    codec="utf-8", exclude_categories=("Cs",))
text = st.text(alphabet=alphabet, min_size=1, max_size=120)
long_word = st.text(alphabet=st.sampled_from(list(VIETNAMESE)), min_size=200, max_size=400)


def _visible(value: str) -> str:
    """Return the letters and digits of `value`, NFC, for a robust containment check."""
    return "".join(ch for ch in vietnamese.clean(value) if ch.isalnum())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(subject=text, task=text, recipient=text, signer=text)
def test_any_text_reopens_and_is_kept(subject: str, task: str, recipient: str, signer: str) -> None:
    draft = BASE.copy(subject=vietnamese.clean(subject, multiline=True) or "x",
                      recipients=[vietnamese.clean(recipient) or "x"])
    draft.content.tasks = [Task(text=vietnamese.clean(task, multiline=True) or "x")]
    draft.signature.name = vietnamese.clean(signer) or "x"
    data = to_bytes(laid_out(draft))
    doc = docx.Document(io.BytesIO(data))
    everything = "".join(p.text for p in doc.paragraphs)
    everything += "".join(p.text for t in doc.tables for c in t._cells for p in c.paragraphs)
    flat = _visible(everything)
    for value in (draft.content.tasks[0].text, draft.signature.name):
        assert _visible(value) in flat
    assert unicodedata.is_normalized("NFC", everything)


@settings(max_examples=15, deadline=None)
@given(word=long_word, emoji=st.sampled_from(["🇻🇳", "👍🏽", "📄", "\U0001F600"]))
def test_very_long_words_and_emoji_survive(word: str, emoji: str) -> None:
    draft = BASE.copy()
    draft.content.tasks = [Task(text=word + " " + emoji)]
    doc = docx.Document(io.BytesIO(to_bytes(laid_out(draft))))
    assert any(word in p.text and emoji in p.text for p in doc.paragraphs)


def test_control_characters_are_dropped_and_marks_composed() -> None:
    data = model.to_dict(BASE)
    data["subject"] = "Về\x00 việc\x1b tuyên truyền"
    data["content"]["tasks"] = [{"text": "Tổ chức\x07 quán triệt"}]
    draft = model.from_dict(data)
    assert draft.subject == "Về việc tuyên truyền"
    assert draft.content.tasks[0].text == "Tổ chức quán triệt"
