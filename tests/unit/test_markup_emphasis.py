"""Emphasis and escapes read without markdown-it give exactly the runs markdown-it gives.

:mod:`dnnd_drafter.compose.emphasis` follows markdown-it-py's rules so that a command line
process need not import it; these tests compare the two readings on generated lines (markers in
every position, runs of one to four, punctuation, Vietnamese letters, spaces of all kinds,
escapes) and on every line of the examples' bodies.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from dnnd_drafter.compose import markup
from dnnd_drafter.compose.emphasis import inline_tokens
from tests.conftest import EXAMPLES

PIECES = ["*", "**", "***", "****", "_", "__", "\\", "\\*", "\\_", "\\\\", " ", "\u00a0", "\u2003", "\t",
          "a", "ữ", "Đ", "1", ".", ",", "“", "”", "(", ")", "!", "-", "/", "…", "$", "\ud800", "\U0001d54b"]
LINES = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def _markdown_it_runs(text: str, bold: bool = False, italic: bool = False) -> tuple[markup.Run, ...]:
    """Return the runs markdown-it reads from `text` (what parse_inline gave before)."""
    text = markup._UNDERSCORE.sub(r"\\_", text)  # noqa: SLF001 - the same preparation as parse_inline
    children = markup._parser().parseInline(text)[0].children or []  # noqa: SLF001 - the reference reader
    return markup._runs([[t.type, t.content] for t in children], bold, italic)  # noqa: SLF001


def _our_runs(text: str, bold: bool = False, italic: bool = False) -> tuple[markup.Run, ...]:
    """Return the runs read by compose.emphasis (no markdown-it)."""
    text = markup._UNDERSCORE.sub(r"\\_", text)  # noqa: SLF001 - the same preparation as parse_inline
    tokens = inline_tokens(text)
    assert tokens is not None
    return markup._runs(tokens, bold, italic)  # noqa: SLF001


@settings(max_examples=3000, deadline=None)
@given(LINES, st.booleans(), st.booleans())
def test_generated_lines_read_as_markdown_it_reads_them(text: str, bold: bool, italic: bool) -> None:
    assert _our_runs(text, bold, italic) == _markdown_it_runs(text, bold, italic)


def test_known_hard_cases_read_as_markdown_it_reads_them() -> None:
    cases = ["*a **b** c*", "***a***", "**a*", "*a**", "a*b*c", "**“trích”**", "*(Kèm theo).*", "a ** b **",
             "*a*b*", "***a* b**", "**a***b*", "\\**a**", "*\\*a*", "x\\", "a_b_c", "\\\\_a_", "*a\u00a0*",
             "****a****", "*a **b*** c", "*a *b* c*", "**a **b** c**", "*a*" * 8, "** **", "*" * 20]
    for text in cases:
        assert _our_runs(text) == _markdown_it_runs(text), text


def test_every_example_body_line_reads_as_before() -> None:
    from dnnd_drafter.compose.engine import render_markup
    from dnnd_drafter.model import letter as model

    lines = [line.strip() for path in sorted(EXAMPLES.glob("*.json"))
             for line in render_markup(model.load(path)).split("\n") if line.strip()]
    assert any("*" in line for line in lines)
    for line in lines:
        assert _our_runs(line) == _markdown_it_runs(line), line


def test_a_line_with_a_break_is_left_to_markdown_it() -> None:
    assert inline_tokens("a\\\nb") is None and inline_tokens("a\rb") is None
    assert markup.parse_inline("**a\\\nb**") == _markdown_it_runs("**a\\\nb**")


def test_composing_an_example_does_not_load_markdown_it() -> None:
    script = ("import sys\n"
              "from dnnd_drafter.model import letter\n"
              "from dnnd_drafter.render import laid_out\n"
              f"laid_out(letter.load({str(EXAMPLES / 'dang_cat_tien_492.json')!r}))\n"
              "print('markdown_it' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
