"""Load the letter engine on a worker thread just after the wizard's first frame.

The first page needs none of it: the template engine (Jinja2, markdown-it), the layout and its
figures, the .docx writer and the directive catalog together take 100–150 ms to import and read.
This module is the wizard's one deferred seam: the window starts :class:`EngineLoader` once its
first frame is painted and finishes setting up (preview, shortcuts) when
:attr:`EngineLoader.loaded` arrives on the UI thread; every part of the wizard that renders a
letter reaches :mod:`dnnd_drafter.render` through :func:`render_engine`, not by importing it.
"""

from __future__ import annotations

from types import ModuleType

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


def render_engine() -> ModuleType:
    """Return :mod:`dnnd_drafter.render` (compose, lay out, write), importing it on first use."""
    from dnnd_drafter import render  # the deferred seam: everything else the window needs is loaded at start

    return render


def load_engine() -> None:
    """Import the engine and read the catalog; a problem surfaces later, on the UI thread."""
    try:
        from dnnd_drafter.catalog import load_catalog

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
