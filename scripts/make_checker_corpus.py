"""Build the checker's test corpus: the examples, and one broken copy per rule.

Each example draft (``examples/*.json``) is rendered with our writer; each mutation opens a
copy with python-docx and breaks exactly one rule (a size, a ``*``, ``tháng 05``, ``Số`` without
its colon, ``,`` for ``;``, a left-aligned body, 25 mm margins, no PAGE field …). The tests build
the corpus in memory through :func:`build`; run this script to write the files for a look::

    .venv/bin/python scripts/make_checker_corpus.py [OUT_DIR]   # default tests/checker_corpus
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.writers.docx.writer import to_bytes

ROOT = Path(__file__).resolve().parent.parent
# The examples the broken copies start from (a key per family, plus a Party KẾ HOẠCH).
EXAMPLES = {"dang": "dang_cat_tien_492", "nha_nuoc": "nha_nuoc_ubnd_tinh",
            "doan_the": "doan_the_cong_doan", "doan_tn": "doan_tn_tinh_doan",
            "dang_ke_hoach": "dang_phuong_lam_vien_ke_hoach"}
Doc = docx.document.Document


@dataclass(frozen=True)
class Mutation:
    """Describe one broken copy: its name, the example it starts from (a key of EXAMPLES), the code."""

    name: str
    base: str
    code: str
    apply: Callable[[Doc], None]

    @property
    def family(self) -> str:
        """Return the family of the example this copy starts from."""
        return self.base.split("_ke_hoach")[0]


# -- helpers ------------------------------------------------------------------------------------

def text_of(p: object) -> str:
    """Return the text of a ``w:p`` element (tabs and non-breaking hyphens read as shown)."""
    out = []
    for run in p.iter(qn("w:r")):
        for el in run.iterchildren(qn("w:t"), qn("w:tab"), qn("w:noBreakHyphen")):
            out.append(el.text or "" if el.tag == qn("w:t") else "\t" if el.tag == qn("w:tab") else "-")
    return "".join(out)


def paragraphs(doc: Doc) -> list:
    """Return every ``w:p`` of the body, tables included, in order."""
    return list(doc.element.body.iter(qn("w:p")))


def find(doc: Doc, start: str) -> object:
    """Return the first paragraph whose text starts with `start`."""
    for p in paragraphs(doc):
        if text_of(p).strip().startswith(start):
            return p
    raise LookupError(start)


def body_paras(doc: Doc) -> list:
    """Return the body paragraphs (top level, justified)."""
    return [p for p in doc.element.body.findall(qn("w:p"))
            if p.find(f"{qn('w:pPr')}/{qn('w:jc')}") is not None
            and p.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "both"]


def set_text(p: object, new: str) -> None:
    """Replace the text of paragraph `p` by `new`, keeping the first run's format."""
    runs = p.findall(qn("w:r"))
    for run in runs[1:]:
        p.remove(run)
    run = runs[0]
    for child in list(run):
        if child.tag != qn("w:rPr"):
            run.remove(child)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = new
    run.append(t)


def replace(doc: Doc, start: str, old: str, new: str) -> None:
    """Replace `old` by `new` in the paragraph starting with `start`."""
    p = find(doc, start)
    set_text(p, text_of(p).replace(old, new, 1))


def run_prop(p: object, tag: str, value: str | None) -> None:
    """Set (or with None remove) the run property `tag` on every run of `p`."""
    for rpr in p.iter(qn("w:rPr")):
        if rpr.getparent().tag != qn("w:r"):
            continue
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
        if value is not None:
            el = OxmlElement(tag)
            el.set(qn("w:val"), value)
            rpr.append(el)


def para_prop(p: object, tag: str, **attrs: str) -> None:
    """Replace the paragraph property `tag` of `p` by one with `attrs` (none: remove it)."""
    ppr = p.find(qn("w:pPr"))
    for old in ppr.findall(qn(tag)):
        ppr.remove(old)
    if attrs:
        el = OxmlElement(tag)
        for key, value in attrs.items():
            el.set(qn(f"w:{key}"), value)
        ppr.append(el)


