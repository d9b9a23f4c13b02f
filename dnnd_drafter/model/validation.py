"""Check a draft before it becomes a letter: rules return results; pages only show them.

Each :class:`ValidationResult` names the draft field (dotted path), the wizard step that holds
it, a severity and a Vietnamese message. Nothing here knows about widgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from dnnd_drafter.model.content import Forwarded, Propaganda
from dnnd_drafter.model.letter import AUTHORITIES, FAMILIES, Draft

if TYPE_CHECKING:
    from dnnd_drafter.compose.markup import Block

ERROR = "lỗi"
WARNING = "cảnh báo"

NO_SUBJECT = ("Câu mở đầu chưa có chủ ngữ: hãy nhập “Cơ quan chỉ đạo” (ví dụ: Ban Thường vụ Huyện ủy, "
              "Ủy ban nhân dân xã) ở bước Nhiệm vụ, hoặc ghi sẵn trong Hồ sơ cơ quan cho mọi văn bản sau.")
FREE_BODY = "body"        # content.body: the clerk's own body Markdown (template van_ban_tu_do)
STEP_HEADER, STEP_RECIPIENTS, STEP_TASKS, STEP_SIGNATURE, STEP_CC, STEP_REVIEW = range(6)
FIELD_STEPS = {
    "family": STEP_HEADER, "issuer": STEP_HEADER, "number": STEP_HEADER, "symbol": STEP_HEADER,
    "place": STEP_HEADER, "date": STEP_HEADER, "subject": STEP_HEADER, "kind": STEP_HEADER,
    "template": STEP_HEADER, "rule_set": STEP_HEADER, "recipients": STEP_RECIPIENTS,
    "content": STEP_TASKS, "signature": STEP_SIGNATURE, "cc": STEP_CC,
}


class ValidationResult(NamedTuple):
    """Describe one problem of a draft: field, severity, Vietnamese message and a stable code.

    (An immutable record; a NamedTuple is made in a fifth of a frozen dataclass's time at start.)
    """

    field: str
    severity: str
    message: str
    code: str

    @property
    def step(self) -> int:
        """Return the wizard step that holds the field."""
        return step_of(self.field)


def step_of(field: str | None) -> int:
    """Return the wizard step of a dotted draft field (the review step when unknown)."""
    if not field:
        return STEP_REVIEW
    return FIELD_STEPS.get(field.split(".")[0].split("[")[0], STEP_REVIEW)


RECIPIENTS_MISSING = "Chưa chọn nơi gửi (Kính gửi)."  # a công văn names at least one recipient


def missing_recipients(draft: Draft) -> bool:
    """Return whether `draft` is a công văn whose Kính gửi names nobody (blank, dashes, punctuation).

    A công văn always has a Kính gửi line; the other kinds (Kế hoạch, Chỉ thị) may have none.
    """
    return draft.kind == "cong_van" and not any(ch.isalnum() for name in draft.recipients for ch in name)


def _required(draft: Draft) -> list[ValidationResult]:
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
    return [ValidationResult(f, ERROR, m, f"required.{f}") for f, value, m in checks if not str(value).strip()]


def check_body(draft: Draft) -> tuple[list[Block] | None, list[ValidationResult]]:
    """Compose the body of `draft` once; return its blocks (None when the template fails) and problems.

    The wizard runs this on its preview thread, so one rendering per edit serves both the page
    on screen and the rules; :func:`validate` runs it for everyone else.
    """
    from dnnd_drafter.compose.engine import compose_blocks
    from dnnd_drafter.base.errors import UserMessageError

    try:
        blocks = compose_blocks(draft)
    except UserMessageError as exc:
        return None, [ValidationResult(exc.field or "template", ERROR, exc.message, "template.error")]
    from dnnd_drafter.compose.context import MISSING_DIRECTING_BODY

    if any(MISSING_DIRECTING_BODY in block.text for block in blocks):
        return blocks, [ValidationResult("content.directing_body", ERROR, NO_SUBJECT, "required.directing_body")]
    content = draft.content
    written = (content.opening, content.tasks, content.implementation, content.closing, content.situation,
               content.lead_in, content.purpose, content.propaganda != Propaganda(),
               content.forwarded != Forwarded(), content.body)
    if any(written) and any(block.text.strip() for block in blocks):
        return blocks, []
    return blocks, [ValidationResult("content.tasks", ERROR, "Văn bản chưa có nội dung: hãy chọn nhiệm vụ "
                                     "hoặc viết phần mở đầu.", "required.content")]


def _consistency(draft: Draft) -> list[ValidationResult]:
    """Return the problems between fields: forms of the family, the Lưu line, task texts."""
    out: list[ValidationResult] = []
    if draft.signature.authority not in AUTHORITIES.get(draft.family, ("",)):
        forms = ", ".join(a for a in AUTHORITIES[draft.family] if a)
        out.append(ValidationResult("signature.authority", ERROR,
                                    f"Thẩm quyền ký “{draft.signature.authority}” không dùng cho khối "
                                    f"{FAMILIES[draft.family]}; dùng {forms}.", "signature.authority_form"))
    if draft.cc and not draft.cc[-1].lstrip("- ").startswith("Lưu"):
        out.append(ValidationResult("cc", WARNING, "Dòng cuối của “Nơi nhận” thường là dòng “Lưu …”.",
                                    "cc.luu_last"))
    for index, task in enumerate(draft.content.tasks, start=1):
        if not task.text.strip() and not task.title.strip():
            out.append(ValidationResult(f"content.tasks[{index}]", ERROR,
                                        f"Nhiệm vụ {index} chưa có nội dung.", "content.task_empty"))
    if draft.number and not draft.number.strip().isdigit():
        out.append(ValidationResult("number", ERROR, "Số văn bản chỉ gồm chữ số (ví dụ: 492), hoặc để trống.",
                                    "number.digits"))
    return out


def _limits(draft: Draft) -> list[ValidationResult]:
    """Return the trích yếu's excess over the family's limits (the header never splits across pages)."""
    from dnnd_drafter.base.errors import UserMessageError
    from dnnd_drafter.model.formats import load_format

    try:
        subject = load_format(draft.family, draft.rule_set).subject
    except UserMessageError:  # an unknown rule set has its own message elsewhere
        return []
    text = draft.subject.strip()
    chars, lines = len(text), len([line for line in text.split("\n") if line.strip()])
    most_chars, most_lines = subject.get("max_chars"), subject.get("max_lines")
    out = []
    if most_chars and chars > most_chars:
        out.append(ValidationResult("subject", ERROR, f"Trích yếu dài {chars} ký tự, quá giới hạn {most_chars} "
                                    "ký tự: hãy rút gọn (trích yếu chỉ nêu ngắn gọn nội dung chính; nội "
                                    "dung chi tiết viết ở phần thân văn bản).", "subject.too_long"))
    if most_lines and lines > most_lines:
        out.append(ValidationResult("subject", ERROR, f"Trích yếu có {lines} dòng, quá giới hạn {most_lines} "
                                    "dòng: hãy bớt các chỗ xuống dòng.", "subject.too_many_lines"))
    return out


def field_value(draft: Draft, field_name: str) -> object:
    """Return the current value of a dotted draft field (``content.body`` is the free body)."""
    value: object = draft
    for part in field_name.split("."):
        value = getattr(value, part, None)
    return value.isoformat() if hasattr(value, "isoformat") else value


def read_from_word(draft: Draft) -> list[ValidationResult]:
    """Return a warning on each field read with doubt from a Word letter, while it is as read,
    and one for each piece of the source put at the end of the body, while it is still there."""
    notes = draft.content.wordin
    out = []
    for name, reason in notes.unsure.items():
        if name in notes.read and field_value(draft, name) != notes.read[name]:
            continue
        out.append(ValidationResult(name, WARNING, f"Đọc được từ văn bản Word, hãy kiểm tra: {reason}.",
                                    "wordin.unsure"))
    body = draft.content.body.replace("\\", "")
    for text in notes.unplaced:
        if str(text) not in body:  # the clerk has moved or removed it
            continue
        out.append(ValidationResult(f"content.{FREE_BODY}", WARNING, "Đoạn của văn bản gốc không xếp được vào "
                                    f"phần nào, đã đưa vào cuối nội dung: “{str(text)[:80]}”.", "wordin.unplaced"))
    return out


def ensure_fits(draft: Draft) -> None:
    """Raise DraftError naming the trích yếu when it is too long to lay out; writers call this first."""
    from dnnd_drafter.base.errors import DraftError

    problems = _limits(draft)
    if problems:
        raise DraftError(problems[0].message, field="subject")


def validate_fields(draft: Draft) -> list[ValidationResult]:
    """Return the problems found without running the template: required fields, consistency, limits."""
    return _required(draft) + _consistency(draft) + _limits(draft) + read_from_word(draft)


def ordered(results: list[ValidationResult]) -> list[ValidationResult]:
    """Return `results` errors first, in step order."""
    return sorted(results, key=lambda r: (r.severity != ERROR, r.step))


def validate(draft: Draft) -> list[ValidationResult]:
    """Return every problem of `draft`, errors first, in step order."""
    return ordered(validate_fields(draft) + check_body(draft)[1])


def blocking(results: list[ValidationResult]) -> list[ValidationResult]:
    """Return the results that prevent creating the letter."""
    return [r for r in results if r.severity == ERROR]
