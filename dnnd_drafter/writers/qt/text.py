"""Lay out one paragraph in its column: break lines with QTextLayout and measure every line.

Geometry is in points; the QTextLayout itself works in layout units (:data:`fonts.SCALE` per
point). The rules follow what LibreOffice does with the .docx we write: a single-spaced line
is the font's ascender + descender + line gap tall with the gap above; an exact line spacing
gives every line that height with the baseline at 80 % of it; an empty paragraph is one line of
its size; a drawn rule adds its border spacing and weight below the line.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QTextCharFormat, QTextLayout, QTextLine, QTextOption

from dnnd_drafter.layout.blocks import RULE_BORDER_EIGHTHS, Para
from dnnd_drafter.writers.qt.fonts import SCALE, make_font, vmetrics
from dnnd_drafter.writers.qt.plain_qt import aligned_option, solid_brush

PT_PER_MM = 72.0 / 25.4
EXACT_BASELINE = 0.8  # LibreOffice puts the baseline of an exactly spaced line at 80 % of it
RULE_SPACE_PT = 1.0  # w:space of the rule border written by docx_writer._add_bottom_border
RULE_WIDTH_PT = RULE_BORDER_EIGHTHS / 8.0
DEFAULT_TAB_MM = 12.7  # python-docx's template: w:defaultTabStop 720 twips
# LibreOffice's ICU rules never break after a slash inside a word (``CT/TW``, ``b/c``), while Qt's would.
CACHED_PARAGRAPHS = 4096  # per thread: a 50-page letter has about 300, its grids a few dozen more
NO_BREAK_AFTER = "\u2011/"
GLYPH_STANDINS = str.maketrans({"\u2011": "-"})  # fonts lack U+2011; Word and LibreOffice draw "-"
INK = solid_brush(QColor(0, 0, 0))  # text and drawn rules


def mm(value: float) -> float:
    """Return `value` millimetres in points."""
    return value * PT_PER_MM


@dataclass
class LineBox:
    """Hold one line of a paragraph: top and height in pt, relative to the paragraph's lines."""

    top: float
    height: float
    baseline: float
    qline: QTextLine | None = None


@dataclass
class ParaBox:
    """Hold a paragraph laid out in a column of `width` pt: lines, spacing and drawn rule."""

    para: Para
    width: float
    lines: list[LineBox]
    layout: QTextLayout | None = None
    rule: tuple[float, float, float] | None = None  # x1, x2, y in pt from the paragraph's lines
    extra_below: float = 0.0  # border spacing and weight under the last line
    texts: list[str] = field(default_factory=list)

    @property
    def space_before(self) -> float:
        """Return the space above the paragraph in pt."""
        return self.para.space_before_pt

    @property
    def space_after(self) -> float:
        """Return the space below the paragraph in pt."""
        return self.para.space_after_pt

    def span(self, first: int, last: int) -> float:
        """Return the height in pt of lines `first` to `last` (exclusive), border included."""
        height = sum(line.height for line in self.lines[first:last])
        return height + (self.extra_below if last == len(self.lines) else 0.0)

    @property
    def height(self) -> float:
        """Return the height of the whole paragraph in pt, spacing excluded."""
        return self.span(0, len(self.lines))


def _line_sizes(para: Para) -> list[tuple[int, int, float, bool, bool]]:
    """Return (start, end, size, bold, italic) of each run in the paragraph's text."""
    out, start = [], 0
    for run in para.runs:
        text = run.text
        out.append((start, start + len(text), run.size, run.bold, run.italic))
        start += len(text)
    return out


def _vertical(face: str, para: Para, runs: list[tuple[int, int, float, bool, bool]],
              start: int, end: int) -> tuple[float, float]:
    """Return (height, baseline) in pt of a line holding characters `start` to `end`."""
    if para.line_exact_pt:
        return para.line_exact_pt, para.line_exact_pt * EXACT_BASELINE
    above = below = 0.0
    hit = [r for r in runs if r[0] < max(end, start + 1) and r[1] > start] or []
    if not hit:
        metrics = vmetrics(face)
        return metrics.line_height(para.size), metrics.baseline(para.size)
    for _, _, size, bold, italic in hit:
        metrics = vmetrics(face, bold, italic)
        above = max(above, metrics.baseline(size))
        below = max(below, metrics.descent * size)
    return above + below, above


def _option(para: Para, first_x: float) -> QTextOption:
    """Return the text option: alignment, word wrap, design metrics and the tab stops."""
    option = aligned_option(para.align)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    option.setUseDesignMetrics(True)
    stops = [mm(para.tab_mm)] if para.tab_mm is not None else []
    if para.first_mm < 0:
        stops.append(mm(para.left_mm))  # a hanging indent is a tab stop in Word and LibreOffice
    tabs = [QTextOption.Tab((stop - first_x) * SCALE, QTextOption.TabType.LeftTab)
            for stop in sorted(set(stops)) if stop > first_x]
    option.setTabs(tabs)
    option.setTabStopDistance(mm(DEFAULT_TAB_MM) * SCALE)
    return option


