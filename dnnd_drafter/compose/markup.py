"""Parse the small Markdown subset of letter bodies into blocks of styled runs.

Blocks are line based: every non-empty line is one block. ``- `` starts a dashed item, ``+ ``
a plus item, ``## `` a heading; anything else is a paragraph. Inside a line, ``**bold**``,
``*italic*`` and backslash escapes are read by CommonMark's rules (:mod:`emphasis`, a port of
markdown-it-py's), so a lone ``*`` or ``#`` stays literal. Jinja syntax is never read here:
``{{`` is plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dnnd_drafter.compose.emphasis import inline_tokens


@dataclass(frozen=True)
class Run:
    """Hold a stretch of text with one emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Block:
    """Hold one body block: its kind (``para``, ``dash``, ``plus``, ``heading``) and runs."""

    kind: str
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        """Return the plain text of the block."""
        return "".join(run.text for run in self.runs)


_MARKERS = (("- ", "dash"), ("+ ", "plus"), ("## ", "heading"))
_UNDERSCORE = re.compile(r"(?<!\\)_")
_ESCAPE = re.compile(r"([\\*_`\[\]<>&])")


@lru_cache(maxsize=4096)  # the preview parses the same unchanged lines after every pause
def parse_inline(text: str, bold: bool = False, italic: bool = False) -> tuple[Run, ...]:
    """Return the runs of one line of inline markup; `bold`/`italic` apply to all of it."""
    if not text:
        return ()
    if not any(ch in text for ch in "*_\\"):
        return (Run(text, bold, italic),)
    text = _UNDERSCORE.sub(r"\\_", text)  # only * marks emphasis; _ always prints as typed
    runs: list[Run] = []
    depth = {"strong": 0, "em": 0}
    for kind, content in inline_tokens(text):
        if kind in ("strong_open", "em_open"):
            depth[kind[:-5]] += 1
        elif kind in ("strong_close", "em_close"):
            depth[kind[:-6]] -= 1
        elif content:
            run = Run(content, bold or depth["strong"] > 0, italic or depth["em"] > 0)
            if runs and (runs[-1].bold, runs[-1].italic) == (run.bold, run.italic):
                runs[-1] = Run(runs[-1].text + run.text, run.bold, run.italic)
            else:
                runs.append(run)
    return tuple(runs)


def parse_blocks(text: str) -> list[Block]:
    """Return the blocks of a multi-line markup `text`."""
    blocks: list[Block] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        kind = "para"
        for marker, name in _MARKERS:
            if line.startswith(marker):
                kind, line = name, line[len(marker):].strip()
                break
        blocks.append(Block(kind, parse_inline(line)))
    return blocks


def escape(text: str) -> str:
    """Return `text` with every markup character escaped, so it prints literally."""
    escaped = _ESCAPE.sub(r"\\\1", text)
    return "\n".join(_escape_line_start(line) for line in escaped.split("\n"))


def _escape_line_start(line: str) -> str:
    """Return `line` with a leading block marker (``-``, ``+``, ``#``) made literal."""
    stripped = line.lstrip()
    return "\\" + stripped if stripped[:1] in ("-", "+", "#") else line


_PUNCTUATION = ".,;:!?…()[]“”\"'‘’/-–"


def _emphasised(run: Run, loose: bool) -> list[Run]:
    """Return one run cut into the pieces its markers go around: spaces (and with `loose`, end
    punctuation) plain outside them, the core with the run's emphasis."""
    core = run.text.strip()
    if not core or not (run.bold or run.italic):
        return [Run(run.text)]
    lead, tail = run.text[: len(run.text) - len(run.text.lstrip())], run.text[len(run.text.rstrip()):]
    inner = core.strip(_PUNCTUATION) if loose else core
    if inner:
        start = core.index(inner)
        lead, tail, core = lead + core[:start], core[start + len(inner):] + tail, inner
    return [piece for piece in (Run(lead), Run(core, run.bold, run.italic), Run(tail)) if piece.text]


def _written(piece: Run) -> str:
    """Return one piece with its markers, its markup characters escaped."""
    mark = ("**" if piece.bold else "") + ("*" if piece.italic else "")
    return f"{mark}{escape_inline(piece.text)}{mark[::-1]}"


def write_inline(runs: tuple[Run, ...] | list[Run]) -> str:
    """Return inline markup that parses back to `runs`; emphasis the rules cannot close is left
    out (first only at end punctuation, moved outside the markers), never a word."""
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        elif run.text:
            merged.append(run)
    for loose in (False, True):
        pieces = [piece for run in merged for piece in _emphasised(run, loose)]
        text = "".join(_written(piece) for piece in pieces)
        if _same_runs(parse_inline(text), pieces):
            return text
    return escape_inline("".join(run.text for run in merged))


def _same_runs(parsed: tuple[Run, ...], pieces: list[Run]) -> bool:
    """Return whether `parsed` has the text of `pieces` and their emphasis on every non-space."""
    def flags(runs: tuple[Run, ...] | list[Run]) -> list[tuple[bool, bool]]:
        return [(r.bold, r.italic) for r in runs for ch in r.text if not ch.isspace()]
    return "".join(r.text for r in parsed) == "".join(r.text for r in pieces) and flags(parsed) == flags(pieces)


def escape_inline(text: str) -> str:
    """Return `text` with the inline markup characters escaped (line-start markers left as typed)."""
    return _ESCAPE.sub(r"\\\1", text)
