"""Show the fields only some templates use: the plan's aims, a directive's assessment and
lead-in, what propaganda should explain and how, what a cover letter forwards, and the whole
body of a free letter (``van_ban_tu_do``, where a letter opened from Word lands)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from dnnd_drafter.model.letter import Draft
from dnnd_drafter.ui.editors import MarkupEditor
from dnnd_drafter.ui.widgets import ShortText, add_field

TEXT = {
    "title": "Nội dung riêng của mẫu",
    "purpose": "Mục đích, yêu cầu:", "purpose_tip": "Mỗi dòng một ý của mục I. Mục đích, yêu cầu.",
    "situation": "Đánh giá tình hình:", "situation_tip": "Phần I- của chỉ thị: đánh giá kết quả, hạn chế.",
    "lead_in": "Câu dẫn phần II:", "lead_in_tip": "Ví dụ: Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng …",
    "contents": "Nội dung tuyên truyền:",
    "contents_tip": "Mỗi dòng một nội dung; dòng bắt đầu bằng “+ ” là ý nhỏ của nội dung trên.",
    "forms": "Hình thức tuyên truyền:",
    "forms_tip": "Mỗi dòng một hình thức; để trống để dùng các hình thức thường gặp.",
    "report": "Báo cáo trước ngày:", "report_tip": "Hạn gửi báo cáo kết quả (bỏ chọn nếu không yêu cầu báo cáo).",
    "report_to": "Gửi báo cáo về:", "report_to_tip": "Ví dụ: Ban Tuyên giáo Tỉnh ủy.",
    "fw_title": "Tài liệu sao gửi:", "fw_title_tip": "Tên tài liệu được sao gửi, ví dụ: Đề cương tuyên truyền …",
    "fw_author": "Đơn vị biên soạn:", "fw_author_tip": "Ví dụ: Ban Tuyên giáo Tỉnh ủy.",
    "fw_site": "Đăng tải trên:", "fw_site_tip": "Ví dụ: Trang Thông tin điện tử của Thị ủy.",
    "fw_url": "Địa chỉ:", "fw_url_tip": "Địa chỉ trang web, ví dụ: https://…",
    "fw_note": "Ghi chú:", "fw_note_tip": "Đề nghị sử dụng tài liệu (có thể bỏ trống).",
    "has_report": "Có hạn báo cáo",
    "body": "Nội dung văn bản:", "body_tip": "Toàn bộ nội dung, mỗi dòng một đoạn: “1.”, “a)” đánh số; dòng bắt đầu "
                                            "bằng “- ” hoặc “+ ” là ý liệt kê; “## ” là đề mục; chọn chữ rồi bấm "
                                            "Đậm/Nghiêng (Ctrl+B, Ctrl+I).",
}
# template name → the content keys its fields write
FIELDS = {
    "ke_hoach_trien_khai": ("purpose",),
    "chi_thi_trien_khai": ("situation", "lead_in"),
    "cong_van_tuyen_truyen": ("contents", "forms", "report", "report_to"),
    "cong_van_sao_gui": ("fw_title", "fw_author", "fw_site", "fw_url", "fw_note"),
    "van_ban_tu_do": ("body",),
}


def _text(value: Any) -> str:
    """Return a stored value (text or list of lines) as editable text."""
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return str(value or "")


class TemplateFields(QGroupBox):
    """Edit the structured content keys of the chosen template."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(TEXT["title"], parent)
        form = QFormLayout(self)
        self.widgets: dict[str, QWidget] = {
            "purpose": ShortText(3), "situation": MarkupEditor(4), "lead_in": ShortText(2),
            "contents": ShortText(5), "forms": ShortText(3), "report_to": QLineEdit(),
            "fw_title": ShortText(2), "fw_author": QLineEdit(), "fw_site": QLineEdit(), "fw_url": QLineEdit(),
            "fw_note": MarkupEditor(2), "body": MarkupEditor(14),
        }
        self.report_date = QDateEdit()
        self.report_date.setCalendarPopup(True)
        self.report_date.setDisplayFormat("dd/MM/yyyy")
        self.has_report = QCheckBox(TEXT["has_report"])
        report = QWidget()
        row = QHBoxLayout(report)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.has_report)
        row.addWidget(self.report_date, 1)
        self.widgets["report"] = report
        self.rows: dict[str, QWidget] = {}
        self.error_labels: dict[str, QWidget] = {}
        for key in ("purpose", "situation", "lead_in", "contents", "forms", "report", "report_to",
                    "fw_title", "fw_author", "fw_site", "fw_url", "fw_note", "body"):
            self.error_labels[key] = add_field(form, TEXT[key], self.widgets[key], TEXT[f"{key}_tip"])
            self.rows[key] = self.widgets[key]
        for widget in self.widgets.values():
            signal = getattr(widget, "textChanged", None) or getattr(widget, "textEdited", None)
            if signal is not None:
                signal.connect(self.changed)
        self.has_report.toggled.connect(self.changed)
        self.report_date.dateChanged.connect(self.changed)
        self.form = form
        self.set_template("")

    def set_template(self, template: str) -> None:
        """Show only the fields `template` uses; hide the whole group when it uses none."""
        wanted = set(FIELDS.get(template, ()))
        for key, widget in self.rows.items():
            self.form.setRowVisible(widget.parentWidget(), key in wanted)  # type: ignore[arg-type] # each field sits in its row widget
        self.setVisible(bool(wanted))

    def load(self, draft: Draft) -> None:
        """Show the draft's structured content."""
        extra = draft.content.extra
        propaganda = extra.get("propaganda") or {}
        forwarded = extra.get("forwarded") or {}
        values = {"purpose": extra.get("purpose"), "situation": extra.get("situation"), "lead_in": extra.get("lead_in"),
                  "contents": propaganda.get("contents"), "forms": propaganda.get("forms"),
                  "report_to": propaganda.get("report_to"),
                  **{f"fw_{k}": forwarded.get(k) for k in ("title", "author", "site", "url", "note")},
                  "body": extra.get("body")}
        for key, value in values.items():
            self.widgets[key].setText(_text(value))  # type: ignore[attr-defined] # every widget here has setText
        report_by = propaganda.get("report_by")
        self.has_report.setChecked(bool(report_by))
        date = _dt.date.fromisoformat(report_by) if report_by else draft.date + _dt.timedelta(days=30)
        self.report_date.setDate(QDate(date.year, date.month, date.day))
        self.set_template(draft.template.removeprefix("builtin:"))

    def apply(self, draft: Draft) -> None:
        """Write the visible fields into the draft's content keys; leave other templates' keys alone."""
        template = draft.template.removeprefix("builtin:")
        self.set_template(template)
        extra = draft.content.extra
        value = {key: self.widgets[key].text().strip() for key in self.widgets if key != "report"}  # type: ignore[attr-defined] # every widget here has text()
        if template == "ke_hoach_trien_khai":
            _put(extra, "purpose", value["purpose"])
        elif template == "chi_thi_trien_khai":
            _put(extra, "situation", value["situation"])
            _put(extra, "lead_in", value["lead_in"])
        elif template == "cong_van_tuyen_truyen":
            qdate = self.report_date.date()
            checked = self.has_report.isChecked()
            report_by = _dt.date(qdate.year(), qdate.month(), qdate.day()).isoformat() if checked else ""
            block = {"contents": value["contents"], "forms": value["forms"], "report_by": report_by,
                     "report_to": value["report_to"]}
            _put(extra, "propaganda", {k: v for k, v in block.items() if v})
        elif template == "cong_van_sao_gui":
            block = {k: value[f"fw_{k}"] for k in ("title", "author", "site", "url", "note")}
            _put(extra, "forwarded", {k: v for k, v in block.items() if v})
        elif template == "van_ban_tu_do":
            _put(extra, "body", value["body"])


def _put(extra: dict[str, Any], key: str, value: Any) -> None:
    """Store `value` under `key`, or drop the key when the value is empty."""
    if value:
        extra[key] = value
    else:
        extra.pop(key, None)
