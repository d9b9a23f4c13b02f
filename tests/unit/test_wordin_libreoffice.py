"""Test the Word reader on letters saved again by LibreOffice (skipped where it is not installed).

LibreOffice rewrites a .docx its own way: styles, run splits, table properties, and it joins two
tables that touch. The app's letters and the hand-typed ones must read the same after it.
"""

from __future__ import annotations

import shutil

import pytest

from dnnd_drafter.wordin import read_letter
from tests.unit import wordin_corpus as corpus

pytestmark = [pytest.mark.soffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) không có")]


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, corpus.Letter]:
    """Return every corpus letter saved again by LibreOffice, by its original name."""
    letters = corpus.app_letters() + corpus.hand_letters()
    converted = corpus.resave_with_libreoffice(letters, tmp_path_factory.mktemp("lo"))
    assert len(converted) == len(letters)
    return {letter.name.removeprefix("lo_"): letter for letter in converted}


@pytest.mark.parametrize("name", [f"app_{s}" for s in corpus.EXAMPLES] + [f"hand_{n}" for n in sorted(corpus.HAND_TYPED)])
def test_a_letter_saved_again_by_libreoffice_reads_the_same(resaved: dict, name: str) -> None:
    letter = resaved[name]
    read = read_letter(letter.data, name=name)
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    assert corpus.body_words(read.draft) == letter.words()
