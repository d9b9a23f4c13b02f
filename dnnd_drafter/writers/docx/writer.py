"""Write a laid-out letter as a .docx: the base package, our document.xml, headers and images.

The parts no letter changes come from the base package (:mod:`base_package`, python-docx's own
output); ``word/document.xml``, the page-number header, the core properties and the pictures
are written here as text (:mod:`wordml`). The result is what the python-docx writer
(:mod:`reference`) gives for the same letter, part for part, without importing python-docx and
lxml (most of a ``dnnd-drafter render`` process's time): tests/unit/test_docx_writer_identity.py
compares the two on every example.
"""

from __future__ import annotations

import time
import unicodedata
from pathlib import Path

from dnnd_drafter import __version__
from dnnd_drafter.files import atomic
from dnnd_drafter.layout.blocks import Grid, LaidOutLetter
from dnnd_drafter.writers.docx import base_package, wordml
from dnnd_drafter.writers.docx.images import NAMES, Picture, read_picture, signing_space

CORE_PROPERTY_LIMIT = 255  # characters python-docx accepts in a core property (title, author)
IMAGE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
DEFAULT_TYPES = {"rels": "application/vnd.openxmlformats-package.relationships+xml", "xml": "application/xml"}
TEMPLATED = {"word/document.xml", "word/header1.xml", "word/_rels/document.xml.rels", "[Content_Types].xml",
             "docProps/app.xml", "docProps/core.xml"}


def core_property_text(text: str, limit: int = CORE_PROPERTY_LIMIT) -> str:
    """Return `text` on one line, cut at a word boundary to at most `limit` characters.

    python-docx, Word and file managers cap a core property (title, author) at 255 characters;
    a cut text ends with "…". Only the file's properties are shortened, never the letter.
    """
    line = " ".join(unicodedata.normalize("NFC", text).split())
    if len(line) <= limit:
        return line
    cut = line[:limit - 1]
    if " " in cut and not line[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


def _next_r_id(used: set[str]) -> str:
    """Return the first free relationship id, as python-docx chooses it."""
    return next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)


def _pictures(letter: LaidOutLetter, rels: str) -> tuple[dict[tuple[int, int, int, int], str], list[Picture], str]:
    """Return the picture runs by (block, row, column, paragraph), the image parts and their relationships."""
    place = signing_space(letter)
    if place is None:
        return {}, [], ""
    block, column, index, geometry = place
    used = set(wordml.RELATIONSHIP_ID.findall(rels))
    parts: list[Picture] = []
    r_ids: list[str] = []
    runs, relationships = [], []
    for z, (key, box) in enumerate(geometry.items(), start=1):
        picture = read_picture(letter.images[key])
        same = next((i for i, part in enumerate(parts) if part.data == picture.data), None)
        if same is None:  # python-docx keeps one part per distinct image
            r_id = _next_r_id(used)
            used.add(r_id)
            parts.append(picture)
            r_ids.append(r_id)
            relationships.append(f'<Relationship Id="{r_id}" Type="{IMAGE_RELATIONSHIP}" '
                                 f'Target="media/image{len(parts)}.{picture.ext}"/>')
        else:
            r_id = r_ids[same]
        runs.append(wordml.picture(z, z, NAMES[key], picture.filename, r_id, box))
    return {(block, 0, column, index): "".join(runs)}, parts, "".join(relationships)


def _body(letter: LaidOutLetter, pictures: dict[tuple[int, int, int, int], str]) -> str:
    """Return the blocks of `letter` as WordprocessingML."""
    page = letter.page
    text_width = page.width_mm - page.left_mm - page.right_mm
    out = []
    for number, block in enumerate(letter.blocks):
        if isinstance(block, Grid):
            mine = {key[1:]: run for key, run in pictures.items() if key[0] == number}
            out.append(wordml.grid(block, letter.font, mine))
        else:
            out.append(wordml.paragraph(block, text_width, letter.font))
    return "".join(out)


def package_parts(letter: LaidOutLetter, title: str = "", author: str = "") -> list[tuple[str, bytes]]:
    """Return the parts of the .docx of `letter` (name, bytes), in python-docx's order."""
    base = base_package.parts()
    font = wordml.attribute(letter.font)
    body_size = max((p.size for p in letter.find("body")), default=letter.page_number_size)
    pictures, images, relationships = _pictures(letter, base["word/_rels/document.xml.rels"])
    defaults = dict(DEFAULT_TYPES, **{picture.ext: picture.content_type for picture in images})
    page = letter.page
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    issuer = wordml.text(core_property_text(author))
    values = {
        "font": font, "body": _body(letter, pictures), "images": relationships,
        "page_width": wordml.twips(wordml.emu_mm(page.width_mm)),
        "page_height": wordml.twips(wordml.emu_mm(page.height_mm)),
        "top": wordml.twips(wordml.emu_mm(page.top_mm)), "bottom": wordml.twips(wordml.emu_mm(page.bottom_mm)),
        "left": wordml.twips(wordml.emu_mm(page.left_mm)), "right": wordml.twips(wordml.emu_mm(page.right_mm)),
        "header": wordml.twips(wordml.emu_mm(page.header_distance_mm)),
        "page_number_sz": wordml.half_points(letter.page_number_size),
        "defaults": "".join(f'<Default Extension="{ext}" ContentType="{kind}"/>'
                            for ext, kind in sorted(defaults.items())),
        "application": wordml.text(f"DNND Drafter {__version__}"), "created": now, "modified": now,
        "title": wordml.text(core_property_text(title)), "author": issuer,
    }
    out = []
    for name, template in base.items():
        if name == "word/styles.xml":
            data = base_package.styles(font, wordml.half_points(body_size))
        elif name in TEMPLATED:
            data = base_package.filled(template, values).encode("utf-8")
        else:
            data = base_package.fixed(name)
        out.append((name, data))
    out += [(f"word/media/image{n}.{picture.ext}", picture.data) for n, picture in enumerate(images, start=1)]
    return out


def to_bytes(letter: LaidOutLetter, title: str = "", author: str = "") -> bytes:
    """Return the .docx bytes of `letter`."""
    from dnnd_drafter.writers.docx import zipped

    return zipped.pack(package_parts(letter, title, author))


def write_letter(letter: LaidOutLetter, target: str | Path, title: str = "", author: str = "") -> Path:
    """Write the laid-out `letter` as a .docx at `target` (atomically); return the path."""
    return atomic.write_bytes(target, to_bytes(letter, title, author))
