"""Load what the wizard's first frame does not need: the window's one deferred seam.

Everything the window shows at start is imported at module level. What it needs only later
is reached through a function here, never by an import inside another function, so a reader
meets start-up loading in this one module (tests/unit/test_deferred_imports.py keeps it so):

=========================================  ============================================  ===========
functions                                  what they load, and when the clerk needs it   import cost
=========================================  ============================================  ===========
:func:`render_engine`                      compose (Jinja2 templates) and layout: the    47 ms
                                           preview after the first frame (loaded on a
                                           worker thread)
:func:`preview_pane`                       the live preview pane, built when the first   1 ms
                                           letter is there
:func:`paginate`, :func:`usable_pages`,    Qt's text layout, fonts, the page painter:    35 ms
:func:`paint_page`, :func:`fill_rect`,     the first letter drawn in the preview
:func:`fill_paper`
:func:`step_page_module`                   the steps after the first                     36 ms
:func:`check_draft`                        the format checker: the review step           28 ms
:func:`open_data_window`,                  the office data windows (address book,        51 ms
:func:`profile_dialog`                     lists, profiles, signers, register)
:func:`word_reader`                        reading a Word letter (python-docx, lxml)     8 ms
:func:`import_directive`                   importing a directive                         14 ms
:func:`export_pdf`, :func:`print_letter`,  PDF export (Qt or LibreOffice), printing      13 ms
:func:`find_libreoffice`
:func:`off_ui_thread`,                     waiting for the office's server; choosing it  51 ms
:func:`edit_server_settings`               (both build PySide6's ``Qt`` namespace)
:func:`start_dialog`                       "Soạn văn bản mới…" (Tệp → Mới)               3 ms
:func:`install_layout_probe`               the real-window tests' probe, when they ask   —
=========================================  ============================================  ===========

The costs are what ``benchmarks/seam_costs.py`` measured (2026-12-03, 2-core machine, quiet):
the median of five new processes that first import what the window imports at start, then time
importing the modules, bytecode cached; ``word_reader`` after the render engine and the checker,
the drawing and the PDF writers after the render engine. The bare QWizard the start
is measured against (benchmarks/, ``cold_start_ratio``) takes about 160 ms in all, so loading
any of these before the first frame would be seen. :class:`EngineLoader` imports the render
engine on a worker thread just after the first frame, so the preview does not wait for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QRectF, QRunnable, QThreadPool, Signal

from dnnd_drafter.catalog import load_catalog

if TYPE_CHECKING:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QColor, QPainter
    from PySide6.QtWidgets import QWidget

    from dnnd_drafter.checker import Report
    from dnnd_drafter.layout.blocks import LaidOutLetter
    from dnnd_drafter.model.letter import Draft
    from dnnd_drafter.store import Store
    from dnnd_drafter.ui.data.profile_dialog import ProfileDialog
    from dnnd_drafter.ui.wizard.main_window import MainWindow
    from dnnd_drafter.ui.wizard.preview_pane import PreviewPane
    from dnnd_drafter.ui.wizard.step_base import AppContext
    from dnnd_drafter.writers.qt.pagination import Pagination

T = TypeVar("T")


# -- the letter: rendering, drawing, checking, writing --------------------------------------
def render_engine() -> ModuleType:
    """Return :mod:`dnnd_drafter.render` (compose, lay out, write)."""
    from dnnd_drafter import render

    return render


def paginate(letter: LaidOutLetter) -> Pagination:
    """Return `letter` cut into pages with Qt's text layout (:mod:`dnnd_drafter.writers.qt.pagination`)."""
    from dnnd_drafter.writers.qt.pagination import paginate as cut_into_pages

    return cut_into_pages(letter)


def usable_pages(pages: LaidOutLetter | Pagination) -> Pagination:
    """Return `pages` as a pagination the painter can draw (see ``pagination.usable``)."""
    from dnnd_drafter.writers.qt.pagination import usable

    return usable(pages)


def paint_page(painter: QPainter, pages: Pagination, index: int, scale: float, images: bool = True) -> None:
    """Paint page `index` of `pages` at `scale` (:mod:`dnnd_drafter.writers.qt.painter`)."""
    from dnnd_drafter.writers.qt.painter import paint_page as paint

    paint(painter, pages, index, scale, images)


def fill_rect(painter: QPainter, rect: QRect, color: QColor) -> None:
    """Fill `rect` with `color` as ``painter.fillRect`` does, without building PySide6's ``Qt``
    namespace (:mod:`dnnd_drafter.writers.qt.plain_qt`)."""
    from dnnd_drafter.writers.qt.plain_qt import fill_rect as fill, solid_brush

    fill(painter, QRectF(rect), solid_brush(color))


def fill_paper(painter: QPainter, rect: QRect) -> None:
    """Fill `rect` with the paper's white, the colour every page is drawn on
    (:mod:`dnnd_drafter.writers.qt.painter`)."""
    from dnnd_drafter.writers.qt.painter import PAPER

    fill_rect(painter, rect, PAPER)


