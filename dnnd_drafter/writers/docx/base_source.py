"""Make the base package (resources/docx-base/) from what the python-docx writer gives.

The text writer (:mod:`~dnnd_drafter.writers.docx.writer`) copies the parts no letter changes
(styles, settings, font table, theme, numbering, ...) from this base and fills a few
placeholders (``%%name%%``) in the others. :func:`generate` writes a sentinel letter with the
python-docx writer and turns the letter's own values back into placeholders, so the base is
exactly python-docx's output; ``scripts/make_docx_base.py`` stores it and
tests/unit/test_docx_writer_identity.py regenerates it and compares, so it cannot drift.
Imports python-docx (through the reference writer): never on the render path.
"""

from __future__ import annotations

import io
import re
import zipfile

from dnnd_drafter.layout.blocks import LaidOutLetter, PageSetup
from dnnd_drafter.writers.docx import reference

SENTINEL_FONT = "DNND-SENTINEL-FONT"
# w:sz 66 in the page-number header and on the Normal style (a letter without body paragraphs
# takes the page number's size as its body size)
SENTINEL_PAGE_NUMBER_SIZE = 33.0
SENTINEL_TITLE, SENTINEL_AUTHOR = "%%title%%", "%%author%%"
# the letter's own values in each templated part: (pattern, placeholders of its groups)
_FILLS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "word/document.xml": (
        (r"<w:body>(.*?)<w:sectPr", ("body",)),
        (r'<w:pgSz w:w="(\d+)" w:h="(\d+)"/>', ("page_width", "page_height")),
        (r'<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)" w:header="(\d+)"',
         ("top", "right", "bottom", "left", "header")),
    ),
    "word/header1.xml": ((r'<w:sz w:val="(66)"/>', ("page_number_sz",)),),
    "word/styles.xml": ((r'w:styleId="Normal">.*?<w:sz w:val="(66)"/>', ("body_sz",)),),
    "word/_rels/document.xml.rels": ((r"(?<=/>)()</Relationships>$", ("images",)),),
    "[Content_Types].xml": ((r'<Types [^>]*>(<Default Extension="rels" [^>]*/><Default Extension="xml" [^>]*/>)',
                             ("defaults",)),),
    "docProps/app.xml": ((r"<Application>([^<]*)</Application>", ("application",)),),
    "docProps/core.xml": ((r"<dcterms:created [^>]*>([^<]*)</dcterms:created><dcterms:modified [^>]*>([^<]*)<",
                           ("created", "modified")),),
}


def sentinel_letter() -> LaidOutLetter:
    """Return an empty letter whose font and sizes are sentinels found again in the output."""
    page = PageSetup(210.0, 297.0, 20.0, 20.0, 30.0, 15.0, 10.0)
    return LaidOutLetter("dang", "sentinel", SENTINEL_FONT, page, (), SENTINEL_PAGE_NUMBER_SIZE)


def _templated(name: str, xml: str) -> str:
    """Return `xml` with the letter's values of part `name` replaced by placeholders."""
    xml = xml.replace(SENTINEL_FONT, "%%font%%")
    for pattern, names in _FILLS.get(name, ()):
        found = list(re.finditer(pattern, xml, re.DOTALL))
        if len(found) != 1:
            raise ValueError(f"{name}: {pattern!r} matched {len(found)} times")
        match = found[0]
        for group in range(len(names), 0, -1):
            xml = xml[:match.start(group)] + f"%%{names[group - 1]}%%" + xml[match.end(group):]
    return xml


def generate() -> dict[str, str]:
    """Return {part name: text} of the base package, in python-docx's order of the parts."""
    data = reference.to_bytes(sentinel_letter(), SENTINEL_TITLE, SENTINEL_AUTHOR)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: _templated(name, package.read(name).decode("utf-8")) for name in package.namelist()}
