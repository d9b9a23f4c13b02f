"""The emphasis reader gives markdown-it-py's tokens for every line: it is a port of its rules.

markdown-it-py (CommonMark) stays the reference (a test dependency); the app reads
``**strong**``, ``*em*`` and escapes with :mod:`dnnd_drafter.compose.emphasis`, which a
``dnnd-drafter render`` process loads without markdown-it-py's many modules.
"""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dnnd_drafter.compose.emphasis import inline_tokens
from dnnd_drafter.compose.markup import parse_inline
from tests.conftest import EXAMPLES

REFERENCE = MarkdownIt("zero").enable(["emphasis", "escape"])
# the characters the rules look at, with letters, Vietnamese, spaces and punctuation around them
ALPHABET = st.sampled_from(list("**__\\\\ab ạ.,!()“”…–-#`\t\n\r\x00\xa0\u2003") + ["\ud83d\ude00", "\ud83d"])
LINES = st.lists(ALPHABET, max_size=24).map("".join)
CASES = ["**Bold** then *em*", "***both***", "*a **b** c*", "**a*b**c*", "a**b**c", "__a__", "\\*not\\*",
         "**1. Tuyên truyền:** nội dung", "*(Kèm theo Kế hoạch số 12)*.", "\\", "a\\\nb", "* a *", "**a**b**c**",
         "*a*b*c*", "****", "*a**b*", "_a_b_", "\\q\\*", "**“Quote”**", "x*y*z", "1*2*3 và *4*"]


def reference(line: str) -> list[tuple[str, str]]:
    """Return markdown-it-py's inline tokens of `line`, text split as ours (merged runs of text)."""
    out: list[tuple[str, str]] = []
    for token in REFERENCE.parseInline(line)[0].children or []:
        if token.type == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + token.content)
        else:
            out.append((token.type, token.content))
    return out


def merged(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return `tokens` with adjacent text tokens joined and empty text dropped."""
    out: list[tuple[str, str]] = []
    for kind, content in tokens:
        if kind == "text" and not content:
            continue
        if kind == "text" and out and out[-1][0] == "text":
            out[-1] = ("text", out[-1][1] + content)
        else:
            out.append((kind, content))
    return out


def test_known_lines_give_markdown_its_tokens() -> None:
    for line in CASES:
        assert merged(inline_tokens(line)) == merged(reference(line)), line


@settings(max_examples=1500, deadline=None)
@given(LINES)
def test_any_line_gives_markdown_its_tokens(line: str) -> None:
    assert merged(inline_tokens(line)) == merged(reference(line))


def test_bold_task_titles_read_as_before() -> None:
    assert [(r.text, r.bold, r.italic) for r in parse_inline("**1. Tuyên truyền.** Các *cấp ủy*_x")] == [
        ("1. Tuyên truyền.", True, False), (" Các ", False, False), ("cấp ủy", False, True), ("_x", False, False)]


def test_render_never_loads_markdown_it(tmp_path) -> None:
    script = ("import sys\nfrom dnnd_drafter.cli.entry import main\n"
              f"status = main(['render', {str(EXAMPLES / 'dang_cat_tien_492.json')!r}, '-o', sys.argv[1]])\n"
              "print('markdown_it' in sys.modules)\nsys.exit(status)\n")
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path / "x.docx")], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr
