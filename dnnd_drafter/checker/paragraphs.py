"""Read paragraphs: text across runs, effective formats, fields, drawn lines and text boxes.

A paragraph's text is gathered from every run it shows, wherever Word or LibreOffice put it
(hyperlinks, smart tags, content controls, simple fields, insertions), skipping deletions, the
``mc:Fallback`` copy of a drawing and field instructions. ``w:tab`` reads as a tab, a line break
as ``\\n``, ``w:noBreakHyphen`` as ``-``. Drawn straight lines and text boxes anchored in the
paragraph are collected for the page model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from dnnd_drafter.checker.reader import NS, w, wattr
from dnnd_drafter.checker.styles import ParaFormat, RunFormat, StyleSheet
from dnnd_drafter.model.vietnamese import nfc

EMU_MM = 1 / 36000
_TRANSPARENT = {w(t) for t in ("hyperlink", "smartTag", "ins", "fldSimple", "sdt", "sdtContent",
                                "customXml", "moveTo", "dir", "bdo")}
_SKIP = {w(t) for t in ("del", "moveFrom", "pPr", "rPr", "proofErr", "bookmarkStart", "bookmarkEnd")}
_MC_ALT = f"{{{NS['mc']}}}AlternateContent"
_MC_CHOICE = f"{{{NS['mc']}}}Choice"
_MC_FALLBACK = f"{{{NS['mc']}}}Fallback"
_TXBX = w("txbxContent")


@dataclass
class Run:
    """Hold a stretch of text with its effective character format."""

    text: str
    fmt: RunFormat


@dataclass
class Shape:
    """Hold a drawn straight line: its length and, when anchored, its horizontal centre (mm)."""

    length_mm: float
    center_mm: float | None = None


@dataclass
class TextBox:
    """Hold the paragraphs of a text box and where it stands on the page (mm from the margin)."""

    paragraphs: list["Para"]
    x_mm: float | None
    width_mm: float | None


@dataclass(eq=False)
class Para:
    """Hold one paragraph as shown: its runs, its format and the width it is set in."""

    runs: list[Run]
    fmt: ParaFormat
    width_mm: float
    where: str = "body"             # body | table | textbox | header | footer
    fields: list[str] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    textboxes: list[TextBox] = field(default_factory=list)
    mark: RunFormat | None = None    # format of the paragraph mark (size of an empty line)
    index: int = -1

    @property
    def text(self) -> str:
        """Return the paragraph's text (tabs kept, line breaks as ``\\n``)."""
        return "".join(r.text for r in self.runs)

    @property
    def is_blank(self) -> bool:
        """Return whether the paragraph shows no text."""
        return not self.text.strip()

    @property
    def rule_mm(self) -> float:
        """Return the length of the line drawn by the paragraph's bottom border (0 without one)."""
        if not self.fmt.border_bottom:
            return 0.0
        return max(self.width_mm - self.fmt.left_mm - self.fmt.right_mm, 0.0)


class ParagraphReader:
    """Turn ``w:p`` elements into :class:`Para` objects with effective formatting."""

    def __init__(self, sheet: StyleSheet) -> None:
        self.sheet = sheet

    def read(self, p: etree._Element, width_mm: float, where: str = "body",
             tbl: etree._Element | None = None) -> Para:
        """Return the paragraph `p`, set in `width_mm`, inside table `tbl` if any."""
        ppr = p.find(w("pPr"))
        pstyles = self.sheet.paragraph_styles(ppr)
        tstyles = self.sheet.table_styles(tbl)
        fmt = self.sheet.para_format(ppr, pstyles, tstyles)
        para = Para([], fmt, width_mm, where)
        mark_rpr = ppr.find(w("rPr")) if ppr is not None else None
        para.mark = self.sheet.run_format(self.sheet.run_sources(mark_rpr, pstyles, tstyles))
        state = {"in_instr": False}
        self._walk(p, para, pstyles, tstyles, state)
        return para

    def _walk(self, parent: etree._Element, para: Para, pstyles: list[Any], tstyles: list[Any],
              state: dict[str, Any]) -> None:
        """Collect runs, fields and drawings below `parent` in document order."""
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("r"):
                self._run(child, para, pstyles, tstyles, state)
            elif tag in _TRANSPARENT:
                if tag == w("fldSimple"):
                    para.fields.append((wattr(child, "instr") or "").strip())
                self._walk(child, para, pstyles, tstyles, state)
            elif tag == _MC_ALT:
                choice = child.find(_MC_CHOICE)
                self._walk(choice if choice is not None else child, para, pstyles, tstyles, state)

    def _run(self, r: etree._Element, para: Para, pstyles: list[Any], tstyles: list[Any],
             state: dict[str, Any]) -> None:
        """Append the text of run `r`; record field instructions and drawings."""
        fmt = self.sheet.run_format(self.sheet.run_sources(r.find(w("rPr")), pstyles, tstyles))
        pieces: list[str] = []
        for child in r:
            tag = child.tag
            if tag == w("t"):
                pieces.append(child.text or "")
            elif tag == w("tab") or tag == w("ptab"):
                pieces.append("\t")
            elif tag in (w("br"), w("cr")):
                if (wattr(child, "type") or "textWrapping") == "textWrapping":
                    pieces.append("\n")
            elif tag == w("noBreakHyphen"):
                pieces.append("-")
            elif tag == w("sym"):
                pieces.append("*" if (wattr(child, "char") or "").upper().endswith("2A") else "•")
            elif tag == w("fldChar"):
                kind = wattr(child, "fldCharType")
                if kind == "begin":
                    state["in_instr"] = True
                    para.fields.append("")
                elif kind in ("separate", "end"):
                    state["in_instr"] = False
            elif tag == w("instrText") and state["in_instr"] and para.fields:
                para.fields[-1] += child.text or ""
            elif tag in (w("drawing"), w("pict"), w("object")) or tag == _MC_ALT:
                self._drawing(child, para)
        text = nfc("".join(pieces))
        if text:
            para.runs.append(Run(text, fmt))

    # -- drawings -----------------------------------------------------------------------------

    def _drawing(self, element: etree._Element, para: Para) -> None:
        """Record the straight lines and text boxes drawn inside `element`."""
        choice = element.find(_MC_CHOICE) if element.tag == _MC_ALT else None
        root = choice if choice is not None else element
        for box in root.iter(_TXBX):
            if any(a.tag == _MC_FALLBACK for a in box.iterancestors()) and choice is None:
                continue
            if _nested_in_other_box(box, root):
                continue
            x_mm, width_mm = _position(box)
            paras = [self.read(p, width_mm or para.width_mm, "textbox")
                     for p in box.iter(w("p")) if _owner_box(p) is box]
            para.textboxes.append(TextBox(paras, x_mm, width_mm))
        for geom in root.iter(f"{{{NS['a']}}}prstGeom"):
            if geom.get("prst") in ("line", "straightConnector1"):
                x_mm, width_mm = _position(geom)
                if width_mm:
                    center = x_mm + width_mm / 2 if x_mm is not None else None
                    para.shapes.append(Shape(width_mm, center))
        for line in root.iter(f"{{{NS['v']}}}line"):
            length = _vml_line_length(line)
            if length:
                para.shapes.append(Shape(length))


