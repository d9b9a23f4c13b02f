"""Turn text typed in the old Vietnamese fonts (TCVN3 ``.VnTime``, VNI ``VNI-Times``) into Unicode.

Used by the checker (:func:`dnnd_drafter.checker.regions.build_page`) and the Word reader, each
once on the items it read, so both see the letter's words (the checker still reports the font).

Before Unicode, clerks typed with fonts whose glyphs put Vietnamese letters on other characters:
Word keeps such text as those characters (``Bé Chý tÞch`` for ``Bộ Chỉ tịch`` in ``.VnTime``).
The tables live in ``resources/text/legacy-vietnamese.toml`` with their sources. A run is
converted only when its font is one of those fonts: TCVN3 character by character (a ``.Vn…H``
font shows every letter as a capital), VNI by the longest sequence first (a letter and its mark
character, e.g. ``eä`` → ``ệ``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.checker.page import Table
from dnnd_drafter.checker.paragraphs import Para, Run
from dnnd_drafter.model.vietnamese import nfc

TABLES = "text/legacy-vietnamese.toml"
TCVN3_PREFIX, VNI_PREFIX = ".vn", "vni"
FONT_SLOTS = ("hAnsi", "ascii")   # Word draws the letters above 0x7F with the hAnsi font


@dataclass
class Converted:
    """Hold what was converted: the first old font whose text changed and how many runs changed."""

    font: str = ""
    runs: int = 0


@cache
def _tables() -> dict[str, dict[str, str]]:
    """Return the conversion tables by encoding (``tcvn3``, ``vni``)."""
    return tomllib.loads(resources.read_text("data", TABLES))


def encoding_of(font: str | None) -> str:
    """Return the old encoding font `font` is made for (``tcvn3``, ``vni``), or ``""``."""
    name = (font or "").strip().lower()
    if name.startswith(TCVN3_PREFIX):
        return "tcvn3"
    if name.startswith(VNI_PREFIX) and name[3:4] in ("-", " ", "_"):
        return "vni"
    return ""


def convert(text: str, encoding: str, capitals: bool = False) -> str:
    """Return `text`, typed for an old font of `encoding`, in Unicode (`capitals` for ``.Vn…H`` fonts)."""
    table = _tables()[encoding]
    if encoding == "tcvn3":
        out = "".join(table.get(ch, ch) for ch in text)
    else:
        pieces, index = [], 0
        while index < len(text):
            pair = text[index:index + 2]
            if len(pair) == 2 and pair in table:
                pieces.append(table[pair])
                index += 2
            else:
                pieces.append(table.get(text[index], text[index]))
                index += 1
        out = "".join(pieces)
    return nfc(out.upper() if capitals else out)


def _font(run: Run) -> str:
    """Return the font the letters of `run` are drawn with."""
    fonts = dict(run.fmt.fonts)
    return next((fonts[slot] for slot in FONT_SLOTS if fonts.get(slot)), "") or ""


def convert_paragraphs(paras: list[Para], done: Converted) -> None:
    """Convert in place every run of `paras` (and of their text boxes) set in an old font."""
    for para in paras:
        for run in para.runs:
            font = _font(run)
            encoding = encoding_of(font)
            if encoding and run.text.strip():
                capitals = encoding == "tcvn3" and font.rstrip().lower().endswith("h")
                converted = convert(run.text, encoding, capitals)
                if converted != run.text:   # digits and plain letters read the same in any font
                    run.text = converted
                    done.font, done.runs = done.font or font, done.runs + 1
        for box in para.textboxes:
            convert_paragraphs(box.paragraphs, done)


def convert_items(items: list[Para | Table]) -> Converted:
    """Convert the text of the letter's paragraphs and tables set in old fonts; return what was done."""
    done = Converted()
    for item in items:
        convert_paragraphs(item.paragraphs() if isinstance(item, Table) else [item], done)
    return done
