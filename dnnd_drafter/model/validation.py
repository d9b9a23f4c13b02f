"""Check a draft's fields before it becomes a letter: rules return findings; pages only show them.

Each :class:`~dnnd_drafter.model.findings.Finding` names the draft field (dotted path), and so
the part of the letter that holds it, a severity and a Vietnamese message. Nothing here knows
about widgets or wizard steps, nor runs the template: the body's rules need the composed body
and live with the one render entry point (:func:`dnnd_drafter.render.check_body`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dnnd_drafter.model.findings import Finding, Severity, errors, ordered, problem
from dnnd_drafter.model.letter import AUTHORITIES, FAMILIES, Draft

__all__ = ["ERROR", "WARNING", "Finding", "blocking", "missing_recipients", "ordered", "subject_limits",
           "validate_fields"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING
NO_SUBJECT = ("Câu mở đầu chưa có chủ ngữ: hãy nhập “Cơ quan chỉ đạo” (ví dụ: Ban Thường vụ Huyện ủy, "
              "Ủy ban nhân dân xã) ở bước Nhiệm vụ, hoặc ghi sẵn trong Hồ sơ cơ quan cho mọi văn bản sau.")
FREE_BODY = "body"        # content.body: the clerk's own body Markdown (template van_ban_tu_do)
blocking = errors


RECIPIENTS_MISSING = "Chưa chọn nơi gửi (Kính gửi)."  # a công văn names at least one recipient


def missing_recipients(draft: Draft) -> bool:
    """Return whether `draft` is a công văn whose Kính gửi names nobody (blank, dashes, punctuation).

    A công văn always has a Kính gửi line; the other kinds (Kế hoạch, Chỉ thị) may have none.
    """
    return draft.kind == "cong_van" and not any(ch.isalnum() for name in draft.recipients for ch in name)


def _required(draft: Draft) -> list[Finding]:
    """Return the required fields left empty."""
    checks = [
        ("issuer.name", draft.issuer.name, "Chưa nhập tên cơ quan ban hành."),
        ("place", draft.place, "Chưa nhập địa danh (ví dụ: Lâm Đồng)."),
        ("subject", draft.subject, "Chưa nhập trích yếu nội dung văn bản."),
        ("signature.name", draft.signature.name, "Chưa nhập họ tên người ký."),
        ("signature.position", draft.signature.position or draft.signature.body,
         "Chưa nhập chức vụ người ký."),
    ]
    if not draft.symbol and not draft.issuer.abbreviation:
        checks.append(("symbol", "", "Chưa có ký hiệu văn bản (ví dụ: CV/HU, UBND-VP)."))
    if missing_recipients(draft):
        checks.append(("recipients", "", RECIPIENTS_MISSING))
    checks.append(("cc", "".join(draft.cc), "Chưa có nơi nhận (ít nhất dòng “Lưu”)."))
    return [problem(f, ERROR, m, f"required.{f}") for f, value, m in checks if not str(value).strip()]


def _consistency(draft: Draft) -> list[Finding]:
    """Return the problems between fields: forms of the family, the Lưu line, task texts."""
    out: list[Finding] = []
    if draft.signature.authority not in AUTHORITIES.get(draft.family, ("",)):
        forms = ", ".join(a for a in AUTHORITIES[draft.family] if a)
        out.append(problem("signature.authority", ERROR,
                           f"Thẩm quyền ký “{draft.signature.authority}” không dùng cho khối "
                           f"{FAMILIES[draft.family]}; dùng {forms}.", "signature.authority_form"))
    if draft.cc and not draft.cc[-1].lstrip("- ").startswith("Lưu"):
        out.append(problem("cc", WARNING, "Dòng cuối của “Nơi nhận” thường là dòng “Lưu …”.",
                           "cc.luu_last"))
    for index, task in enumerate(draft.content.tasks, start=1):
        if not task.text.strip() and not task.title.strip():
            out.append(problem(f"content.tasks[{index}]", ERROR,
                               f"Nhiệm vụ {index} chưa có nội dung.", "content.task_empty"))
    if draft.number and not draft.number.strip().isdigit():
        out.append(problem("number", ERROR, "Số văn bản chỉ gồm chữ số (ví dụ: 492), hoặc để trống.",
                           "number.digits"))
    return out


def subject_limits(draft: Draft, subject: Mapping[str, Any]) -> list[Finding]:
    """Return the trích yếu's excess over the family's limits in `subject` (``max_chars``,
    ``max_lines`` of its format file): the header never splits across pages."""
    text = draft.subject.strip()
    chars, lines = len(text), len([line for line in text.split("\n") if line.strip()])
    most_chars, most_lines = subject.get("max_chars"), subject.get("max_lines")
    out = []
    if most_chars and chars > most_chars:
        out.append(problem("subject", ERROR, f"Trích yếu dài {chars} ký tự, quá giới hạn {most_chars} "
                           "ký tự: hãy rút gọn (trích yếu chỉ nêu ngắn gọn nội dung chính; nội "
                           "dung chi tiết viết ở phần thân văn bản).", "subject.too_long"))
    if most_lines and lines > most_lines:
        out.append(problem("subject", ERROR, f"Trích yếu có {lines} dòng, quá giới hạn {most_lines} "
                           "dòng: hãy bớt các chỗ xuống dòng.", "subject.too_many_lines"))
    return out


def field_value(draft: Draft, field_name: str) -> object:
    """Return the current value of a dotted draft field (``content.body`` is the free body)."""
    value: object = draft
    for part in field_name.split("."):
        value = getattr(value, part, None)
    return value.isoformat() if hasattr(value, "isoformat") else value


def read_from_word(draft: Draft) -> list[Finding]:
    """Return a warning on each field read with doubt from a Word letter, while it is as read,
    and one for each piece of the source put at the end of the body, while it is still there."""
    notes = draft.content.wordin
    out = []
    for name, reason in notes.unsure.items():
        if name in notes.read and field_value(draft, name) != notes.read[name]:
            continue
        out.append(problem(name, WARNING, f"Đọc được từ văn bản Word, hãy kiểm tra: {reason}.",
                           "wordin.unsure"))
    body = draft.content.body.replace("\\", "")
    for text in notes.unplaced:
        if str(text) not in body:  # the clerk has moved or removed it
            continue
        out.append(problem(f"content.{FREE_BODY}", WARNING, "Đoạn của văn bản gốc không xếp được vào "
                           f"phần nào, đã đưa vào cuối nội dung: “{str(text)[:80]}”.", "wordin.unplaced"))
    return out


def validate_fields(draft: Draft, subject: Mapping[str, Any]) -> list[Finding]:
    """Return the problems found without running the template: required fields, consistency, the
    trích yếu's `subject` limits, and what was read with doubt from Word."""
    return _required(draft) + _consistency(draft) + subject_limits(draft, subject) + read_from_word(draft)
