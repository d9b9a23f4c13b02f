"""Turn the body paragraphs of a Word letter into the body Markdown the templates produce.

One paragraph (or one soft-broken line of it) becomes one line: ``- `` and ``+ `` items stay
items, a short paragraph set wholly in bold becomes a ``## `` heading, bold and italic runs
become ``**…**`` and ``*…*``, and every other markup character is escaped so it prints as
typed. Each line is parsed back and compared with the source; when emphasis cannot be written
faithfully the line is kept as plain text, so the words are never changed. A table inside the
body is not supported by the body format: each row becomes a line, its cells (emphasis kept)
separated by a tab, so the words stay those of the table, and the reader reports it.
"""

from __future__ import annotations

import re

from dnnd_drafter.compose import markup
from dnnd_drafter.checker.page import Table
from dnnd_drafter.checker.paragraphs import Para, Run
from dnnd_drafter.model.vietnamese import nfc

HEADING_CHARS = 120
ATTACHMENT = re.compile(r"^\(\s*(Kèm theo.*?)\s*\)\s*\.?$", re.IGNORECASE | re.DOTALL)
CLOSING_STARTS = ("trân trọng", "đề nghị", "rất mong", "yêu cầu", "nhận được công văn")
_INLINE = re.compile(r"([\\*_`\[\]<>&])")
_MARKERS = {"-": "- ", "–": "- ", "+": "+ "}
PUNCTUATION = ".,;:!?…()[]“”\"'‘’/-–"


def escape_inline(text: str) -> str:
    """Return `text` with the inline markup characters escaped."""
    return _INLINE.sub(r"\\\1", text)


def _pieces(runs: list[Run]) -> list[list[tuple[str, bool, bool]]]:
    """Return the runs cut at line breaks: one list of (text, bold, italic) per visual line."""
    lines: list[list[tuple[str, bool, bool]]] = [[]]
    for run in runs:
        parts = nfc(run.text).replace("\t", " ").split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append((part, bool(run.fmt.bold), bool(run.fmt.italic)))
    return [line for line in lines if "".join(t for t, _, _ in line).strip()]


def _emphasis(text: str, bold: bool, italic: bool, loose: bool = False) -> str:
    """Return one stretch of text with its emphasis markers, spaces kept outside them.

    With `loose`, punctuation at either end is left outside the markers too: ``Nhiệm vụ 1:``
    in bold right before a word cannot be closed in Markdown, ``Nhiệm vụ 1``: can.
    """
    core = text.strip()
    if not core or not (bold or italic):
        return escape_inline(text)
    lead, tail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    if loose:
        inner = core.strip(PUNCTUATION)
        if inner:
            start = core.index(inner)
            lead, tail = lead + core[:start], core[start + len(inner):] + tail
            core = inner
    mark = ("**" if bold else "") + ("*" if italic else "")
    return f"{escape_inline(lead)}{mark}{escape_inline(core)}{mark[::-1]}{escape_inline(tail)}"


def _line(pieces: list[tuple[str, bool, bool]]) -> str:
    """Return the Markdown line of one visual line of a paragraph."""
    merged: list[tuple[str, bool, bool]] = []
    for text, bold, italic in pieces:
        if merged and merged[-1][1:] == (bold, italic):
            merged[-1] = (merged[-1][0] + text, bold, italic)
        else:
            merged.append((text, bold, italic))
    plain = re.sub(r"\s+", " ", "".join(t for t, _, _ in merged)).strip()
    marker = ""
    first = plain[:1]
    if first in _MARKERS and plain[1:2] == " ":
        marker, plain = _MARKERS[first], plain[2:].lstrip()
        merged = _drop_prefix(merged, 2)
    if all(b for t, b, _ in merged if t.strip()) and len(plain) <= HEADING_CHARS and not marker:
        return "## " + _checked([(t, False, i) for t, _, i in merged], plain)
    if not marker and plain.startswith(("- ", "+ ", "## ")):
        return "\\" + _checked(merged, plain)
    return marker + _checked(merged, plain)


def _drop_prefix(pieces: list[tuple[str, bool, bool]], count: int) -> list[tuple[str, bool, bool]]:
    """Return `pieces` without their first `count` visible characters (the item marker)."""
    out: list[tuple[str, bool, bool]] = []
    for text, bold, italic in pieces:
        if count:
            stripped = text.lstrip()
            cut = min(count, len(stripped))
            text, count = stripped[cut:], count - cut
        if text:
            out.append((text, bold, italic))
    if out:
        out[0] = (out[0][0].lstrip(), out[0][1], out[0][2])
    return out


def _checked(pieces: list[tuple[str, bool, bool]], plain: str) -> str:
    """Return the pieces as inline Markdown, or escaped plain text when emphasis would not survive.

    The emphasis is written as it stands, else with the punctuation at its ends left plain.
    """
    for loose in (False, True):
        text = re.sub(r"[ ]{2,}", " ", "".join(_emphasis(t, b, i, loose) for t, b, i in pieces)).strip()
        runs = markup.parse_inline(text)
        if "".join(r.text for r in runs) == plain and "**" not in "".join(r.text for r in runs):
            return text
    return escape_inline(plain)


def paragraph_lines(para: Para) -> list[str]:
    """Return the Markdown lines of one body paragraph (several when it has soft line breaks)."""
    return [_line(pieces) for pieces in _pieces(para.runs)]


def _cell(paras: list[Para]) -> str:
    """Return the inline Markdown of one table cell: its paragraphs joined by spaces, emphasis kept."""
    pieces = [piece for para in paras for line in _pieces(para.runs) for piece in line + [(" ", False, False)]]
    plain = re.sub(r"\s+", " ", "".join(t for t, _, _ in pieces)).strip()
    return _checked(pieces, plain) if plain else ""


def table_lines(table: Table) -> list[str]:
    """Return one line per table row, its cells separated by a tab (a leading marker made literal)."""
    out = []
    for row in table.rows:
        cells = [_cell(paras) for _, _, paras in row]
        while cells and not cells[-1]:
            cells.pop()
        line = "\t".join(cells)
        if line.strip():
            out.append("\\" + line if line[:1] in _MARKERS or line.startswith("#") else line)
    return out


def plain_text(line: str) -> str:
    """Return the text a Markdown body line prints (marker included)."""
    blocks = markup.parse_blocks(line)
    prefix = {"dash": "- ", "plus": "+ "}
    return " ".join(prefix.get(b.kind, "") + b.text for b in blocks)


def split_notes(lines: list[str]) -> tuple[list[str], str, str]:
    """Return the body lines without the closing and the attachment note, then those two."""
    attachment = closing = ""
    if lines:
        match = ATTACHMENT.match(plain_text(lines[-1]).strip())
        if match:
            attachment = match.group(1).strip().rstrip(".")
            lines = lines[:-1]
    if lines and not lines[-1].startswith(("- ", "+ ", "## ")):
        last = plain_text(lines[-1]).strip()
        if last.lower().startswith(CLOSING_STARTS) or last.endswith("./."):
            closing, lines = lines[-1], lines[:-1]
    return lines, closing, attachment
