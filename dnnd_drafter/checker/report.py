"""Hold the checker's findings and render them as Vietnamese text or JSON.

A :class:`~dnnd_drafter.model.findings.Finding` (the one finding type, shared with the draft
rules) names one broken rule: a stable ``code`` (``date.zero_rule``), a severity
(``lỗi`` or ``cảnh báo``), the element in Vietnamese, what was found, what the rule expects, the
rule's source (``NĐ 30/2020, Phụ lục I, mục II.4``) and the draft field it maps to, so the
wizard can jump there; a finding on a size or a margin also carries what the rule accepts
(:class:`Accepted`, e.g. 13–14 pt). A :class:`Report` holds the findings of one document.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from dnnd_drafter.model.findings import Accepted, Finding, Severity
from dnnd_drafter.model.letter import FAMILIES

__all__ = ["ERROR", "WARNING", "Accepted", "Finding", "Report", "Severity"]

ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass
class Report:
    """Hold every finding of one checked document."""

    family: str
    rule_set: str
    findings: list[Finding] = field(default_factory=list)
    name: str = ""
    family_detected: bool = False
    notes: list[str] = field(default_factory=list)
    pages: int | None = None
    #: The office choices the letter was measured against: ``from`` (whose) and each value in words.
    choices: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        """Return the findings of severity ``lỗi``."""
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        """Return the findings of severity ``cảnh báo``."""
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        """Return whether the document has no error."""
        return not self.errors

    @property
    def exit_status(self) -> int:
        """Return the command-line status: 0 without errors, 1 with errors."""
        return 0 if self.ok else 1

    def codes(self) -> list[str]:
        """Return the codes of every finding, in order."""
        return [f.code for f in self.findings]

    def for_field(self, name: str) -> list[Finding]:
        """Return the findings that map to draft field `name` (or a field under it)."""
        return [f for f in self.findings if f.field and (f.field == name or f.field.startswith(name + "."))]

    def to_dict(self) -> dict[str, object]:
        """Return the report as a JSON-ready dictionary."""
        return {
            "file": self.name, "family": self.family, "family_name": FAMILIES.get(self.family, self.family),
            "family_detected": self.family_detected, "rule_set": self.rule_set, "pages": self.pages,
            "errors": len(self.errors), "warnings": len(self.warnings),
            "findings": [asdict(f) for f in self.findings], "notes": list(self.notes),
            "choices": dict(self.choices),
        }

    def to_json(self) -> str:
        """Return the report as pretty UTF-8 JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def text(self) -> str:
        """Return the report as Vietnamese text for the console or the wizard."""
        how = "nhận biết từ tiêu đề" if self.family_detected else "theo lựa chọn"
        lines = [f"Tệp: {self.name}" if self.name else "Bản thảo đang soạn",
                 f"Khối văn bản: {FAMILIES.get(self.family, self.family)} ({how}); "
                 f"bộ quy tắc {self.rule_set}"]
        if self.choices:
            values = "; ".join(v for k, v in self.choices.items() if k != "from")
            lines.append(f"Lựa chọn của cơ quan: theo {self.choices['from']} ({values})")
        if not self.findings:
            lines.append("Không phát hiện lỗi thể thức nào.")
        for index, finding in enumerate(self.findings, 1):
            lines.append("")
            lines.append(f"{index}. [{finding.severity.upper()}] {finding.element} ({finding.code})")
            lines.append(f"   Hiện có: {finding.found}")
            lines.append(f"   Quy định: {finding.expected}")
            lines.append(f"   Căn cứ: {finding.source}")
        lines += [""] + [f"Ghi chú: {note}" for note in self.notes] if self.notes else []
        lines.append("")
        lines.append(f"Tổng cộng: {len(self.errors)} lỗi, {len(self.warnings)} cảnh báo.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()
