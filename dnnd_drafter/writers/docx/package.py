"""Make the python-docx package one Word opens as it is, and let it say which app wrote it.

Used by the python-docx reference writer (:mod:`reference`), whose output is the text writer's
base package.

Word is strict about element order: a ``w:tblPr`` whose ``w:tblBorders`` follows its
``w:tblLayout`` is "unreadable content" that Word offers to repair. The sequences below are
the ``xsd:sequence`` orders of ECMA-376 Part 1 (5th edition, transitional schema
``wml.xsd``): CT_TblPrBase, CT_PPrBase (+ rPr, sectPr, pPrChange of CT_PPr), CT_RPr's
EG_RPrBase and CT_SectPr. :func:`put` inserts or replaces a child at its place.

python-docx's template also carries parts of another document: a stale Office 2010
stylesWithEffects copy, a thumbnail of a sample page and an app.xml naming "Microsoft
Macintosh Word"; :func:`drop_template_parts` and :func:`set_application` replace them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.oxml.ns import qn

from dnnd_drafter import __version__

if TYPE_CHECKING:
    import docx

SOURCE = "ECMA-376 Part 1, 5th edition (2016), transitional schema wml.xsd"

ORDER: dict[str, tuple[str, ...]] = {
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
                "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
              "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
              "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
              "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
              "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
              "w:sectPr", "w:pPrChange"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
              "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
              "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
              "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
              "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
              "w:eastAsianLayout", "w:specVanish", "w:oMath", "w:rPrChange"),
    "w:sectPr": ("w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr",
                 "w:type", "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType",
                 "w:pgNumType", "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                 "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                 "w:sectPrChange"),
}
APP_XML = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           "<Template>Normal.dotm</Template><TotalTime>0</TotalTime><Application>{app}</Application>"
           "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
           "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>")
_PREFIXED = {qn(parent): tuple(qn(tag) for tag in tags) for parent, tags in ORDER.items()}


def put(parent: object, child: object) -> object:
    """Insert `child` into `parent` at its schema place, replacing a child of the same tag."""
    order = _PREFIXED[parent.tag]  # type: ignore[attr-defined] # an lxml element, typed as object
    tag = child.tag  # type: ignore[attr-defined] # an lxml element, typed as object
    for old in parent.findall(tag):  # type: ignore[attr-defined] # an lxml element, typed as object
        parent.remove(old)  # type: ignore[attr-defined] # an lxml element, typed as object
    later = set(order[order.index(tag) + 1:])
    anchor = next((el for el in parent if el.tag in later), None)  # type: ignore[attr-defined] # an lxml element, typed as object
    if anchor is None:
        parent.append(child)  # type: ignore[attr-defined] # an lxml element, typed as object
    else:
        anchor.addprevious(child)
    return child


def set_application(document: docx.document.Document) -> None:
    """Name this app and its version in docProps/app.xml (no statistics of another document)."""
    for part in document.part.package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML.format(app=xml_text(f"DNND Drafter {__version__}")).encode("utf-8")


def drop_template_parts(document: docx.document.Document) -> None:
    """Drop the template's optional stylesWithEffects part and its thumbnail of another page.

    Word 2013 and later neither write nor need stylesWithEffects, and its stale copy of the
    styles (other font, no header/footer styles) is what validators flag as possibly
    unreadable content.
    """
    for rels, kind in ((document.part.rels, "/stylesWithEffects"),
                       (document.part.package.rels, "/metadata/thumbnail")):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype.endswith(kind)]:
            rels.pop(r_id)


def xml_text(text: str) -> str:
    """Return `text` escaped for XML character data (xml.sax.saxutils would load urllib and http)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
