"""Validate every .docx the app writes against the OOXML schema, as Word reads it.

Word is strict about element order and offers to "repair" a file whose parts break the
schema, which a clerk takes for a broken letter. openxml-audit (a pure-Python port of the
Open XML SDK validator, a test dependency) checks every part of the package. No finding is
ignored: the heuristic stylesWithEffects findings that plain python-docx output carries are
gone because the writer drops that optional Office 2010 part.
"""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import write_docx
from tests.conftest import EXAMPLES

EXAMPLE_PATHS = sorted(EXAMPLES.glob("*.json"))


def write_png(path: Path, width: int, height: int, rgba: tuple[int, int, int, int]) -> Path:
    """Write a one-colour RGBA PNG of `width` x `height` at `path`."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgba) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))
    return path


def schema_findings(path: Path) -> list[str]:
    """Return every finding of the OOXML validator for the package at `path`."""
    result = OpenXmlValidator(max_errors=100).validate(str(path))
    return [str(error) for error in result.errors]


@pytest.mark.parametrize("images", [False, True], ids=["plain", "signature-images"])
@pytest.mark.parametrize("example", EXAMPLE_PATHS, ids=[p.stem for p in EXAMPLE_PATHS])
def test_every_generated_docx_validates_against_the_ooxml_schema(example: Path, images: bool,
                                                                   tmp_path: Path) -> None:
    data = json.loads(example.read_text(encoding="utf-8"))
    if images:
        data["signature"].update(image=str(write_png(tmp_path / "sig.png", 60, 30, (20, 40, 200, 255))),
                                 seal=str(write_png(tmp_path / "seal.png", 40, 40, (220, 0, 0, 160))),
                                 show_images=True)
    target = write_docx(model.from_dict(data), tmp_path / "letter.docx")
    assert schema_findings(target) == []


def test_the_families_and_kinds_of_the_examples_are_all_covered() -> None:
    seen = {(json.loads(p.read_text(encoding="utf-8"))["family"], json.loads(p.read_text(encoding="utf-8"))["kind"])
            for p in EXAMPLE_PATHS}
    assert {family for family, _ in seen} == {"dang", "nha_nuoc", "doan_the", "doan_tn"}
    assert {kind for _, kind in seen} == set(model.KINDS)
