"""Show the wizard window: steps in a sidebar, the current page, and the live preview.

The window owns one :class:`~dnnd_drafter.store.draft_session.DraftSession`. Every edit is applied to the
draft, validated by :mod:`dnnd_drafter.model.validation`, shown next to the fields and in the sidebar,
autosaved (off the UI thread) within two seconds of a change and on every page change, and
previewed after a short pause.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QMainWindow, QPushButton,
                               QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from dnnd_drafter.base import paths
from dnnd_drafter.model.formats import subject_figures
from dnnd_drafter.model import drafting, validation
from dnnd_drafter.model.findings import Finding, errors, ordered
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.wizard import window_fit
from dnnd_drafter.ui.wizard.autosave_schedule import AutosaveSchedule
from dnnd_drafter.ui.wizard.engine_loader import EngineLoader
from dnnd_drafter.ui.wizard.main_actions import MainActions
from dnnd_drafter.ui.wizard.open_word import open_word_letter
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.wizard.engine_loader import render_engine
from dnnd_drafter.ui.wizard.steps import Step, WizardPages, step_of, step_title

if TYPE_CHECKING:
    from dnnd_drafter.ui.wizard.step_header import HeaderPage
    from dnnd_drafter.ui.wizard.step_review import ReviewPage
    from dnnd_drafter.ui.wizard.preview_pane import PreviewPane

FORM_COLUMN, PREVIEW_COLUMN = 1, 2  # in the splitter: sidebar, form, preview (window_fit sizes them)
# Qt.darkRed / Qt.darkGreen and Qt.ItemDataRole.ForegroundRole, spelt out: touching the Qt
# namespace (or QBrush, whose overloads do) makes PySide6 build all its enums, 25-40 ms at start
TROUBLE_COLOR, OK_COLOR = QColor(128, 0, 0), QColor(0, 128, 0)
FOREGROUND_ROLE = 9
SETTLE_FALLBACK_MS = 200  # a window not shown yet still gets its preview and body check
SHORTCUTS_FALLBACK_MS = 1000  # the shortcuts come even when the first preview never does
TEXT = {
    "window": "DNND Drafter — {}", "untitled": "Văn bản mới", "recovered": "{} (bản khôi phục, chưa lưu)",
    "back": "◀ Quay lại", "next": "Tiếp theo ▶", "create": "Tạo văn bản",
    "back_tip": "Về bước trước (Alt+←)", "next_tip": "Sang bước sau (Alt+→)",
    "create_tip": "Tạo tệp .docx của văn bản", "ok": "✓", "attention": "!",
    "blocked": "Còn {} lỗi cần sửa trước khi tạo văn bản. Bấm “Sửa” bên cạnh từng lỗi để đến đúng ô.",
    "no_output": "Hãy chọn nơi lưu tệp .docx.",
}


class MainWindow(QMainWindow):
    """Walk the clerk through the six steps of a letter."""

    def __init__(self, context: AppContext, session: DraftSession, settings: QSettings | None = None) -> None:
        super().__init__()
        self.context = context
        self.session = session
        self.settings = settings or QSettings(str(paths.ensure_data_dir() / "cua-so.ini"), QSettings.Format.IniFormat)
        self.results: list[Finding] = []
        self.field_results: list[Finding] = []
        self.body_results: list[Finding] = []
        self.created: Path | None = None
        self._settle_pending = False
        self._shortcuts_awaited = False
        self.settled = False  # True once the preview engine is loaded and the shortcuts are in place
        self.closed = False
        self.start_strip: QWidget | None = None  # the other ways to begin, when the app opened on a new letter
        self._preview: PreviewPane | None = None
        self.engine = EngineLoader(self)
        self.engine.loaded.connect(self._follow_and_preview)
        self._build()
        self.actions_ = MainActions(self)
        self.autosaves = AutosaveSchedule(self, lambda: self.session)
        self.load_session(session)
        self._maximise_when_shown = window_fit.place(self, self.settings.value("window/geometry"))
        self._fit_columns()

    def setVisible(self, visible: bool) -> None:  # noqa: N802 - Qt API
        """Show the window maximised the first time when its usual size does not fit the screen."""
        if visible and self._maximise_when_shown:
            self._maximise_when_shown = False
            self.showMaximized()  # sets the state in C++, then comes back here to show
            return
        super().setVisible(visible)

    def _build(self) -> None:
        """Arrange the sidebar, the stacked pages, the button bar and the preview."""
        self.steps = QListWidget()  # its width: window_fit.fit_columns
        self.stack = QStackedWidget()
        self.pages = WizardPages(self.context, self.stack, self._page_built)
        for step in Step:
            self.steps.addItem(QListWidgetItem(f"{step + 1}. {step_title(step)}"))
        self.steps.currentRowChanged.connect(self.go_to)
        self.back = QPushButton(TEXT["back"])
        self.back.setToolTip(TEXT["back_tip"])
        self.next = QPushButton(TEXT["next"])
        self.next.setToolTip(TEXT["next_tip"])
        self.next.setDefault(True)
        self.back.clicked.connect(lambda: self.go_to(self.stack.currentIndex() - 1))
        self.next.clicked.connect(self._next_or_create)
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
        """Return the live preview, building it on first use (just after the first frame)."""
        if self._preview is None:
            from dnnd_drafter.ui.wizard.preview_pane import PreviewPane

            self._preview = PreviewPane()
            self._preview.checked.connect(self._body_checked)
            sizes = self.splitter.sizes()
            self.splitter.replaceWidget(PREVIEW_COLUMN, self._preview).deleteLater()  # type: ignore[union-attr] # the column holds its placeholder
            self.splitter.setSizes(sizes)
            self._fit_columns()
        return self._preview

    # -- session --------------------------------------------------------------------------
    @property
    def review(self) -> ReviewPage:
        """Return the review step (built on first use)."""
        return self.pages[Step.REVIEW]  # type: ignore[return-value] # the review step

    def _page_built(self, step: Step, page: StepPage) -> None:
        """Connect a page just built and show it the draft and the current results."""
        page.changed.connect(self.on_edit)
        if step is Step.REVIEW:
            page.jump.connect(self.jump_to_field)  # type: ignore[attr-defined] # the review step
            page.action.connect(self.actions_.after_create)  # type: ignore[attr-defined] # the review step
            if self.session.path is not None:
                page.output.setText(str(self.session.path.with_suffix(".docx")))  # type: ignore[attr-defined] # the review step
        page.load(self.session.draft)
        page.show_results(self.results)

    def load_session(self, session: DraftSession) -> None:
        """Show `session`'s draft at step 1; check it and preview it once the window is up."""
        self.session = session
        if getattr(self, "start_strip", None) is not None:
            self.start_strip.hide()  # type: ignore[union-attr]  # a start was chosen
        for page in self.pages.built():
            page.load(session.draft)
        self.created = None
        self.autosaves.forget_changes()
        review = self.pages.built_at(Step.REVIEW)
        if review is not None:
            review.done_box.hide()  # type: ignore[attr-defined] # the review step
            review.output.setText(str(session.path.with_suffix(".docx")) if session.path is not None else "")  # type: ignore[attr-defined] # the review step
        self.body_results = []
        self.revalidate()
        self.go_to(Step.HEADER)
        if not session.draft.subject:
            self.pages[Step.HEADER].focus_field("subject")  # a new letter: the clerk types its trích yếu first
        self._update_title()
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

    def _follow_and_preview(self) -> None:
        """Let a letter naming no directive follow the catalog's; show the first preview; add the shortcuts
        once that page is painted (or after SHORTCUTS_FALLBACK_MS): the first ``setShortcut`` makes
        PySide6 build its whole Qt namespace (15-40 ms), which would hold the first page back."""
        if self.closed or self._settle_pending:  # closed while the engine was loading, or a new session
            return
        drafting.follow_directive(self.session.draft, self.context.catalog)
        if not self.settled and not self._shortcuts_awaited:
            self._shortcuts_awaited = True
            self.preview.updated.connect(lambda: QTimer.singleShot(0, self, self._add_shortcuts))  # after the paint
            QTimer.singleShot(SHORTCUTS_FALLBACK_MS, self, self._add_shortcuts)
        self.preview.refresh_now(self.session.draft)
        header: HeaderPage = self.pages[Step.HEADER]  # type: ignore[assignment] # the header step
        header.enable_hints(self.session.draft)

    def _add_shortcuts(self) -> None:
        """Give the buttons and the menus' commands their shortcuts, once."""
        if self.settled or self.closed:
            return
        self.back.setShortcut(QKeySequence("Alt+Left"))
        self.next.setShortcut(QKeySequence("Alt+Right"))
        self.actions_.install_shortcuts()
        self.settled = True

    def _body_checked(self, body_results: list[Finding]) -> None:
        """Show the body's rule results that came back with the newest preview."""
        self.body_results = list(body_results)
        self._show_results()

    def current_page(self) -> StepPage:
        """Return the page of the step on screen."""
        return self.pages[max(self.stack.currentIndex(), 0)]

    def _update_title(self) -> None:
        """Show the file name, whether the draft came back from a crash, and a star when unsaved."""
        name = self.session.path.name if self.session.path else TEXT["untitled"]
        if self.session.restored and self.session.dirty:
            name = TEXT["recovered"].format(name)
        self.setWindowTitle(TEXT["window"].format(name) + (" *" if self.session.dirty else ""))

    def refresh_from_store(self) -> None:
        """Show what the office data windows changed: saved lists and signers."""
        self.current_page().apply(self.session.draft)
        for page in self.pages.built():
            picker = getattr(page, "picker", None)
            if picker is not None:
                picker.refresh_lists()
        signature = self.pages.built_at(Step.SIGNATURE)
        if signature is not None:
            signature.load(self.session.draft)

    # -- editing --------------------------------------------------------------------------
    def offer_other_starts(self) -> None:
        """Show, above step 1, the other ways to begin (the app opened straight on a new letter)."""
        store = self.context.store
        if store is None:
            return
        from dnnd_drafter.ui.wizard.start_strip import RECENT_SHOWN, StartStrip

        recent = [item for item in store.drafts.recent_drafts(RECENT_SHOWN) if item.exists]
        current = self.context.profile.id if self.context.profile is not None else None
        strip = StartStrip(store.profiles.all(), current, recent)
        strip.profile_chosen.connect(self._new_for_profile)
        strip.recent_chosen.connect(
            lambda path: self.actions_.may_discard() and self.actions_.guard(lambda: self.actions_.open_path(path)))  # type: ignore[func-returns-value] # guard runs only when the clerk may discard
        strip.open_chosen.connect(lambda: self.actions_.guard(self.actions_.open))
        strip.copy_chosen.connect(lambda: self.actions_.guard(self.actions_.from_old))
        strip.word_chosen.connect(lambda: self.actions_.guard(lambda: open_word_letter(self.actions_)))
        self.middle_column.insertWidget(0, strip)
        self.start_strip = strip

    def _new_for_profile(self, profile_id: int) -> None:
        """Begin a new letter of another office (the start strip), with the same template."""
        from dnnd_drafter.ui.wizard.start_dialog import session_for
        from dnnd_drafter.ui.wizard.start_dialog import StartChoice

        if self.actions_.may_discard():
            choice = StartChoice("new", self.session.draft.template, profile_id)
            self.actions_.guard(lambda: self.actions_.replace_session(session_for(choice, self.context)))

    def on_edit(self) -> None:
        """Apply the current page to the draft, revalidate and schedule the preview."""
        if self.start_strip is not None:
            self.start_strip.hide()  # writing has begun
        self.current_page().apply(self.session.draft)
        self.session.mark_changed()
        self.revalidate()
        self.preview.schedule(self.session.draft)
        self._update_title()
        self.autosaves.changed()

    def revalidate(self, with_body: bool = False) -> None:
        """Run the field rules (and, `with_body`, the template too) and show the results.

        While the clerk types, the body's results come from the preview thread, which composes
        the body anyway (:meth:`_body_checked`); the review step and creating the letter check
        everything at once.
        """
        draft = self.session.draft
        if with_body:
            self.body_results = render_engine().check_body(draft)[1]
        self.field_results = validation.validate_fields(draft, subject_figures(draft.family, draft.rule_set))
        self._show_results()

    def _show_results(self) -> None:
        """Show the results next to the fields of the built pages and as marks in the sidebar."""
        self.results = ordered(self.field_results + self.body_results)
        for page in self.pages.built():
            page.show_results(self.results)
        troubled = {step_of(r.field) for r in errors(self.results)}
        for step in Step:
            if step is Step.REVIEW:
                continue
            item = self.steps.item(step)
            mark = TEXT["attention"] if step in troubled else TEXT["ok"]
            item.setText(f"{mark} {step + 1}. {step_title(step)}")
            item.setData(FOREGROUND_ROLE, TROUBLE_COLOR if step in troubled else OK_COLOR)

    def go_to(self, index: int) -> None:
        """Show step `index` after applying and autosaving the page being left."""
        if not 0 <= index < len(self.pages):
            return
        current = self.current_page()
        if current is not self.pages[index]:
            current.apply(self.session.draft)
            self.autosaves.save_now()
        self.pages[index].load(self.session.draft)
        self.stack.setCurrentIndex(index)
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(index)
        self.steps.blockSignals(False)
        last = index == len(self.pages) - 1
        self.back.setEnabled(index > 0)
        self.next.setText(TEXT["create"] if last else TEXT["next"])
        self.next.setToolTip(TEXT["create_tip"] if last else TEXT["next_tip"])
        if last:
            self.revalidate(with_body=True)
            self.review.set_findings(self.findings_for_review())
            self.review.output.setPlaceholderText(str(self.actions_.default_output()))

    def _next_or_create(self) -> None:
        """Go to the next step, or create the letter on the last one."""
        if self.stack.currentIndex() == len(self.pages) - 1:
            self.create_letter()
        else:
            self.go_to(self.stack.currentIndex() + 1)

    def jump_to_field(self, field: str) -> None:
        """Show the page holding `field` and focus it."""
        self.go_to(step_of(field))
        self.pages[step_of(field)].focus_field(field)

    def findings_for_review(self) -> list[Finding]:
        """Return the rule results plus the format checker's findings on the draft (one Finding type)."""
        findings = list(self.results)
        if errors(findings):
            return findings
        from dnnd_drafter.checker import check_draft  # the review step only: not needed at start

        try:
            report = check_draft(self.session.draft)
        except Exception:  # noqa: BLE001 - the checker must not stop the clerk; the log says why
            logging.getLogger(__name__).exception("checker failed on the draft")
            return findings
        return findings + report.findings

    def create_letter(self) -> Path | None:
        """Write the .docx when nothing blocks it; return its path."""
        self.pages[self.stack.currentIndex()].apply(self.session.draft)
        self.revalidate(with_body=True)
        findings = self.findings_for_review()
        self.review.set_findings(findings)
        blocking = errors(findings)
        if blocking:
            dialogs.presenter.error(self, TEXT["blocked"].format(len(blocking)))
            return None
        target = self.review.output_path() or self.actions_.default_output()
        if target is None:
            dialogs.presenter.error(self, TEXT["no_output"])
            return None
        return self.actions_.write_docx(target)

    # -- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt naming
        """Ask before losing unsaved changes; remember the window size."""
        if self.session.dirty:
            answer = self.actions_.ask_to_save()
            if answer == dialogs.CANCEL or (answer == dialogs.YES and not self.actions_.save()):
                event.ignore()
                return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        self.autosaves.stop()
        self.closed, self._settle_pending = True, False  # nothing more to start once closed
        self.engine.wait()
        if self._preview is not None:
            self._preview.timer.stop()
            self._preview.wait_idle()
        self.session.close()
        event.accept()
