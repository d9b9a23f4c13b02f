"""Keep the live preview beside the questions up to date without freezing the window.

Edits restart a short timer (debounce); when it fires, the draft is copied, its body composed
once and checked, and the letter laid out on a worker thread; the result comes back through a
queued signal and only the newest result is shown (and its body rule results handed to the
window). A draft that cannot be laid out yet (a field still being typed) keeps the last page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model.findings import Finding
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.ui.deferred import render_engine
from dnnd_drafter.ui.wizard.preview_widget import PreviewWidget

if TYPE_CHECKING:
    from dnnd_drafter.layout.blocks import LaidOutLetter

DEBOUNCE_MS = 250
TEXT = {
    "waiting": "Đang chuẩn bị trang xem trước…", "problem": "Chưa xem trước được: {}",
    "fit": "Vừa khung", "fit_tip": "Phóng to vừa chiều rộng khung xem",
    "zoom_in": "+", "zoom_in_tip": "Phóng to", "zoom_out": "−", "zoom_out_tip": "Thu nhỏ",
    "single": "Từng trang", "single_tip": "Xem từng trang một (bỏ chọn để xem liền các trang)",
    "prev": "◀", "prev_tip": "Trang trước", "next": "▶", "next_tip": "Trang sau",
    "pages": "Trang {} / {}", "face": "Phông chữ: {}",
}


class _Signals(QObject):
    """Carry a finished layout (or its problem) and the body's rule results back to the UI thread."""

    done = Signal(int, object, object)
    failed = Signal(int, str, object)


class _LayoutJob(QRunnable):
    """Compose and lay out one copy of the draft on a worker thread."""

    def __init__(self, generation: int, draft: Draft, signals: _Signals) -> None:
        super().__init__()
        self.generation, self.draft, self.signals = generation, draft, signals

    def run(self) -> None:
        """Compose the body once, check it, lay the letter out and report back."""
        body_results: list[Finding] = []
        try:
            rendered = render_engine().render(self.draft)
            body_results = rendered.findings
            if rendered.letter is None:
                self.signals.failed.emit(self.generation, body_results[0].message, body_results)
                return
            letter = rendered.letter
        except UserMessageError as exc:
            self.signals.failed.emit(self.generation, exc.message, body_results)
            return
        except Exception as exc:  # noqa: BLE001 - a preview problem must not reach the user as a crash
            self.signals.failed.emit(self.generation, str(exc), body_results)
            return
        try:
            self.signals.done.emit(self.generation, letter, body_results)
        except RuntimeError:  # the pane closed meanwhile (its signals went with it): nothing to show
            pass


class PreviewPane(QWidget):
    """Show the letter's pages as they will print, refreshed shortly after each edit."""

    updated = Signal()
    checked = Signal(object)  # the body's rule results (list of Finding) of the newest draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.signals = _Signals()
        self.signals.done.connect(self._show)
        self.signals.failed.connect(self._problem)
        self.generation = 0
        self.letter: LaidOutLetter | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._start)
        self._pending: Draft | None = None
        self.status = QLabel(TEXT["waiting"])
        self.status.setWordWrap(True)
        self.pages = PreviewWidget()
        self.page_label = QLabel()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self._toolbar())
        column.addWidget(self.status)
        column.addWidget(self.pages, 1)
        self.pages.pageChanged.connect(lambda _i: self._show_page_label())
        self.pages.paginated.connect(lambda _n: self._show_page_label())

    def _toolbar(self) -> QHBoxLayout:
        """Return the zoom and page controls above the pages."""
        bar = QHBoxLayout()
        for key, slot in (("fit", self.pages.fit_width), ("zoom_out", self.pages.zoom_out),
                          ("zoom_in", self.pages.zoom_in), ("prev", self.pages.previous_page),
                          ("next", self.pages.next_page)):
            button = QToolButton(text=TEXT[key])  # type: ignore[call-arg] # Qt properties as keywords: the stubs omit them
            button.setToolTip(TEXT[f"{key}_tip"])
            button.clicked.connect(slot)
            bar.addWidget(button)
        single = QCheckBox(TEXT["single"])
        single.setToolTip(TEXT["single_tip"])
        single.toggled.connect(self.pages.set_page_by_page)
        bar.addWidget(single)
        bar.addStretch(1)
        bar.addWidget(self.page_label)
        return bar

    def _show_page_label(self) -> None:
        """Show which page is in view and the type face actually used."""
        count = self.pages.page_count()
        text = TEXT["pages"].format(self.pages.current_page() + 1, count) if count else ""
        self.page_label.setText(text)
        self.page_label.setToolTip(TEXT["face"].format(self.pages.face()))

    def schedule(self, draft: Draft) -> None:
        """Refresh the preview for `draft` once the user pauses typing."""
        self._pending = draft.copy()
        self.timer.start()

    def refresh_now(self, draft: Draft) -> None:
        """Refresh the preview at once (still off the UI thread)."""
        self._pending = draft.copy()
        self._start()

    def _start(self) -> None:
        """Hand the newest draft to the worker thread."""
        if self._pending is None:
            return
        self.generation += 1
        self.pool.start(_LayoutJob(self.generation, self._pending, self.signals))
        self._pending = None

    def _show(self, generation: int, letter: LaidOutLetter, body_results: list) -> None:
        """Show a finished layout unless a newer one is already on its way."""
        if generation != self.generation:
            return
        self.letter = letter
        self.status.hide()
        self.pages.set_letter(letter)
        self.checked.emit(body_results)
        self.updated.emit()

    def _problem(self, generation: int, message: str, body_results: list) -> None:
        """Say why the preview could not be refreshed; keep the last good page."""
        if generation == self.generation:
            self.status.setText(TEXT["problem"].format(message))
            self.status.show()
            self.checked.emit(body_results)
            self.updated.emit()

    def wait_idle(self, msecs: int = 5000) -> bool:
        """Wait for the worker to finish (tests and shutdown)."""
        return self.pool.waitForDone(msecs)