def preview_pane() -> PreviewPane:
    """Return a new live preview (:mod:`dnnd_drafter.ui.wizard.preview_pane`), built after the first frame.

    Its module is loaded by name, as the steps' are (:func:`step_page_module`): it draws through
    this seam, which must not import it back."""
    pane: PreviewPane = importlib.import_module("dnnd_drafter.ui.wizard.preview_pane").PreviewPane()
    return pane


def check_draft(draft: Draft) -> Report:
    """Return the format checker's report on the letter `draft` gives (the review step)."""
    from dnnd_drafter.checker import check_draft as check

    return check(draft)


def export_pdf(letter: LaidOutLetter, target: Path, title: str, author: str, through_libreoffice: bool) -> None:
    """Write the PDF of `letter` at `target` with Qt, or through LibreOffice when asked."""
    if through_libreoffice:
        from dnnd_drafter.writers import libreoffice

        libreoffice.export_pdf(letter, target, title=title, author=author)
    else:
        from dnnd_drafter.writers.qt import pdf

        pdf.export_pdf(letter, target, title=title, author=author)


def print_letter(letter: LaidOutLetter, parent: QWidget | None, suggested_file: Path) -> None:
    """Open the print dialog for `letter` over `parent`."""
    from dnnd_drafter.writers.qt.printing import print_with_dialog

    print_with_dialog(letter, parent, suggested_file=suggested_file)


def find_libreoffice() -> Path | None:
    """Return LibreOffice's program when it is installed, else None."""
    from dnnd_drafter.writers.libreoffice import find_soffice

    return find_soffice()


# -- the other windows ---------------------------------------------------------------------
def step_page_module(name: str) -> ModuleType:
    """Return the module ``dnnd_drafter.ui.wizard.<name>`` holding a step's page (after the first)."""
    return importlib.import_module(f"dnnd_drafter.ui.wizard.{name}")


def start_dialog() -> ModuleType:
    """Return :mod:`dnnd_drafter.ui.wizard.start_dialog` ("Soạn văn bản mới…")."""
    from dnnd_drafter.ui.wizard import start_dialog as dialog

    return dialog


def word_reader() -> ModuleType:
    """Return :mod:`dnnd_drafter.wordin` (reading a Word letter into a draft)."""
    from dnnd_drafter import wordin

    return wordin


def open_data_window(key: str, parent: QWidget, context: AppContext, changed: Callable[[], None]) -> None:
    """Show the office data window `key` (address book, lists, profiles, signers, register)."""
    from dnnd_drafter.ui.data import open_data_dialog

    open_data_dialog(key, parent, context, changed)


def profile_dialog(store: Store) -> ProfileDialog:
    """Return the first start's office profile dialog on `store`."""
    from dnnd_drafter.ui.data.profile_dialog import ProfileDialog

    return ProfileDialog(store)


def edit_server_settings(parent: QWidget) -> None:
    """Open the dialog choosing the office's server (Dữ liệu → Máy chủ dữ liệu của cơ quan…)."""
    from dnnd_drafter.ui.data.server_dialog import edit_server_settings as edit

    edit(parent)


def import_directive(parent: QWidget) -> bool:
    """Show the dialog importing a directive; return whether one was saved."""
    from dnnd_drafter.ui.wizard.import_directive import import_directive as run

    return run(parent)


def off_ui_thread(parent: QWidget | None, store: Any, call: Callable[[], T]) -> T:
    """Return ``call()``, run off the UI thread when `store` is on the office's server."""
    from dnnd_drafter.ui.server_calls import off_ui_thread as run

    return run(parent, store, call)


def install_layout_probe(window: MainWindow) -> None:
    """Let the real-window tests ask where the buttons are (only when they set the variable)."""
    from dnnd_drafter.ui.wizard.layout_probe import install

    install(window)


def load_engine() -> None:
    """Import the engine and read the catalog; a problem surfaces later, on the UI thread.

    Nothing of Qt is imported here: PySide6 sets a Qt class up on first access, and two threads
    doing that at once can corrupt its table of classes still to set up. The preview's Qt modules
    load on the UI thread with the first letter; the dataclasses' code cache stays installed until
    the first preview is shown (``ui/app.py``), so their classes' code is kept too."""
    try:
        render_engine()
        load_catalog()
    except Exception:  # noqa: BLE001 - the UI thread reads the catalog again and says what is wrong
        pass


class _LoadJob(QRunnable):
    """Run :func:`load_engine`, then report."""

    def __init__(self, loader: EngineLoader) -> None:
        super().__init__()
        self.loader = loader

    def run(self) -> None:
        """Load, then emit ``loaded`` (delivered on the UI thread)."""
        load_engine()
        try:
            self.loader.loaded.emit()
        except RuntimeError:  # the window closed meanwhile and took its loader along: nobody to tell
            pass


class EngineLoader(QObject):
    """Load the engine off the UI thread; emit ``loaded`` when done."""

    loaded = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    def start(self) -> None:
        """Start loading (again: a second load finds everything imported and returns at once)."""
        self.pool.start(_LoadJob(self))

    def wait(self, msecs: int = 5000) -> bool:
        """Wait until the loading thread is idle (closing the window, tests)."""
        return self.pool.waitForDone(msecs)
