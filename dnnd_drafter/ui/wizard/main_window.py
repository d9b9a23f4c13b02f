"""Show the wizard window: steps in a sidebar, the current page, and the live preview.

The window is the view only: it builds and lays out the widgets, shows what its controller
(:class:`~dnnd_drafter.ui.wizard.controller.WizardController`, which owns the draft session and
carries out every command) hands it through :class:`~dnnd_drafter.ui.wizard.wizard_view.WizardView`,
and forwards the clerk's edits, clicks and Qt events to the controller.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QColor, QResizeEvent
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QPushButton,
                               QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from dnnd_drafter.base import paths
from dnnd_drafter.model.findings import Finding
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui.wizard import window_fit
from dnnd_drafter.ui.wizard.controller import WizardController
from dnnd_drafter.ui import deferred
from dnnd_drafter.ui.deferred import EngineLoader
from dnnd_drafter.ui.wizard.main_menus import WizardMenus, pdf_setting
from dnnd_drafter.ui.wizard.open_word import open_word_letter
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.wizard.steps import Step, WizardPages, step_title
from dnnd_drafter.ui.wizard.start_strip import RECENT_SHOWN, StartStrip

if TYPE_CHECKING:
    from dnnd_drafter.catalog import Directive
    from dnnd_drafter.model.letter import Draft
    from dnnd_drafter.ui.wizard.preview_pane import PreviewPane
    from dnnd_drafter.ui.wizard.step_header import HeaderPage
    from dnnd_drafter.ui.wizard.step_review import ReviewPage

FORM_COLUMN, PREVIEW_COLUMN = 1, 2  # in the splitter: sidebar, form, preview (window_fit sizes them)
# Qt.darkRed / Qt.darkGreen and Qt.ItemDataRole.ForegroundRole, spelt out: touching the Qt
# namespace (or QBrush, whose overloads do) makes PySide6 build all its enums, 25-40 ms at start
TROUBLE_COLOR, OK_COLOR = QColor(128, 0, 0), QColor(0, 128, 0)
FOREGROUND_ROLE = 9
SETTLE_FALLBACK_MS = 200  # a window not shown yet still gets its preview and body check
SHORTCUTS_FALLBACK_MS = 1000  # the shortcuts come even when the first preview never does
TEXT = {
    "back": "◀ Quay lại", "next": "Tiếp theo ▶", "create": "Tạo văn bản",
    "back_tip": "Về bước trước (Alt+←)", "next_tip": "Sang bước sau (Alt+→)",
    "create_tip": "Tạo tệp .docx của văn bản", "ok": "✓", "attention": "!",
}


class MainWindow(QMainWindow):
    """Show the six steps of a letter and forward what the clerk does to the controller."""

    previewed = Signal()  # the preview showed (or could not show) the letter: its pane's ``updated``

    def __init__(self, context: AppContext, session: DraftSession, settings: QSettings | None = None) -> None:
        super().__init__()
        self.context = context
        self.presenter = context.presenter  # message boxes of this window and the dialogs it opens
        self.settings = settings or QSettings(str(paths.ensure_data_dir() / "cua-so.ini"), QSettings.Format.IniFormat)
        self._settle_pending = False
        self._shortcuts_awaited = False
        self.settled = False  # True once the preview engine is loaded and the shortcuts are in place
        self.closed = False
        self.start_strip: QWidget | None = None  # the other ways to begin, when the app opened on a new letter
        self._preview: PreviewPane | None = None
        self.engine = EngineLoader(self)
        self.engine.loaded.connect(self._engine_loaded)
        self.controller = WizardController(context, session, self, pdf_through_libreoffice=pdf_setting(self.settings))
        self._build()
        self.menus = WizardMenus(self, self.controller, self.settings)
        self.controller.load_session(session)
        self._maximise_when_shown = window_fit.place(self, self.settings.value("window/geometry"))
        self._fit_columns()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt API
        """Show the window maximised the first time when its usual size does not fit the screen."""
        if visible and self._maximise_when_shown:
            self._maximise_when_shown = False
            self.showMaximized()  # sets the state in C++, then comes back here to show
            return
        super().setVisible(visible)

    @property
    def session(self) -> DraftSession:
        """Return the draft session the controller holds (what the window shows)."""
        return self.controller.session

    def _build(self) -> None:
        """Arrange the sidebar, the stacked pages, the button bar and the preview."""
        self.steps = QListWidget()  # its width: window_fit.fit_columns
        self.stack = QStackedWidget()
        self.pages = WizardPages(self.context, self.stack, self._page_built)
        for step in Step:
            self.steps.addItem(QListWidgetItem(f"{step + 1}. {step_title(step)}"))
        self.steps.currentRowChanged.connect(self.controller.go_to)
        self.back = QPushButton(TEXT["back"])
        self.back.setToolTip(TEXT["back_tip"])
        self.next = QPushButton(TEXT["next"])
        self.next.setToolTip(TEXT["next_tip"])
        self.next.setDefault(True)
        self.back.clicked.connect(lambda: self.controller.go_to(self.stack.currentIndex() - 1))
        self.next.clicked.connect(self.controller.next_or_create)
        self.preview_toggle = window_fit.preview_toggle()  # narrow windows only
        self.preview_toggle.toggled.connect(lambda _on: self._fit_columns())
        bar = QHBoxLayout()
        bar.addWidget(self.preview_toggle)
        bar.addStretch(1)
        bar.addWidget(self.back)
        bar.addWidget(self.next)
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        self.middle_column = column
        column.addWidget(self.stack, 1)
        self.splitter = QSplitter()  # side by side
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.steps)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(QWidget())  # the preview's place; the pane comes after the first frame
        self.splitter.setStretchFactor(FORM_COLUMN, 3)
        self.splitter.setStretchFactor(PREVIEW_COLUMN, 2)
        self.splitter.setSizes(window_fit.split_sizes(window_fit.DEFAULT_SIZE.width()))
        central = QWidget()  # the columns, and under them the button bar across the whole window
        rows = QVBoxLayout(central)
        rows.addWidget(self.splitter, 1)
        rows.addLayout(bar)
        self.setCentralWidget(central)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        """Arrange the columns for the new width."""
        super().resizeEvent(event)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Show the preview beside the form on a wide window, in the form's place on a narrow one."""
        window_fit.fit_columns(self, FORM_COLUMN, PREVIEW_COLUMN)

    @property
    def preview(self) -> PreviewPane:
        """Return the live preview, building it on first use (when the first letter is there, not
        before the first frame)."""
        if self._preview is None:
            self._preview = deferred.preview_pane()
            self._preview.checked.connect(self.controller.body_checked)
            self._preview.updated.connect(self.previewed)
            sizes = self.splitter.sizes()
            self.splitter.replaceWidget(PREVIEW_COLUMN, self._preview).deleteLater()  # type: ignore[union-attr] # the column holds its placeholder
            self.splitter.setSizes(sizes)
            self._fit_columns()
        return self._preview

    def built_preview(self) -> PreviewPane | None:
        """Return the live preview when it has been built, else None (asking never builds it)."""
        return self._preview

    @property
    def review(self) -> ReviewPage:
        """Return the review step (built on first use)."""
        return self.pages[Step.REVIEW]  # type: ignore[return-value] # the review step

    def _page_built(self, step: Step, page: StepPage) -> None:
        """Connect a page just built and show it the draft and the current results."""
        page.changed.connect(self.controller.on_edit)
        if step is Step.REVIEW:
            page.jump.connect(self.controller.jump_to_field)  # type: ignore[attr-defined] # the review step
            page.action.connect(self.controller.after_create)  # type: ignore[attr-defined] # the review step
            path = self.controller.session.path
            if path is not None:
                page.output.setText(str(path.with_suffix(".docx")))  # type: ignore[attr-defined] # the review step
        page.load(self.controller.session.draft)
        page.show_results(self.controller.results)

    # -- settling after the first frame ---------------------------------------------------
    def settle_later(self) -> None:
        """Load the engine and show the first preview once the window is on screen (or soon in any case)."""
        self._settle_pending = True
        if self.isVisible():
            QTimer.singleShot(0, self._settle)
        else:  # settle once the first frame is on screen (event()), or soon in any case
            QTimer.singleShot(SETTLE_FALLBACK_MS, self._settle)

    def event(self, event: QEvent) -> bool:  # noqa: D401 - Qt override
        """Handle `event`; after the first frame is painted, finish starting up."""
        handled = super().event(event)
        if event.type() == QEvent.Type.UpdateRequest and self._settle_pending:
            QTimer.singleShot(0, self._settle)
        return handled

    def _settle(self) -> None:
        """Finish what the first page does not need: the directive to follow, the body check, the preview."""
        if not self._settle_pending:
            return
        self._settle_pending = False
        self.engine.start()

    def _engine_loaded(self) -> None:
        """Show the first preview (through the controller); add the shortcuts once that page is
        painted (or after SHORTCUTS_FALLBACK_MS): the first ``setShortcut`` makes PySide6 build its
        whole Qt namespace (15-40 ms), which would hold the first page back."""
        if self.closed or self._settle_pending:  # closed while the engine was loading, or a new session
            return
        if not self.settled and not self._shortcuts_awaited:
            self._shortcuts_awaited = True
            self.preview.pages.painted.connect(self._preview_painted)  # after the page is on screen
            self.preview.updated.connect(self._preview_updated)
            QTimer.singleShot(SHORTCUTS_FALLBACK_MS, self, self._add_shortcuts)
        self.controller.settle()

    def _preview_painted(self) -> None:
        """Add the shortcuts just after the first page of the preview is painted."""
        if not self.settled:
            QTimer.singleShot(0, self, self._add_shortcuts)

    def _preview_updated(self) -> None:
        """Add the shortcuts now when the preview is hidden (a narrow window): no paint will come."""
        if not self.settled and self._preview is not None and not self._preview.pages.isVisible():
            QTimer.singleShot(0, self, self._add_shortcuts)

    def _add_shortcuts(self) -> None:
        """Give the buttons and the menus' commands their shortcuts, once."""
        if self.settled or self.closed:
            return
        from PySide6.QtGui import QKeySequence  # set up with the shortcuts, not at start (~2 ms with QAction)

        self.back.setShortcut(QKeySequence("Alt+Left"))
        self.next.setShortcut(QKeySequence("Alt+Right"))
        self.menus.install_shortcuts()
        self.settled = True

    # -- the view the controller sees (WizardView) ----------------------------------------
    def dialog_parent(self) -> QWidget:
        """Return the widget message boxes are modal to: this window."""
        return self

    def current_step(self) -> Step:
        """Return the step on screen."""
        return Step(max(self.stack.currentIndex(), 0))

    def current_page(self) -> StepPage:
        """Return the page of the step on screen."""
        return self.pages[self.current_step()]

    def apply_page(self, draft: Draft) -> None:
        """Write what the step on screen holds into `draft`."""
        self.current_page().apply(draft)

    def load_pages(self, draft: Draft) -> None:
        """Show `draft` on every step built so far."""
        for page in self.pages.built():
            page.load(draft)

    def show_step(self, step: Step, draft: Draft) -> None:
        """Show `step`, loaded from `draft`, with the sidebar and the buttons to match."""
        self.pages[step].load(draft)
        self.stack.setCurrentIndex(step)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(step)
        self.steps.blockSignals(False)
        last = step is Step.REVIEW
        self.back.setEnabled(step > 0)
        self.next.setText(TEXT["create"] if last else TEXT["next"])
        self.next.setToolTip(TEXT["create_tip"] if last else TEXT["next_tip"])

    def focus_field(self, step: Step, field: str) -> None:
        """Put the cursor in `field` of `step`."""
        self.pages[step].focus_field(field)

    def show_results(self, results: list[Finding], troubled: set[Step]) -> None:
        """Show the results next to the fields of the built pages and as marks in the sidebar."""
        for page in self.pages.built():
            page.show_results(results)
        for step in Step:
            if step is Step.REVIEW:
                continue
            item = self.steps.item(step)
            mark = TEXT["attention"] if step in troubled else TEXT["ok"]
            item.setText(f"{mark} {step + 1}. {step_title(step)}")
            item.setData(FOREGROUND_ROLE, TROUBLE_COLOR if step in troubled else OK_COLOR)

    def show_review(self, findings: list[Finding], default_output: Path) -> None:
        """Fill the review step: every finding, and where the letter goes unless the clerk chooses."""
        self.review.set_findings(findings)
        self.review.output.setPlaceholderText(str(default_output))

    def review_output(self) -> Path | None:
        """Return the file the clerk typed on the review step, or None."""
        return self.review.output_path()

    def show_output(self, path: Path | None, created: bool = False) -> None:
        """Show where the letter goes on the review step (built or not), and that it was written."""
        review = self.pages.built_at(Step.REVIEW) if not created else self.review
        if review is None:
            return
        review.output.setText(str(path) if path is not None else "")  # type: ignore[attr-defined] # the review step
        if created and path is not None:
            review.show_created(path)  # type: ignore[attr-defined] # the review step
        elif not created:
            review.done_box.hide()  # type: ignore[attr-defined] # the review step

    def update_title(self, title: str) -> None:
        """Show `title` as the window's title."""
        self.setWindowTitle(title)

    def schedule_preview(self, draft: Draft) -> None:
        """Preview `draft` after a short pause."""
        self.preview.schedule(draft)

    def preview_now(self, draft: Draft) -> None:
        """Preview `draft` at once."""
        self.preview.refresh_now(draft)

    def hide_start_strip(self) -> None:
        """Hide the other ways to begin."""
        if self.start_strip is not None:
            self.start_strip.hide()

    def enable_hints(self, draft: Draft) -> None:
        """Let the header step offer its hints."""
        header: HeaderPage = self.pages[Step.HEADER]  # type: ignore[assignment] # the header step
        header.enable_hints(draft)

    def catalog_changed(self, catalog: dict[str, Directive], draft: Draft) -> None:
        """Offer the new catalog's directives in the tasks step (a step not built yet reads it when shown)."""
        tasks = self.pages.built_at(Step.TASKS)
        if tasks is not None:
            tasks.set_catalog(catalog)  # type: ignore[attr-defined] # the tasks step
            tasks.load(draft)

    def store_changed(self, draft: Draft) -> None:
        """Show the saved lists in the pickers and the signers in the signature step."""
        for page in self.pages.built():
            picker = getattr(page, "picker", None)
            if picker is not None:
                picker.refresh_lists()
        signature = self.pages.built_at(Step.SIGNATURE)
        if signature is not None:
            signature.load(draft)

    # -- the other ways to begin ----------------------------------------------------------
    def offer_other_starts(self) -> None:
        """Show, above step 1, the other ways to begin (the app opened straight on a new letter)."""
        store = self.context.store
        if store is None:
            return

        recent = [item for item in store.drafts.recent_drafts(RECENT_SHOWN) if item.exists]
        current = self.context.profile.id if self.context.profile is not None else None
        strip = StartStrip(store.profiles.all(), current, recent)
        control = self.controller
        strip.profile_chosen.connect(control.new_for_profile)
        strip.recent_chosen.connect(lambda path: control.guard(lambda: control.open_recent(path)))
        strip.open_chosen.connect(lambda: control.guard(control.open))
        strip.copy_chosen.connect(lambda: control.guard(control.from_old))
        strip.word_chosen.connect(lambda: control.guard(lambda: open_word_letter(control)))
        self.middle_column.insertWidget(0, strip)
        self.start_strip = strip

    # -- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        """Ask (through the controller) before losing unsaved changes; remember the window size."""
        if not self.controller.may_close():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.controller.autosaves.stop()
        self.closed, self._settle_pending = True, False  # nothing more to start once closed
        self.engine.wait()
        if self._preview is not None:
            self._preview.timer.stop()
            self._preview.wait_idle()
        self.controller.close()
        event.accept()
