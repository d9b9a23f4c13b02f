"""Import a new directive: paste its text or open its .docx, see what was found, correct it,
and save it to the catalog so its tasks can be picked in step 3."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QDateEdit, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.dialogs import user_errors_shown
from dnnd_drafter.ui.widgets import ShortText, add_field, dialog_buttons
from dnnd_drafter.catalog import directive_id, save_directive
from dnnd_drafter.catalog.importer import import_docx, import_text

if TYPE_CHECKING:
    from dnnd_drafter.catalog import Directive
    from dnnd_drafter.catalog.importer import ImportResult

TEXT = {
    "title": "Nhập chỉ thị mới vào danh mục",
    "intro": "Dán toàn văn chỉ thị (hoặc mở tệp .docx), bấm “Tách nhiệm vụ”, kiểm tra và sửa những gì "
             "chương trình tìm được, rồi lưu vào danh mục.",
    "source": "Toàn văn:", "source_tip": "Dán văn bản có các phần I-, II-, III- và các nhiệm vụ đánh số 1., 2. …",
    "open": "Mở tệp .docx…", "open_tip": "Đọc toàn văn từ một tệp Word .docx.", "filter": "Văn bản Word (*.docx)",
    "parse": "Tách nhiệm vụ", "parse_tip": "Tìm số, ngày, trích yếu và các nhiệm vụ trong văn bản.",
    "number": "Số, ký hiệu:", "number_tip": "Ví dụ: 12-CT/TW.",
    "type_name": "Loại văn bản:", "type_name_tip": "Ví dụ: Chỉ thị, Nghị quyết, Kết luận.",
    "date": "Ngày ban hành:", "date_tip": "Ngày ký ban hành văn bản.",
    "issuer": "Cơ quan ban hành:", "issuer_tip": "Ví dụ: Ban Bí thư.",
    "subject": "Trích yếu:", "subject_tip": "Bắt đầu bằng “về …”, ví dụ: về tăng cường …",
    "tasks": "Các nhiệm vụ tìm được (sửa trực tiếp trong bảng):",
    "col_title": "Tiêu đề ngắn", "col_text": "Nội dung nhiệm vụ",
    "notes": "Lưu ý: {}", "found": "Tìm được {} nhiệm vụ.",
    "save": "Lưu vào danh mục", "cancel": "Đóng", "saved": "Đã lưu “{} {}” vào danh mục: {}",
    "nothing": "Hãy dán văn bản hoặc mở tệp .docx rồi bấm “Tách nhiệm vụ” trước.",
}


class ImportDirectiveDialog(QDialog):
    """Split a pasted or opened directive into its parts and tasks, and save it after review."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT["title"])
        self.result_: "ImportResult | None" = None
        self.saved: "Directive | None" = None
        column = QVBoxLayout(self)
        intro = QLabel(TEXT["intro"])
        intro.setWordWrap(True)
        column.addWidget(intro)
        form = QFormLayout()
        self.source = ShortText(6)
        add_field(form, TEXT["source"], self.source, TEXT["source_tip"])
        buttons_row = QWidget()
        row = QHBoxLayout(buttons_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.open_button, self.parse_button = QPushButton(TEXT["open"]), QPushButton(TEXT["parse"])
        self.open_button.setToolTip(TEXT["open_tip"])
        self.parse_button.setToolTip(TEXT["parse_tip"])
        row.addWidget(self.open_button)
        row.addWidget(self.parse_button)
        row.addStretch(1)
        form.addRow("", buttons_row)
        self.number, self.type_name, self.issuer = QLineEdit(), QLineEdit(), QLineEdit()
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setDate(QDate.currentDate())
        self.subject = ShortText(2)
        self.errors = {key: add_field(form, TEXT[key], widget, TEXT[f"{key}_tip"]) for key, widget in (
            ("number", self.number), ("type_name", self.type_name), ("date", self.date),
            ("issuer", self.issuer), ("subject", self.subject))}
        column.addLayout(form)
        column.addWidget(QLabel(TEXT["tasks"]))
        self.tasks = QTableWidget(0, 2)
        self.tasks.setHorizontalHeaderLabels([TEXT["col_title"], TEXT["col_text"]])
        self.tasks.horizontalHeader().setStretchLastSection(True)
        self.tasks.setColumnWidth(0, 200)
        self.tasks.setToolTip(TEXT["tasks"])
        column.addWidget(self.tasks, 1)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        column.addWidget(self.notes)
        buttons = dialog_buttons(self, TEXT["save"], TEXT["cancel"])
        column.addWidget(buttons)
        self.open_button.clicked.connect(self.open_docx)
        self.parse_button.clicked.connect(self.parse)
        self.resize(900, 700)

    def open_docx(self) -> None:
        """Read a .docx the clerk chooses and split it."""
        path = dialogs.presenter_of(self).open_file(self, TEXT["open"], "", TEXT["filter"])
        if path:
            self._show(lambda: import_docx(path))

    def parse(self) -> None:
        """Split the pasted text."""
        self._show(lambda: import_text(self.source.text()))

    def _show(self, run) -> None:
        """Run an import and show what it found, or its Vietnamese message."""
        with user_errors_shown(self) as outcome:
            self.result_ = run()
        if outcome.failed:
            return
        directive = self.result_.directive
        self.number.setText(directive.number)
        self.type_name.setText(directive.type_name)
        if directive.date is not None:
            self.date.setDate(QDate(directive.date.year, directive.date.month, directive.date.day))
        self.issuer.setText(directive.issuer)
        self.subject.setText(directive.subject)
        self.tasks.setRowCount(len(directive.tasks))
        for row, task in enumerate(directive.tasks):
            self.tasks.setItem(row, 0, QTableWidgetItem(task.title))
            self.tasks.setItem(row, 1, QTableWidgetItem(task.text))
        notes = [TEXT["found"].format(len(directive.tasks))] + self.result_.notes
        self.notes.setText(TEXT["notes"].format(" ".join(notes)))

    def directive(self) -> "Directive | None":
        """Return the directive as corrected in the form, or None before any import."""
        if self.result_ is None:
            return None
        directive = self.result_.directive
        qdate = self.date.date()

        directive.number, directive.type_name = self.number.text().strip(), self.type_name.text().strip()
        directive.id = directive_id(directive.number)  # the file follows the number as corrected
        directive.date = _dt.date(qdate.year(), qdate.month(), qdate.day())
        directive.issuer, directive.subject = self.issuer.text().strip(), self.subject.text().strip()
        for row, task in enumerate(directive.tasks):
            task.title = (self.tasks.item(row, 0) or QTableWidgetItem("")).text().strip()
            task.text = (self.tasks.item(row, 1) or QTableWidgetItem("")).text().strip()
        directive.tasks = [t for t in directive.tasks if t.text]
        return directive

    def accept(self) -> None:
        """Save the corrected directive to the catalog; keep the dialog open on a problem."""
        directive = self.directive()
        if directive is None:
            dialogs.presenter_of(self).error(self, TEXT["nothing"])
            return
        with user_errors_shown(self, self.errors) as outcome:
            path = save_directive(directive)
        if outcome.failed:
            return
        self.saved = directive
        dialogs.presenter_of(self).info(self, TEXT["saved"].format(directive.type_name, directive.number, path))
        super().accept()


def import_directive(parent: QWidget | None) -> bool:
    """Show the dialog over `parent` until the clerk closes it; return whether a directive was saved."""
    dialog = ImportDirectiveDialog(parent)
    return dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None
