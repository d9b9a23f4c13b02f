"""Build the logical page of a letter: the header, the body and the signature block.

Letters are laid out in three ways and the checker reads them all the same way, as logical lines
in a column (``left`` or ``right``) or across the page (``full``):

* a table: the first table is the header, the last one the signature block (our letters, most
  letters made in Word); each cell's paragraphs belong to its column;
* text boxes: the header blocks stand in text boxes placed left and right;
* tabs and spaces: each paragraph is cut at tabs and at runs of three or more spaces, and every
  piece is placed on the line from the tab stops (custom or default) and the printed width of the
  text before it; a piece whose centre is in the left part of the page belongs to the left column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from dnnd_drafter.checker.paragraphs import Para, ParagraphReader, Run
from dnnd_drafter.checker.reader import Package, w, wattr
from dnnd_drafter.checker.styles import StyleSheet, twips_mm
from dnnd_drafter.model.formats import text_width_mm
from dnnd_drafter.model.vietnamese import fold

LEFT_SHARE = 0.45        # a piece centred left of 45 % of the text width is in the left column
_GAP = re.compile(r"\t+| {3,}|\u00a0{3,}")


@dataclass(eq=False)
class Line:
    """Hold one logical line: a piece of a paragraph in a column, or a drawn line (``rule_mm``)."""

    text: str
    runs: list[Run]
    para: Para | None
    column: str = "full"
    x0: float = 0.0
    x1: float = 0.0
    rule_mm: float = 0.0
    drawn: bool = False              # a drawn shape (its place among the lines is approximate)

    @property
    def is_rule(self) -> bool:
        """Return whether this line is a drawn horizontal line."""
        return self.rule_mm > 0 and not self.text

    @property
    def is_blank(self) -> bool:
        """Return whether this line shows nothing (no text, no drawn line)."""
        return not self.text and not self.rule_mm

    @property
    def visible_runs(self) -> list[Run]:
        """Return the runs holding visible text."""
        return [r for r in self.runs if r.text.strip()]


@dataclass
class Section:
    """Hold the page setup of the (last) section."""

    width_mm: float = 0.0
    height_mm: float = 0.0
    orient: str = "portrait"
    top_mm: float = 0.0
    bottom_mm: float = 0.0
    left_mm: float = 0.0
    right_mm: float = 0.0
    title_page: bool = False
    headers: dict[str, str] = field(default_factory=dict)   # type → rId
    footers: dict[str, str] = field(default_factory=dict)

    @property
    def text_width_mm(self) -> float:
        """Return the width between the margins."""
        return self.width_mm - self.left_mm - self.right_mm


@dataclass
class Page:
    """Hold the logical page: regions as lines, every paragraph, the section and the package."""

    section: Section
    header_kind: str = "none"        # table | textbox | tabs | none
    header: list[Line] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    signature_kind: str = "none"     # table | tabs | none
    signature: list[Line] = field(default_factory=list)
    paragraphs: list[Para] = field(default_factory=list)
    parts: dict[str, list[Para]] = field(default_factory=dict)   # rId → header/footer paragraphs
    builder: "PageBuilder | None" = None

    def column(self, region: str, name: str) -> list[Line]:
        """Return the lines of `region` (``header``/``signature``) in column `name`."""
        return [line for line in getattr(self, region) if line.column == name]


def _section(package: Package) -> Section:
    """Return the page setup of the document's last section."""
    body = package.document.find(w("body"))
    sect = body.find(w("sectPr")) if body is not None else None
    if sect is None:
        found = package.document.findall(f".//{w('sectPr')}")
        sect = found[-1] if found else None
    out = Section()
    if sect is None:
        return out
    size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
    out.width_mm = twips_mm(wattr(size, "w")) or 0.0
    out.height_mm = twips_mm(wattr(size, "h")) or 0.0
    out.orient = wattr(size, "orient") or ("landscape" if out.width_mm > out.height_mm else "portrait")
    for side in ("top", "bottom", "left", "right"):
        setattr(out, f"{side}_mm", abs(twips_mm(wattr(margins, side)) or 0.0))
    title = sect.find(w("titlePg"))
    out.title_page = title is not None and (wattr(title, "val") or "1") not in ("0", "false", "off")
    for tag, target in (("headerReference", out.headers), ("footerReference", out.footers)):
        for ref in sect.findall(w(tag)):
            target[wattr(ref, "type") or "default"] = ref.get(f"{{{_R}}}id", "")
    return out


