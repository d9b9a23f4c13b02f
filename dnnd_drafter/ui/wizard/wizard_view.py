"""Say what the wizard's controller needs of its window, and what every part of the controller holds.

The controller (:class:`~dnnd_drafter.ui.wizard.controller.WizardController`) owns the draft
session and carries out the clerk's commands; the window (:class:`~dnnd_drafter.ui.wizard.
main_window.MainWindow`) only builds the widgets and forwards what the clerk does. The controller
reaches the window through :class:`WizardView` alone, so a test can drive it with a fake view.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from dnnd_drafter.catalog import Directive
    from dnnd_drafter.model.findings import Finding
    from dnnd_drafter.model.letter import Draft
    from dnnd_drafter.store.draft_session import DraftSession
    from dnnd_drafter.ui.dialogs import PresenterLike
    from dnnd_drafter.ui.wizard.autosave_schedule import AutosaveSchedule
    from dnnd_drafter.ui.wizard.step_base import AppContext
    from dnnd_drafter.ui.wizard.steps import Step


class WizardView(Protocol):
    """Show the draft, the step and the results the controller hands over; give back the form's state."""

    def dialog_parent(self) -> QWidget:
        """Return the widget message boxes and file choosers are modal to."""

    def current_step(self) -> Step:
        """Return the step on screen."""

    def apply_page(self, draft: Draft) -> None:
        """Write what the step on screen holds into `draft`."""

    def load_pages(self, draft: Draft) -> None:
        """Show `draft` on every step built so far."""

    def show_step(self, step: Step, draft: Draft) -> None:
        """Show `step`, loaded from `draft`, in the form, the sidebar and the button bar."""

    def focus_field(self, step: Step, field: str) -> None:
        """Put the cursor in `field` of `step`."""

    def show_results(self, results: list[Finding], troubled: set[Step]) -> None:
        """Show the results next to the fields and mark the `troubled` steps in the sidebar."""

    def show_review(self, findings: list[Finding], default_output: Path) -> None:
        """Fill the review step: every finding, and where the letter goes unless the clerk chooses."""

    def review_output(self) -> Path | None:
        """Return the file the clerk typed on the review step, or None."""

    def show_output(self, path: Path | None, created: bool = False) -> None:
        """Show where the letter goes (and that it was written, when `created`) on the review step."""

    def update_title(self, title: str) -> None:
        """Show `title` as the window's title."""

    def schedule_preview(self, draft: Draft) -> None:
        """Preview `draft` after a short pause."""

    def preview_now(self, draft: Draft) -> None:
        """Preview `draft` at once (the first preview)."""

    def hide_start_strip(self) -> None:
        """Hide the other ways to begin (a start was chosen, or writing has begun)."""

    def enable_hints(self, draft: Draft) -> None:
        """Let the first step offer its hints (the engine is loaded)."""

    def catalog_changed(self, catalog: dict[str, Directive], draft: Draft) -> None:
        """Offer the directives of a new `catalog` in the tasks step."""

    def store_changed(self, draft: Draft) -> None:
        """Show what the data windows changed: saved lists and signers."""

    def settle_later(self) -> None:
        """Load the engine and show the first preview once the window is on screen."""


class ControllerParts:
    """Declare what each part of the controller (session, files, output) holds and offers the others."""

    view: WizardView
    context: AppContext
    presenter: PresenterLike
    session: DraftSession
    autosaves: AutosaveSchedule
    created: Path | None  # the letter's .docx written in this session
    pdf_through_libreoffice: bool

    def load_session(self, session: DraftSession) -> None:
        """Show `session`'s draft (the controller does)."""
        raise NotImplementedError

    def revalidate(self, with_body: bool = False) -> None:
        """Check the draft and show the results (the controller does)."""
        raise NotImplementedError

    def guard(self, command: Callable[[], object]) -> bool:
        """Run a command showing user errors (the controller does)."""
        raise NotImplementedError

    def update_title(self) -> None:
        """Show the draft's name in the title (the controller does)."""
        raise NotImplementedError

    def may_replace(self, target: Path, own: tuple[Path | None, ...] = ()) -> bool:
        """Return whether `target` may be written (the output part does)."""
        raise NotImplementedError
