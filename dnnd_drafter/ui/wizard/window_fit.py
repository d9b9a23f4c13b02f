"""Fit the wizard window to the screen it opens on, and its columns to the window's width.

The window opens within the screen's available area (maximised when the usual 1366×768 does not
fit), never at a remembered size or place that is off the screen or larger than it. Below
:data:`SIDE_PREVIEW_MIN` logical pixels (1024×600, or 1366×768 at 125 % scaling) the preview
leaves the side of the form: a "Xem trang in" button in the button bar shows it in the form's
place. The layout depends only on the window's width and never changes that width, so a
resize settles at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication

from PySide6.QtWidgets import QPushButton

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow, QWidget

    from dnnd_drafter.ui.wizard.main_window import MainWindow

DEFAULT_SIZE = QSize(1366, 768)
SIDE_PREVIEW_MIN = 1150  # logical px from which the preview sits beside the form
SIDEBAR_WIDE, SIDEBAR_NARROW = 190, 150  # the list of steps, px
SPLIT_WIDE = (190, 660, 520)  # sidebar, form, preview at 1366 wide
FRAME_ALLOWANCE = QSize(16, 48)  # room left for the window manager's frame and title bar, px
TEXT = {
    "show_preview": "Xem trang in", "show_preview_tip": "Xem trang in thay cho các ô nhập (cửa sổ hẹp)",
    "back_to_form": "Về các ô nhập", "back_to_form_tip": "Trở lại các ô nhập của bước này",
}


def available_area(window: "QWidget") -> QRect:
    """Return the available geometry (without panels) of the window's screen, or the primary one."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def on_screen(rect: QRect) -> bool:
    """Return whether `rect` lies wholly inside the available area of one screen."""
    return any(screen.availableGeometry().contains(rect) for screen in QGuiApplication.screens())


def place(window: "QMainWindow", saved: object) -> bool:
    """Give `window` its remembered geometry when it fits a screen, else a size that fits its screen.

    Return whether the window must be shown maximised: the usual size (plus the window manager's
    frame) would stick out of the screen, as on a 1366×768 one. The caller shows it with
    ``showMaximized()``, which keeps PySide6 from building every enum of the ``Qt`` namespace on the
    start path (25–45 ms) as ``setWindowState(windowState() | Qt.WindowState.WindowMaximized)`` did.
    """
    if saved is not None and window.restoreGeometry(saved):  # type: ignore[arg-type] # QSettings gives the QByteArray back as object
        if on_screen(window.normalGeometry() if window.isMaximized() else window.geometry()):
            return False
    area = available_area(window)
    wanted = DEFAULT_SIZE + FRAME_ALLOWANCE
    fits = area.width() >= wanted.width() and area.height() >= wanted.height()
    size = DEFAULT_SIZE if fits else QSize(area.width() * 9 // 10, area.height() * 9 // 10)
    frame = QRect(0, 0, size.width(), size.height())
    frame.moveCenter(area.center())
    window.setGeometry(frame)  # the size it returns to when the clerk restores a maximised window
    return not fits


def is_narrow(width: int) -> bool:
    """Return whether a window `width` px wide shows the preview in the form's place, not beside it."""
    return width < SIDE_PREVIEW_MIN


def split_sizes(width: int, narrow: bool = False) -> list[int]:
    """Return the sidebar, form and preview widths for a window `width` px wide (no preview when narrow)."""
    if narrow:
        return [SIDEBAR_NARROW, max(width - SIDEBAR_NARROW, 0), 0]
    rest = max(width - SPLIT_WIDE[0], 0)
    form = rest * SPLIT_WIDE[1] // (SPLIT_WIDE[1] + SPLIT_WIDE[2])
    return [SPLIT_WIDE[0], form, rest - form]


def preview_toggle() -> QPushButton:
    """Return the (hidden) button that shows the preview in the form's place on a narrow window."""
    button = QPushButton(TEXT["show_preview"])
    button.setToolTip(TEXT["show_preview_tip"])
    button.setCheckable(True)
    button.hide()
    return button


def fit_columns(window: "MainWindow", form: int, preview: int) -> None:
    """Arrange `window`'s splitter columns for its width: preview beside the form, or in its place.

    Depends on the window's width only and changes no width the window depends on, so it
    cannot start a layout loop.
    """
    narrow = is_narrow(window.width())
    toggle = window.preview_toggle
    preview_only = narrow and toggle.isChecked()
    key = "back_to_form" if preview_only else "show_preview"
    toggle.setText(TEXT[key])
    toggle.setToolTip(TEXT[f"{key}_tip"])
    toggle.setVisible(narrow)
    window.steps.setVisible(not preview_only)
    window.splitter.widget(form).setVisible(not preview_only)  # type: ignore[union-attr] # the splitter holds both columns
    window.splitter.widget(preview).setVisible(not narrow or preview_only)  # type: ignore[union-attr] # the splitter holds both columns
    window.steps.setFixedWidth(SIDEBAR_NARROW if narrow else SIDEBAR_WIDE)
    if narrow != getattr(window, "columns_narrow", None):  # the sidebar's width changed: share the rest anew
        window.splitter.setSizes(split_sizes(window.width(), narrow))
    window.columns_narrow = narrow  # type: ignore[attr-defined] # remembered on the window, read above