def remove(p: object) -> None:
    """Remove paragraph `p`."""
    p.getparent().remove(p)


def after(p: object) -> object:
    """Return the paragraph after `p`."""
    return p.getnext()


def sect(doc: Doc) -> object:
    """Return the body's section properties."""
    return doc.element.body.find(qn("w:sectPr"))


def margins(doc: Doc, twips: int) -> None:
    """Set every page margin to `twips`."""
    mar = sect(doc).find(qn("w:pgMar"))
    for side in ("top", "bottom", "left", "right"):
        mar.set(qn(f"w:{side}"), str(twips))


def strip_page_field(doc: Doc) -> None:
    """Remove the PAGE field from the default header."""
    header = doc.sections[0].header
    for p in header.paragraphs:
        for run in p._p.findall(qn("w:r")):
            p._p.remove(run)


def move_motto_left(doc: Doc) -> None:
    """Move the motto and its line from the right header cell to the top of the left one."""
    row = doc.tables[0].rows[0]
    left, right = row.cells[0]._tc, row.cells[1]._tc
    motto = right.findall(qn("w:p"))[:2]
    first = left.find(qn("w:p"))
    for p in motto:
        first.addprevious(p)
        ind = p.find(qn("w:pPr") + "/" + qn("w:ind")) if p.find(qn("w:pPr")) is not None else None
        if ind is not None:  # the line keeps its length in the narrower column
            ind.getparent().remove(ind)
    right.append(OxmlElement("w:p")) if right.find(qn("w:p")) is None else None


def sig_cell(doc: Doc, column: int) -> object:
    """Return the ``w:tc`` of the signature table's `column`."""
    return doc.tables[-1].rows[0].cells[column]._tc


def body_size_from_style(doc: Doc, size: float) -> None:
    """Drop the body runs' own size and give the Normal style `size` (inherited formatting)."""
    for p in body_paras(doc):
        run_prop(p, "w:sz", None)
    normal = doc.styles["Normal"]
    normal.font.size = docx.shared.Pt(size)


def fonts_from_defaults(doc: Doc, font: str) -> None:
    """Drop every run's and style's font; put `font` on the document defaults only."""
    for rfonts in list(doc.element.iter(qn("w:rFonts"))):
        rfonts.getparent().remove(rfonts)
    for style in doc.styles.element.iter(qn("w:rFonts")):
        style.getparent().remove(style)
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    el = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        el.set(qn(f"w:{slot}"), font)
    rpr.insert(0, el)


def each(ps: list, fn: Callable[[object], None]) -> None:
    """Apply `fn` to every paragraph of `ps`."""
    for p in ps:
        fn(p)


