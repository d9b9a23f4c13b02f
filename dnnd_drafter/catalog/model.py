"""Define the directive catalog records: a directive, its numbered tasks and local variants.

Text held here is plain (no Markdown) and NFC. A directive is cited through
:func:`dnnd_drafter.model.citations.cite_full`, which accepts a :class:`Directive` directly.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from dnnd_drafter.model.citations import DocumentRef, parse_symbol
from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.model.vietnamese import fold, nfc

SCHEMA_PREFIX = "dnnd-drafter/directive@"
SCHEMA_VERSION = 1
#: Label of the district/grassroots variant taken from the Cát Tiên letter 492-CV/HU.
DISTRICT_VARIANT = "cấp huyện/cấp cơ sở"


def directive_id(number: str) -> str:
    """Return the catalog id (and file stem) of a số, ký hiệu: ``12-CT/TW`` → ``12-CT-TW``."""
    text = re.sub(r"^\s*Số\s*:?\s*", "", nfc(number), flags=re.IGNORECASE)
    folded = fold(text).upper()
    return re.sub(r"[^0-9A-Z]+", "-", folded).strip("-")


@dataclass
class DirectiveTask:
    """Hold one numbered task of a directive, its short title, local variants and leads.

    `variants` maps a label (``cấp huyện/cấp cơ sở``) to the adapted text; `leads` names the
    recipients that usually lead the task; `source` and `variant_sources` say where texts come from.
    """

    number: int
    title: str
    text: str
    variants: dict[str, str] = field(default_factory=dict)
    leads: list[str] = field(default_factory=list)
    source: str = ""
    variant_sources: dict[str, str] = field(default_factory=dict)
    leads_note: str = ""

    def text_for(self, variant: str | None = None) -> str:
        """Return the text of `variant` when the task has it, otherwise the directive text."""
        if variant and variant in self.variants:
            return self.variants[variant]
        return self.text


@dataclass
class Directive:
    """Hold a central directive as data: header, lead-in of section II, tasks, section III.

    `id` is the file stem (``12-CT-TW``); `number` the số, ký hiệu (``12-CT/TW``); `subject`
    the trích yếu starting ``về …``; `implementation` the items of ``Tổ chức thực hiện``.
    `sources` maps a field name to a note saying where its value was taken from.
    """

    id: str
    number: str
    type_code: str
    type_name: str
    date: _dt.date | None
    issuer: str
    subject: str
    lead_in: str
    tasks: list[DirectiveTask]
    implementation: list[str]
    source: str
    sources: dict[str, str] = field(default_factory=dict)
    implementation_variants: dict[str, list[str]] = field(default_factory=dict)
    origin: str = ""

    @property
    def style(self) -> str:
        """Return ``dang`` or ``nha_nuoc`` as read from the số, ký hiệu."""
        try:
            return parse_symbol(self.number).style
        except CatalogError:
            return "dang"

    def to_ref(self) -> DocumentRef:
        """Return the reference used to cite this directive."""
        return DocumentRef(self.type_code, self.number, self.date, self.issuer, self.subject,
                           self.style, self.type_name)

    def task(self, number: int) -> DirectiveTask:
        """Return the task numbered `number`, raising CatalogError when there is none."""
        for task in self.tasks:
            if task.number == number:
                return task
        raise CatalogError(f"{self.type_name} {self.number} không có nhiệm vụ số {number} "
                           f"(có {len(self.tasks)} nhiệm vụ).")

    def variant_labels(self) -> list[str]:
        """Return the labels of local variants carried by any task, in first-seen order."""
        labels: dict[str, None] = {}
        for task in self.tasks:
            labels.update(dict.fromkeys(task.variants))
        labels.update(dict.fromkeys(self.implementation_variants))
        return list(labels)

    def missing_fields(self) -> list[str]:
        """Return the Vietnamese names of fields needed for citing and saving that are empty."""
        checks = [
            (self.number, "số, ký hiệu"), (self.type_code or self.type_name, "loại văn bản"),
            (self.date, "ngày ban hành"), (self.issuer, "cơ quan ban hành"),
            (self.subject, "trích yếu"), (self.tasks, "các nhiệm vụ được đánh số"),
        ]
        return [name for value, name in checks if not value]
