"""Write the body of ``word/document.xml`` as text: paragraphs, runs, grids and pictures.

The markup is what the python-docx writer (:mod:`~dnnd_drafter.writers.docx.reference`) gives
for the same laid-out letter, byte for byte: the same elements in the schema's order, the same
attribute order and the same rounding of lengths (python-docx truncates half-points and rounds
twips; the paragraph mark's size is rounded by the writer itself).
tests/unit/test_docx_writer_identity.py compares the two on every example.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dnnd_drafter.layout.blocks import RULE_BORDER_EIGHTHS, Grid, Para, TextRun
from dnnd_drafter.model.vietnamese import NB_HYPHEN

EMU_PER_MM = 36000
EMU_PER_PT = 12700
EMU_PER_TWIP = 635
RELATIONSHIP_ID = re.compile(r'Id="(rId\d+)"')
JUSTIFICATION = {"left": "left", "center": "center", "right": "right", "justify": "both"}
# characters XML 1.0 forbids even as references (lxml refuses them; they are dropped here)
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TABLE_PROPERTIES = (
    '<w:tblPr><w:tblW w:type="auto" w:w="0"/><w:jc w:val="left"/><w:tblBorders>'
    + "".join(f'<w:{edge} w:val="nil"/>' for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
    '<w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:firstColumn="1" w:firstRow="1" '
    'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr>')
_RULE = (f'<w:pBdr><w:bottom w:val="single" w:sz="{RULE_BORDER_EIGHTHS}" w:space="1" w:color="000000"/>'
         "</w:pBdr>")
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_PICTURE = (
    '<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
    'relativeHeight="{z}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
    '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset>'
    '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
    '<wp:docPr id="{shape_id}" name="{name}"/><wp:cNvGraphicFramePr xmlns:a="' + _A + '">'
    '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="' + _A
    + '" xmlns:pic="' + _PIC + '"><a:graphicData uri="' + _PIC + '"><pic:pic><pic:nvPicPr>'
    '<pic:cNvPr id="0" name="{filename}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
    '<a:blip r:embed="{r_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
    '<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
    "</pic:pic></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>")


def text(value: str) -> str:
    """Return `value` escaped for XML character data, as lxml writes it (forbidden characters dropped)."""
    if _FORBIDDEN.search(value):
        value = _FORBIDDEN.sub("", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value.replace("\r", "&#13;") if "\r" in value else value


def attribute(value: str) -> str:
    """Return `value` escaped for a double-quoted XML attribute, as lxml writes it."""
    value = text(value).replace('"', "&quot;")
    return value.replace("\n", "&#10;").replace("\t", "&#9;")


def emu_mm(mm: float) -> int:
    """Return python-docx's ``Mm(mm)`` in EMU (truncated)."""
    return int(mm * EMU_PER_MM)


def twips(emu: int) -> str:
    """Return `emu` in twips as python-docx writes a twips measure (rounded half to even)."""
    return str(int(round(emu / float(EMU_PER_TWIP))))


def half_points(pt: float) -> str:
    """Return python-docx's ``w:sz`` value of a ``Pt(pt)`` font size (truncated)."""
    return str(int(int(pt * EMU_PER_PT) / float(EMU_PER_PT) * 2))


def fonts(font: str) -> str:
    """Return the ``w:rFonts`` element naming `font` on every slot."""
    name = attribute(font)
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


@lru_cache(maxsize=256)
def run_properties(font: str, size: float, bold: bool, italic: bool, underline: bool) -> str:
    """Return the ``w:rPr`` of a run in this format."""
    return (f"<w:rPr>{fonts(font)}" + ("<w:b/>" if bold else '<w:b w:val="0"/>')
            + ("<w:i/>" if italic else '<w:i w:val="0"/>') + f'<w:sz w:val="{half_points(size)}"/>'
            + ('<w:u w:val="single"/>' if underline else "") + "</w:rPr>")


def _t(piece: str) -> str:
    """Return one ``w:t``, space-preserving when the piece starts or ends with white space."""
    value = text(piece)
    if len(piece.strip()) < len(piece):
        return f'<w:t xml:space="preserve">{value}</w:t>'
    return f"<w:t>{value}</w:t>"


def run(item: TextRun, font: str) -> str:
    """Return the ``w:r`` of `item`: tabs as ``w:tab``, newlines as ``w:br``, U+2011 as ``-``."""
    out = ["<w:r>", run_properties(font, item.size, item.bold, item.italic, item.underline)]
    for number, line in enumerate(item.text.split("\n")):
        if number:
            out.append("<w:br/>")
        piece = line.replace(NB_HYPHEN, "-")
        if not piece:
            continue
        if "\t" in piece:
            for index, part in enumerate(piece.split("\t")):
                if index:
                    out.append("<w:tab/>")
                if part:
                    out.append(_t(part))
        else:
            out.append(_t(piece))
    out.append("</w:r>")
    return "".join(out)


