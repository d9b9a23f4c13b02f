"""Report where every button of the window is, for the real-window tests (off unless asked for).

When the environment names a file in ``DNND_DRAFTER_LAYOUT_PROBE``, pressing F12 in the wizard
appends one JSON line to it: the step shown, the screen's available area, the window's geometry
and, for every visible button, its rectangle in screen pixels and whether a clerk can reach it
(wholly on the screen, or inside a scroll area that scrolls to it without scrolling sideways).
A window manager and a real X server decide the sizes, so the tests drive the app from outside
and read this line instead of guessing positions from a screenshot.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QWidget

if TYPE_CHECKING:
    from dnnd_drafter.ui.wizard.main_window import MainWindow

ENVIRONMENT = "DNND_DRAFTER_LAYOUT_PROBE"
KEY = "F12"


def _global_rect(widget: QWidget) -> QRect:
    """Return `widget`'s rectangle in global (logical) coordinates."""
    return QRect(widget.mapToGlobal(widget.rect().topLeft()), widget.size())


def _scroll_viewport(widget: QWidget) -> QWidget | None:
    """Return the viewport of the nearest scroll area holding `widget`, or None."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent.parentWidget(), QAbstractScrollArea) and parent.objectName() == "qt_scrollarea_viewport":
            return parent
        parent = parent.parentWidget()
    return None


def _reachable(button: QWidget, screen: QRect) -> bool:
    """Return whether a clerk can see `button` (scrolling its page up or down when it has one)."""
    rect = _global_rect(button)
    viewport = _scroll_viewport(button)
    if viewport is None:
        return screen.contains(rect)
    view = _global_rect(viewport)
    inside_sideways = view.left() <= rect.left() and rect.right() <= view.right()
    return screen.contains(view) and inside_sideways


def snapshot(window: "MainWindow") -> dict[str, object]:
    """Return the step, the screen, the window and every visible button with its reachability."""
    screen = window.screen().availableGeometry()
    buttons = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window:
            continue
        rect = _global_rect(button)
        buttons.append({"text": button.text() or button.toolTip(), "rect": rect.getRect(),
                        "reachable": _reachable(button, screen)})
    return {"step": window.stack.currentIndex(), "screen": screen.getRect(), "window": window.geometry().getRect(),
            "frame": window.frameGeometry().getRect(), "ratio": window.devicePixelRatio(), "buttons": buttons}


def install(window: "MainWindow") -> None:
    """Let F12 append a snapshot to the file named by the environment (nothing when unset)."""
    target = os.environ.get(ENVIRONMENT)
    if not target:
        return

    def write() -> None:
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(json.dumps(snapshot(window), ensure_ascii=False) + "\n")

    shortcut = QShortcut(QKeySequence(KEY), window)
    shortcut.activated.connect(write)
    window.layout_probe = shortcut  # type: ignore[attr-defined]  # kept alive with the window
