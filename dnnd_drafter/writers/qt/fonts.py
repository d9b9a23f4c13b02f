"""Choose the letter's type face and measure it the way LibreOffice and Word do.

The letter asks for Times New Roman. Where the system lacks it we use a metric-compatible twin
(Liberation Serif, Tinos): same advance widths, so lines break at the same words.
:func:`face_used` says which face was actually chosen, for the status bar and the tests.

Text is laid out at :data:`SCALE` layout units per point (twips), a resolution-independent unit
fine enough that rounding never moves a line break. Vertical metrics come from the font's
``hhea`` table, as LibreOffice reads them: a single-spaced line is ascender + descender + line
gap, with the gap above the ascender.
"""

from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QGuiApplication, QRawFont

SCALE = 20.0  # layout units per point (1 unit = 1 twip)
METRIC_TWINS = {
    "times new roman": ("Times New Roman", "Liberation Serif", "Tinos", "Times"),
    "arial": ("Arial", "Liberation Sans", "Arimo", "Helvetica"),
}


def ensure_gui_app() -> QGuiApplication:
    """Return the running QGuiApplication, creating an offscreen one when there is none."""
    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                      or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(sys.argv[:1] or ["dnnd-drafter"])
    return app  # type: ignore[return-value] # instance() is typed as QCoreApplication


@lru_cache(maxsize=None)
def face_used(requested: str = "Times New Roman") -> str:
    """Return the installed face that stands in for `requested` (itself when installed)."""
    ensure_gui_app()
    installed = {name.lower(): name for name in QFontDatabase.families()}
    for candidate in METRIC_TWINS.get(requested.lower(), (requested,)):
        if candidate.lower() in installed:
            return installed[candidate.lower()]
    return requested


def make_font(face: str, size: float, bold: bool = False, italic: bool = False,
              underline: bool = False) -> QFont:
    """Return `face` at `size` pt in layout units, unhinted and without kerning (as Word sets)."""
    font = QFont(face)
    font.setPixelSize(max(1, round(size * SCALE)))
    font.setBold(bold)
    font.setItalic(italic)
    font.setUnderline(underline)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setStyleStrategy(QFont.StyleStrategy.PreferOutline)
    return font


@dataclass(frozen=True)
class VMetrics:
    """Hold vertical metrics in em: ascender, descender (positive) and line gap."""

    ascent: float
    descent: float
    gap: float

    def line_height(self, size: float) -> float:
        """Return the single-spaced line height in pt at `size`."""
        return (self.ascent + self.descent + self.gap) * size

    def baseline(self, size: float) -> float:
        """Return the distance in pt from the top of a single-spaced line to its baseline."""
        return (self.ascent + self.gap) * size


@lru_cache(maxsize=None)
def vmetrics(face: str, bold: bool = False, italic: bool = False) -> VMetrics:
    """Return the vertical metrics of `face` from its hhea table (Qt's metrics as a fallback)."""
    ensure_gui_app()
    font = make_font(face, 100.0, bold, italic)
    raw = QRawFont.fromFont(font)
    table = bytes(raw.fontTable("hhea").data()) if raw.isValid() else b""
    units = raw.unitsPerEm() if raw.isValid() else 0.0
    if len(table) >= 10 and units > 0:
        ascender, descender, gap = struct.unpack(">hhh", table[4:10])
        if ascender or descender:
            return VMetrics(ascender / units, -descender / units, max(gap, 0) / units)
    metrics = QFontMetricsF(font)
    em = 100.0 * SCALE
    return VMetrics(metrics.ascent() / em, metrics.descent() / em, metrics.leading() / em)
