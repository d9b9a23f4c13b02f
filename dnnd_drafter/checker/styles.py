"""Resolve the effective formatting of runs and paragraphs, as Word shows them.

Each property is looked up, highest priority first, in: the run's own ``w:rPr``, its character
style (and the styles that one is ``basedOn``), the paragraph style chain, the table style chain
(for paragraphs inside a table), then the document defaults (``w:docDefaults``). Paragraph
properties follow the same order without the character style. Theme fonts (``asciiTheme`` …)
are looked up in the theme. Only what the checker compares is resolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from dnnd_drafter.checker.reader import A_NS, Package, w, wattr

TWIP_MM = 25.4 / 1440
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SLOT = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
_FALSE = {"0", "false", "off", "none"}
JC = {"both": "justify", "distribute": "justify", "start": "left", "end": "right", "left": "left",
      "right": "right", "center": "center", "lowKashida": "justify", "mediumKashida": "justify",
      "highKashida": "justify", "thaiDistribute": "justify"}


def twips_mm(value: str | None) -> float | None:
    """Return a twip measure as mm, None when absent or unreadable."""
    if value is None:
        return None
    try:
        return float(value) * TWIP_MM
    except ValueError:
        return None


@dataclass(frozen=True)
class RunFormat:
    """Hold the effective character format of one run."""

    size: float | None
    bold: bool
    italic: bool
    underline: bool
    caps: bool
    fonts: tuple[tuple[str, str | None], ...]

    def font(self, slot: str) -> str | None:
        """Return the font on `slot` (``ascii``, ``hAnsi``, ``eastAsia``, ``cs``)."""
        return dict(self.fonts).get(slot)


@dataclass
class ParaFormat:
    """Hold the effective paragraph properties, lengths in mm and spacing in pt."""

    align: str = "left"
    left_mm: float = 0.0
    right_mm: float = 0.0
    first_mm: float = 0.0          # negative for a hanging indent
    before_pt: float = 0.0
    after_pt: float = 0.0
    line_rule: str = "auto"        # auto (a multiple of single), exact, atLeast
    line_value: float = 1.0        # the multiple for auto, pt otherwise
    border_bottom: bool = False
    keep_next: bool = False
    page_break_before: bool = False
    tabs: list[tuple[float, str]] = field(default_factory=list)  # (position mm, left|center|right|decimal)
    style_id: str = ""


def _on(element: etree._Element) -> bool:
    """Return the value of an OOXML on/off element (``<w:b/>`` is on)."""
    return (wattr(element, "val") or "true").lower() not in _FALSE


class StyleSheet:
    """Look up styles, their ``basedOn`` chains, the defaults and the theme fonts."""

    def __init__(self, package: Package) -> None:
        root = package.styles
        self.by_id: dict[str, etree._Element] = {}
        self.default: dict[str, str] = {}
        self.doc_rpr: etree._Element | None = None
        self.doc_ppr: etree._Element | None = None
        if root is not None:
            for style in root.iter(w("style")):
                sid = wattr(style, "styleId") or ""
                self.by_id[sid] = style
                if (wattr(style, "default") or "").lower() in ("1", "true", "on"):
                    self.default.setdefault(wattr(style, "type") or "paragraph", sid)
            defaults = root.find(w("docDefaults"))
            if defaults is not None:
                self.doc_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
                self.doc_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        self.theme_fonts = _theme_fonts(package.theme)
        self._chains: dict[str, list[etree._Element]] = {}

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """Return the style `style_id` followed by every style it is based on."""
        if not style_id:
            return []
        if style_id not in self._chains:
            out: list[etree._Element] = []
            seen: set[str] = set()
            current: str | None = style_id
            while current and current not in seen and current in self.by_id and len(out) < 32:
                seen.add(current)
                style = self.by_id[current]
                out.append(style)
                current = wattr(style.find(w("basedOn")), "val")
            self._chains[style_id] = out
        return self._chains[style_id]

    def paragraph_styles(self, ppr: etree._Element | None) -> list[etree._Element]:
        """Return the paragraph style chain of a paragraph (the default style when none is named)."""
        sid = wattr(ppr.find(w("pStyle")), "val") if ppr is not None else None
        return self.chain(sid or self.default.get("paragraph"))

    def table_styles(self, tbl: etree._Element | None) -> list[etree._Element]:
        """Return the table style chain of table `tbl` (the default table style when none is named)."""
        if tbl is None:
            return []
        tblpr = tbl.find(w("tblPr"))
        sid = wattr(tblpr.find(w("tblStyle")), "val") if tblpr is not None else None
        return self.chain(sid or self.default.get("table"))

    # -- runs -------------------------------------------------------------------------------

    def run_sources(self, rpr: etree._Element | None, para_styles: list[etree._Element],
                    table_styles: list[etree._Element]) -> list[etree._Element]:
        """Return the rPr elements that format a run, highest priority first."""
        sources: list[etree._Element] = []
        if rpr is not None:
            sources.append(rpr)
            char_id = wattr(rpr.find(w("rStyle")), "val")
            sources += [s.find(w("rPr")) for s in self.chain(char_id)]
        sources += [s.find(w("rPr")) for s in para_styles]
        sources += [s.find(w("rPr")) for s in table_styles]
        sources.append(self.doc_rpr)
        return [s for s in sources if s is not None]

    def run_format(self, sources: list[etree._Element]) -> RunFormat:
        """Return the effective character format given by `sources` (highest priority first)."""
        def first(tag: str) -> etree._Element | None:
            return next((el for el in (s.find(w(tag)) for s in sources) if el is not None), None)

        size_el = first("sz")
        size = None
        if size_el is not None:
            try:
                size = float(wattr(size_el, "val") or "") / 2
            except ValueError:
                size = None
        bold, italic, caps = (first(t) for t in ("b", "i", "caps"))
        under = first("u")
        fonts = tuple((slot, self._font(sources, slot)) for slot in FONT_SLOTS)
        return RunFormat(size=size if size is not None else 10.0,
                         bold=bold is not None and _on(bold), italic=italic is not None and _on(italic),
                         underline=under is not None and (wattr(under, "val") or "single") != "none",
                         caps=caps is not None and _on(caps), fonts=fonts)

    def _font(self, sources: list[etree._Element], slot: str) -> str | None:
        """Return the font on `slot`, the first source that sets it winning (theme fonts resolved)."""
        for src in sources:
            fonts = src.find(w("rFonts"))
            if fonts is None:
                continue
            theme = wattr(fonts, _THEME_SLOT[slot])
            if theme:
                return self.theme_fonts.get(theme) or f"({theme})"
            name = wattr(fonts, slot)
            if name:
                return name
        return None

    # -- paragraphs ---------------------------------------------------------------------------

    def para_format(self, ppr: etree._Element | None, para_styles: list[etree._Element],
                    table_styles: list[etree._Element]) -> ParaFormat:
        """Return the effective paragraph format of a paragraph with direct properties `ppr`."""
        candidates = [ppr] + [s.find(w("pPr")) for s in para_styles] + \
            [s.find(w("pPr")) for s in table_styles] + [self.doc_ppr]
        sources = [s for s in candidates if s is not None]

        def attr(tag: str, *names: str) -> str | None:
            for src in sources:
                el = src.find(w(tag))
                if el is not None:
                    for name in names:
                        value = wattr(el, name)
                        if value is not None:
                            return value
            return None

        def flag(tag: str) -> bool:
            el = next((e for e in (s.find(w(tag)) for s in sources) if e is not None), None)
            return el is not None and _on(el)

        fmt = ParaFormat()
        fmt.style_id = wattr(ppr.find(w("pStyle")), "val") or "" if ppr is not None else ""
        fmt.align = JC.get(attr("jc", "val") or "left", "left")
        fmt.left_mm = twips_mm(attr("ind", "left", "start")) or 0.0
        fmt.right_mm = twips_mm(attr("ind", "right", "end")) or 0.0
        hanging, first_line = self._first_indent(sources)
        fmt.first_mm = -(hanging or 0.0) if hanging is not None else (first_line or 0.0)
        fmt.before_pt = (twips_mm(attr("spacing", "before")) or 0.0) / TWIP_MM / 20
        fmt.after_pt = (twips_mm(attr("spacing", "after")) or 0.0) / TWIP_MM / 20
        rule = attr("spacing", "lineRule") or "auto"
        line = attr("spacing", "line")
        fmt.line_rule = rule if rule in ("exact", "atLeast") else "auto"
        try:
            value = float(line) if line is not None else 240.0
        except ValueError:
            value = 240.0
        fmt.line_value = value / 240 if fmt.line_rule == "auto" else value / 20
        fmt.keep_next = flag("keepNext")
        fmt.page_break_before = flag("pageBreakBefore")
        for src in sources:
            bottom = src.find(f"{w('pBdr')}/{w('bottom')}")
            if bottom is not None:
                fmt.border_bottom = (wattr(bottom, "val") or "nil") not in ("nil", "none")
                break
        fmt.tabs = self._tabs(sources)
        return fmt

    @staticmethod
    def _first_indent(sources: list[etree._Element]) -> tuple[float | None, float | None]:
        """Return (hanging, firstLine) in mm from the first source whose ``w:ind`` sets either."""
        for src in sources:
            ind = src.find(w("ind"))
            if ind is None:
                continue
            hanging, first = wattr(ind, "hanging"), wattr(ind, "firstLine")
            if hanging is not None or first is not None:
                return twips_mm(hanging), (twips_mm(first) if hanging is None else None)
        return None, None

    @staticmethod
    def _tabs(sources: list[etree._Element]) -> list[tuple[float, str]]:
        """Return the custom tab stops: the style's merged with the paragraph's, cleared ones removed."""
        stops: dict[int, str] = {}
        for src in reversed(sources):
            tabs = src.find(w("tabs"))
            if tabs is None:
                continue
            for tab in tabs.findall(w("tab")):
                try:
                    pos = int(float(wattr(tab, "pos") or "0"))
                except ValueError:
                    continue
                kind = wattr(tab, "val") or "left"
                if kind == "clear":
                    stops.pop(pos, None)
                else:
                    stops[pos] = {"start": "left", "end": "right"}.get(kind, kind)
        return sorted((pos * TWIP_MM, kind) for pos, kind in stops.items())


def _theme_fonts(theme: etree._Element | None) -> dict[str, str]:
    """Return the theme font names by theme slot (``minorHAnsi`` → ``Calibri`` …)."""
    out: dict[str, str] = {}
    if theme is None:
        return out
    for level, tag in (("major", "majorFont"), ("minor", "minorFont")):
        font = theme.find(f".//{{{A_NS}}}{tag}")
        if font is None:
            continue
        for child, names in (("latin", ("HAnsi", "Ascii")), ("ea", ("EastAsia",)), ("cs", ("Bidi",))):
            el = font.find(f"{{{A_NS}}}{child}")
            face = el.get("typeface") if el is not None else ""
            for suffix in names:
                if face:
                    out[f"{level}{suffix}"] = face
    return out