def _respect_no_break(qline: QTextLine, text: str, no_break: set[int], width: float) -> None:
    """Re-break `qline` at its last space when Qt broke it where LibreOffice would not."""
    start = qline.textStart()
    end = start + qline.textLength()
    if end >= len(text) or end not in no_break:
        return
    space = text.rfind(" ", start, end)
    if space > start:
        qline.setNumColumns(space + 1 - start, width)


_laid_out = threading.local()  # Qt's text layouts belong to the thread that made them


def lay_out_para(para: Para, width: float, face: str) -> ParaBox:
    """Return `para` broken into lines in a column `width` pt wide, reusing this thread's earlier box.

    A box is never changed once made (pages refer to its lines), so a paragraph the clerk did
    not touch since the last refresh costs a dictionary look-up instead of a new QTextLayout.
    """
    cache: OrderedDict[tuple[Para, float, str], ParaBox] | None = getattr(_laid_out, "boxes", None)
    if cache is None:
        cache = _laid_out.boxes = OrderedDict()
    key = (para, width, face)
    box = cache.get(key)
    if box is not None:
        cache.move_to_end(key)
        return box
    box = break_para(para, width, face)
    cache[key] = box
    if len(cache) > CACHED_PARAGRAPHS:
        cache.popitem(last=False)
    return box


def break_para(para: Para, width: float, face: str) -> ParaBox:
    """Return `para` broken into lines in a column `width` pt wide (always a new layout)."""
    left, right, first = mm(para.left_mm), mm(para.right_mm), mm(para.first_mm)
    extra = 0.0
    if para.rule_mm:
        side = max((width - mm(para.rule_mm)) / 2, 0.0)
        left, right = side, side
        extra = RULE_SPACE_PT + RULE_WIDTH_PT
    runs = _line_sizes(para)
    text = "".join(run.text for run in para.runs)
    forced = [i for i, ch in enumerate(text) if ch == "\n"]  # the layout's explicit line breaks
    text = text.replace("\n", " ")  # a space that ends its line, as w:br does in Word
    no_break = {i + 1 for i, ch in enumerate(text)
                if ch in NO_BREAK_AFTER and i + 1 < len(text) and not text[i + 1].isspace()}
    text = text.translate(GLYPH_STANDINS)
    box = ParaBox(para, width, [], extra_below=extra)
    if not text:
        height, baseline = _vertical(face, para, [], 0, 0)
        box.lines.append(LineBox(0.0, height, baseline))
    else:
        layout = QTextLayout(text, make_font(face, para.size))
        formats = []
        for run, (start, end, *_rest) in zip(para.runs, runs):
            fmt = QTextCharFormat()
            fmt.setFont(make_font(face, run.size, run.bold, run.italic, run.underline))
            fmt.setForeground(INK)  # whatever pen the painter has (a widget's is its palette's text colour)
            rng = QTextLayout.FormatRange()
            rng.start, rng.length, rng.format = start, end - start, fmt
            formats.append(rng)
        layout.setFormats(formats)
        first_x = max(left + first, 0.0)
        layout.setTextOption(_option(para, first_x))
        layout.setCacheEnabled(True)
        layout.beginLayout()
        top = 0.0
        while True:
            qline = layout.createLine()
            if not qline.isValid():
                break
            x = first_x if not box.lines else left
            # break at x = 0: Qt measures tab stops from the layout origin while breaking but
            # from the line's start while drawing; the line moves to its place below
            qline.setLineWidth(max(width - right - x, 1.0) * SCALE)
            start = qline.textStart()
            _respect_no_break(qline, text, no_break, (width - right - x) * SCALE)
            cut = next((i for i in forced if i >= start), None)
            if cut is not None:  # the layout measured this line: it ends exactly at its break
                qline.setNumColumns(cut + 1 - start, (width - right - x) * SCALE)
            height, baseline = _vertical(face, para, runs, start, start + qline.textLength())
            qline.setPosition(QPointF(x * SCALE, (top + baseline) * SCALE - qline.ascent()))
            box.lines.append(LineBox(top, height, baseline, qline))
            box.texts.append(text[start:start + qline.textLength()])
            top += height
        layout.endLayout()
        box.layout = layout
    if para.rule_mm:
        lines_height = sum(line.height for line in box.lines)
        box.rule = (left, width - right, lines_height + RULE_SPACE_PT + RULE_WIDTH_PT / 2)
    return box
