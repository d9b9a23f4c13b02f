"""Load what the wizard's first frame does not need: the window's one deferred seam.

Everything the window shows at start is imported at module level. What it needs only later
is reached through a function here, never by an import inside another function, so a reader
meets start-up loading in this one module (tests/unit/test_deferred_imports.py keeps it so):

================================  =====================================================  ==========
function                          what it loads (and when the clerk needs it)            import cost
================================  =====================================================  ==========
:func:`render_engine`             compose (Jinja2, markdown-it), layout, the .docx        100–160 ms
                                  writer: the preview, just after the first frame
:func:`page_drawing`              Qt's text layout, fonts, the page painter: the first      30–40 ms
                                  letter drawn in the preview
:func:`step_page_module`          the steps after the first (tasks, recipients, …)          10–15 ms
:func:`checker`                   the format checker: the review step                       ~80 ms
:func:`data_windows`              address book, lists, profiles, signers, register          50–80 ms
:func:`word_reader`               reading a Word letter (python-docx, lxml)                 ~60 ms
:func:`directive_import`          importing a directive (lxml, the Word reader)             ~30 ms
:func:`qt_output`                 PDF export and printing                                   30–40 ms
:func:`libreoffice`               PDF through LibreOffice                                   ~20 ms
:func:`start_dialog`              "Soạn văn bản mới…" (File → New)                            ~5 ms
:func:`layout_probe`              the real-window tests' probe (only when they ask)            —
================================  =====================================================  ==========

The costs are ``python -X importtime`` of each module in a process that has already imported
what the window imports at start (2-core machine, bytecode cached). The bare QWizard the start
is measured against (benchmarks/, ``cold_start_ratio``) takes about 160 ms in all, so loading
any of these before the first frame would be seen. :class:`EngineLoader` imports the render
engine on a worker thread just after the first frame, so the preview does not wait for it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dnnd_drafter.base import dataclass_code
from dnnd_drafter.catalog import load_catalog


def render_engine() -> ModuleType:
    """Return :mod:`dnnd_drafter.render` (compose, lay out, write)."""
    from dnnd_drafter import render

    return render


def page_drawing() -> tuple[ModuleType, ModuleType]:
    """Return :mod:`dnnd_drafter.writers.qt.pagination` and :mod:`dnnd_drafter.writers.qt.painter`."""
    from dnnd_drafter.writers.qt import painter, pagination

    return pagination, painter


def step_page_module(name: str) -> ModuleType:
    """Return the module ``dnnd_drafter.ui.wizard.<name>`` holding a step's page."""
    return importlib.import_module(f"dnnd_drafter.ui.wizard.{name}")


def checker() -> ModuleType:
    """Return :mod:`dnnd_drafter.checker`."""
    from dnnd_drafter import checker as format_checker

    return format_checker


def data_windows() -> ModuleType:
    """Return :mod:`dnnd_drafter.ui.data` (the office data windows)."""
    from dnnd_drafter.ui import data

    return data


def word_reader() -> ModuleType:
    """Return :mod:`dnnd_drafter.wordin` (reading a Word letter into a draft)."""
    from dnnd_drafter import wordin

    return wordin


def directive_import() -> ModuleType:
    """Return :mod:`dnnd_drafter.ui.wizard.import_directive` (the dialog importing a directive)."""
    from dnnd_drafter.ui.wizard import import_directive

    return import_directive


def qt_output() -> tuple[ModuleType, ModuleType]:
    """Return :mod:`dnnd_drafter.writers.qt.pdf` and :mod:`dnnd_drafter.writers.qt.printing`."""
    from dnnd_drafter.writers.qt import pdf, printing

    return pdf, printing


def libreoffice() -> ModuleType:
    """Return :mod:`dnnd_drafter.writers.libreoffice`."""
    from dnnd_drafter.writers import libreoffice as soffice

    return soffice


def start_dialog() -> ModuleType:
    """Return :mod:`dnnd_drafter.ui.wizard.start_dialog`."""
    from dnnd_drafter.ui.wizard import start_dialog as dialog

    return dialog


def layout_probe() -> ModuleType:
    """Return :mod:`dnnd_drafter.ui.wizard.layout_probe` (the real-window tests ask for it)."""
    from dnnd_drafter.ui.wizard import layout_probe as probe

    return probe


def profile_dialog() -> ModuleType:
    """Return :mod:`dnnd_drafter.ui.data.profile_dialog` (the first start's office profile)."""
    from dnnd_drafter.ui.data import profile_dialog as dialog

    return dialog


def server_dialog() -> ModuleType:
    """Return :mod:`dnnd_drafter.ui.data.server_dialog` (choosing the office's server)."""
    from dnnd_drafter.ui.data import server_dialog as dialog

    return dialog


def server_calls() -> ModuleType:
    """Return :mod:`dnnd_drafter.ui.server_calls` (waiting for the office's server off the UI thread)."""
    from dnnd_drafter.ui import server_calls as calls

    return calls


def load_engine() -> None:
    """Import the engine and read the catalog; a problem surfaces later, on the UI thread."""
    try:
        render_engine()
        load_catalog()
        dataclass_code.finish()  # the start's and the engine's dataclasses: compiled once, kept for the next run
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
