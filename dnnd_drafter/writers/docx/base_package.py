"""Read the base package the text writer starts from (resources/docx-base/) and fill it in.

The base holds every part of the .docx python-docx wrote for us, in its order (``parts.txt``),
made by :mod:`~dnnd_drafter.writers.docx.base_source`; the parts a letter changes carry
placeholders (``%%font%%``, ``%%body%%`` …) that :func:`filled` replaces in one pass, so text
that happens to contain a placeholder is never read again.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dnnd_drafter.base import shipped_files

FOLDER = "docx-base"
_PLACEHOLDER = re.compile(r"%%(\w+)%%")


@lru_cache(maxsize=1)
def parts() -> dict[str, str]:
    """Return {part name: text} of the base package, in the package's order."""
    folder = shipped_files.locate("data", FOLDER)
    names = folder.joinpath("parts.txt").read_text(encoding="utf-8").split()
    return {name: folder.joinpath(*name.split("/")).read_text(encoding="utf-8") for name in names}


def filled(template: str, values: dict[str, str]) -> str:
    """Return `template` with each ``%%name%%`` replaced by ``values[name]``."""
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


@lru_cache(maxsize=8)
def styles(font: str, body_sz: str) -> bytes:
    """Return word/styles.xml with the letter's font on every style and its body size on Normal."""
    return filled(parts()["word/styles.xml"], {"font": font, "body_sz": body_sz}).encode("utf-8")


@lru_cache(maxsize=32)
def fixed(name: str) -> bytes:
    """Return the bytes of a part no letter changes."""
    return parts()[name].encode("utf-8")