def _indent(para: Para, column_mm: float) -> str:
    """Return the ``w:ind`` of `para` (empty when it has no indent)."""
    left, right = para.left_mm, para.right_mm
    if para.rule_mm:
        side = max((column_mm - para.rule_mm) / 2, 0.0)
        left, right = side, side
    attrs = []
    if left:
        attrs.append(f'w:left="{twips(emu_mm(left))}"')
    if right:
        attrs.append(f'w:right="{twips(emu_mm(right))}"')
    if para.first_mm:
        first = emu_mm(para.first_mm)
        attrs.append(f'w:hanging="{twips(-first)}"' if first < 0 else f'w:firstLine="{twips(first)}"')
    return f"<w:ind {' '.join(attrs)}/>" if attrs else ""


@lru_cache(maxsize=512)
def _paragraph_properties(para: Para, column_mm: float, font: str, keep_next: bool) -> str:
    """Return the ``w:pPr`` of a paragraph in the format of `para` (its runs and role ignored)."""
    out = ["<w:pPr>"]
    if keep_next:
        out.append("<w:keepNext/>")
    out.append("<w:widowControl/>")
    if para.rule_mm:
        out.append(_RULE)
    if para.tab_mm is not None:
        out.append(f'<w:tabs><w:tab w:pos="{twips(emu_mm(para.tab_mm))}" w:val="left"/></w:tabs>')
    before, after = twips(int(para.space_before_pt * EMU_PER_PT)), twips(int(para.space_after_pt * EMU_PER_PT))
    if para.line_exact_pt:
        line = twips(int(para.line_exact_pt * EMU_PER_PT))
        out.append(f'<w:spacing w:before="{before}" w:after="{after}" w:lineRule="exact" w:line="{line}"/>')
    else:
        out.append(f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>')
    out.append(_indent(para, column_mm))
    mark = str(int(round(para.size * 2)))
    out.append(f'<w:jc w:val="{JUSTIFICATION[para.align]}"/><w:rPr>{fonts(font)}'
               f'<w:sz w:val="{mark}"/><w:szCs w:val="{mark}"/></w:rPr></w:pPr>')
    return "".join(out)


def paragraph(para: Para, column_mm: float, font: str, keep_next: bool = False, extra: str = "") -> str:
    """Return the ``w:p`` of `para`, with `extra` markup (pictures) after its runs."""
    form = Para("", (), para.size, para.align, para.left_mm, para.right_mm, para.first_mm,
                para.space_before_pt, para.space_after_pt, para.line_exact_pt, False, para.rule_mm,
                para.tab_mm)
    props = _paragraph_properties(form, column_mm, font, para.keep_next or keep_next)
    return "<w:p>" + props + "".join(run(item, font) for item in para.runs) + extra + "</w:p>"


def grid(block: Grid, font: str, pictures: dict[tuple[int, int, int], str] | None = None) -> str:
    """Return the ``w:tbl`` of `block`: borderless, fixed layout, its columns' widths.

    `pictures` maps (row, column, paragraph index) to markup appended to that paragraph.
    """
    pictures = pictures or {}
    widths = [twips(emu_mm(width)) for width in block.widths_mm]
    out = ["<w:tbl>", _TABLE_PROPERTIES, "<w:tblGrid>"]
    out += [f'<w:gridCol w:w="{width}"/>' for width in widths]
    out.append("</w:tblGrid>")
    for row_index, row in enumerate(block.rows):
        out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" if block.keep_together else "<w:tr>")
        for col_index, paras in enumerate(row):
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{widths[col_index]}"/></w:tcPr>')
            column_mm = block.widths_mm[col_index]
            for index, para in enumerate(paras or (Para(block.role, (), 1.0),)):
                keep = block.keep_together and index < len(paras) - 1
                out.append(paragraph(para, column_mm, font, keep,
                                     pictures.get((row_index, col_index, index), "")))
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def picture(z: int, shape_id: int, name: str, filename: str, r_id: str,
            box_mm: tuple[float, float, float, float]) -> str:
    """Return the run of one floating picture at (x, y) mm from its column and paragraph."""
    x, y, w, h = box_mm
    return _PICTURE.format(z=z, x=emu_mm(x), y=emu_mm(y), cx=emu_mm(w), cy=emu_mm(h), shape_id=shape_id,
                           name=attribute(name), filename=attribute(filename), r_id=r_id)
