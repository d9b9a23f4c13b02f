"""Write a laid-out letter as a .docx: the base package, our document.xml, headers and images.

The parts no letter changes come from the base package (:mod:`base_package`, python-docx's own
output); ``word/document.xml``, the page-number header, the core properties and the pictures
are written here as text (:mod:`wordml`). The result is what the python-docx writer
(:mod:`reference`) gives for the same letter, part for part, without importing python-docx and
lxml (most of a ``dnnd-drafter render`` process's time): tests/unit/test_docx_writer_identity.py
compares the two on every example. :func:`pack` zips the parts as :mod:`zipfile` did for
python-docx (deflated, the local time of writing, read-write for the owner), in one pass over
in-memory parts with nothing but ``zlib`` and ``struct``.
"""

from __future__ import annotations

import struct
import time
import unicodedata
import zlib
from collections.abc import Iterable
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
_LOCAL = struct.Struct("<4sHHHHHLLLHH")
_CENTRAL = struct.Struct("<4sBBHHHHHLLLHHHHHLL")
_END = struct.Struct("<4sHHHHLLH")
_VERSION = 20  # 2.0: deflate
_UNIX = 3
_OWNER_READ_WRITE = 0o600 << 16


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


def _dos_time(moment: time.struct_time) -> tuple[int, int]:
    """Return the MS-DOS (time, date) fields of `moment`."""
    dos_time = moment.tm_hour << 11 | moment.tm_min << 5 | moment.tm_sec // 2
    dos_date = (moment.tm_year - 1980) << 9 | moment.tm_mon << 5 | moment.tm_mday
    return dos_time, dos_date


def pack(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """Return a ZIP archive holding `parts` (name, data), each compressed with deflate."""
    dos_time, dos_date = _dos_time(time.localtime())
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in parts:
        encoded = name.encode("ascii")
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        crc = zlib.crc32(data)
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, zlib.DEFLATED, dos_time, dos_date, crc,
                             len(packed), len(data), len(encoded), 0)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, zlib.DEFLATED, dos_time,
                                     dos_date, crc, len(packed), len(data), len(encoded), 0, 0, 0, 0,
                                     _OWNER_READ_WRITE, offset) + encoded)
        out += (header, encoded, packed)
        offset += len(header) + len(encoded) + len(packed)
    directory = b"".join(central)
    out.append(directory)
    out.append(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0))
    return b"".join(out)


def to_bytes(letter: LaidOutLetter, title: str = "", author: str = "") -> bytes:
    """Return the .docx bytes of `letter`."""
    return pack(package_parts(letter, title, author))


def write_letter(letter: LaidOutLetter, target: str | Path, title: str = "", author: str = "") -> Path:
    """Write the laid-out `letter` as a .docx at `target` (atomically); return the path."""
    return atomic.write_bytes(target, to_bytes(letter, title, author))