M = Mutation
MUTATIONS: tuple[Mutation, ...] = (
    M("page_letter", "nha_nuoc", "page.size", lambda d: (sect(d).find(qn("w:pgSz")).set(qn("w:w"), "12240"),
                                                         sect(d).find(qn("w:pgSz")).set(qn("w:h"), "15840"))),
    M("margins_25mm", "dang", "page.margins", lambda d: margins(d, 1417)),
    M("font_arial", "nha_nuoc", "font.family", lambda d: each(body_paras(d)[:1], lambda p: [
        (f.set(qn("w:ascii"), "Arial"), f.set(qn("w:hAnsi"), "Arial")) for f in p.iter(qn("w:rFonts"))])),
    M("font_eastasia", "doan_the", "font.slots", lambda d: each(body_paras(d), lambda p: [
        f.set(qn("w:eastAsia"), "SimSun") for f in p.iter(qn("w:rFonts"))])),
    M("no_page_field", "nha_nuoc", "page_number.missing", strip_page_field),
    M("page_number_on_page_1", "dang", "page_number.first_page", lambda d: sect(d).remove(sect(d).find(qn("w:titlePg")))),
    M("page_number_left", "doan_the", "page_number.position",
      lambda d: setattr(d.sections[0].header.paragraphs[0], "alignment", 0)),
    M("no_tieu_ngu", "nha_nuoc", "motto.missing", lambda d: remove(find(d, "Độc lập"))),
    M("tieu_ngu_en_dash", "doan_the", "motto.text", lambda d: replace(d, "Độc lập", " - ", " – ")),
    M("motto_left", "doan_tn", "motto.column", move_motto_left),
    M("quoc_hieu_14", "nha_nuoc", "motto.size", lambda d: run_prop(find(d, "CỘNG HÒA"), "w:sz", "28")),
    M("no_motto_rule", "dang", "motto.rule", lambda d: para_prop(after(find(d, "ĐẢNG CỘNG SẢN")), "w:pBdr")),
    M("issuer_lower", "dang", "issuer.case", lambda d: replace(d, "HUYỆN ỦY", "HUYỆN ỦY CÁT TIÊN", "Huyện ủy Cát Tiên")),
    M("issuer_regular", "nha_nuoc", "issuer.weight", lambda d: (run_prop(find(d, "ỦY BAN NHÂN DÂN"), "w:b", "0"),
                                                                 run_prop(find(d, "TỈNH LÂM ĐỒNG"), "w:b", "0"))),
    M("parent_lower", "doan_the", "parent.case", lambda d: replace(d, "TỔNG LĐLĐ", "TỔNG LĐLĐ VIỆT NAM", "Tổng LĐLĐ Việt Nam")),
    M("no_star", "dang", "issuer.mark", lambda d: remove(find(d, "*"))),
    M("one_star_doan", "doan_tn", "issuer.mark", lambda d: replace(d, "***", "***", "*")),
    M("no_issuer_rule", "nha_nuoc", "issuer.rule", lambda d: para_prop(after(find(d, "TỈNH LÂM ĐỒNG")), "w:pBdr")),
    M("so_without_colon", "nha_nuoc", "number.prefix", lambda d: replace(d, "Số:", "Số:", "Số")),
    M("so_with_colon_dang", "dang", "number.prefix", lambda d: replace(d, "Số 492", "Số ", "Số: ")),
    M("number_no_type", "dang", "number.pattern", lambda d: replace(d, "Số 492", "-CV/HU", "/HU")),
    M("number_14_doan", "doan_tn", "number.size", lambda d: run_prop(find(d, "Số:"), "w:sz", "28")),
    M("thang_05", "nha_nuoc", "date.zero_rule", lambda d: replace(d, "Lâm Đồng, ngày", "tháng 3", "tháng 05")),
    M("thang_2", "dang", "date.zero_rule", lambda d: replace(d, "Cát Tiên, ngày", "tháng 02", "tháng 2")),
    M("date_no_comma", "doan_the", "date.format", lambda d: replace(d, "Lâm Đồng, ngày", "Lâm Đồng,", "Lâm Đồng")),
    M("date_upright", "doan_tn", "date.italic", lambda d: run_prop(find(d, "Lâm Đồng, ngày"), "w:i", "0")),
    M("subject_no_vv", "nha_nuoc", "subject.prefix", lambda d: replace(d, "V/v", "V/v ", "")),
    M("subject_upright", "dang", "subject.italic", lambda d: each(
        [find(d, "Về việc"), after(find(d, "Về việc")), after(after(find(d, "Về việc")))],
        lambda p: run_prop(p, "w:i", "0"))),
    M("kinh_gui_no_colon", "doan_tn", "recipients.label", lambda d: replace(d, "Kính gửi", "Kính gửi:", "Kính gửi")),
    M("kinh_gui_comma", "nha_nuoc", "recipients.punctuation", lambda d: replace(d, "Kính gửi", "tỉnh;", "tỉnh,")),
    M("kinh_gui_no_dash", "doan_the", "recipients.layout", lambda d: replace(d, "- Công đoàn ngành", "- ", "")),
    M("body_left", "dang", "body.align", lambda d: each(body_paras(d), lambda p: para_prop(p, "w:jc", val="left"))),
    M("body_13", "doan_tn", "body.size", lambda d: each(body_paras(d), lambda p: run_prop(p, "w:sz", "26"))),
    M("body_no_indent", "nha_nuoc", "body.indent", lambda d: each(body_paras(d), lambda p: para_prop(p, "w:ind"))),
    M("body_no_spacing", "doan_the", "body.spacing", lambda d: each(body_paras(d), lambda p: para_prop(
        p, "w:spacing", before="0", after="0", line="360", lineRule="exact"))),
    M("body_double", "dang", "body.line_spacing", lambda d: each(body_paras(d), lambda p: para_prop(
        p, "w:spacing", before="0", after="120", line="480", lineRule="auto"))),
    M("authority_party_form", "nha_nuoc", "authority.prefix", lambda d: replace(d, "KT. CHỦ TỊCH", "KT.", "K/T")),
    M("authority_regular", "dang", "authority.weight", lambda d: run_prop(find(d, "T/M"), "w:b", "0")),
    M("position_lower", "doan_the", "position.case", lambda d: replace(d, "CHỦ TỊCH", "CHỦ TỊCH", "Chủ tịch")),
    M("signer_regular", "nha_nuoc", "signer.weight", lambda d: run_prop(find(d, "Nguyễn Văn Minh"), "w:b", "0")),
    M("signer_upper", "nha_nuoc", "signer.case", lambda d: replace(d, "Nguyễn Văn Minh", "Nguyễn Văn Minh", "NGUYỄN VĂN MINH")),
    M("noi_nhan_no_colon", "dang", "cc.label", lambda d: replace(d, "Nơi nhận", ":", "")),
    M("noi_nhan_not_underlined", "dang", "cc_label.underline", lambda d: run_prop(find(d, "Nơi nhận"), "w:u", None)),
    M("noi_nhan_upright", "nha_nuoc", "cc_label.italic", lambda d: run_prop(find(d, "Nơi nhận"), "w:i", "0")),
    M("noi_nhan_comma", "nha_nuoc", "cc.punctuation", lambda d: replace(d, "- Như trên", ";", ",")),
    M("luu_without_colon", "nha_nuoc", "cc.archive", lambda d: replace(d, "- Lưu", "Lưu:", "Lưu")),
    M("luu_with_colon_dang", "dang", "cc.archive", lambda d: replace(d, "- Lưu", "Lưu ", "Lưu: ")),
    M("cc_items_14", "doan_tn", "cc_item.size", lambda d: each(
        [p for p in sig_cell(d, 0).iter(qn("w:p")) if text_of(p).startswith("- ")], lambda p: run_prop(p, "w:sz", "28"))),
    M("no_noi_nhan", "doan_tn", "cc.missing", lambda d: remove_label(d)),
    M("body_size_inherited_13", "dang", "body.size", lambda d: body_size_from_style(d, 13)),
    M("title_14", "dang_ke_hoach", "title.size", lambda d: run_prop(find(d, "KẾ HOẠCH"), "w:sz", "28")),
    M("title_lower", "dang_ke_hoach", "title.case", lambda d: replace(d, "KẾ HOẠCH", "KẾ HOẠCH", "Kế hoạch")),
    M("doc_subject_regular", "dang_ke_hoach", "doc_subject.weight", lambda d: each(
        [after(find(d, "KẾ HOẠCH")), after(after(find(d, "KẾ HOẠCH")))], lambda p: run_prop(p, "w:b", "0"))),
    M("no_doc_subject_rule", "dang_ke_hoach", "doc_subject.rule",
      lambda d: para_prop(after(after(after(find(d, "KẾ HOẠCH")))), "w:pBdr")),
    M("fonts_defaults_arial", "doan_tn", "font.family", lambda d: fonts_from_defaults(d, "Arial")),
)


