"""A PDF and the wizard's first preview are drawn without PySide6's ``Qt`` namespace.

Its first use creates 93 Python enums (17–22 ms: a tenth of a ``dnnd-drafter pdf`` process);
:mod:`dnnd_drafter.writers.qt.plain_qt` makes what the pages need without it. Each check runs in
a new process, since this one has long used the namespace. What it costs is measured in
benchmarks/ (``cli_pdf_ratio_vs_qt_floor``, ``cold_start_preview_ratio``), not here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from dnnd_drafter.writers.qt.plain_qt import aligned_option, fill_rect, solid_brush
from tests.unit.test_start_imports import APP_FIRST, NEW_WINDOW

REPO = Path(__file__).resolve().parents[2]
CAT_TIEN = REPO / "examples" / "dang_cat_tien_492.json"

PDF = r"""
import json, sys
import PySide6.QtCore
from dnnd_drafter.cli import entry

status = entry.main(["pdf", sys.argv[1], "-o", sys.argv[2]])
print(json.dumps({"status": status, "qt_namespace": "Qt" in vars(PySide6.QtCore)}))
"""

# The wizard as the app's start builds it on the clerks' usual screen (the preview beside the
# form), shown until the preview has painted a page of the letter; the namespace is looked at
# as that first paint ends.
PREVIEW = r"""
import json, time
""" + APP_FIRST + r"""
import PySide6.QtCore
from dnnd_drafter.ui.wizard import preview_widget

seen = []
paint = preview_widget._Canvas.paintEvent


def spy(canvas, event):
    paint(canvas, event)
    if canvas.pages is not None and not seen:
        seen.append({"pages": canvas.pages.page_count, "qt_namespace": "Qt" in vars(PySide6.QtCore)})


preview_widget._Canvas.paintEvent = spy
""" + NEW_WINDOW + r"""
deadline = time.monotonic() + 60
while not seen:
    if time.monotonic() > deadline:
        sys.exit("waited in vain for the first painted page")
    app.processEvents()
    time.sleep(0.001)
print(json.dumps(seen[0]))
window.session.dirty = False
window.close()
store.close()
"""


def run_script(script: str, tmp_path: Path, *args: str) -> dict[str, Any]:
    """Run `script` in a new offscreen process on a fresh data folder; return the JSON it printed last."""
    screen = tmp_path / "screen-1366x768.json"  # the offscreen screen is 800 px wide: no preview beside the form
    screen.write_text('{"screens": [{"name": "clerk", "x": 0, "y": 0, "width": 1366, "height": 768, '
                      '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}", DNND_DRAFTER_HOME=str(tmp_path / "home"),
               DNND_DRAFTER_CACHE=str(tmp_path / "cache"), PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                            timeout=180, cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_writing_a_pdf_never_builds_the_qt_namespace(tmp_path: Path) -> None:
    seen = run_script(PDF, tmp_path, str(CAT_TIEN), str(tmp_path / "letter.pdf"))
    assert seen == {"status": 0, "qt_namespace": False}
    assert (tmp_path / "letter.pdf").read_bytes().startswith(b"%PDF")


def test_the_first_page_of_the_preview_is_painted_without_the_qt_namespace(tmp_path: Path) -> None:
    seen = run_script(PREVIEW, tmp_path)
    assert seen["pages"] >= 1
    assert seen["qt_namespace"] is False


def test_the_options_carry_the_alignment_qt_would_set(qapp) -> None:
    from PySide6.QtCore import Qt

    expected = {"left": Qt.AlignmentFlag.AlignLeft, "right": Qt.AlignmentFlag.AlignRight,
                "center": Qt.AlignmentFlag.AlignHCenter, "justify": Qt.AlignmentFlag.AlignJustify}
    horizontal = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignHCenter
                  | Qt.AlignmentFlag.AlignJustify)  # left and right also come "absolute": the same in Vietnamese
    for name, flag in expected.items():
        assert aligned_option(name).alignment() & horizontal == flag, name
    assert aligned_option("sideways").alignment() & horizontal == Qt.AlignmentFlag.AlignLeft
    first = aligned_option("justify")
    first.setTabStopDistance(99.0)  # each call gives its own copy
    assert aligned_option("justify").tabStopDistance() != 99.0


def test_a_filled_rectangle_is_the_colour_asked_for_edge_to_edge(qapp) -> None:
    image = QImage(20, 10, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor(255, 255, 255))
    painter = QPainter(image)
    fill_rect(painter, QRectF(5, 2, 10, 6), solid_brush(QColor(128, 64, 32)))
    painter.end()
    assert image.pixelColor(5, 2) == QColor(128, 64, 32) and image.pixelColor(14, 7) == QColor(128, 64, 32)
    assert image.pixelColor(4, 2) == QColor(255, 255, 255) and image.pixelColor(15, 7) == QColor(255, 255, 255)
    assert image.pixelColor(5, 1) == QColor(255, 255, 255) and image.pixelColor(14, 8) == QColor(255, 255, 255)
