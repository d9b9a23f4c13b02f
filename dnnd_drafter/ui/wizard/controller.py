"""Own the wizard's draft session: edits, validation, the steps, creating the letter, the data windows.

The one object behind the wizard window. Every edit is applied to the draft, validated by
:mod:`dnnd_drafter.model.validation`, shown next to the fields and in the sidebar, autosaved
(off the UI thread) within two seconds of a change and on every step change, and previewed
after a short pause. The file commands (:mod:`~dnnd_drafter.ui.wizard.file_commands`) and the
letter's output (:mod:`~dnnd_drafter.ui.wizard.output_files`) are parts of the same object. It
sees its window only through :class:`~dnnd_drafter.ui.wizard.wizard_view.WizardView`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dnnd_drafter import __version__
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model import drafting, validation
from dnnd_drafter.model.findings import Finding, errors, ordered
from dnnd_drafter.model.formats import subject_figures
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui import deferred, dialogs
from dnnd_drafter.ui.wizard.autosave_schedule import AutosaveSchedule
from dnnd_drafter.ui.deferred import render_engine
from dnnd_drafter.ui.wizard.file_commands import FileCommands
from dnnd_drafter.ui.wizard.output_files import OutputFiles
from dnnd_drafter.ui.wizard.steps import Step, step_of
from dnnd_drafter.ui.wizard.wizard_view import WizardView
from dnnd_drafter.catalog import load_catalog

if TYPE_CHECKING:
    from dnnd_drafter.ui.dialogs import PresenterLike
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT = {
    "window": "DNND Drafter — {}", "untitled": "Văn bản mới", "recovered": "{} (bản khôi phục, chưa lưu)",
    "blocked": "Còn {} lỗi cần sửa trước khi tạo văn bản. Bấm “Sửa” bên cạnh từng lỗi để đến đúng ô.",
    "no_output": "Hãy chọn nơi lưu tệp .docx.",
    "no_store": "Chưa mở được dữ liệu của cơ quan.",
    "guide_text": "Soạn văn bản theo 6 bước ở cột bên trái. Mỗi bước có ghi chú khi rê chuột lên ô nhập. "
                  "Bước “Xem lại” liệt kê các lỗi thể thức; bấm “Sửa” để đến đúng ô. Ctrl+S lưu bản thảo, "
                  "Ctrl+P in. Bản thảo được lưu tự động vài giây sau mỗi thay đổi và mỗi khi chuyển bước; "
                  "nếu máy tắt đột ngột, lần mở sau chương trình sẽ hỏi để mở lại bản thảo.",
    "about_text": "DNND Drafter {} — soạn công văn đúng thể thức (HD 36-HD/VPTW, NĐ 30/2020/NĐ-CP).",
}


class WizardController(FileCommands, OutputFiles):
    """Hold the draft being written and carry out what the clerk asks of the wizard."""

    def __init__(self, context: AppContext, session: DraftSession, view: WizardView,
                 presenter: PresenterLike | None = None, pdf_through_libreoffice: bool = False) -> None:
        self.context = context  # the office: store, profile, catalog (one object for the window's life)
        self.view = view
        self.presenter = presenter if presenter is not None else context.presenter
        self.session = session
        self.pdf_through_libreoffice = pdf_through_libreoffice
        self.results: list[Finding] = []
        self.field_results: list[Finding] = []
        self.body_results: list[Finding] = []
        self.created: Path | None = None
        self.autosaves = AutosaveSchedule(view.dialog_parent(), lambda: self.session)  # stops with the window
        OutputFiles.__init__(self)

    def guard(self, command: Callable[[], object]) -> bool:
        """Run `command`; show a user message instead of failing; return whether it worked."""
        return dialogs.guarded(self.view.dialog_parent(), command, presenter=self.presenter)

    # -- the session ----------------------------------------------------------------------
    def load_session(self, session: DraftSession) -> None:
        """Show `session`'s draft at step 1; check it and preview it once the window is up."""
        self.session = session
        self.view.hide_start_strip()
        self.view.load_pages(session.draft)
        self.created = None
        self.autosaves.forget_changes()
        self.view.show_output(session.path.with_suffix(".docx") if session.path is not None else None)
        self.body_results = []
        self.revalidate()
        self.go_to(Step.HEADER)
        if not session.draft.subject:
            self.view.focus_field(Step.HEADER, "subject")  # a new letter: the clerk types its trích yếu first
        self.update_title()
        self.view.settle_later()

    def settle(self) -> None:
        """Let a letter naming no directive follow the catalog's; show the first preview (engine loaded)."""
        drafting.follow_directive(self.session.draft, self.context.catalog)
        self.view.preview_now(self.session.draft)
        self.view.enable_hints(self.session.draft)

    def update_title(self) -> None:
        """Show the file name, whether the draft came back from a crash, and a star when unsaved."""
        name = self.session.path.name if self.session.path else TEXT["untitled"]
        if self.session.restored and self.session.dirty:
            name = TEXT["recovered"].format(name)
        self.view.update_title(TEXT["window"].format(name) + (" *" if self.session.dirty else ""))

    def may_close(self) -> bool:
        """Ask before losing unsaved changes; return whether the window may close."""
        return self.may_discard()

    def close(self) -> None:
        """Stop autosaving and close the session (the window closes)."""
        self.autosaves.stop()
        self.session.close()

    # -- editing and checking -------------------------------------------------------------
    def on_edit(self) -> None:
        """Apply the current page to the draft, revalidate and schedule the preview."""
        self.view.hide_start_strip()  # writing has begun
        self.view.apply_page(self.session.draft)
        self.session.mark_changed()
        self.revalidate()
        self.view.schedule_preview(self.session.draft)
        self.update_title()
        self.autosaves.changed()

    def revalidate(self, with_body: bool = False) -> None:
        """Run the field rules (and, `with_body`, the template too) and show the results.

        While the clerk types, the body's results come from the preview thread, which composes
        the body anyway (:meth:`body_checked`); the review step and creating the letter check
        everything at once.
        """
        draft = self.session.draft
        if with_body:
            self.body_results = render_engine().check_body(draft)[1]
        # an empty trích yếu exceeds no limit: a new letter's first frame reads no format file
        limits = subject_figures(draft.family, draft.rule_set) if draft.subject.strip() else {}
        self.field_results = validation.validate_fields(draft, limits)
        self._show_results()

    def body_checked(self, body_results: list[Finding]) -> None:
        """Show the body's rule results that came back with the newest preview."""
        self.body_results = list(body_results)
        self._show_results()

    def _show_results(self) -> None:
        """Show the results next to the fields and as marks in the sidebar."""
        self.results = ordered(self.field_results + self.body_results)
        self.view.show_results(self.results, {step_of(r.field) for r in errors(self.results)})

    def findings_for_review(self) -> list[Finding]:
        """Return the rule results plus the format checker's findings on the draft (one Finding type)."""
        findings = list(self.results)
        if errors(findings):
            return findings
        try:
            report = deferred.check_draft(self.session.draft)
        except Exception:  # noqa: BLE001 - the checker must not stop the clerk; the log says why
            logging.getLogger(__name__).exception("checker failed on the draft")
            return findings
        return findings + report.findings

    # -- the steps ------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Show step `index` after applying and autosaving the page being left."""
        if not 0 <= index < len(Step):
            return
        step = Step(index)
        if self.view.current_step() is not step:
            self.view.apply_page(self.session.draft)
            self.autosaves.save_now()
        self.view.show_step(step, self.session.draft)
        if step is Step.REVIEW:
            self.revalidate(with_body=True)
            self.view.show_review(self.findings_for_review(), self.default_output())

    def next_or_create(self) -> None:
        """Go to the next step, or create the letter on the last one."""
        current = self.view.current_step()
        if current is Step.REVIEW:
            self.create_letter()
        else:
            self.go_to(current + 1)

    def jump_to_field(self, field: str) -> None:
        """Show the step holding `field` and focus it."""
        self.go_to(step_of(field))
        self.view.focus_field(step_of(field), field)

    def create_letter(self) -> Path | None:
        """Write the .docx when nothing blocks it; return its path."""
        self.view.apply_page(self.session.draft)
        self.revalidate(with_body=True)
        findings = self.findings_for_review()
        self.view.show_review(findings, self.default_output())
        blocking = errors(findings)
        parent = self.view.dialog_parent()
        if blocking:
            self.presenter.error(parent, TEXT["blocked"].format(len(blocking)))
            return None
        target = self.view.review_output() or self.default_output()
        if target is None:
            self.presenter.error(parent, TEXT["no_output"])
            return None
        return self.write_docx(target)

    # -- the office's data ----------------------------------------------------------------
    def open_data(self, key: str) -> None:
        """Open one of the office data windows (address book, lists, profiles, signers, register)."""
        if self.context.store is None:
            raise UserMessageError(TEXT["no_store"])
        deferred.open_data_window(key, self.view.dialog_parent(), self.context, self.store_changed)

    def store_changed(self) -> None:
        """Show what the office data windows changed: saved lists and signers."""
        self.view.apply_page(self.session.draft)
        self.view.store_changed(self.session.draft)

    def import_directive(self) -> None:
        """Import a directive into the catalog and offer its tasks in step 3."""
        if deferred.import_directive(self.view.dialog_parent()):
            self.refresh_catalog()

    def refresh_catalog(self) -> None:
        """Reload the catalog and show its directives in the tasks step."""
        self.context.catalog = load_catalog()
        self.view.catalog_changed(self.context.catalog, self.session.draft)

    def edit_server(self) -> None:
        """Choose the office's server (Dữ liệu → Máy chủ dữ liệu của cơ quan…)."""
        deferred.edit_server_settings(self.view.dialog_parent())

    def show_guide(self) -> None:
        """Show how to use the wizard (Trợ giúp → Hướng dẫn sử dụng)."""
        self.presenter.info(self.view.dialog_parent(), TEXT["guide_text"])

    def about(self) -> None:
        """Show the program's name and version."""
        self.presenter.info(self.view.dialog_parent(), TEXT["about_text"].format(__version__))