def remove_label(doc: Doc) -> None:
    """Empty the Nơi nhận cell (label and items gone)."""
    cell = sig_cell(doc, 0)
    for p in list(cell.iter(qn("w:p"))):
        set_text(p, "") if p.find(qn("w:r")) is not None else None


def signature_alone(doc: Doc) -> None:
    """Put a page break before the signature table, so the block stands alone on the last page."""
    paragraph = OxmlElement("w:p")
    run = OxmlElement("w:r")
    brk = OxmlElement("w:br")
    brk.set(qn("w:type"), "page")
    run.append(brk)
    paragraph.append(run)
    doc.tables[-1]._tbl.addprevious(paragraph)


# Copies whose finding needs the page count from LibreOffice (check with pages=True).
PAGES_MUTATIONS: tuple[Mutation, ...] = (
    M("signature_alone", "doan_tn", "signature.alone", signature_alone),
)

# Copies that change how formatting is stored, not what it is: they must still check clean.
CLEAN_VARIANTS: tuple[Mutation, ...] = (
    M("body_size_inherited_14", "dang", "", lambda d: body_size_from_style(d, 14)),
    M("fonts_from_defaults", "nha_nuoc", "", lambda d: fonts_from_defaults(d, "Times New Roman")),
)


# -- letters typed in LibreOffice Writer (flat ODT, converted to .docx by soffice) ---------------
# Formatting comes from paragraph styles, the default style and spans, as a person types it;
# the text of a body paragraph is split across spans.