_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def body_blocks(container: etree._Element) -> list[etree._Element]:
    """Return the paragraphs and tables of `container`, content controls opened."""
    out: list[etree._Element] = []
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            out.append(child)
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent"))
            out += body_blocks(content if content is not None else child)
    return out


@dataclass
class Table:
    """Hold a table as rows of cells, each cell its column share and its paragraphs."""

    rows: list[list[tuple[float, float, list[Para]]]]   # (x0, x1, paragraphs) per cell

    def paragraphs(self) -> list[Para]:
        """Return every paragraph of the table in reading order."""
        return [p for row in self.rows for _, _, paras in row for p in paras]

    def text(self) -> str:
        """Return the table's text, one paragraph a line."""
        return "\n".join(p.text for p in self.paragraphs())


class PageBuilder:
    """Read the body of a package into a :class:`Page`."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.sheet = StyleSheet(package)
        self.reader = ParagraphReader(self.sheet)
        self.section = _section(package)
        self.width = self.section.text_width_mm or 165.0
        tab = wattr(package.settings.find(w("defaultTabStop")), "val") if package.settings is not None else None
        self.default_tab = twips_mm(tab) or 12.7

    def table(self, tbl: etree._Element) -> Table:
        """Return table `tbl` with its cells' paragraphs and horizontal extents."""
        grid = [twips_mm(wattr(c, "w")) or 0.0 for c in tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        margin = self._cell_margin(tbl)
        rows: list[list[tuple[float, float, list[Para]]]] = []
        for tr in tbl.findall(w("tr")):
            row: list[tuple[float, float, list[Para]]] = []
            x, col = 0.0, 0
            for tc in tr.findall(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span = _int(wattr(tcpr.find(w("gridSpan")), "val") if tcpr is not None else None, 1)
                width = sum(grid[col:col + span]) if grid[col:col + span] else 0.0
                tcw = tcpr.find(w("tcW")) if tcpr is not None else None
                if not width and tcw is not None and wattr(tcw, "type") in ("dxa", None):
                    width = twips_mm(wattr(tcw, "w")) or 0.0
                width = width or self.width / max(len(tr.findall(w("tc"))), 1)
                paras = [self.reader.read(p, max(width - margin, 1.0), "table", tbl)
                         for p in tc.iter(w("p"))]
                row.append((x, x + width, paras))
                x, col = x + width, col + span
            rows.append(row)
        return Table(rows)

    def _cell_margin(self, tbl: etree._Element) -> float:
        """Return the left plus right cell margin of `tbl` in mm (Word's default 1.9 mm each)."""
        sources = [tbl.find(w("tblPr"))] + [s.find(w("tblPr")) for s in self.sheet.table_styles(tbl)]
        total = 0.0
        for side, alt in (("left", "start"), ("right", "end")):
            value = 108.0 * 25.4 / 1440
            for src in sources:
                mar = src.find(w("tblCellMar")) if src is not None else None
                edge = None if mar is None else (mar.find(w(side)) if mar.find(w(side)) is not None
                                                 else mar.find(w(alt)))
                if edge is not None:
                    value = twips_mm(wattr(edge, "w")) or 0.0
                    break
            total += value
        return total

    # -- pieces of a paragraph on the line ---------------------------------------------------------

    def pieces(self, para: Para, width: float | None = None, offset: float = 0.0) -> list[Line]:
        """Return the pieces of `para` cut at tabs and wide gaps, each placed on the line."""
        width = width if width is not None else para.width_mm
        lines: list[Line] = []
        for text_line, runs in _split_lines(para):
            lines += self._place(para, text_line, runs, width, offset)
        return lines

    def _place(self, para: Para, text: str, runs: list[Run], width: float, offset: float) -> list[Line]:
        """Place the pieces of one visual line of `para`: left, centre and right tab stops honoured."""
        fmt = para.fmt
        size = (next((r.fmt.size for r in runs if r.text.strip()), None)
                or (para.mark.size if para.mark else None) or 12.0)
        bold = any(r.fmt.bold for r in runs if r.text.strip())
        pos = 0
        x = fmt.left_mm + fmt.first_mm
        stop: tuple[float, str] | None = None
        prev_end = x
        raw: list[tuple[str, float, float, int, int]] = []
        for match in list(_GAP.finditer(text)) + [None]:
            end = match.start() if match else len(text)
            piece = text[pos:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                piece_w = text_width_mm(piece.strip(), size, bold)
                start = x + text_width_mm(" " * lead, size, bold)
                if stop is not None:
                    at, kind = stop
                    start = max(prev_end,
                                at - piece_w / 2 if kind == "center" else at - piece_w if kind == "right" else at)
                raw.append((piece.strip(), start, start + piece_w, pos + lead, end))
                x = prev_end = start + piece_w
            if match is None:
                break
            gap = match.group(0)
            stop = None
            if "\t" in gap:
                for _ in range(gap.count("\t")):
                    stop = self._next_tab(para, x)
                    x = stop[0]
            else:
                x += text_width_mm(gap, size, bold)
            pos = match.end()
        if raw and fmt.align in ("center", "right") and len(raw) == 1 and "\t" not in text:
            text_w = raw[0][2] - raw[0][1]
            inner = width - fmt.left_mm - fmt.right_mm
            start = fmt.left_mm + (inner - text_w) / (2 if fmt.align == "center" else 1)
            raw = [(raw[0][0], start, start + text_w, raw[0][3], raw[0][4])]
        return [Line(piece, _runs_between(runs, start, end), para, x0=x0 + offset, x1=x1 + offset)
                for piece, x0, x1, start, end in raw]

    def _next_tab(self, para: Para, x: float) -> tuple[float, str]:
        """Return the stop a tab at `x` jumps to: custom stops, the hanging indent, then the default grid."""
        stops = [(pos, kind) for pos, kind in para.fmt.tabs if pos > x + 0.1 and kind != "bar"]
        if para.fmt.first_mm < 0 and para.fmt.left_mm > x + 0.1:
            stops.append((para.fmt.left_mm, "left"))
        if stops:
            pos, kind = min(stops)
            return pos, kind if kind in ("left", "center", "right") else "left"
        step = self.default_tab or 12.7
        return (int(x / step) + 1) * step, "left"

    def assign(self, lines: list[Line], width: float | None = None) -> list[Line]:
        """Set the column of each piece from where its centre stands on the line."""
        width = width or self.width
        for line in lines:
            centre = (line.x0 + line.x1) / 2
            line.column = "left" if centre < width * LEFT_SHARE else "right"
        return lines


def _int(value: str | None, default: int) -> int:
    """Return `value` as a positive integer, `default` when absent or unreadable."""
    try:
        return max(int(value), 1) if value is not None else default
    except ValueError:
        return default


def _split_lines(para: Para) -> list[tuple[str, list[Run]]]:
    """Return the visual lines of `para` (split at line breaks), each with its runs."""
    out: list[tuple[str, list[Run]]] = [("", [])]
    for run in para.runs:
        parts = run.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                out.append(("", []))
            if part:
                text, runs = out[-1]
                out[-1] = (text + part, runs + [Run(part, run.fmt)])
    return out


def _runs_between(runs: list[Run], start: int, end: int) -> list[Run]:
    """Return the runs (cut to size) that cover characters `start`..`end` of their joined text."""
    out: list[Run] = []
    pos = 0
    for run in runs:
        lo, hi = pos, pos + len(run.text)
        if hi > start and lo < end:
            out.append(Run(run.text[max(start - lo, 0):min(end, hi) - lo], run.fmt))
        pos = hi
    return out


def looks_like_header_text(text: str) -> bool:
    """Return whether `text` reads like a header element (motto, number, date)."""
    folded = fold(text)
    return bool(re.match(r"^so\s*[:.]?\s*\S", folded) or "cong hoa xa hoi" in folded
                or "dang cong san" in folded or "doan tncs" in folded or re.search(r"ngay .* thang", folded))
