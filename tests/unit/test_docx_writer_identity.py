"""The text .docx writer gives what the python-docx writer gives, part for part, byte for byte.

The app writes its .docx as text on a stored base package (writers/docx/writer.py), without
importing python-docx; the python-docx writer it replaced stays as the reference
(writers/docx/reference.py). Every example, its stress variants, the signature and seal
pictures and awkward text are written by both and compared; the base package is generated again
from python-docx and compared with the stored one, so neither can drift.
"""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from docx.image.image import Image

from dnnd_drafter.layout.blocks import Grid, LaidOutLetter, TextRun
from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.writers.docx import base_package, reference, writer, wordml
from dnnd_drafter.writers.docx.base_source import generate
from dnnd_drafter.writers.docx.images import image_size
from tests.conftest import EXAMPLES
from tests.unit.test_stress_letters import variants

EXAMPLE_PATHS = sorted(EXAMPLES.glob("*.json"))
CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"
_WHEN = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def parts(data: bytes) -> list[tuple[str, bytes]]:
    """Return the parts of a .docx in its order, the writing time in core.xml blanked."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None
        return [(name, _WHEN.sub(b"WHEN", package.read(name)) if name == "docProps/core.xml" else package.read(name))
                for name in package.namelist()]


def assert_same(letter: LaidOutLetter, title: str = "", author: str = "") -> None:
    """Assert that both writers give the same parts, in the same order, for `letter`."""
    ours, theirs = parts(writer.to_bytes(letter, title, author)), parts(reference.to_bytes(letter, title, author))
    assert [name for name, _ in ours] == [name for name, _ in theirs]
    for (name, mine), (_, expected) in zip(ours, theirs):
        assert mine == expected, name


def test_the_stored_base_package_is_what_python_docx_gives_today() -> None:
    assert generate() == base_package.parts(), "run scripts/make_docx_base.py"


@pytest.mark.parametrize("path", EXAMPLE_PATHS, ids=[p.stem for p in EXAMPLE_PATHS])
def test_every_example_and_its_stress_drafts_are_written_as_python_docx_wrote_them(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for variant in (data, *variants(data).values()):
        draft = model.from_dict(variant)
        assert_same(laid_out(draft), draft.subject, draft.issuer.name)


def png(width: int, height: int) -> bytes:
    """Return a one-colour PNG of `width` × `height` pixels."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">L", len(body)) + kind + body + struct.pack(">L", zlib.crc32(kind + body))
    rows = b"".join(b"\x00" + b"\x00\x00\xff" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">LLBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def jpeg_header(width: int, height: int) -> bytes:
    """Return the markers of a JFIF JPEG up to its frame header (what both readers read)."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x01" + struct.pack(">HH", 96, 96) + b"\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


IMAGES = {
    "signature.png": png(60, 30),
    "seal & co.jpg": jpeg_header(40, 40),
    "seal.gif": b"GIF89a" + struct.pack("<HH", 50, 45) + b"\x00\x00\x00;",
    "seal.bmp": b"BM" + b"\x00" * 16 + struct.pack("<LL", 33, 44) + b"\x00" * 40,
}


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_image_sizes_are_read_as_python_docx_reads_them(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(IMAGES[name])
    image = Image.from_file(str(path))
    assert image_size(str(path)) == (image.px_width, image.px_height)


@pytest.mark.parametrize("signature, seal", [("signature.png", "seal & co.jpg"), ("signature.png", "signature.png"),
                                             ("", "seal.gif"), ("signature.png", "seal.bmp")])
def test_signature_and_seal_pictures_are_written_as_python_docx_wrote_them(signature: str, seal: str,
                                                                            tmp_path: Path) -> None:
    for name, data in IMAGES.items():
        (tmp_path / name).write_bytes(data)
    draft = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    draft["signature"].update(image=str(tmp_path / signature) if signature else "",
                              seal=str(tmp_path / seal), show_images=True)
    letter = laid_out(model.from_dict(draft))
    assert len(letter.images) == (2 if signature else 1)
    assert_same(letter, "Về việc <b> & \"c\"", "HUYỆN ỦY")


AWKWARD = [" leading and trailing\u00a0", "a & b < c > d \"e\" 'f'", "tab\there\tand\t", "line\nbreak\n",
           "12\u2011CT/TW", "carriage\rreturn", "", "\t", "\n"]


def with_awkward_text(letter: LaidOutLetter, texts: list[str]) -> LaidOutLetter:
    """Return `letter` whose first body paragraph holds one run per text, in every format."""
    body = letter.find("body")[0]
    runs = tuple(TextRun(text, 13.5 + i % 2, bold=i % 2 == 0, italic=i % 3 == 0, underline=i % 4 == 0)
                 for i, text in enumerate(texts))
    odd = replace(body, runs=runs, left_mm=-3.3, right_mm=2.25, first_mm=-7.77, tab_mm=12.345,
                  line_exact_pt=17.3, space_before_pt=2.7, align="right", keep_next=True)
    ruled = replace(body, runs=(), rule_mm=40.0, align="center")
    grid = Grid("extra", (30.0, 45.5), (((odd, ruled), ()),), keep_together=True)
    blocks = tuple(odd if block is body else block for block in letter.blocks) + (grid,)
    return replace(letter, blocks=blocks, font='Times "New" & <Roman>')


def test_awkward_text_formats_and_names_are_escaped_as_lxml_escapes_them() -> None:
    draft = model.from_dict(json.loads(CAT_TIEN.read_text(encoding="utf-8")))
    assert_same(with_awkward_text(laid_out(draft), AWKWARD), "A & <B>\r\n", 'tab\t"quote"')


def test_characters_xml_forbids_are_dropped_where_python_docx_would_fail() -> None:
    draft = model.from_dict(json.loads(CAT_TIEN.read_text(encoding="utf-8")))
    letter = with_awkward_text(laid_out(draft), ["bell\x07 and \x0b tab\ufffe\ud800"])
    with pytest.raises(ValueError):
        reference.to_bytes(letter)
    document = dict(parts(writer.to_bytes(letter)))["word/document.xml"].decode("utf-8")
    assert "<w:t>bell and  tab</w:t>" in document
    assert wordml.text("a\x00b\x1fc") == "abc"


def test_the_package_opens_in_python_docx_with_the_letters_text() -> None:
    import docx

    draft = model.from_dict(json.loads(CAT_TIEN.read_text(encoding="utf-8")))
    document = docx.Document(io.BytesIO(writer.to_bytes(laid_out(draft), draft.subject, draft.issuer.name)))
    assert document.core_properties.title == " ".join(draft.subject.split())
    assert "HUYỆN ỦY CÁT TIÊN" in document.tables[0].cell(0, 0).text
