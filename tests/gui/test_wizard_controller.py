"""Drive the wizard's controller with a fake view: no MainWindow, only what WizardView promises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QWidget

from dnnd_drafter.model import drafting
from dnnd_drafter.model import letter as model
from dnnd_drafter.model.findings import Finding, errors
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui.wizard.controller import TEXT, WizardController
from dnnd_drafter.ui.wizard.steps import Step
from dnnd_drafter.ui.wizard.wizard_view import WizardView


@dataclass
class FakeView:
    """Record what the controller shows; apply the clerk's `typed` edits when it asks for the form."""

    parent: QWidget
    step: Step = Step.HEADER
    typed: list[Callable[[Draft], None]] = field(default_factory=list)
    shown_steps: list[Step] = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)  # the subject of each draft shown on the pages
    results: list[Finding] = field(default_factory=list)
    troubled: set[Step] = field(default_factory=set)
    review: list[Finding] | None = None
    output: Path | None = None
    title: str = ""
    focused: tuple[Step, str] | None = None
    previews: int = 0

    def dialog_parent(self) -> QWidget:
        return self.parent

    def current_step(self) -> Step:
        return self.step

    def apply_page(self, draft: Draft) -> None:
        for edit in self.typed:
            edit(draft)
        self.typed.clear()

    def load_pages(self, draft: Draft) -> None:
        self.loaded.append(draft.subject)

    def show_step(self, step: Step, draft: Draft) -> None:
        self.step = step
        self.shown_steps.append(step)

    def focus_field(self, step: Step, field: str) -> None:
        self.focused = (step, field)

    def show_results(self, results: list[Finding], troubled: set[Step]) -> None:
        self.results, self.troubled = results, troubled

    def show_review(self, findings: list[Finding], default_output: Path) -> None:
        self.review = findings

    def review_output(self) -> Path | None:
        return self.output

    def show_output(self, path: Path | None, created: bool = False) -> None:
        self.output = path

    def update_title(self, title: str) -> None:
        self.title = title

    def schedule_preview(self, draft: Draft) -> None:
        self.previews += 1

    def preview_now(self, draft: Draft) -> None:
        self.previews += 1

    def hide_start_strip(self) -> None:
        pass

    def enable_hints(self, draft: Draft) -> None:
        pass

    def catalog_changed(self, catalog: dict, draft: Draft) -> None:
        pass

    def store_changed(self, draft: Draft) -> None:
        pass

    def settle_later(self) -> None:
        pass


def _controller(qtbot, office, draft: Draft | None = None) -> tuple[WizardController, FakeView]:  # type: ignore[no-untyped-def]
    parent = QWidget()
    qtbot.addWidget(parent)
    view = FakeView(parent)
    typed_view: WizardView = view  # the fake satisfies the protocol (mypy checks this line)
    session = DraftSession(draft or drafting.new_draft(office.profile), None, office.store)
    controller = WizardController(office, session, typed_view)
    controller.load_session(session)
    return controller, view


def _subject(text: str) -> Callable[[Draft], None]:
    def edit(draft: Draft) -> None:
        draft.subject = text
    return edit


def test_the_controller_saves_what_the_form_holds_at_the_path_chosen(qtbot, office, presenter, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller, view = _controller(qtbot, office)
    view.typed.append(_subject("Về việc họp giao ban"))
    controller.on_edit()
    assert view.title.endswith(" *") and controller.session.dirty
    target = tmp_path / "giao-ban.json"
    presenter.save_file = lambda *_a: str(target.with_suffix(""))  # the clerk types no suffix
    assert controller.save()
    assert model.load(target).subject == "Về việc họp giao ban"
    assert controller.session.path == target and not controller.session.dirty
    assert view.title == "DNND Drafter — giao-ban.json" and presenter.errors == []


def test_the_controller_opens_a_draft_and_shows_it_at_step_one(qtbot, office, presenter, tmp_path) -> None:  # type: ignore[no-untyped-def]
    saved = drafting.new_draft(office.profile)
    saved.subject = "Về việc tiêm phòng"
    path = tmp_path / "tiem-phong.json"
    path.write_text(model.dumps(saved), encoding="utf-8")
    controller, view = _controller(qtbot, office)
    controller.go_to(Step.SIGNATURE)
    presenter.open_file = lambda *_a: str(path)
    controller.open()
    assert controller.session.path == path and controller.session.draft.subject == "Về việc tiêm phòng"
    assert view.loaded[-1] == "Về việc tiêm phòng" and view.step is Step.HEADER
    assert view.title == "DNND Drafter — tiem-phong.json" and controller.created is None


def test_errors_block_creating_the_letter_and_say_how_many(qtbot, office, presenter, tmp_path) -> None:  # type: ignore[no-untyped-def]
    controller, view = _controller(qtbot, office)  # a new letter: no trích yếu, no task
    view.output = tmp_path / "thu.docx"
    assert controller.create_letter() is None
    blocking = errors(view.review or [])
    assert blocking and presenter.errors == [TEXT["blocked"].format(len(blocking))]
    assert Step.HEADER in view.troubled and not (tmp_path / "thu.docx").exists()
    assert controller.created is None


def test_going_to_a_step_applies_the_page_left_and_checks_everything_on_the_review(qtbot, office, presenter) -> None:  # type: ignore[no-untyped-def]
    controller, view = _controller(qtbot, office)
    view.typed.append(_subject("Về việc phòng chống lụt bão"))
    controller.go_to(Step.SIGNATURE)
    assert view.step is Step.SIGNATURE and controller.session.draft.subject == "Về việc phòng chống lụt bão"
    assert view.review is None  # only the review step runs the checker
    controller.go_to(len(Step))  # past the last step: nothing happens
    assert view.step is Step.SIGNATURE
    controller.next_or_create()
    assert view.step is Step.CC
    controller.jump_to_field("subject")
    assert view.step is Step.HEADER and view.focused == (Step.HEADER, "subject")
    controller.go_to(Step.REVIEW)
    assert view.review is not None and view.shown_steps[-1] is Step.REVIEW
