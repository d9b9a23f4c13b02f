"""Edit the notes of the Nơi nhận lines: "(để báo cáo)" on one line or on a group of lines.

One row per note: from line, to line, the note (a usual one picked or typed). The lines are
counted as the list shows them (1, 2, …). A note on lines the list no longer has, on a line
another note already covers, or without words is not given to the draft (the letter would not
print it), and the row says why.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from dnnd_drafter.model.letter import CcNote
from dnnd_drafter.ui.widgets import paint_as_error

TEXT: dict[str, Any] = {  # texts, and lists of texts for the choices
    "title": "Ghi chú cho một dòng hoặc một nhóm dòng (in một lần, có dấu ngoặc nhọn nối các dòng):",
    "from": "Từ dòng", "to": "đến dòng", "note": "Ghi chú", "add": "Thêm ghi chú", "remove": "Xóa",
    "usual": ["(để báo cáo)", "(để b/c)", "(để biết)", "(để thực hiện)", "(để phối hợp)", "(để chỉ đạo)"],
    "out_of_range": "Danh sách chỉ có {} dòng: ghi chú này không được in.",
    "overlap": "Các dòng này đã có ghi chú khác: ghi chú này không được in.",
    "empty": "Chưa có lời ghi chú.",
}


class NoteRow(QWidget):
    """Show one note: its first and last line and its words."""

    def __init__(self, note: CcNote, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first, self.last = QSpinBox(), QSpinBox()
        for box, value in ((self.first, note.first), (self.last, note.last)):
            box.setRange(1, 999)
            box.setValue(value)
        self.text = QComboBox()
        self.text.setEditable(True)
        self.text.addItems(TEXT["usual"])
        self.text.setEditText(note.text)
        self.remove = QPushButton(TEXT["remove"])
        self.problem = QLabel()
        paint_as_error(self.problem)
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel(TEXT["from"]), self.first, QLabel(TEXT["to"]), self.last, self.text, self.remove,
                       self.problem):
            line.addWidget(widget, 1 if widget is self.text else 0)

    def note(self) -> CcNote:
        """Return the note this row shows."""
        first, last = self.first.value(), self.last.value()
        return CcNote(min(first, last), max(first, last), " ".join(self.text.currentText().split()))


class CcNotesEditor(QWidget):
    """Edit the notes of a Nơi nhận list; emit ``changed`` at every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[NoteRow] = []
        self._lines = 0
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        title = QLabel(TEXT["title"])
        title.setWordWrap(True)
        column.addWidget(title)
        self._grid = QGridLayout()
        column.addLayout(self._grid)
        self.add_button = QPushButton(TEXT["add"])
        self.add_button.clicked.connect(lambda: self.add_note(CcNote(1, max(1, self._lines), TEXT["usual"][0])))
        column.addWidget(self.add_button)

    def set_notes(self, notes: list[CcNote], lines: int) -> None:
        """Show `notes` for a list of `lines` lines."""
        for row in self.rows:
            row.setParent(None)
            row.deleteLater()
        self.rows = []
        self._lines = lines
        for note in notes:
            self.add_note(note, emit=False)
        self.show_problems()

    def set_lines(self, lines: int) -> None:
        """Tell the editor how many lines the list has now."""
        self._lines = lines
        self.show_problems()

    def add_note(self, note: CcNote, emit: bool = True) -> NoteRow:
        """Add a row for `note` and return it."""
        row = NoteRow(note)
        self.rows.append(row)
        self._grid.addWidget(row, len(self.rows), 0)
        row.first.valueChanged.connect(self._edited)
        row.last.valueChanged.connect(self._edited)
        row.text.editTextChanged.connect(self._edited)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        if emit:
            self._edited()
        return row

    def remove_row(self, row: NoteRow) -> None:
        """Remove one note."""
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._edited()

    def _edited(self) -> None:
        """Show the rows' problems and tell the page."""
        self.show_problems()
        self.changed.emit()

    def _problems(self) -> list[str]:
        """Return, for each row, why its note is not printed ("" when it is)."""
        taken: set[int] = set()
        out = []
        for row in self.rows:
            note = row.note()
            lines = set(range(note.first, note.last + 1))
            if not note.text:
                out.append(TEXT["empty"])
            elif note.last > self._lines:
                out.append(TEXT["out_of_range"].format(self._lines))
            elif lines & taken:
                out.append(TEXT["overlap"])
            else:
                out.append("")
                taken |= lines
        return out

    def show_problems(self) -> None:
        """Write next to each row why its note is not printed."""
        for row, problem in zip(self.rows, self._problems()):
            row.problem.setText(problem)
            row.problem.setVisible(bool(problem))

    def notes(self) -> list[CcNote]:
        """Return the notes the letter prints, in line order (the ones with a problem left out)."""
        kept = [row.note() for row, problem in zip(self.rows, self._problems()) if not problem]
        return sorted(kept, key=lambda note: note.first)