def _owner_box(p: etree._Element) -> etree._Element | None:
    """Return the nearest text-box content element that holds paragraph `p`."""
    return next((a for a in p.iterancestors() if a.tag == _TXBX), None)


def _nested_in_other_box(box: etree._Element, root: etree._Element) -> bool:
    """Return whether `box` sits inside another text box below `root` (read with its parent)."""
    for anc in box.iterancestors():
        if anc is root:
            return False
        if anc.tag == _TXBX:
            return True
    return False


def _position(element: etree._Element) -> tuple[float | None, float | None]:
    """Return (x from the margin, width) in mm of the drawing that holds `element`, when known."""
    anchor = next((a for a in element.iterancestors()
                   if a.tag in (f"{{{NS['wp']}}}anchor", f"{{{NS['wp']}}}inline")), None)
    if anchor is not None:
        extent = anchor.find(f"{{{NS['wp']}}}extent")
        try:
            width = float(extent.get("cx", "0")) * EMU_MM if extent is not None else None
        except ValueError:
            width = None
        x = None
        pos_h = anchor.find(f"{{{NS['wp']}}}positionH")
        if pos_h is not None:
            offset = pos_h.find(f"{{{NS['wp']}}}posOffset")
            if offset is not None and offset.text:
                try:
                    x = float(offset.text) * EMU_MM
                except ValueError:
                    x = None
        return x, width
    shape = next((a for a in element.iterancestors() if a.tag.startswith(f"{{{NS['v']}}}")), None)
    if shape is not None:
        style = _vml_style(shape.get("style", ""))
        return style.get("margin-left"), style.get("width")
    return None, None


_UNIT_MM = {"pt": 25.4 / 72, "in": 25.4, "cm": 10.0, "mm": 1.0, "px": 25.4 / 96, "": 25.4 / 72}


def _length_mm(value: str) -> float | None:
    """Return a CSS-like length (``12pt``, ``3.5cm``) in mm."""
    match = re.fullmatch(r"\s*(-?[\d.]+)\s*([a-z]*)\s*", value)
    if not match or match.group(2) not in _UNIT_MM:
        return None
    try:
        return float(match.group(1)) * _UNIT_MM[match.group(2)]
    except ValueError:
        return None


def _vml_style(style: str) -> dict[str, float]:
    """Return the lengths of a VML ``style`` attribute in mm."""
    out: dict[str, float] = {}
    for item in style.split(";"):
        key, _, value = item.partition(":")
        length = _length_mm(value)
        if length is not None:
            out[key.strip()] = length
    return out


def _vml_line_length(line: etree._Element) -> float | None:
    """Return the horizontal length of a VML line (``from``/``to``) in mm."""
    try:
        x1 = _length_mm(line.get("from", "0,0").split(",")[0])
        x2 = _length_mm(line.get("to", "0,0").split(",")[0])
    except IndexError:
        return None
    if x1 is None or x2 is None:
        return None
    return abs(x2 - x1) or None
