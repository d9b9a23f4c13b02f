"""Render a draft: compose its body, check it, lay it out — the one way from a draft to a letter.

The pipeline runs downwards and only here::

    draft ─ compose (templates → body blocks) ─ layout (family figures → LaidOutLetter) ─ writers

:func:`render` returns the findings and the laid-out letter; the command line, the wizard's
preview, export and print, and the format checker all start from it, then hand the laid-out
letter to a writer (.docx here, PDF and print in ``writers/qt``). The stages below never call
the ones above them, and no writer composes or lays out by itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dnnd_drafter.base.errors import DraftError, UserMessageError
from dnnd_drafter.compose.context import MISSING_DIRECTING_BODY
from dnnd_drafter.compose.engine import compose_blocks
from dnnd_drafter.compose.markup import Block
from dnnd_drafter.files.filenames import safe_file_name
from dnnd_drafter.layout.blocks import LaidOutLetter
from dnnd_drafter.layout.engine import lay_out, number_text
from dnnd_drafter.model.formats import load_format, subject_figures
from dnnd_drafter.model import validation
from dnnd_drafter.model.content import Forwarded, Propaganda
from dnnd_drafter.model.findings import Finding, Severity, ordered, problem
from dnnd_drafter.model.letter import KINDS, Draft

SUBJECT_WORDS = 10  # words of the trích yếu in a default letter name

NO_CONTENT = "Văn bản chưa có nội dung: hãy chọn nhiệm vụ hoặc viết phần mở đầu."


@dataclass(frozen=True)
class Rendered:
    """Hold what rendering a draft gave: the body's findings and the laid-out letter.

    `letter` is None when the template could not compose the body (the findings say why).
    """

    findings: list[Finding]
    letter: LaidOutLetter | None


def check_body(draft: Draft) -> tuple[list[Block] | None, list[Finding]]:
    """Compose the body of `draft` once; return its blocks (None when the template fails) and problems."""
    try:
        blocks = compose_blocks(draft)
    except UserMessageError as exc:
        return None, [problem(exc.field or "template", Severity.ERROR, exc.message, "template.error")]
    if any(MISSING_DIRECTING_BODY in block.text for block in blocks):
        return blocks, [problem("content.directing_body", Severity.ERROR, validation.NO_SUBJECT,
                                "required.directing_body")]
    content = draft.content
    written = (content.opening, content.tasks, content.implementation, content.closing, content.situation,
               content.lead_in, content.purpose, content.propaganda != Propaganda(),
               content.forwarded != Forwarded(), content.body)
    if any(written) and any(block.text.strip() for block in blocks):
        return blocks, []
    return blocks, [problem("content.tasks", Severity.ERROR, NO_CONTENT, "required.content")]


def render(draft: Draft) -> Rendered:
    """Compose the body of `draft` once, check it and lay the letter out.

    The draft is read, never changed; the caller applies its own rules to the findings (the
    wizard shows them, the writers refuse a trích yếu too long for the header, see
    :func:`ensure_fits`).
    """
    blocks, findings = check_body(draft)
    return Rendered(findings, None if blocks is None else lay_out(draft, blocks))


def laid_out(draft: Draft) -> LaidOutLetter:
    """Return the laid-out letter of `draft`; raise the template's UserMessageError when it cannot compose."""
    return lay_out(draft, compose_blocks(draft))


def check_fields(draft: Draft) -> list[Finding]:
    """Return the problems of `draft` found without running the template (cheap: every keystroke)."""
    return validation.validate_fields(draft, subject_figures(draft.family, draft.rule_set))


def validate(draft: Draft) -> list[Finding]:
    """Return every problem of `draft`, fields and body, errors first, in the letter's order."""
    return ordered(check_fields(draft) + check_body(draft)[1])


def ensure_fits(draft: Draft) -> None:
    """Raise DraftError naming the trích yếu when it is too long to lay out; every output checks this first."""
    problems = validation.subject_limits(draft, subject_figures(draft.family, draft.rule_set))
    if problems:
        raise DraftError(problems[0].message, field="subject")


def printable(draft: Draft) -> LaidOutLetter:
    """Return the laid-out letter of `draft` for a file or the printer, after :func:`ensure_fits`."""
    ensure_fits(draft)
    return laid_out(draft)


def docx_bytes(draft: Draft) -> bytes:
    """Return the .docx bytes of `draft` (no title or author: what the checker reads)."""
    from dnnd_drafter.writers.docx import writer as docx_writer  # seam: the preview and PDF never write a .docx

    return docx_writer.to_bytes(laid_out(draft))


def write_docx(draft: Draft, target: str | Path) -> Path:
    """Render `draft` and write it as a .docx at `target` (atomically); return the path."""
    from dnnd_drafter.writers.docx import writer as docx_writer  # seam: as above

    letter = printable(draft)
    return docx_writer.write_letter(letter, target, title=draft.subject, author=draft.issuer.name)


def pdf_title(draft: Draft) -> str:
    """Return the PDF title: the trích yếu on one line."""
    return " ".join(draft.subject.split())


def letter_file_stem(draft: Draft) -> str:
    """Return a readable name for a letter's file: date, then number and symbol, or the trích yếu.

    ``2026-12-03 Số 05-UBND-VP`` once issued (the number as the letter shows it); ``2026-12-03 Về
    việc tổ chức Tết Trồng cây`` (its first words) before; ``2026-12-03 Dự thảo công văn`` when the
    trích yếu is still empty.
    """
    date = draft.date.isoformat()
    if draft.number.strip():
        try:
            label = number_text(draft, load_format(draft.family, draft.rule_set)).replace(":", "")
        except UserMessageError:  # an unknown rule set: its own message comes from the review
            label = f"Số {draft.number} {draft.symbol}"
        return safe_file_name(f"{date} {label}")
    words = draft.subject.split()[:SUBJECT_WORDS]
    if not words:
        return safe_file_name(f"{date} Dự thảo {KINDS.get(draft.kind, draft.kind).lower()}")
    return safe_file_name(f"{date} {' '.join(words)}")