ODF_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"')

def tp(size: float | None = None, bold: bool = False, italic: bool = False, underline: bool = False) -> str:
    """Return ODF text properties."""
    a = []
    if size:
        a.append(f'fo:font-size="{size}pt" style:font-size-asian="{size}pt" style:font-size-complex="{size}pt"')
    if bold:
        a.append('fo:font-weight="bold" style:font-weight-asian="bold" style:font-weight-complex="bold"')
    if italic:
        a.append('fo:font-style="italic" style:font-style-asian="italic" style:font-style-complex="italic"')
    if underline:
        a.append('style:text-underline-style="solid" style:text-underline-width="auto" style:text-underline-color="font-color"')
    return f'<style:text-properties {" ".join(a)}/>'

def pstyle(name: str, parent: str = "Standard", para: str = "", text: str = "", tabs: str = "") -> str:
    """Return an ODF paragraph style."""
    return (f'<style:style style:name="{name}" style:family="paragraph" style:parent-style-name="{parent}">'
            f'<style:paragraph-properties {para}>{tabs}</style:paragraph-properties>{text}</style:style>')

def tstyle(name: str, **kw: object) -> str:
    """Return an ODF text style."""
    return f'<style:style style:name="{name}" style:family="text">{tp(**kw)}</style:style>'

def span(style: str, text: str) -> str:
    """Return an ODF span."""
    return f'<text:span text:style-name="{style}">{escape(text)}</text:span>'

def p(style: str, *parts: str) -> str:
    """Return an ODF paragraph."""
    return f'<text:p text:style-name="{style}">{"".join(parts)}</text:p>'

TAB = '<text:tab/>'

