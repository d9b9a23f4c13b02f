"""Our emphasis reader gives what markdown-it-py gives, on the corpus of bodies and on random lines."""

from __future__ import annotations

from functools import lru_cache

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dnnd_drafter.compose.emphasis import inline_tokens

#: characters that decide emphasis: stars, underscores, backslashes, spaces, punctuation, letters, marks
ALPHABET = "**__\\\\  \t.,:;!?()[]\"'-+#a bÁàêđ1\u00a0\u2003€\n"


@lru_cache(maxsize=1)
def _markdown_it() -> MarkdownIt:
    return MarkdownIt("zero").enable(["emphasis", "escape"])


def _emphasis_per_character(tokens: list[tuple[str, str]]) -> list[tuple[str, bool, bool]]:
    """Return every printed character with its bold and italic, from open/close tokens."""
    out, depth = [], {"strong": 0, "em": 0}
    for kind, content in tokens:
        if kind.endswith("_open"):
            depth[kind[:-5]] += 1
        elif kind.endswith("_close"):
            depth[kind[:-6]] -= 1
        else:
            out.extend((ch, depth["strong"] > 0, depth["em"] > 0) for ch in content)
    return out


def _reference(text: str) -> list[tuple[str, bool, bool]]:
    children = _markdown_it().parseInline(text)[0].children or []
    return _emphasis_per_character([(token.type, token.content) for token in children])


def _ours(text: str) -> list[tuple[str, bool, bool]]:
    return _emphasis_per_character(inline_tokens(text))


CASES = ["**a**", "*a*", "***a***", "**a*", "*a**", "a*b*c", "a**b**c", "* a *", "*a *", "** a**", "\\*a*",
         "\\\\*a*", "*a\\*", "__a__", "a_b_c", "_a_", "\\_a_", "*(a)*", "(*a*)", "**Tổ chức thực hiện:**",
         "*a **b** c*", "**a *b* c**", "*a**b**c*", "***a** b*", "***a* b**", "*a_b*", "a*", "*", "\\", "a\\",
         "\\a", "*a*b*c*", "**a**b**c**", "*1.* x", "*##* :", "**2. Nâng cao** hiệu quả", "x *y* z*", "“*a*”"]


def test_the_known_lines_read_the_same() -> None:
    """Check the hand-picked lines, which include the delimiter-run and rule-of-3 cases."""
    for text in CASES:
        assert _ours(text) == _reference(text), text


@settings(max_examples=3000, deadline=None, derandomize=True)
@given(st.text(alphabet=ALPHABET, max_size=24))
def test_random_lines_read_the_same(text: str) -> None:
    """Check random lines of emphasis characters, escapes, spaces and punctuation."""
    assert _ours(text) == _reference(text)
