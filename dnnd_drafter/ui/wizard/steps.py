"""Hold the wizard's six steps and import and build each page the first time it is needed.

Only the first step is built when the window opens; the others (the tasks step with its
directive catalog, the recipient pickers with the address book, the review) are built when the
clerk goes to them, so the window takes input sooner and uses less memory.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from typing import overload

from PySide6.QtWidgets import QScrollArea, QStackedWidget

from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage


class WizardPages(Sequence[StepPage]):
    """Give the steps by index, building a page (inside its scroll area) on first access."""

    def __init__(self, classes: Sequence[str], context: AppContext, stack: QStackedWidget,
                 on_built: Callable[[int, StepPage], None]) -> None:
        self.classes = tuple(classes)  # "module:Class" under dnnd_drafter.ui, imported on first use
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
            module, _, name = self.classes[position].partition(":")
            page_class = getattr(importlib.import_module(f"dnnd_drafter.ui.wizard.{module}"), name)
            page = page_class(self.context)
            self._pages[position] = page
            scroll = self.stack.widget(position)
            assert isinstance(scroll, QScrollArea)
            scroll.setWidget(page)
            self.on_built(position, page)
        return page

    def __iter__(self) -> Iterator[StepPage]:
        """Return every page, building those not built yet."""
        return (self[i] for i in range(len(self)))

    def built(self) -> list[StepPage]:
        """Return the pages built so far, in step order."""
        return [page for page in self._pages if page is not None]

    def built_at(self, index: int) -> StepPage | None:
        """Return the page of step `index` when it was built, else None."""
        return self._pages[index]
