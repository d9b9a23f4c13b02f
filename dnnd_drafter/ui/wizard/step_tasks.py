"""Step 3, Nhiệm vụ: pick the directive's tasks, adapt their text, add the office's own,
write the opening and assign who leads what under ``Tổ chức thực hiện``.

The page only binds widgets: the task rules (task sources, the directive's wording per variant,
the lead sentence) are in :mod:`dnnd_drafter.model.drafting`."""

from __future__ import annotations

from dataclasses import astuple
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from dnnd_drafter.model import drafting
from dnnd_drafter.model.content import DirectiveRef, plain
from dnnd_drafter.model.letter import Draft, Task
from dnnd_drafter.ui.wizard.step_base import AppContext, StepPage
from dnnd_drafter.ui.wizard.template_fields import TemplateFields
from dnnd_drafter.ui.editors import MarkupEditor
from dnnd_drafter.ui.widgets import ShortText, add_field

if TYPE_CHECKING:
    from dnnd_drafter.catalog.model import Directive

FREE_TEMPLATE = "van_ban_tu_do"  # the clerk's own body: no task list, opening or implementation
TEXT = {
    "directive": "Chỉ thị:", "directive_tip": "Chỉ thị (hoặc văn bản) cấp trên cần triển khai.",
    "variant": "Cách viết:", "variant_tip": "Nguyên văn chỉ thị, hoặc bản đã điều chỉnh cho cấp cơ sở.",
    "original": "Nguyên văn chỉ thị",
    "tasks": "Các nhiệm vụ (đánh dấu để đưa vào văn bản):",
    "tasks_tip": "Đánh dấu các nhiệm vụ cần giao; chọn một nhiệm vụ để sửa nội dung bên dưới.",
    "up": "Lên", "down": "Xuống", "own": "Thêm nhiệm vụ riêng",
    "own_tip": "Thêm một nhiệm vụ do cơ quan tự đặt ra.", "own_title": "Nhiệm vụ riêng của cơ quan",
    "task_title": "Tiêu đề in đậm:", "task_title_tip": "Có thể bỏ trống; nếu có sẽ in đậm trước nội dung.",
    "task_text": "Nội dung nhiệm vụ:", "task_text_tip": "Sửa nội dung; **đậm**, *nghiêng* bằng các nút.",
    "reset": "Khôi phục nguyên văn", "reset_tip": "Trả nội dung về đúng lời văn của chỉ thị.",
    "opening_box": "Mở đầu", "opening": "Đoạn mở đầu:",
    "opening_tip": "Để trống: chương trình tự soạn từ văn bản cấp trên, chỉ thị và cơ quan chỉ đạo "
                   "(xem trang bên phải). Viết vào đây để thay bằng đoạn của mình.",
    "opening_hint": "(để trống để chương trình tự soạn đoạn mở đầu)",
    "directing": "Cơ quan chỉ đạo:", "directing_tip": "Ví dụ: Ban Thường vụ Huyện ủy (đứng trước “đề nghị …”).",
    "directing_auto": "Để trống: dùng “{}”", "directing_none": "Cần nhập: chủ ngữ của câu mở đầu",
    "recompose": "Để chương trình tự soạn", "recompose_tip": "Xóa đoạn đã viết để chương trình tự soạn lại.",
    "impl_box": "Tổ chức thực hiện", "impl": "Phân công (mỗi dòng một ý):",
    "impl_tip": "Mỗi dòng thành một đoạn gạch đầu dòng của mục “Tổ chức thực hiện”.",
    "lead": "Giao chủ trì:", "lead_tip": "Chọn đơn vị (trong danh sách nơi gửi) để thêm câu giao chủ trì.",
    "assign": "Thêm dòng giao việc",
    "closing": "Đoạn kết:", "closing_tip": "Câu kết (có thể bỏ trống).",
    "task_lead": "Cơ quan chủ trì:", "task_lead_tip": "Đơn vị chủ trì nhiệm vụ này (kế hoạch).",
    "task_partners": "Cơ quan phối hợp:", "task_partners_tip": "Các đơn vị phối hợp (kế hoạch).",
    "task_deadline": "Thời gian thực hiện:", "task_deadline_tip": "Ví dụ: Thường xuyên; Quý II/2026.",
    "attachment": "Gửi kèm:", "attachment_tip": "Ví dụ: Kèm theo Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư",
}


