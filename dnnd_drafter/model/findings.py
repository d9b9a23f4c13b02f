"""Hold what the rules find in a letter: one :class:`Finding` type with one :class:`Severity`.

The draft rules (:mod:`dnnd_drafter.model.validation`) and the format checker
(:mod:`dnnd_drafter.checker`) both report findings of this type. A finding names the draft field
it maps to (a dotted path such as ``signature.name``) and so the :class:`Part` of the letter that
holds it; the wizard maps parts to its steps, the command line prints the message.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """Say whether a finding stops the letter (``lỗi``) or only asks for a look (``cảnh báo``)."""

    ERROR = "lỗi"
    WARNING = "cảnh báo"

    def __str__(self) -> str:
        """Return the Vietnamese word, as printed and written to JSON."""
        return self.value


class Part(str, Enum):
    """Name the parts of a letter, in the order they are written (the wizard's steps follow it)."""

    HEADER = "header"            # family, issuer, number, place and date, trích yếu, template
    RECIPIENTS = "recipients"    # Kính gửi
    CONTENT = "content"          # the body: directive, tasks, opening and closing
    SIGNATURE = "signature"      # authority, position, signer, images
    CC = "cc"                    # Nơi nhận
    WHOLE = "whole"              # the letter as a whole (template problems, layout)


FIELD_PARTS = {
    "family": Part.HEADER, "issuer": Part.HEADER, "number": Part.HEADER, "symbol": Part.HEADER,
    "place": Part.HEADER, "date": Part.HEADER, "subject": Part.HEADER, "kind": Part.HEADER,
    "template": Part.HEADER, "rule_set": Part.HEADER, "recipients": Part.RECIPIENTS,
    "content": Part.CONTENT, "signature": Part.SIGNATURE, "cc": Part.CC,
}


def part_of(field: str | None) -> Part:
    """Return the part of the letter that holds the dotted draft `field` (the whole letter when unknown)."""
    if not field:
        return Part.WHOLE
    return FIELD_PARTS.get(field.split(".")[0].split("[")[0], Part.WHOLE)


@dataclass(frozen=True)
class Accepted:
    """Describe the values a rule accepts for one measured figure (``min`` = ``max`` when fixed)."""

    part: str          # the style (``body``) or the side of the page (``left``)
    min: float
    max: float
    unit: str          # ``pt`` or ``mm``


@dataclass(frozen=True)
class Finding:
    """Describe one rule a letter breaks.

    `element` names the thing in Vietnamese, `found` says what is there (for a draft rule: the
    whole message), `expected` and `source` what the rule asks and where it is written.
    """

    code: str
    severity: Severity
    element: str
    found: str
    expected: str = ""
    source: str = ""
    field: str | None = None
    accepted: tuple[Accepted, ...] = ()

    @property
    def is_error(self) -> bool:
        """Return whether this finding is an error (not a warning)."""
        return self.severity is Severity.ERROR

    @property
    def part(self) -> Part:
        """Return the part of the letter the finding is about."""
        return part_of(self.field)

    @property
    def message(self) -> str:
        """Return the finding as one Vietnamese sentence for the clerk."""
        if not self.expected:
            return self.found
        return f"{self.element}: {self.found} — cần: {self.expected} ({self.source})"

    def text(self) -> str:
        """Return the finding as one Vietnamese paragraph with its severity, source and code."""
        return (f"[{self.severity}] {self.element}: {self.found} — cần: {self.expected} "
                f"(căn cứ: {self.source}) [{self.code}]")


def problem(field: str, severity: Severity, message: str, code: str) -> Finding:
    """Return the finding of a draft rule: `message` about `field`."""
    return Finding(code, severity, "", message, field=field)


def errors(findings: list[Finding]) -> list[Finding]:
    """Return the findings that prevent creating the letter."""
    return [f for f in findings if f.is_error]


def ordered(findings: list[Finding]) -> list[Finding]:
    """Return `findings` errors first, then in the order of the letter's parts."""
    order = list(Part)
    return sorted(findings, key=lambda f: (not f.is_error, order.index(f.part)))
