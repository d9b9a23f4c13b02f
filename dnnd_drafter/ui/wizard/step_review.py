"""Step 6, Xem lại: the findings of the rules and of the format checker, each with a button
that jumps to its field; where the letter goes; and, once created, what to do with it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from dnnd_drafter.model.letter import Draft
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.widgets import add_field
from dnnd_drafter.model.findings import Finding

TEXT = {
    "findings": "Những điểm cần xem lại", "none": "Không có lỗi nào. Văn bản sẵn sàng để tạo.",
    "fix": "Sửa", "fix_tip": "Chuyển đến ô cần sửa.",
    "error": "Lỗi", "warning": "Lưu ý",
    "output": "Lưu văn bản tại:", "output_tip": "Tệp .docx sẽ được tạo ở đây.",
    "browse": "Chọn…", "browse_title": "Lưu văn bản", "filter": "Văn bản Word (*.docx)",
    "done_box": "Văn bản đã tạo", "done": "Đã tạo: {}",
    "open": "Mở tệp", "folder": "Mở thư mục", "print": "In…", "pdf": "Xuất PDF…",
    "register": "Ghi vào sổ văn bản đi",
    "checker": "Kiểm tra thể thức: {}",
}


class PathEdit(QLineEdit):
    """Show a file path from its start (the drive and folder), the whole path in the tooltip."""

    def setText(self, text: str | None) -> None:  # noqa: N802 - Qt API
        """Set the path and show its beginning, as a clerk reads a path."""
        super().setText(text)
        self.setCursorPosition(0)
        self.setToolTip(text or TEXT["output_tip"])


class ReviewPage(StepPage):
    """Show what is left to fix and the actions after the letter is created."""

    jump = Signal(str)
    action = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        column = QVBoxLayout(self)
        box = QGroupBox(TEXT["findings"])
        self.findings_layout = QVBoxLayout()
        inner = QWidget()
        inner.setLayout(self.findings_layout)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        QVBoxLayout(box).addWidget(scroll)
        column.addWidget(box, 1)
        form = QFormLayout()
        self.output = PathEdit()
        browse = QPushButton(TEXT["browse"])
        browse.clicked.connect(self._browse)
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.output, 1)
        row.addWidget(browse)
        self.errors["output"] = add_field(form, TEXT["output"], row_widget, TEXT["output_tip"])
        self.fields["output"] = self.output
        column.addLayout(form)
        self.done_box = QGroupBox(TEXT["done_box"])
        done = QGridLayout(self.done_box)
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        done.addWidget(self.done_label, 0, 0, 1, 5)
        self.buttons: dict[str, QPushButton] = {}
        for index, key in enumerate(("open", "folder", "print", "pdf", "register")):
            button = QPushButton(TEXT[key])
            button.clicked.connect(lambda _=False, k=key: self.action.emit(k))
            done.addWidget(button, 1, index)
            self.buttons[key] = button
        self.done_box.hide()
        column.addWidget(self.done_box)
        self.findings: list[Finding] = []

    def _browse(self) -> None:
        """Let the user choose where to save the .docx."""
        path = dialogs.presenter_of(self).save_file(self, TEXT["browse_title"], self.output.text(), TEXT["filter"])
        if path:
            self.output.setText(path if path.lower().endswith(".docx") else path + ".docx")

    def output_path(self) -> Path | None:
        """Return the chosen output path, or None when empty."""
        text = self.output.text().strip()
        return Path(text) if text else None

    def set_findings(self, findings: list[Finding]) -> None:
        """List `findings`, each with a button that jumps to its field."""
        self.findings = findings
        while self.findings_layout.count():
            item = self.findings_layout.takeAt(0)
            if item.widget() is not None:  # type: ignore[union-attr] # count() > 0, so there is an item
                item.widget().deleteLater()  # type: ignore[union-attr] # count() > 0, so there is an item
        if not findings:
            self.findings_layout.addWidget(QLabel(TEXT["none"]))
        for finding in findings:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            tag = TEXT["error"] if finding.is_error else TEXT["warning"]
            label = QLabel(f"<b>{tag}:</b> {finding.message}")
            label.setWordWrap(True)
            line.addWidget(label, 1)
            if finding.field:
                button = QPushButton(TEXT["fix"])
                button.setToolTip(TEXT["fix_tip"])
                button.clicked.connect(lambda _=False, f=finding.field: self.jump.emit(f))
                line.addWidget(button)
            self.findings_layout.addWidget(row)
        self.findings_layout.addStretch(1)

    def show_created(self, path: Path) -> None:
        """Show the actions available for the created file."""
        self.done_label.setText(TEXT["done"].format(path))
        self.done_box.show()

    def load_draft(self, draft: Draft) -> None:
        """Nothing to copy: the review page reads the draft through its findings."""

    def apply(self, draft: Draft) -> None:
        """Nothing to copy back."""
