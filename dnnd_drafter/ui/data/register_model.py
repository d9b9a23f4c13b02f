"""Show the outgoing register of one year without loading it: the rows are read from the store
a page at a time, when the table first shows them, and each file is checked when its row is shown.

A year of 5,000 letters opened in 0.5 s as a filled table (every row built, every file hashed);
the model reads only the ids of the year, then the rows on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QColor

from dnnd_drafter.model.letter import KINDS
from dnnd_drafter.store.register import file_state
from dnnd_drafter.model.vietnamese import short_date
from dnnd_drafter.ui.server_calls import ServerSide

if TYPE_CHECKING:
    from dnnd_drafter.store import RegisterEntry, Store

PAGE = 60  # rows read from the store at once (a screenful and more)
# Qt's item roles and colours spelt out: touching the Qt namespace builds all its enums
DISPLAY_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE, USER_ROLE, HORIZONTAL = 0, 3, 9, 256, 1
GREY, DARK_RED = QColor(160, 160, 164), QColor(128, 0, 0)
Index = QModelIndex | QPersistentModelIndex


class RegisterModel(QAbstractTableModel):
    """Present the register entries of a year (and profile), reading rows as they are shown."""

    def __init__(self, store: "Store", text: dict[str, Any]) -> None:
        super().__init__()
        self.store = store
        self.text = text
        self.ids: list[int] = []
        self._rows: dict[int, "RegisterEntry"] = {}
        self._states: dict[int, str] = {}
        self._cells: dict[int, tuple[str, ...]] = {}

    def load(self, year: int, profile_id: int | None) -> None:
        """Show the entries of `year` (and `profile_id`), forgetting every row read before."""
        ids = ServerSide(None, self.store, "register", retry=False).entry_ids(year, profile_id)  # before the reset
        self.beginResetModel()
        self.ids = ids
        self._rows.clear()
        self._states.clear()
        self._cells.clear()
        self.endResetModel()

    def entry(self, row: int) -> "RegisterEntry":
        """Return the entry of `row`, reading its page from the store when it is not read yet."""
        entry_id = self.ids[row]
        if entry_id not in self._rows:
            start = row - row % PAGE
            self._rows.update(self.store.register.entries_by_id(self.ids[start:start + PAGE]))
        return self._rows[entry_id]

    def state(self, row: int) -> str:
        """Return the file check of `row` (``file_ok`` …), hashing the file the first time."""
        entry_id = self.ids[row]
        if entry_id not in self._states:
            self._states[entry_id] = "file_" + (file_state(self.entry(row)) or "unknown")
        return self._states[entry_id]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names
        """Return the number of entries shown."""
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt's names; Qt's default index
        """Return the number of columns."""
        return 0 if parent.isValid() else len(self.text["headers"])

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802 - Qt naming
        """Return the column titles."""
        if role == DISPLAY_ROLE and orientation.value == HORIZONTAL:
            return self.text["headers"][section]
        return None

    def cells(self, row: int) -> tuple[str, ...]:
        """Return the texts of `row`, as the table shows them (made once per row)."""
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = self._make_cells(row)
        return cells

    def _make_cells(self, row: int) -> tuple[str, ...]:
        """Return the texts of `row`."""
        e, text = self.entry(row), self.text
        status = text["cancelled"].format(e.cancel_reason) if e.cancelled else text["issued"]
        return (e.number_text, e.symbol, short_date(e.date), e.subject.replace("\n", " "), "; ".join(e.recipients),
                e.signer, e.file_name, status, text[self.state(row)])

    def tip(self, row: int, column: int) -> str:
        """Return the tooltip of one cell (the full text where the cell cuts it)."""
        e, text = self.entry(row), self.text
        shown = e.file_path or e.file_name
        if column == 0:
            return text["kind"].format(KINDS.get(e.kind, e.kind))
        if column == 3:
            return e.subject
        if column == 4:
            return "\n".join(e.recipients)
        if column == 6 and e.file_hash:
            return f"{shown}\n{text['file_hash'].format(e.file_hash)}"
        if column == 8:
            return text[f"{self.state(row)}_tip"].format(f"“{shown}”")
        return self.cells(row)[column]

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        """Return what the table shows of one cell."""
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == DISPLAY_ROLE:
            return self.cells(row)[column]
        if role == TOOLTIP_ROLE:
            return self.tip(row, column) or self.cells(row)[column]
        if role == USER_ROLE and column == 0:
            return self.ids[row]
        if role == FOREGROUND_ROLE:
            if column == 8 and self.state(row) in ("file_changed", "file_missing"):
                return DARK_RED
            return GREY if self.entry(row).cancelled else None
        return None

    def row_of(self, entry_id: int) -> int | None:
        """Return the row showing `entry_id`, or None."""
        try:
            return self.ids.index(entry_id)
        except ValueError:
            return None
