"""Write a laid-out letter as a .docx with python-docx: the reference of the text writer.

The app writes its .docx with :mod:`~dnnd_drafter.writers.docx.writer` (text, no python-docx
to import). This module is the python-docx writer it replaced, kept as the reference the tests
compare it with on every example (tests/unit/test_docx_writer_identity.py) and as the source of
its base package (:mod:`~dnnd_drafter.writers.docx.base_source`). Every figure comes from the
:class:`~dnnd_drafter.layout.blocks.LaidOutLetter`: Times New Roman on every font slot,
borderless grids, drawn lines as paragraph borders, a PAGE field top centre from page 2 on.
"""

from __future__ import annotations

import copy
import datetime as _dt
import io
from dataclasses import replace
from functools import lru_cache

import docx
import docx.text.run
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from dnnd_drafter.layout.blocks import RULE_BORDER_EIGHTHS, Grid, LaidOutLetter, Para, TextRun
from dnnd_drafter.writers.docx.images import add_signature_images
from dnnd_drafter.writers.docx.package import drop_template_parts, put, set_application
from dnnd_drafter.writers.docx.writer import core_property_text
from dnnd_drafter.model.vietnamese import NB_HYPHEN

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _set_fonts(rpr: object, font: str) -> None:
    """Set `font` on every font slot (ascii, hAnsi, eastAsia, cs) of a run-properties element."""
    fonts = rpr.find(qn("w:rFonts"))  # type: ignore[attr-defined] # python-docx types the element loosely
    if fonts is None:
        fonts = put(rpr, OxmlElement("w:rFonts"))
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), font)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _set_base_styles(document: docx.document.Document, font: str, body_size: float) -> None:
    """Put the letter font on the document defaults and the Normal style; set Vietnamese."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(rpr_default, font)
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = put(rpr_default, OxmlElement("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(body_size)
    _set_fonts(normal.element.get_or_add_rPr(), font)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    for fonts in styles.iter(qn("w:rFonts")):
        _set_fonts(fonts.getparent(), font)


def _set_mark_size(paragraph: Paragraph, size: float, font: str) -> None:
    """Give the paragraph mark the run size, so an empty paragraph keeps its line height."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = put(ppr, OxmlElement("w:rPr"))
    _set_fonts(rpr, font)
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), str(int(round(size * 2))))
        put(rpr, el)


def _add_bottom_border(paragraph: Paragraph) -> None:
    """Draw a solid bottom border under `paragraph` (our drawn line)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", str(RULE_BORDER_EIGHTHS)), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    put(ppr, borders)


def _add_run(paragraph: Paragraph, run: TextRun, font: str) -> None:
    """Append `run` to `paragraph` with its full character format.

    A non-breaking hyphen (U+2011) is written as a plain ``-``: Word's ``w:noBreakHyphen``
    comes out of LibreOffice as U+2011, so a search for ``12-CT/TW`` would miss it and a copy
    would not match in other registers; a newline becomes an explicit break ``w:br``. The run
    properties are built once per distinct format (:func:`_run_properties`) and copied, which keeps long letters fast.
    """
    r = paragraph.add_run()
    for number, line in enumerate(run.text.split("\n")):
        if number:
            r._r.add_br()  # an explicit line break chosen by the layout
        piece = line.replace(NB_HYPHEN, "-")  # searchable and copyable as typed
        if piece:
            r._r.add_t(piece) if "\t" not in piece else _add_text_with_tabs(r, piece)
    r._r.insert(0, copy.deepcopy(_run_properties(font, run.size, run.bold, run.italic, run.underline)))


@lru_cache(maxsize=256)
def _run_properties(font: str, size: float, bold: bool, italic: bool, underline: bool) -> BaseOxmlElement:
    """Return the ``w:rPr`` of a run in this format (a template: copy it, never insert it)."""
    r = docx.text.run.Run(OxmlElement("w:r"), None)  # type: ignore[arg-type] # a detached run: no parent
    r.font.name = font
    r.font.size = Pt(size)
    r.font.bold = bold
    r.font.italic = italic
    r.font.underline = underline or None
    rpr = r._r.get_or_add_rPr()
    _set_fonts(rpr, font)
    r._r.remove(rpr)
    return rpr


def _add_text_with_tabs(run: docx.text.run.Run, text: str) -> None:
    """Append `text` to `run`, turning each tab character into ``w:tab``."""
    for index, piece in enumerate(text.split("\t")):
        if index:
            run._r.add_tab()
        if piece:
            run._r.add_t(piece)


def _fill_paragraph(paragraph: Paragraph, para: Para, column_mm: float, font: str) -> None:
    """Write the properties and runs of `para` into `paragraph`."""
    p = paragraph._p
    if p.pPr is None:
        p.insert(0, copy.deepcopy(_paragraph_properties(replace(para, role="", runs=()), column_mm, font)))
    else:  # a paragraph that already has properties: set them on it one by one
        _set_paragraph_format(paragraph, para, column_mm, font)
    for run in para.runs:
        _add_run(paragraph, run, font)


@lru_cache(maxsize=512)
def _paragraph_properties(para: Para, column_mm: float, font: str) -> BaseOxmlElement:
    """Return the ``w:pPr`` of a paragraph in this format (a template: copy it, never insert it)."""
    paragraph = Paragraph(OxmlElement("w:p"), None)  # type: ignore[arg-type] # a detached paragraph: no parent
    _set_paragraph_format(paragraph, para, column_mm, font)
    ppr = paragraph._p.get_or_add_pPr()
    paragraph._p.remove(ppr)
    return ppr


def _set_paragraph_format(paragraph: Paragraph, para: Para, column_mm: float, font: str) -> None:
    """Set the paragraph format of `para` (alignment, indents, spacing, tab, mark size, rule)."""
    fmt = paragraph.paragraph_format
    paragraph.alignment = ALIGN[para.align]
    left, right = para.left_mm, para.right_mm
    if para.rule_mm:
        side = max((column_mm - para.rule_mm) / 2, 0.0)
        left, right = side, side
    fmt.left_indent = Mm(left) if left else None
    fmt.right_indent = Mm(right) if right else None
    fmt.first_line_indent = Mm(para.first_mm) if para.first_mm else None
    fmt.space_before = Pt(para.space_before_pt)
    fmt.space_after = Pt(para.space_after_pt)
    if para.line_exact_pt:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(para.line_exact_pt)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.keep_with_next = para.keep_next or None
    fmt.widow_control = True
    if para.tab_mm is not None:
        fmt.tab_stops.add_tab_stop(Mm(para.tab_mm), WD_TAB_ALIGNMENT.LEFT)
    _set_mark_size(paragraph, para.size, font)
    if para.rule_mm:
        _add_bottom_border(paragraph)


def _borderless(table: Table) -> None:
    """Remove every border and the side cell margins of `table`; fix its layout (schema order)."""
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    put(tblpr, borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    put(tblpr, layout)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    put(tblpr, margins)


def _write_grid(document: docx.document.Document, grid: Grid, font: str) -> None:
    """Write `grid` as a borderless fixed-width table."""
    table = document.add_table(rows=len(grid.rows), cols=len(grid.widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    _borderless(table)  # fixed layout: what python-docx's `autofit = False` sets, in order
    for column, width in zip(table.columns, grid.widths_mm):
        column.width = Mm(width)
    for row_index, row in enumerate(grid.rows):
        table_row = table.rows[row_index]
        if grid.keep_together:
            trpr = table_row._tr.get_or_add_trPr()
            trpr.append(OxmlElement("w:cantSplit"))
        for col_index, paras in enumerate(row):
            cell: _Cell = table_row.cells[col_index]
            cell.width = Mm(grid.widths_mm[col_index])
            target = cell.paragraphs[0]
            for index, para in enumerate(paras or (Para(grid.role, (), 1.0),)):
                paragraph = target if index == 0 else cell.add_paragraph()
                _fill_paragraph(paragraph, para, grid.widths_mm[col_index], font)
                if grid.keep_together and index < len(paras) - 1:
                    paragraph.paragraph_format.keep_with_next = True


def _add_page_number(section: docx.section.Section, size: float, font: str) -> None:
    """Put a centred PAGE field in the header; keep the first page's header empty."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(size)
    _set_fonts(run._r.get_or_add_rPr(), font)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText" if text == " PAGE " else "w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    section.first_page_header.is_linked_to_previous = False


