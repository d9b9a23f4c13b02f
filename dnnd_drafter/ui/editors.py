"""Provide the richer editors of the later steps: Markdown text with bold/italic buttons and
shortcuts, and an ordered list of names to drag, move with Ctrl+Up/Down or delete."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
                               QToolButton, QVBoxLayout, QWidget)

from dnnd_drafter.ui.widgets import ShortText


def buttons_above(owner: QWidget, buttons: tuple[QWidget, ...], edit: QWidget) -> None:
    """Lay out `owner` as a row of `buttons` above `edit`, which takes the focus given to `owner`."""
    bar = QHBoxLayout()
    bar.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        bar.addWidget(button)
    bar.addStretch(1)
    column = QVBoxLayout(owner)
    column.setContentsMargins(0, 0, 0, 0)
    column.addLayout(bar)
    column.addWidget(edit)
    owner.setFocusProxy(edit)


class MarkupEditor(QWidget):
    """Edit text in the letter's Markdown subset, with buttons that make the selection bold or italic."""

    textChanged = Signal()  # noqa: N815 - Qt naming

    def __init__(self, lines: int = 6, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = ShortText(lines)
        self.edit.setFixedHeight(self.edit.height())
        self.bold = QToolButton(text="Đậm")  # type: ignore[call-arg] # Qt properties as keywords: the stubs omit them
        self.bold.setToolTip("In đậm phần chữ đang chọn (Ctrl+B)")
        self.italic = QToolButton(text="Nghiêng")  # type: ignore[call-arg] # Qt properties as keywords: the stubs omit them
        self.italic.setToolTip("In nghiêng phần chữ đang chọn (Ctrl+I)")
        self.bold.clicked.connect(lambda: self.wrap("**"))
        self.italic.clicked.connect(lambda: self.wrap("*"))
        QShortcut(QKeySequence.StandardKey.Bold, self.edit, lambda: self.wrap("**"))
        QShortcut(QKeySequence.StandardKey.Italic, self.edit, lambda: self.wrap("*"))
        buttons_above(self, (self.bold, self.italic), self.edit)
        self.edit.textChanged.connect(self.textChanged)

    def text(self) -> str:
        """Return the Markdown text."""
        return self.edit.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        """Replace the Markdown text."""
        self.edit.setText(text)

    def wrap(self, marker: str) -> None:
        """Wrap the selection in `marker` (``**`` bold, ``*`` italic)."""
        cursor: QTextCursor = self.edit.textCursor()
        selected = cursor.selectedText()
        if not selected:
            return
        cursor.insertText(f"{marker}{selected}{marker}")
        self.edit.setTextCursor(cursor)


class OrderedList(QWidget):
    """Hold an ordered list of names: drag to reorder, or Ctrl+Up/Ctrl+Down, Delete to remove."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(QtCore.Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self.changed)
        self.up = QPushButton("Lên")
        self.down = QPushButton("Xuống")
        self.remove = QPushButton("Bỏ")
        self.up.setToolTip("Đưa mục đang chọn lên trên (Ctrl+↑)")
        self.down.setToolTip("Đưa mục đang chọn xuống dưới (Ctrl+↓)")
        self.remove.setToolTip("Bỏ mục đang chọn khỏi danh sách (Delete)")
        self.up.clicked.connect(lambda: self.move(-1))
        self.down.clicked.connect(lambda: self.move(1))
        self.remove.clicked.connect(self.remove_current)
        QShortcut(QKeySequence("Ctrl+Up"), self.list, lambda: self.move(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self.list, lambda: self.move(1))
        QShortcut(QKeySequence.StandardKey.Delete, self.list, self.remove_current)
        buttons = QVBoxLayout()
        for button in (self.up, self.down, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.setFocusProxy(self.list)

    def items(self) -> list[str]:
        """Return the names in order."""
        return [self.list.item(i).text() for i in range(self.list.count())]

    def set_items(self, names: list[str]) -> None:
        """Replace the names."""
        if names == self.items():
            return
        self.list.clear()
        for name in names:
            self.list.addItem(QListWidgetItem(name))

    def add(self, name: str) -> bool:
        """Append `name` unless it is already there; return whether it was added."""
        if not name.strip() or name in self.items():
            return False
        self.list.addItem(QListWidgetItem(name))
        self.list.setCurrentRow(self.list.count() - 1)
        self.changed.emit()
        return True

    def move(self, step: int) -> None:  # type: ignore[override] # moves the current row; QWidget.move is never called on a list editor
        """Move the current item by `step` rows."""
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.changed.emit()

    def remove_current(self) -> None:
        """Remove the current item."""
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()
