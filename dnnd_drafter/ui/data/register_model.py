"""Show the outgoing register of one year without loading it: the rows are read from the store
a page at a time, when the table first shows them, and each file is checked when its row is shown.

A year of 5,000 letters opened in 0.5 s as a filled table (every row built, every file hashed);
the model reads only the ids of the year, then the rows on screen. On the office's server a page
is read on a worker thread: its rows say "Đang tải…" until it arrives, so painting never waits
for the network.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from dnnd_drafter.model.letter import KINDS
from dnnd_drafter.store.register import file_state
from dnnd_drafter.model.vietnamese import short_date
from dnnd_drafter.ui.server_calls import SERVER_LOCK, ServerSide

if TYPE_CHECKING:
    from dnnd_drafter.store.register import RegisterEntry
    from dnnd_drafter.store import Store

PAGE = 60  # rows read from the store at once (a screenful and more)
# Qt's item roles and colours spelt out: touching the Qt namespace builds all its enums
DISPLAY_ROLE, TOOLTIP_ROLE, FOREGROUND_ROLE, USER_ROLE, HORIZONTAL = 0, 3, 9, 256, 1
GREY, DARK_RED = QColor(160, 160, 164), QColor(128, 0, 0)
Index = QModelIndex | QPersistentModelIndex


class _PageReader(QObject):
    """Read pages of the register on one worker thread and hand them to the UI thread (a queued signal)."""

    arrived = Signal(int, int, object)  # load generation, first row, the entries by id (None: failed)

    def __init__(self, store: "Store") -> None:
        super().__init__()
        self.store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dnnd-register-page")

    def ask(self, generation: int, start: int, ids: list[int]) -> None:
        """Read the entries `ids` (the page from row `start`) off the UI thread."""
        self._pool.submit(self._read, generation, start, ids)

    def _read(self, generation: int, start: int, ids: list[int]) -> None:
        """Read one page (on the worker) and send it to the UI thread."""
        try:
            with SERVER_LOCK:  # one command at a time on the store's server connection
                rows: Any = self.store.register.entries_by_id(ids)
        except Exception:  # noqa: BLE001 - the rows say so; F5 reads them again
            logging.getLogger(__name__).warning("a page of the register could not be read", exc_info=True)
            rows = None
        self.arrived.emit(generation, start, rows)

    def close(self) -> None:
        """Stop taking pages (a page being read still arrives, and is dropped)."""
        self._pool.shutdown(wait=False, cancel_futures=True)


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
        self._generation = 0  # moves at each load: a page read for an earlier one is dropped
        self._asked: set[int] = set()  # first rows of the pages asked for (on the office's server)
        self._failed: set[int] = set()
        self._reader: _PageReader | None = None
        if getattr(store, "on_server", False):
            self._reader = _PageReader(store)
            self._reader.arrived.connect(self._page_arrived, Qt.ConnectionType.QueuedConnection)

    def load(self, year: int, profile_id: int | None) -> None:
        """Show the entries of `year` (and `profile_id`), forgetting every row read before."""
        ids = ServerSide(None, self.store, "register", retry=False).entry_ids(year, profile_id)  # before the reset
        self.beginResetModel()
        self.ids = ids
        self._generation += 1
        self._asked.clear()
        self._failed.clear()
        self._rows.clear()
        self._states.clear()
        self._cells.clear()
        self.endResetModel()

    def entry(self, row: int) -> "RegisterEntry | None":
        """Return the entry of `row`, reading its page when it is not read yet.

        On the office's server the page is asked for on the worker and None is returned until it
        arrives (the rows then change); on the local store it is read in place.
        """
        entry_id = self.ids[row]
        found = self._rows.get(entry_id)
        if found is None:
            start = row - row % PAGE
            if self._reader is None:
                self._rows.update(self.store.register.entries_by_id(self.ids[start:start + PAGE]))
                return self._rows.get(entry_id)
            if start not in self._asked:
                self._asked.add(start)
                self._reader.ask(self._generation, start, self.ids[start:start + PAGE])
        return found

    def _page_arrived(self, generation: int, start: int, rows: dict[int, "RegisterEntry"] | None) -> None:
        """Show the page read from row `start` (unless the register was loaded again meanwhile)."""
        if generation != self._generation:
            return
        if rows is None:
            self._failed.add(start)
        else:
            self._rows.update(rows)
        last = min(start + PAGE, len(self.ids)) - 1
        if last >= start:
            self.dataChanged.emit(self.index(start, 0), self.index(last, self.columnCount() - 1))

    def close(self) -> None:
        """Stop reading pages (the window closes)."""
        if self._reader is not None:
            self._reader.close()

    def state(self, row: int) -> str:
        """Return the file check of `row` (``file_ok`` …), hashing the file the first time."""
        entry_id = self.ids[row]
        if entry_id not in self._states:
            entry = self.entry(row)
            if entry is None:
                return "file_unknown"
            self._states[entry_id] = "file_" + (file_state(entry) or "unknown")
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
        """Return the texts of `row`, as the table shows them (made once per row; "Đang tải…" meanwhile)."""
        cells = self._cells.get(row)
        if cells is None:
            if self.entry(row) is None:
                waiting = self.text["load_failed" if row - row % PAGE in self._failed else "loading"]
                return (waiting,) + ("",) * (self.columnCount() - 1)
            cells = self._cells[row] = self._make_cells(row)
        return cells

    def _make_cells(self, row: int) -> tuple[str, ...]:
        """Return the texts of `row` (its entry is read)."""
        e, text = self.entry(row), self.text
        assert e is not None
        status = text["cancelled"].format(e.cancel_reason) if e.cancelled else text["issued"]
        return (e.number_text, e.symbol, short_date(e.date), e.subject.replace("\n", " "), "; ".join(e.recipients),
                e.signer, e.file_name, status, text[self.state(row)])

    def tip(self, row: int, column: int) -> str:
        """Return the tooltip of one cell (the full text where the cell cuts it)."""
        e, text = self.entry(row), self.text
        if e is None:
            return ""
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
            entry = self.entry(row)
            return GREY if entry is None or entry.cancelled else None
        return None

    def row_of(self, entry_id: int) -> int | None:
        """Return the row showing `entry_id`, or None."""
        try:
            return self.ids.index(entry_id)
        except ValueError:
            return None
