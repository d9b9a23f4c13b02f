"""Show the fields only some templates use: the plan's aims, a directive's assessment and
lead-in, what propaganda should explain and how, what a cover letter forwards, and the whole
body of a free letter (``van_ban_tu_do``, where a letter opened from Word lands)."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from dnnd_drafter.model.content import Propaganda, dashed_lines, items_text, plain, propaganda_items
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.ui.editors import MarkupEditor
from dnnd_drafter.ui.rich_body import RichBodyEditor
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
                                            "bằng “- ” hoặc “+ ” là ý liệt kê; bấm Tiêu đề để đặt dòng làm đề mục; "
                                            "chọn chữ rồi bấm Đậm/Nghiêng (Ctrl+B, Ctrl+I).",
}
FORWARDED_SHOWN = ("title", "author", "site", "url", "note")  # the cover letter's fields on this page
# template name → the content keys its fields write
FIELDS = {
    "ke_hoach_trien_khai": ("purpose",),
    "chi_thi_trien_khai": ("situation", "lead_in"),
    "cong_van_tuyen_truyen": ("contents", "forms", "report", "report_to"),
    "cong_van_sao_gui": ("fw_title", "fw_author", "fw_site", "fw_url", "fw_note"),
    "van_ban_tu_do": ("body",),
}


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
            "fw_note": MarkupEditor(2), "body": RichBodyEditor(14),
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
        content = draft.content
        propaganda, forwarded = content.propaganda, content.forwarded
        values = {"purpose": "\n".join(content.purpose), "situation": content.situation, "lead_in": content.lead_in,
                  "contents": items_text(propaganda.contents), "forms": "\n".join(propaganda.forms),
                  "report_to": propaganda.report_to,
                  **{f"fw_{k}": getattr(forwarded, k) for k in FORWARDED_SHOWN}, "body": content.body}
        for key, value in values.items():
            self.widgets[key].setText(value)  # type: ignore[attr-defined]
        self.has_report.setChecked(propaganda.report_by is not None)
        date = propaganda.report_by or draft.date + _dt.timedelta(days=30)
        self.report_date.setDate(QDate(date.year, date.month, date.day))
        self.set_template(draft.template.removeprefix("builtin:"))

    def apply(self, draft: Draft) -> None:
        """Write the visible fields into the draft's content; leave other templates' fields alone."""
        template = draft.template.removeprefix("builtin:")
        self.set_template(template)
        content = draft.content
        value = {key: self.widgets[key].text().strip() for key in self.widgets if key != "report"}  # type: ignore[attr-defined]
        if template == "ke_hoach_trien_khai":
            content.purpose = dashed_lines(value["purpose"], "content.purpose")
        elif template == "chi_thi_trien_khai":
            content.situation = plain(value["situation"], "content.situation", multiline=True)
            content.lead_in = plain(value["lead_in"], "content.lead_in", multiline=True)
        elif template == "cong_van_tuyen_truyen":
            qdate = self.report_date.date()
            report_by = _dt.date(qdate.year(), qdate.month(), qdate.day()) if self.has_report.isChecked() else None
            content.propaganda = Propaganda(propaganda_items(value["contents"]),
                                            dashed_lines(value["forms"], "content.propaganda.forms"),
                                            report_by, plain(value["report_to"], "content.propaganda.report_to"))
        elif template == "cong_van_sao_gui":  # the purpose and action typed in the file are kept
            for key in FORWARDED_SHOWN:
                setattr(content.forwarded, key, plain(value[f"fw_{key}"], "content.forwarded", multiline=key == "note"))
        elif template == "van_ban_tu_do":
            content.body = value["body"]
