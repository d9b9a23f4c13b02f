"""Writing styled runs back as body markup: the words always survive, emphasis where the rules allow."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dnnd_drafter.compose.markup import Run, parse_inline, write_inline

LETTERS = "abcxyz ăâđêôơưáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ*_\\`[]<>&#-+.,:()"
RUNS = st.lists(st.builds(Run, st.text(alphabet=LETTERS, min_size=1, max_size=12), st.booleans(), st.booleans()),
                max_size=6)


@given(RUNS)
def test_written_runs_read_back_as_the_same_words_and_write_again_the_same(runs: list[Run]) -> None:
    text = write_inline(runs)
    read = parse_inline(text)
    assert "".join(r.text for r in read) == "".join(r.text for r in runs)
    assert write_inline(read) == text


WORDS = st.text(alphabet="abcđêôơưáàạấầếềốồớờứừíìýỳ", min_size=1, max_size=8)


@given(st.lists(st.tuples(WORDS, st.booleans(), st.booleans()), min_size=1, max_size=6))
def test_emphasis_on_whole_words_is_kept(words: list[tuple[str, bool, bool]]) -> None:
    runs = [Run(("" if i == 0 else " ") + w, b, it) for i, (w, b, it) in enumerate(words)]
    read = parse_inline(write_inline(runs))
    flags = [(r.bold, r.italic) for r in read for ch in r.text if not ch.isspace()]
    assert flags == [(r.bold, r.italic) for r in runs for ch in r.text if not ch.isspace()]


def test_a_typed_star_underscore_and_backslash_stay_as_typed() -> None:
    assert write_inline([Run("5 * 3 = a_b \\ c")]) == "5 \\* 3 = a\\_b \\\\ c"
    assert write_inline([Run("Lưu ý "), Run("quan trọng", bold=True), Run(": "), Run("ghi chú", italic=True)]) == (
        "Lưu ý **quan trọng**: *ghi chú*")