def document(body: str, auto_styles: str) -> str:
    """Return a flat ODT document."""
    return f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document {ODF_NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman" style:font-pitch="variable"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="0pt" fo:line-height="100%"/>
<style:text-properties style:font-name="Times New Roman" fo:font-size="14pt" style:font-name-asian="Times New Roman" style:font-size-asian="14pt" style:font-name-complex="Times New Roman" style:font-size-complex="14pt" fo:language="vi" fo:country="VN"/></style:default-style>
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Noi_dung" style:display-name="Nội dung" style:family="paragraph" style:parent-style-name="Standard">
<style:paragraph-properties fo:text-align="justify" fo:text-indent="1.27cm" fo:margin-top="0pt" fo:margin-bottom="6pt" fo:line-height="18pt"/></style:style>
<style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard" style:class="extra"><style:paragraph-properties fo:text-align="center"/></style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait" fo:margin-top="1cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/>
<style:header-style><style:header-footer-properties fo:min-height="1cm" fo:margin-bottom="0cm"/></style:header-style></style:page-layout>
{auto_styles}
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header><text:p text:style-name="Header"><text:page-number text:select-page="current">2</text:page-number></text:p></style:header>
<style:header-first><text:p text:style-name="Header"/></style:header-first></style:master-page>
</office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>'''

DATE = "Lâm Đồng, ngày 05 tháng 3 năm 2026"
STYLES = "\n".join([
    pstyle("C", para='fo:text-align="center"'),
    pstyle("L", para='fo:text-align="start"'),
    pstyle("RuleIssuer", para='fo:text-align="center" fo:margin-left="2.4cm" fo:margin-right="2.4cm" fo:border-bottom="0.5pt solid #000000" fo:padding="0cm" fo:line-height="3pt"', text=tp(size=3)),
    pstyle("RuleMotto", para='fo:text-align="center" fo:margin-left="1.8cm" fo:margin-right="1.8cm" fo:border-bottom="0.5pt solid #000000" fo:padding="0cm" fo:line-height="3pt"', text=tp(size=3)),
    pstyle("Subject", para='fo:text-align="center" fo:margin-top="6pt"', text=tp(size=13)),
    pstyle("KG", para='fo:text-align="start" fo:margin-left="4.4cm" fo:text-indent="-2.4cm" fo:margin-top="14pt"'),
    pstyle("KG2", para='fo:text-align="start" fo:margin-left="4.4cm" fo:text-indent="0cm" fo:margin-bottom="14pt"'),
    pstyle("Tabs", para='fo:text-align="start"',
           tabs='<style:tab-stops><style:tab-stop style:position="3.4cm" style:type="center"/>'
                '<style:tab-stop style:position="11.5cm" style:type="center"/></style:tab-stops>'),
    tstyle("B13", size=13, bold=True), tstyle("R13", size=13), tstyle("B14", size=14, bold=True),
    tstyle("I14", size=14, italic=True), tstyle("B12I", size=12, bold=True, italic=True), tstyle("R11", size=11),
    tstyle("B", bold=True), tstyle("I", italic=True),
    '<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16.5cm" table:align="left"/></style:style>',
    '<style:style style:name="TblA" style:family="table-column"><style:table-column-properties style:column-width="6.8cm"/></style:style>',
    '<style:style style:name="TblB" style:family="table-column"><style:table-column-properties style:column-width="9.7cm"/></style:style>',
    '<style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:padding="0cm" fo:border="none"/></style:style>',
])

def cell(*paras: str) -> str:
    """Return an ODF table cell."""
    return f'<table:table-cell table:style-name="Cell" office:value-type="string">{"".join(paras)}</table:table-cell>'

def table(*rows: list[str]) -> str:
    """Return a two-column borderless ODF table."""
    cols = '<table:table-column table:style-name="TblA"/><table:table-column table:style-name="TblB"/>'
    return f'<table:table table:name="T{len(rows)}" table:style-name="Tbl">{cols}' + "".join(
        f'<table:table-row>{"".join(r)}</table:table-row>' for r in rows) + '</table:table>'

BODY = [
    ("Thực hiện Kế hoạch số 45-KH/TU ngày 20/02/2026 của Ban Thường vụ Tỉnh ủy về triển khai thực hiện "
     "Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư, ", "Ủy ban nhân dân tỉnh", " đề nghị các cơ quan, "
     "đơn vị, địa phương thực hiện tốt các nhiệm vụ sau:"),
    ("1. Tổ chức quán triệt Chỉ thị số 12-CT/TW đến toàn thể cán bộ, công chức, viên chức và người lao động; "
     "tạo chuyển biến nhận thức sâu sắc về vai trò, vị trí, tầm quan trọng của công tác đối ngoại nhân dân.", "", ""),
    ("2. Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc việc thực hiện; tổng hợp, báo cáo Ủy ban nhân dân "
     "tỉnh trước ngày 15/12/2026./.", "", ""),
]

def odf_body() -> str:
    """Return the body paragraphs (named style; one bold span)."""
    out = []
    for a, b, c in BODY:
        out.append(p("Noi_dung", escape(a), span("B", b) if b else "", escape(c)))
    return "".join(out)

def kinh_gui() -> str:
    """Return the Kính gửi block (hanging indent, the dash at the indent)."""
    return (p("KG", escape("Kính gửi:"), TAB, escape("- Các sở, ban, ngành thuộc tỉnh;")) +
            p("KG2", escape("- Ủy ban nhân dân các xã, phường, đặc khu.")))

def letter_table(date: str = DATE) -> str:
    """Return a State letter whose header and signature are tables."""
    header = table(
        [cell(p("C", span("B13", "ỦY BAN NHÂN DÂN")), p("C", span("B13", "TỈNH LÂM ĐỒNG")), p("RuleIssuer")),
         cell(p("C", span("B13", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")), p("C", span("B14", "Độc lập - Tự do - Hạnh phúc")), p("RuleMotto"))],
        [cell(p("C", span("R13", "Số: 15/UBND-VP")), p("Subject", span("R13", "V/v triển khai Chỉ thị số 12-CT/TW"))),
         cell(p("C", span("I14", date)))])
    sig = table(
        [cell(p("L", span("B12I", "Nơi nhận:")), p("L", span("R11", "- Như trên;")), p("L", span("R11", "- Lưu: VT, VP."))),
         cell(p("C", span("B14", "TM. ỦY BAN NHÂN DÂN")), p("C", span("B14", "CHỦ TỊCH")), p("C"), p("C"), p("C"), p("C"),
              p("C", span("B14", "Nguyễn Văn An")))])
    return document(header + kinh_gui() + odf_body() + sig, STYLES)

def letter_tabs(date: str = DATE) -> str:
    """Return a State letter laid out with tabs and drawn lines, no table."""
    head = (p("Tabs", TAB, span("B13", "ỦY BAN NHÂN DÂN"), TAB, span("B13", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) +
            p("Tabs", TAB, span("B13", "TỈNH LÂM ĐỒNG"), TAB, span("B14", "Độc lập - Tự do - Hạnh phúc")) +
            p("Tabs", '<draw:line draw:name="l1" text:anchor-type="paragraph" svg:x1="2.4cm" svg:y1="0.1cm" svg:x2="4.4cm" svg:y2="0.1cm" svg:stroke-width="0.02cm"/>'
                      '<draw:line draw:name="l2" text:anchor-type="paragraph" svg:x1="8.5cm" svg:y1="0.1cm" svg:x2="14.5cm" svg:y2="0.1cm"/>') +
            p("Tabs") +
            p("Tabs", TAB, span("R13", "Số: 15/UBND-VP"), TAB, span("I14", date)) +
            p("Tabs", TAB, span("R13", "V/v triển khai Chỉ thị số 12-CT/TW")) + p("Standard"))
    sig = (p("Tabs", span("B12I", "Nơi nhận:"), TAB, TAB, span("B14", "TM. ỦY BAN NHÂN DÂN")) +
           p("Tabs", span("R11", "- Như trên;"), TAB, TAB, span("B14", "CHỦ TỊCH")) +
           p("Tabs", span("R11", "- Lưu: VT, VP.")) + p("Tabs") + p("Tabs") + p("Tabs") +
           p("Tabs", TAB, TAB, span("B14", "Nguyễn Văn An")))
    return document(head + kinh_gui() + odf_body() + p("Standard") + sig, STYLES)

FRAME_STYLE = ('<style:style style:name="Fr" style:family="graphic"><style:graphic-properties '
               'style:wrap="none" style:vertical-pos="from-top" style:vertical-rel="paragraph" '
               'style:horizontal-pos="from-left" style:horizontal-rel="paragraph" fo:border="none" '
               'fo:padding="0cm"/></style:style>')

def frame(name: str, x_cm: float, width_cm: float, *paras: str) -> str:
    """Return an ODF text frame anchored to the paragraph."""
    return (f'<draw:frame draw:style-name="Fr" draw:name="{name}" text:anchor-type="paragraph" '
            f'svg:x="{x_cm}cm" svg:y="0cm" svg:width="{width_cm}cm" draw:z-index="0">'
            f'<draw:text-box fo:min-height="2cm">{"".join(paras)}</draw:text-box></draw:frame>')

def letter_boxes(date: str = DATE) -> str:
    """Return a State letter whose header stands in two text boxes."""
    left = frame("left", 0, 6.8, p("C", span("B13", "ỦY BAN NHÂN DÂN")), p("C", span("B13", "TỈNH LÂM ĐỒNG")),
                 p("C"), p("C", span("R13", "Số: 15/UBND-VP")),
                 p("Subject", span("R13", "V/v triển khai Chỉ thị số 12-CT/TW")))
    right = frame("right", 6.8, 9.7, p("C", span("B13", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
                  p("C", span("B14", "Độc lập - Tự do - Hạnh phúc")), p("C"),
                  p("C", span("I14", date)))
    lines = ('<draw:line draw:name="l1" text:anchor-type="paragraph" svg:x1="2.4cm" svg:y1="1.3cm" svg:x2="4.4cm" svg:y2="1.3cm"/>'
             '<draw:line draw:name="l2" text:anchor-type="paragraph" svg:x1="8.5cm" svg:y1="1.3cm" svg:x2="14.5cm" svg:y2="1.3cm"/>')
    anchor = p("Standard", left, right, lines) + "".join(p("Standard") for _ in range(5))
    sig = table(
        [cell(p("L", span("B12I", "Nơi nhận:")), p("L", span("R11", "- Như trên;")), p("L", span("R11", "- Lưu: VT, VP."))),
         cell(p("C", span("B14", "TM. ỦY BAN NHÂN DÂN")), p("C", span("B14", "CHỦ TỊCH")), p("C"), p("C"), p("C"), p("C"),
              p("C", span("B14", "Nguyễn Văn An")))])
    return document(anchor + kinh_gui() + odf_body() + sig, STYLES + FRAME_STYLE)


HAND_TYPED = {"hand_table": letter_table, "hand_tabs": letter_tabs, "hand_boxes": letter_boxes}


def convert_fodt(sources: dict[str, str], folder: Path, timeout: float = 180) -> dict[str, bytes]:
    """Convert flat ODT texts (name → XML) to .docx with LibreOffice in one run; return name → bytes."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if command is None:
        raise FileNotFoundError("soffice")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in sources.items():
        path = folder / f"{name}.fodt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([command, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder), *paths],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=timeout, check=False)
    return {name: (folder / f"{name}.docx").read_bytes() for name in sources if (folder / f"{name}.docx").is_file()}


def example_bytes(key: str) -> bytes:
    """Return the .docx bytes of an example draft (a key of EXAMPLES or a file stem), rendered by our writer."""
    draft = model.load(ROOT / "examples" / f"{EXAMPLES.get(key, key)}.json")
    return to_bytes(laid_out(draft))


def example_stems() -> list[str]:
    """Return the stems of every example draft."""
    return sorted(path.stem for path in (ROOT / "examples").glob("*.json"))


def mutate(data: bytes, mutation: Mutation) -> bytes:
    """Return `data` with `mutation` applied."""
    document = docx.Document(io.BytesIO(data))
    mutation.apply(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build(only: tuple[Mutation, ...] = MUTATIONS + CLEAN_VARIANTS + PAGES_MUTATIONS) -> dict[str, tuple[str, bytes]]:
    """Return the corpus in memory: name → (expected code or "", .docx bytes), examples included."""
    base = {key: example_bytes(key) for key in EXAMPLES}
    corpus = {f"example_{stem}": ("", example_bytes(stem)) for stem in example_stems()}
    for mutation in only:
        corpus[mutation.name] = (mutation.code, mutate(base[mutation.base], mutation))
    return corpus


def main(argv: list[str] | None = None) -> int:
    """Write the corpus and its manifest to a folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "tests" / "checker_corpus")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for name, (code, data) in build().items():
        (args.out / f"{name}.docx").write_bytes(data)
        manifest[f"{name}.docx"] = code
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as tmp:
            converted = convert_fodt({name: make() for name, make in HAND_TYPED.items()}, Path(tmp))
        for name, data in converted.items():
            (args.out / f"{name}.docx").write_bytes(data)
            manifest[f"{name}.docx"] = ""
    (args.out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{len(manifest)} tệp trong {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
