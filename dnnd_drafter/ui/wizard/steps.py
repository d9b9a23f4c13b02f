"""Name the wizard's six steps, in their one order, and build each page the first time it is needed.

:class:`Step` is the only place the steps are numbered; :data:`STEP_OF_PART` maps the parts of
a letter, which the rules report findings by, to the step that edits them. Only the first
step is built when the window opens; the others (the tasks step with its directive catalog,
the recipient pickers with the address book, the review) are imported and built when the clerk
goes to them: importing the five other step modules at start costs about 13 ms of a ~200 ms
start (``python -X importtime``), so their modules stay named here and load on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import IntEnum
from typing import NamedTuple, overload

from PySide6.QtWidgets import QScrollArea, QStackedWidget

from dnnd_drafter.model.findings import Part, part_of
from dnnd_drafter.ui import deferred
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage


class Step(IntEnum):
    """Name the wizard's steps; their values are the order on screen."""

    HEADER = 0
    RECIPIENTS = 1
    TASKS = 2
    SIGNATURE = 3
    CC = 4
    REVIEW = 5


class StepPageClass(NamedTuple):
    """Say where a step's page class lives: a module under ``dnnd_drafter.ui.wizard`` and its name."""

    module: str
    name: str


PAGE_CLASSES = {
    Step.HEADER: StepPageClass("step_header", "HeaderPage"),
    Step.RECIPIENTS: StepPageClass("step_recipients", "RecipientsPage"),
    Step.TASKS: StepPageClass("step_tasks", "TasksPage"),
    Step.SIGNATURE: StepPageClass("step_signature", "SignaturePage"),
    Step.CC: StepPageClass("step_recipients", "CcPage"),
    Step.REVIEW: StepPageClass("step_review", "ReviewPage"),
}
TEXT = {
    Step.HEADER: "Thể thức và số", Step.RECIPIENTS: "Nơi gửi", Step.TASKS: "Nhiệm vụ", Step.SIGNATURE: "Ký",
    Step.CC: "Nơi nhận", Step.REVIEW: "Xem lại",
}
STEP_OF_PART = {
    Part.HEADER: Step.HEADER, Part.RECIPIENTS: Step.RECIPIENTS, Part.CONTENT: Step.TASKS,
    Part.SIGNATURE: Step.SIGNATURE, Part.CC: Step.CC, Part.WHOLE: Step.REVIEW,
}


def step_of(field: str | None) -> Step:
    """Return the step that edits the dotted draft `field` (the review step when unknown)."""
    return STEP_OF_PART[part_of(field)]


def step_title(step: Step) -> str:
    """Return the Vietnamese name of `step` as the sidebar shows it."""
    return TEXT[step]


class WizardPages(Sequence[StepPage]):
    """Give the steps by index, building a page (inside its scroll area) on first access."""

    def __init__(self, context: AppContext, stack: QStackedWidget,
                 on_built: Callable[[Step, StepPage], None]) -> None:
        self.classes = tuple(PAGE_CLASSES[step] for step in Step)  # imported on first use
        self.context = context
        self.stack = stack
        self.on_built = on_built
        self._pages: list[StepPage | None] = [None] * len(self.classes)
        for _page_class in self.classes:
            scroll = QScrollArea()  # a small screen (1366×768 with a taskbar) still shows every field
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            stack.addWidget(scroll)

    def __len__(self) -> int:
        """Return the number of steps."""
        return len(self.classes)

    @overload
    def __getitem__(self, index: int) -> StepPage: ...

    @overload
    def __getitem__(self, index: slice) -> list[StepPage]: ...

    def __getitem__(self, index: int | slice) -> StepPage | list[StepPage]:
        """Return the page of step `index`, building it now when it was never shown."""
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = range(len(self))[index]
        page = self._pages[position]
        if page is None:
            module, name = self.classes[position]
            page_class = getattr(deferred.step_page_module(module), name)
            page = page_class(self.context)
            self._pages[position] = page
            scroll = self.stack.widget(position)
            assert isinstance(scroll, QScrollArea)
            scroll.setWidget(page)
            self.on_built(Step(position), page)
        return page

    def __iter__(self) -> Iterator[StepPage]:
        """Return every page, building those not built yet."""
        return (self[i] for i in range(len(self)))

    def built(self) -> list[StepPage]:
        """Return the pages built so far, in step order."""
        return [page for page in self._pages if page is not None]

    def built_at(self, step: Step) -> StepPage | None:
        """Return the page of `step` when it was built, else None."""
        return self._pages[step]
