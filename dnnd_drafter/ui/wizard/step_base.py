"""Define what every wizard step is: a page that loads from and applies to a Draft.

Pages hold no business rules: validation results come from :mod:`dnnd_drafter.model.validation`
and pages only show them next to their fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.widgets import show_error
from dnnd_drafter.model.findings import Finding
from dnnd_drafter.catalog import load_catalog

if TYPE_CHECKING:
    from dnnd_drafter.catalog.model import Directive
    from dnnd_drafter.store import Profile, Store


class AppContext:
    """Give pages what the office knows: the store, the active profile, the directive catalog.

    The catalog is read on first use, not at start: the first page needs none of it.
    """

    def __init__(self, store: "Store | None" = None, profile: "Profile | None" = None,
                 catalog: "dict[str, Directive] | None" = None,
                 presenter: "dialogs.PresenterLike | None" = None) -> None:
        self.store = store
        #: Shows the messages and file choosers of every window opened with this context.
        self.presenter: dialogs.PresenterLike = presenter if presenter is not None else dialogs.Presenter()
        self.profile = profile
        self._catalog = catalog
        #: The Khối of a new letter made without a profile (the first-start form's choice).
        self.family_without_profile = "nha_nuoc"

    @property
    def catalog(self) -> "dict[str, Directive]":
        """Return the directive catalog, reading it the first time; say so when it cannot be read."""
        if self._catalog is None:
            try:
                self._catalog = load_catalog()
            except UserMessageError as exc:
                self._catalog = {}
                self.presenter.error(None, exc.message)
        return self._catalog

    @catalog.setter
    def catalog(self, catalog: "dict[str, Directive]") -> None:
        """Replace the catalog (after a directive was imported)."""
        self._catalog = catalog


class StepPage(QWidget):
    """Show one step of the wizard; emit ``changed`` when the user edits anything."""

    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.presenter = context.presenter  # the messages of this step (and what it opens)
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self._loading = False

    def emit_changed(self) -> None:
        """Emit ``changed`` unless the page is being loaded from the draft."""
        if not self._loading:
            self.changed.emit()

    def load(self, draft: Draft) -> None:
        """Show `draft` in the widgets without emitting ``changed``."""
        self._loading = True
        try:
            self.load_draft(draft)
        finally:
            self._loading = False

    def load_draft(self, draft: Draft) -> None:
        """Copy the draft's fields into the widgets (pages override)."""

    def apply(self, draft: Draft) -> None:
        """Copy the widgets' values into `draft` (pages override)."""

    def show_results(self, results: list[Finding]) -> None:
        """Show each result next to its field on this page; clear the others."""
        messages: dict[str, str] = {}
        for result in results:
            key = self.error_key(result.field or "")
            if key in self.errors and key not in messages:
                messages[key] = result.message
        for key, label in self.errors.items():
            show_error(label, messages.get(key, ""))

    def error_key(self, field_name: str) -> str:
        """Return the error label key for a draft field (pages may map several fields to one)."""
        return field_name.split("[")[0]

    def focus_field(self, field_name: str) -> None:
        """Put the keyboard focus on the widget of `field_name`."""
        widget = self.fields.get(self.error_key(field_name))
        if widget is not None:
            widget.setFocus()