class TasksPage(StepPage):
    """Edit the body: opening, tasks, implementation, closing."""


    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.rows: list[drafting.TaskRow] = []
        self.shown_directive = ""  # the directive the combo showed when the draft was loaded
        self.directive = QComboBox()
        self.set_catalog(context.catalog)
        self.variant = QComboBox()
        self.task_list = QListWidget()
        self.task_list.setToolTip(TEXT["tasks_tip"])
        self.task_title = QLineEdit()
        self.task_text = MarkupEditor(7)
        self.task_lead, self.task_partners, self.task_deadline = QLineEdit(), QLineEdit(), QLineEdit()
        self.template_fields = TemplateFields()
        self.errors["content.body"], self.fields["content.body"] = (self.template_fields.error_labels["body"],  # type: ignore[assignment] # an error label of the template fields
                                                                    self.template_fields.widgets["body"])
        self.reset = QPushButton(TEXT["reset"])
        self.reset.setToolTip(TEXT["reset_tip"])
        self.opening = MarkupEditor(4)
        self.opening.edit.setPlaceholderText(TEXT["opening_hint"])
        self.directing = QLineEdit()
        self.recompose = QPushButton(TEXT["recompose"])
        self.recompose.setToolTip(TEXT["recompose_tip"])
        self.implementation = ShortText(4)
        self.lead = QComboBox()
        self.assign = QPushButton(TEXT["assign"])
        self.closing = QLineEdit()
        self.attachment = QLineEdit()
        self._build()
        self._connect()

    def _build(self) -> None:
        """Arrange the page in three groups: tasks, opening, implementation."""
        column = QVBoxLayout(self)
        top = QFormLayout()
        self.errors["directive"] = add_field(top, TEXT["directive"], self.directive, TEXT["directive_tip"])
        add_field(top, TEXT["variant"], self.variant, TEXT["variant_tip"])
        column.addLayout(top)
        self.top_form = top
        tasks = QGridLayout()
        label = QLabel(TEXT["tasks"])
        label.setBuddy(self.task_list)
        tasks.addWidget(label, 0, 0)
        self.task_list.setWordWrap(True)  # long task titles wrap instead of being cut at 1366×768
        tasks.addWidget(self.task_list, 1, 0)
        buttons = QHBoxLayout()  # under the list, so the list keeps the width for the titles
        self.up, self.down, self.own = QPushButton(TEXT["up"]), QPushButton(TEXT["down"]), QPushButton(TEXT["own"])
        self.own.setToolTip(TEXT["own_tip"])
        for button in (self.up, self.down, self.own):
            buttons.addWidget(button)
        buttons.addStretch(1)
        tasks.addLayout(buttons, 2, 0)
        editor = QFormLayout()
        editor.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        add_field(editor, TEXT["task_title"], self.task_title, TEXT["task_title_tip"])
        self.errors["content.tasks"] = add_field(editor, TEXT["task_text"], self.task_text, TEXT["task_text_tip"])
        editor.addRow(self.reset)
        self.plan_rows = [self.task_lead, self.task_partners, self.task_deadline]
        for key, widget in (("task_lead", self.task_lead), ("task_partners", self.task_partners),
                            ("task_deadline", self.task_deadline)):
            add_field(editor, TEXT[key], widget, TEXT[f"{key}_tip"])
        self.editor_form = editor
        tasks.addLayout(editor, 0, 1, 3, 1)
        tasks.setColumnStretch(0, 1)
        tasks.setColumnStretch(1, 1)
        column.addLayout(tasks, 1)
        column.addWidget(self.template_fields)
        opening_box = QGroupBox(TEXT["opening_box"])
        opening = QFormLayout(opening_box)
        self.errors["content.directing_body"] = add_field(opening, TEXT["directing"], self.directing,
                                                          TEXT["directing_tip"])
        self.errors["content.opening"] = add_field(opening, TEXT["opening"], self.opening, TEXT["opening_tip"])
        opening.addRow("", self.recompose)
        column.addWidget(opening_box)
        self.opening_box, self.tasks_label = opening_box, label
        impl_box = QGroupBox(TEXT["impl_box"])
        impl = QFormLayout(impl_box)
        self.errors["content.implementation"] = add_field(impl, TEXT["impl"], self.implementation, TEXT["impl_tip"])
        lead_row = QWidget()
        row = QHBoxLayout(lead_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.lead, 1)
        row.addWidget(self.assign)
        add_field(impl, TEXT["lead"], lead_row, TEXT["lead_tip"])
        self.impl_form, self.lead_row = impl, lead_row
        add_field(impl, TEXT["closing"], self.closing, TEXT["closing_tip"])
        add_field(impl, TEXT["attachment"], self.attachment, TEXT["attachment_tip"])
        column.addWidget(impl_box)
        self.fields.update({"content.tasks": self.task_list, "content.opening": self.opening,
                            "content.directing_body": self.directing,
                            "content.implementation": self.implementation, "content.closing": self.closing})

    def _connect(self) -> None:
        """Wire the widgets to the page's behaviour."""
        self.directive.currentIndexChanged.connect(self._directive_changed)
        self.variant.currentIndexChanged.connect(self._variant_changed)
        self.task_list.currentRowChanged.connect(self._show_task)
        self.task_list.itemChanged.connect(lambda _item: self.emit_changed())
        self.task_title.textEdited.connect(self._edit_task)
        for edit in (self.task_lead, self.task_partners, self.task_deadline):
            edit.textEdited.connect(self._edit_task)
        self.template_fields.changed.connect(self.emit_changed)
        self.task_text.textChanged.connect(self._edit_task)
        self.reset.clicked.connect(self._reset_task)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.own.clicked.connect(self._add_own)
        self.recompose.clicked.connect(self._recompose)
        self.assign.clicked.connect(self._assign)
        for signal in (self.opening.textChanged, self.implementation.textChanged, self.closing.textEdited,
                       self.attachment.textEdited, self.directing.textEdited):
            signal.connect(self.emit_changed)

    def set_catalog(self, catalog: dict) -> None:
        """Offer the directives of `catalog` in the directive combo."""
        self.context.catalog = catalog
        self.directive.blockSignals(True)
        self.directive.clear()
        self.directive.addItem("—", "")
        for _key, directive in sorted(catalog.items()):
            self.directive.addItem(f"{directive.type_name} {directive.number}", directive.number)
        self.directive.blockSignals(False)

    # -- the task list -------------------------------------------------------------------
    def current_directive(self) -> Directive | None:
        """Return the chosen directive of the catalog, or None."""
        number = self.directive.currentData()
        return next((d for d in self.context.catalog.values() if d.number == number), None)

    def _fill_rows(self, chosen: list[Task]) -> None:
        """Rebuild the task rows: chosen tasks first (checked), then the directive's others."""
        self.rows = drafting.task_rows(chosen, self.current_directive(), self.variant.currentData())
        self.task_list.blockSignals(True)
        self.task_list.clear()
        for index, item in enumerate(self.rows):
            row = QListWidgetItem(item.label or TEXT["own_title"])
            row.setFlags(row.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(QtCore.Qt.CheckState.Checked if index < len(chosen) else QtCore.Qt.CheckState.Unchecked)
            self.task_list.addItem(row)
        self.task_list.blockSignals(False)
        if self.rows:
            self.task_list.setCurrentRow(0)

    def checked_rows(self) -> list[int]:
        """Return the rows whose box is checked, in list order."""
        return [i for i in range(self.task_list.count())
                if self.task_list.item(i).checkState() == QtCore.Qt.CheckState.Checked]

    def _show_task(self, row: int) -> None:
        """Show the task at `row` in the editor."""
        loading, self._loading = self._loading, True
        task = self.rows[row].task if 0 <= row < len(self.rows) else Task()
        for edit, text in ((self.task_title, task.title), (self.task_lead, task.lead),
                           (self.task_partners, task.partners), (self.task_deadline, task.deadline),
                           (self.task_text, task.text)):
            edit.setText(text)
        self.reset.setEnabled(0 <= row < len(self.rows) and self.rows[row].edited)
        self._loading = loading

    def _edit_task(self) -> None:
        """Store the editor's text in the current task row."""
        if self._loading:
            return
        row = self.task_list.currentRow()
        if 0 <= row < len(self.rows):
            task = self.rows[row].task
            task.title, task.lead = self.task_title.text(), self.task_lead.text()
            task.partners, task.deadline = self.task_partners.text(), self.task_deadline.text()
            task.text = self.task_text.text()
            self.reset.setEnabled(self.rows[row].edited)
            self.emit_changed()

    def _reset_task(self) -> None:
        """Put the directive's wording back into the current task."""
        row = self.task_list.currentRow()
        if 0 <= row < len(self.rows) and self.rows[row].original:
            self.task_text.setText(self.rows[row].original)

    def _move(self, step: int) -> None:
        """Move the current task row up or down."""
        row = self.task_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self.rows):
            return
        self.rows.insert(target, self.rows.pop(row))
        self.task_list.insertItem(target, self.task_list.takeItem(row))
        self.task_list.setCurrentRow(target)
        self.emit_changed()

    def _add_own(self) -> None:
        """Add an empty task of the office's own, checked, and put the caret in its text."""
        self.rows.append(drafting.TaskRow(Task()))
        row = QListWidgetItem(TEXT["own_title"])
        row.setFlags(row.flags() | QtCore.Qt.ItemFlag.ItemIsUserCheckable)
        row.setCheckState(QtCore.Qt.CheckState.Checked)
        self.task_list.addItem(row)
        self.task_list.setCurrentRow(len(self.rows) - 1)
        self.task_text.setFocus()
        self.emit_changed()

    def _directive_changed(self) -> None:
        """Offer the new directive's variants and tasks; the office's own checked tasks stay."""
        self._directive_variants(None)
        checked = self.checked_rows()
        self._fill_rows([r.task for i, r in enumerate(self.rows) if i in checked and not r.task.source])
        self.emit_changed()

    def _variant_changed(self) -> None:
        """Switch unedited tasks to the wording of the chosen variant."""
        drafting.reword(self.rows, self.current_directive(), self.variant.currentData())
        self._show_task(self.task_list.currentRow())
        self.emit_changed()

    # -- opening and implementation ------------------------------------------------------
    def _recompose(self) -> None:
        """Clear the opening so the template composes it from the structured fields."""
        self.opening.setText("")
        self.emit_changed()

    def _assign(self) -> None:
        """Append the sentence that gives the chosen unit the lead."""
        if self.lead.currentText().strip():
            self.implementation.setText("\n".join(drafting.with_lead(self.implementation.text().split("\n"),
                                                                     self.lead.currentText())))

    def load_draft(self, draft: Draft) -> None:
        """Show the draft's body fields."""
        wanted = drafting.followed_directive(draft, self.context.catalog)
        self.directive.blockSignals(True)
        self.directive.setCurrentIndex(max(self.directive.findData(wanted), 0))
        self.directive.blockSignals(False)
        self.shown_directive = self.directive.currentData() or ""
        self._directive_variants(draft.content.variant or None)
        self._fill_rows(list(draft.content.tasks))
        self.directing.setText(draft.content.directing_body)
        usual = drafting.default_directing_body(draft.issuer.name, draft.issuer.parent)
        self.directing.setPlaceholderText(TEXT["directing_auto"].format(usual) if usual else TEXT["directing_none"])
        self.opening.setText(draft.content.opening)
        self.implementation.setText("\n".join(draft.content.implementation))
        self.closing.setText(draft.content.closing)
        self.attachment.setText(draft.content.attachment)
        self._fill_leads(draft)
        self.template_fields.load(draft)
        self._show_plan_fields(draft)

    def _show_plan_fields(self, draft: Draft) -> None:
        """Show lead unit, partners and deadline per task only for a plan; a free letter (its whole
        body in one box) shows neither the directive's tasks, nor the opening and implementation."""
        free = draft.template.removeprefix("builtin:") == FREE_TEMPLATE
        plan = draft.kind == "ke_hoach" and not free
        for widget in self.plan_rows:
            self.editor_form.setRowVisible(widget.parentWidget(), plan)  # type: ignore[arg-type] # each field sits in its row widget
        for widget in (self.tasks_label, self.task_list, self.up, self.down, self.own, self.opening_box):  # type: ignore[assignment] # widgets of several kinds
            widget.setVisible(not free)
        for form, widget in ((self.editor_form, self.task_title.parentWidget()),  # type: ignore[assignment] # widgets of several kinds
                             (self.editor_form, self.task_text.parentWidget()), (self.editor_form, self.reset),
                             (self.top_form, self.directive.parentWidget()),
                             (self.top_form, self.variant.parentWidget()),
                             (self.impl_form, self.implementation.parentWidget()),
                             (self.impl_form, self.lead_row.parentWidget())):
            form.setRowVisible(widget, not free)

    def _directive_variants(self, selected: str | None) -> None:
        """Fill the variant combo for the current directive and select `selected`."""
        directive = self.current_directive()
        self.variant.blockSignals(True)
        self.variant.clear()
        self.variant.addItem(TEXT["original"], None)
        for label in (directive.variant_labels() if directive is not None else []):
            self.variant.addItem(label, label)
        self.variant.setCurrentIndex(max(self.variant.findData(selected), 0) if selected else 0)
        self.variant.blockSignals(False)

    def _fill_leads(self, draft: Draft) -> None:
        """Offer the recipients (and the directive's usual leads) as lead units."""
        current = self.lead.currentText()
        names = list(draft.recipients)
        self.lead.blockSignals(True)
        self.lead.clear()
        self.lead.addItems(names)
        if current in names:
            self.lead.setCurrentText(current)
        self.lead.blockSignals(False)

    def apply(self, draft: Draft) -> None:
        """Copy the chosen tasks and body fields into the draft; keep an untouched opening fresh."""
        content = draft.content
        content.tasks = [Task(*(value.strip() for value in astuple(self.rows[r].task))) for r in self.checked_rows()]
        self.template_fields.apply(draft)
        self._show_plan_fields(draft)
        directive = self.current_directive()
        number = directive.number if directive is not None else ""
        if number != self.shown_directive or content.directive.from_catalog:  # one described in the file
            content.directive = DirectiveRef(number)                           # stays until another is chosen
        content.variant = self.variant.currentData() or ""
        content.directing_body = plain(self.directing.text(), "content.directing_body")
        content.opening = self.opening.text().strip()
        content.implementation = [line.strip() for line in self.implementation.text().split("\n") if line.strip()]
        content.closing = self.closing.text().strip()
        content.attachment = self.attachment.text().strip()
        self._fill_leads(draft)
