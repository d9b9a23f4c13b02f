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


PIECES = ["*", "**", "***", "****", "_", "__", "\\", "\\*", "\\_", "\\\\", " ", "\u00a0", "\u2003", "\t",
          "a", "ữ", "Đ", "1", ".", ",", "“", "”", "(", ")", "!", "-", "/", "…", "$", "\ud800", "\U0001d54b",
          "\n", "\\\n", "\r"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_generated_runs_of_markers_read_the_same(text: str) -> None:
    """Check lines built of marker runs of one to four, escapes, spaces of all kinds and line breaks."""
    assert _ours(text) == _reference(text)


def test_harder_cases_read_the_same() -> None:
    """Check the cases of the rule of 3 and of nested runs."""
    cases = ["**“trích”**", "*(Kèm theo).*", "a ** b **", "*a*b*", "**a***b*", "\\**a**", "*\\*a*", "x\\",
             "\\\\_a_", "*a\u00a0*", "****a****", "*a **b*** c", "*a *b* c*", "**a **b** c**", "*a*" * 8,
             "** **", "*" * 20, "**a\\\nb**", "a\rb*c*"]
    for text in cases:
        assert _ours(text) == _reference(text), text


def test_every_example_body_line_reads_the_same() -> None:
    """Check every line the examples' bodies compose to."""
    from dnnd_drafter.compose.engine import render_markup
    from dnnd_drafter.model import letter as model
    from tests.conftest import EXAMPLES

    lines = [line.strip() for path in sorted(EXAMPLES.glob("*.json"))
             for line in render_markup(model.load(path)).split("\n") if line.strip()]
    assert any("*" in line for line in lines)
    for line in lines:
        assert _ours(line) == _reference(line), line


def test_composing_an_example_does_not_load_markdown_it() -> None:
    """Check a rendering process never imports markdown-it (it is a test dependency only)."""
    import subprocess
    import sys

    from tests.conftest import EXAMPLES

    script = ("import sys\n"
              "from dnnd_drafter.model import letter\n"
              "from dnnd_drafter.render import laid_out\n"
              f"laid_out(letter.load({str(EXAMPLES / 'dang_cat_tien_492.json')!r}))\n"
              "print('markdown_it' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