@lru_cache(maxsize=8)
def _base_document(font: str, body_size: float) -> docx.document.Document:
    """Return the empty document with the letter's font on its styles (a template: copy it).

    Opening python-docx's default template and setting the font on every style costs more than
    the letter itself; a deep copy of the result (lxml copies in C) does not.
    """
    document = docx.Document()
    _set_base_styles(document, font, body_size)
    drop_template_parts(document)
    set_application(document)
    return document


def build_document(letter: LaidOutLetter, title: str = "", author: str = "") -> docx.document.Document:
    """Return a python-docx Document holding `letter`."""
    body_size = max((p.size for p in letter.find("body")), default=letter.page_number_size)
    document = copy.deepcopy(_base_document(letter.font, body_size))
    section = document.sections[0]
    page = letter.page
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance = Mm(page.header_distance_mm)
    _add_page_number(section, letter.page_number_size, letter.font)
    text_width = page.width_mm - page.left_mm - page.right_mm
    first = True
    for block in letter.blocks:
        if isinstance(block, Grid):
            _write_grid(document, block, letter.font)
        else:
            paragraph = document.paragraphs[0] if first and not document.tables else document.add_paragraph()
            _fill_paragraph(paragraph, block, text_width, letter.font)
        first = False
    _drop_leading_empty_paragraph(document)
    add_signature_images(document, letter)
    _set_core_properties(document, title, author)
    return document


def _set_core_properties(document: docx.document.Document, title: str, author: str) -> None:
    """Say what this file is: its title, issuer, Vietnamese, and when the app wrote it."""
    props = document.core_properties
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    issuer = core_property_text(author)
    props.title = core_property_text(title)
    props.author = issuer
    props.last_modified_by = issuer
    props.comments = ""  # python-docx's template says "generated by python-docx"
    props.created = now
    props.modified = now
    props.revision = 1
    props.language = "vi-VN"


def _drop_leading_empty_paragraph(document: docx.document.Document) -> None:
    """Remove the empty paragraph python-docx's default template starts with, if still empty."""
    body = document.element.body
    first = body[0]
    if first.tag == qn("w:p") and not first.xpath(".//w:t") and len(body) > 2:
        body.remove(first)


def to_bytes(letter: LaidOutLetter, title: str = "", author: str = "") -> bytes:
    """Return the .docx bytes of `letter`."""
    buffer = io.BytesIO()
    build_document(letter, title, author).save(buffer)
    return buffer.getvalue()

