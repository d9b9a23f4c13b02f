"""Put the signer's signature and the seal into the signing space, for electronic copies.

NĐ 30/2020 Phụ lục I (II.7–8): the signature image sits centred in the signing space and the
seal image overlaps about the left third of the signature. :func:`signature_geometry` computes
that placement once (in mm, relative to the signing space) for the .docx, the preview and the
PDF alike; :func:`add_signature_images` writes it into a python-docx document as floating
pictures anchored in the signature grid's right cell (the reference writer; the text writer
places them with :func:`signing_space`). :func:`read_picture` reads an image file's format and
pixel size without python-docx. Qt-free.
"""

from __future__ import annotations

import copy
import os
import struct
from typing import TYPE_CHECKING, NamedTuple

from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.layout.blocks import Grid, LaidOutLetter, Para

if TYPE_CHECKING:  # python-docx is imported where it is used: the preview never needs it
    import docx
    from docx.table import Table

SEAL_TO_SPACE = 1.5  # the seal is about one and a half times as tall as the signing space
SIGNATURE_MAX_WIDTH = 0.8  # of the signing column
SEAL_OVERLAP = 1 / 3  # the seal covers the left third of the signature
NAMES = {"signature": "dnnd-signature", "seal": "dnnd-seal"}
Rect = tuple[float, float, float, float]


class Picture(NamedTuple):
    """Hold an image file as a .docx part needs it: bytes, format, pixel size and file name."""

    data: bytes
    ext: str
    content_type: str
    px_width: int
    px_height: int
    filename: str


def _png_size(data: bytes) -> tuple[int, int]:
    """Return the pixel size in the IHDR chunk of a PNG."""
    at = 8
    while at + 8 <= len(data):
        length, kind = struct.unpack_from(">L4s", data, at)
        if kind == b"IHDR":
            width, height = struct.unpack_from(">LL", data, at + 8)
            return width, height
        at += 12 + length
    raise ValueError("no IHDR chunk in PNG image")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    """Return the pixel size in the first start-of-frame marker of a JPEG."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            at += 1
            continue
        marker = data[at + 1]
        if marker == 0xFF or marker in _STANDALONE:
            at += 1 if marker == 0xFF else 2
            continue
        if marker in _SOF:
            height, width = struct.unpack_from(">HH", data, at + 5)
            return width, height
        at += 2 + struct.unpack_from(">H", data, at + 2)[0]
    raise ValueError("no start-of-frame marker in JPEG image")


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_STANDALONE = {0x01, *range(0xD0, 0xDA)}


def read_picture(path: str) -> Picture:
    """Return the image at `path` with its format and size; raise when it is no PNG, JPEG, GIF or BMP.

    The formats and what is read of them are python-docx's (``docx.image``), which the .docx
    writer no longer imports: the part's extension and content type, the pixel size. A TIFF,
    which python-docx also reads, is left to it.
    """
    with open(path, "rb") as stream:
        data = stream.read()
    name = os.path.basename(path)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Picture(data, "png", "image/png", *_png_size(data), name)
    if data[6:10] in (b"JFIF", b"Exif"):
        return Picture(data, "jpg", "image/jpeg", *_jpeg_size(data), name)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        width, height = struct.unpack_from("<HH", data, 6)
        return Picture(data, "gif", "image/gif", width, height, name)
    if data[:2] == b"BM":
        width, height = struct.unpack_from("<LL", data, 0x12)
        return Picture(data, "bmp", "image/bmp", width, height, name)
    if data[:4] in (b"MM\x00*", b"II*\x00"):
        from docx.image.image import Image  # python-docx reads TIFF's many layouts

        image = Image.from_blob(data)
        return Picture(data, "tiff", "image/tiff", image.px_width, image.px_height, name)
    raise ValueError(f"unrecognised image: {path}")


def image_size(path: str, strict: bool = True) -> tuple[int, int] | None:
    """Return the pixel size of the image at `path`; raise (or return None) when unreadable."""
    try:
        picture = read_picture(path)
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same message
        if strict:
            raise OutputError(f"Không đọc được ảnh “{path}”. Hãy chọn một tệp PNG hợp lệ "
                              "cho chữ ký hoặc con dấu.") from exc
        return None
    return picture.px_width, picture.px_height


def signature_geometry(images: dict[str, str], width_mm: float, height_mm: float,
                       strict: bool = False) -> dict[str, Rect]:
    """Return {key: (x, y, w, h)} in mm from the signing space's top left, seal last."""
    read = {k: image_size(images[k], strict) for k in ("signature", "seal") if images.get(k)}
    sizes = {k: v for k, v in read.items() if v and v[0] > 0 and v[1] > 0}
    out: dict[str, Rect] = {}
    if "signature" in sizes:
        px_w, px_h = sizes["signature"]
        h = height_mm
        w = h * px_w / px_h
        if w > width_mm * SIGNATURE_MAX_WIDTH:
            w = width_mm * SIGNATURE_MAX_WIDTH
            h = w * px_h / px_w
        out["signature"] = ((width_mm - w) / 2, (height_mm - h) / 2, w, h)
    if "seal" in sizes:
        px_w, px_h = sizes["seal"]
        h = height_mm * SEAL_TO_SPACE
        w = h * px_w / px_h
        if "signature" in out:
            sx, _, sw, _ = out["signature"]
            x = sx + sw * SEAL_OVERLAP - w
        else:
            x = (width_mm - w) / 2
        out["seal"] = (x, (height_mm - h) / 2, w, h)
    return out


