"""Open the Dữ liệu windows (address book, lists, profiles, signers, register) and give them
what they share: a dialog base that turns store errors into Vietnamese messages, buttons,
tables, optional dates, and :func:`run_dialog`, the one place a sub-dialog is shown modally
(tests replace it to fill the sub-dialog and accept it without ``exec()``)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDateEdit, QDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem, QWidget)

from dnnd_drafter.ui.widgets import add_field, show_error
from dnnd_drafter.ui.dialogs import guarded

if TYPE_CHECKING:
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT = {
    "date_tip": "Bấm vào mũi tên để chọn ngày trên lịch, hoặc gõ ngày theo dạng ngày/tháng/năm.",
}

def run_dialog(dialog: QDialog) -> bool:
    """Show a sub-dialog modally; return whether the clerk accepted it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to `width`×`height`, shrunk to fit the screen's free area (1366×768 minus the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width() - 40), min(height, free.height() - 60)
    widget.resize(width, height)


def button(text: str, tip: str, slot: Callable[[], Any] | None = None) -> QPushButton:
    """Return a push button with a tooltip that Enter in a text box does not press by accident."""
    push = QPushButton(text)
    push.setToolTip(tip)
    push.setAutoDefault(False)
    if slot is not None:
        push.clicked.connect(lambda _=False: slot())
    return push


def button_row(*widgets: QWidget | None, stretch_at: int | None = None) -> QHBoxLayout:
    """Return a row of buttons; ``None`` is a gap, `stretch_at` puts a spring before that index."""
    row = QHBoxLayout()
    for index, widget in enumerate(widgets):
        if index == stretch_at:
            row.addStretch(1)
        if widget is None:
            row.addSpacing(16)
        else:
            row.addWidget(widget)
    if stretch_at is None or stretch_at >= len(widgets):
        row.addStretch(1)
    return row


def make_table(headers: list[str], stretch: int, multi: bool = False) -> QTableWidget:
    """Return a read-only table selecting whole rows; column `stretch` takes the free width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    return style_table(table, stretch, multi)


def style_table(table: Any, stretch: int, multi: bool = False) -> Any:
    """Make `table` (a QTableWidget or a QTableView with its model set) read-only, selecting whole rows."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection if multi
                           else QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def table_item(text: str, data: Any = None, tip: str = "", grey: bool = False) -> QTableWidgetItem:
    """Return a table cell showing `text` (a tooltip with the full text), holding `data`."""
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    item.setToolTip(tip or text)
    if grey:
        item.setForeground(Qt.GlobalColor.gray)
    return item


def selected_rows(table: QTableWidget) -> list[int]:
    """Return the selected row numbers in order."""
    return sorted({index.row() for index in table.selectionModel().selectedRows()})


def row_data(table: QTableWidget, row: int) -> Any:
    """Return what the first cell of `row` holds."""
    item = table.item(row, 0)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def select_row_with(table: QTableWidget, data: Any) -> bool:
    """Select the row whose first cell holds `data`; return whether there was one."""
    for row in range(table.rowCount()):
        if row_data(table, row) == data:
            table.selectRow(row)
            table.scrollToItem(table.item(row, 0))  # type: ignore[arg-type] # row < rowCount(): the cell exists
            return True
    return False


def form_field(form: QFormLayout, text: str, widget: QWidget, tip: str) -> QLabel:
    """Add a labelled field with its error line (:func:`add_field`); editing it hides the error."""
    error = add_field(form, text, widget, tip)
    parts = [widget, getattr(widget, "check", None), getattr(widget, "edit", None)]
    for part in (p for p in parts if p is not None):
        for name in ("textEdited", "textChanged", "currentIndexChanged", "dateChanged", "toggled"):
            signal = getattr(part, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(lambda *_args: show_error(error, ""))
                break
    return error


def to_qdate(value: _dt.date) -> QDate:
    """Return the QDate of `value`."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> _dt.date:
    """Return the date of a QDate."""
    return _dt.date(value.year(), value.month(), value.day())


def date_edit(value: _dt.date | None = None) -> QDateEdit:
    """Return a date box in the Vietnamese order (dd/MM/yyyy) with a calendar, set to `value` or today."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(to_qdate(value or _dt.date.today()))
    edit.setToolTip(TEXT["date_tip"])
    return edit


class OptionalDate(QWidget):
    """Hold a date that may be left out: a check box that turns the date box on."""

    def __init__(self, check_text: str, value: _dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(check_text)
        self.edit = date_edit(value)
        self.check.toggled.connect(self.edit.setEnabled)
        self.set_value(value)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.check)
        row.addWidget(self.edit)
        row.addStretch(1)
        self.setFocusProxy(self.check)

    def value(self) -> _dt.date | None:
        """Return the date, or None when the box is unchecked."""
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: _dt.date | None) -> None:
        """Show `value` (None unchecks the box)."""
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt naming
        """Put the tooltip on both parts."""
        super().setToolTip(text)
        self.check.setToolTip(text)
        self.edit.setToolTip(text)


class DataDialog(QDialog):
    """Base of the Dữ liệu windows: the store and active profile, messages, the Esc key and a size."""

    def __init__(self, context: "AppContext", parent: QWidget | None, title: str,
                 size: tuple[int, int] = (1080, 620)) -> None:
        super().__init__(parent)
        self.context = context
        self.presenter = context.presenter  # this window's message boxes, and those of the dialogs it opens
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setSizeGripEnabled(True)
        fit_to_screen(self, *size)

    @property
    def store(self) -> Any:
        """Return the office's store."""
        return self.context.store

    def guard(self, action: Callable[[], Any], errors: dict[str, QLabel] | None = None) -> bool:
        """Run `action`; show a store error as a message (and beside its field); return whether it worked."""
        return guarded(self, action, errors)

    def shortcut(self, keys: str, slot: Callable[[], Any]) -> QShortcut:
        """Bind the key combination `keys` (``Ctrl+F``) to `slot` in this window."""
        short = QShortcut(QKeySequence(keys), self)
        short.activated.connect(slot)
        return short

    def on_key(self, widget: QWidget, key: Qt.Key, slot: Callable[[], Any]) -> None:
        """Run `slot` when `key` (without modifiers) is pressed while `widget` has the focus."""
        KeyFilter.on(widget).keys[key] = slot


class KeyFilter(QObject):
    """Catch plain key presses on one widget (Delete on a table) and run a command instead."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.keys: dict[Qt.Key, Callable[[], Any]] = {}
        widget.installEventFilter(self)

    @classmethod
    def on(cls, widget: QWidget) -> "KeyFilter":
        """Return the filter of `widget`, installing one the first time."""
        found = widget.findChild(cls)
        return found if isinstance(found, cls) else cls(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Run the command of a plain key press; let everything else through."""
        if (event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and Qt.Key(event.key()) in self.keys):
            self.keys[Qt.Key(event.key())]()
            return True
        return super().eventFilter(watched, event)