def signing_space(letter: LaidOutLetter) -> tuple[int, int, int, dict[str, Rect]] | None:
    """Return where the images of `letter` go: (block index, column, paragraph index, geometry).

    The block is the last grid whose signing column reads like the signature grid's (where the
    reference writer looks for its table); None when the letter carries no images or no
    signing space. Raises OutputError for an unreadable image.
    """
    if not letter.images:
        return None
    grid = letter.grid("signature")
    column = next((c for c, paras in enumerate(grid.rows[0])
                   if any(p.role == "signing_space" for p in paras)), None)
    if column is None:
        return None
    wanted = [p.text for p in grid.rows[0][column]]
    place = next((i for i in range(len(letter.blocks) - 1, -1, -1)
                  if _reads_like(letter.blocks[i], column, len(grid.widths_mm), wanted)), None)
    if place is None:
        return None
    paras = grid.rows[0][column]
    index = next(i for i, p in enumerate(paras) if p.role == "signing_space")
    line_mm = sum(_line_mm(p) for p in paras if p.role == "signing_space")
    return place, column, index, signature_geometry(letter.images, grid.widths_mm[column], line_mm, strict=True)


def _reads_like(block: object, column: int, columns: int, wanted: list[str]) -> bool:
    """Return whether `block` is a grid of `columns` columns whose cell (0, `column`) reads `wanted`."""
    if not isinstance(block, Grid) or len(block.widths_mm) != columns:
        return False
    return ([p.text for p in block.rows[0][column]] or [""]) == wanted


def _signature_table(document: docx.document.Document, grid: Grid, column: int) -> Table | None:
    """Return the table that holds `grid`, recognised by the text of its signing column."""
    wanted = [p.text for p in grid.rows[0][column]]
    for table in reversed(document.tables):
        if len(table.columns) != len(grid.widths_mm):
            continue
        if [p.text for p in table.cell(0, column).paragraphs] == wanted:
            return table
    return None


def _anchor(inline: object, x_mm: float, y_mm: float, z: int) -> object:
    """Return a floating wp:anchor made from a python-docx wp:inline, placed at (x, y) mm."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    anchor = OxmlElement("wp:anchor")
    for key, value in (("distT", "0"), ("distB", "0"), ("distL", "0"), ("distR", "0"),
                       ("simplePos", "0"), ("relativeHeight", str(z)), ("behindDoc", "0"),
                       ("locked", "0"), ("layoutInCell", "1"), ("allowOverlap", "1")):
        anchor.set(key, value)
    simple = OxmlElement("wp:simplePos")
    simple.set("x", "0")
    simple.set("y", "0")
    anchor.append(simple)
    for tag, relative, at_mm in (("wp:positionH", "column", x_mm), ("wp:positionV", "paragraph", y_mm)):
        position = OxmlElement(tag)
        position.set("relativeFrom", relative)
        offset = OxmlElement("wp:posOffset")
        offset.text = str(int(Mm(at_mm)))
        position.append(offset)
        anchor.append(position)
    anchor.append(copy.deepcopy(inline.find(qn("wp:extent"))))  # type: ignore[attr-defined] # python-docx types the element loosely
    effect = OxmlElement("wp:effectExtent")
    for side in ("l", "t", "r", "b"):
        effect.set(side, "0")
    anchor.append(effect)
    anchor.append(OxmlElement("wp:wrapNone"))
    for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
        anchor.append(copy.deepcopy(inline.find(qn(tag))))  # type: ignore[attr-defined] # python-docx types the element loosely
    return anchor


def add_signature_images(document: docx.document.Document, letter: LaidOutLetter) -> int:
    """Anchor the signature and seal images of `letter` in its signing space; return how many.

    Does nothing when the letter carries no images (the default) and never adds them twice.
    """
    from docx.oxml.ns import qn
    from docx.shared import Emu, Mm

    if not letter.images:
        return 0
    body = document.element.body
    if any(el.get("name") in NAMES.values() for el in body.iter(qn("wp:docPr"))):
        return 0
    grid = letter.grid("signature")
    column = next((c for c, paras in enumerate(grid.rows[0])
                   if any(p.role == "signing_space" for p in paras)), None)
    if column is None:
        return 0
    table = _signature_table(document, grid, column)
    if table is None:
        return 0
    paras = grid.rows[0][column]
    index = next(i for i, p in enumerate(paras) if p.role == "signing_space")
    space = [p for p in paras if p.role == "signing_space"]
    line_mm = sum(_line_mm(p) for p in space)
    geometry = signature_geometry(letter.images, grid.widths_mm[column], line_mm, strict=True)
    paragraph = table.cell(0, column).paragraphs[index]
    added = 0
    for z, (key, (x, y, w, h)) in enumerate(geometry.items(), start=1):
        run = paragraph.add_run()
        run.add_picture(letter.images[key], width=Emu(int(Mm(w))), height=Emu(int(Mm(h))))
        drawing = run._r.find(qn("w:drawing"))
        inline = drawing.find(qn("wp:inline"))
        inline.find(qn("wp:docPr")).set("name", NAMES[key])
        drawing.replace(inline, _anchor(inline, x, y, z))
        added += 1
    return added


def _line_mm(para: Para) -> float:
    """Return the height in mm of one empty signing-space line (single spacing, Times metrics)."""
    size = para.line_exact_pt or para.size * SINGLE_LINE
    return size * 25.4 / 72


SINGLE_LINE = 2355 / 2048  # Times New Roman / Liberation Serif: (ascender + descender + gap) / em
