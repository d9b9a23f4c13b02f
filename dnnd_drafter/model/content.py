"""Define the typed body of a letter and read it from, and write it to, a draft file's ``content``.

Every part of the body is a typed field of :class:`Content`: the written paragraphs and tasks,
the free body, and the structured data the templates compose sentences from (the directive,
the references, who directs whom, the plan's aims, the propaganda guidance, what a cover
letter forwards). The readers here turn what was typed (in a file or in the wizard) into those
fields and raise :class:`~dnnd_drafter.base.errors.DraftError` naming the field in Vietnamese;
:mod:`dnnd_drafter.model.content_file` reads and writes the whole ``content`` of a draft file.
See ``docs/draft-format.md``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, fields
from typing import Any

from dnnd_drafter.base.errors import DraftError
from dnnd_drafter.model.citations import DocumentRef, type_name
from dnnd_drafter.model.vietnamese import clean, parse_iso_date

VERBS = ("Thực hiện", "Căn cứ")
SUBJECT_STYLES = ("quote", "italic", "plain")
TASK_KEYS = ("source", "title", "text", "lead", "partners", "deadline")


@dataclass
class Task:
    """Hold one numbered task: where it comes from, an optional bold title and its text."""

    source: str = ""
    title: str = ""
    text: str = ""
    lead: str = ""
    partners: str = ""
    deadline: str = ""


@dataclass
class Reference:
    """Hold a document the letter rests on: a citation (`number` …) or a text typed as it is."""

    number: str = ""
    text: str = ""
    type_code: str = ""
    type_name: str = ""
    date: _dt.date | None = None
    issuer: str = ""
    subject: str = ""
    verb: str = "Thực hiện"
    subject_style: str = ""
    comma_before_date: bool = False
    with_so: bool = True

    def to_ref(self) -> DocumentRef:
        """Return the citation of a reference that has a number (CatalogError on a bad one)."""
        return _document_ref(self.number, self.date, self.issuer, self.subject, self.type_code, self.type_name)


@dataclass
class DirectiveRef:
    """Hold the directive implemented: a number looked up in the catalog, or one described here.

    `from_catalog` is the file's string form (``"directive": "12-CT/TW"``); otherwise the
    document is outside the catalog and described by the other fields. No number: no directive.
    """

    number: str = ""
    from_catalog: bool = True
    type_code: str = ""
    type_name: str = ""
    date: _dt.date | None = None
    issuer: str = ""
    subject: str = ""
    lead_in: str = ""

    def to_ref(self) -> DocumentRef:
        """Return the citation of a described directive (CatalogError on a bad number)."""
        return _document_ref(self.number, self.date, self.issuer, self.subject, self.type_code, self.type_name)


@dataclass
class PropagandaItem:
    """Hold one content item of propaganda guidance: its text and its ``+`` sub-items (Markdown)."""

    text: str = ""
    subs: list[str] = field(default_factory=list)


@dataclass
class Propaganda:
    """Hold what to explain, the forms of propaganda and the report asked for (``cong_van_tuyen_truyen``)."""

    contents: list[PropagandaItem] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    report_by: _dt.date | None = None
    report_to: str = ""


@dataclass
class Forwarded:
    """Hold the document a cover letter forwards (``cong_van_sao_gui``); `note` is Markdown."""

    title: str = ""
    author: str = ""
    site: str = ""
    url: str = ""
    note: str = ""
    purpose: str = ""
    action: str = ""


@dataclass
class WordNotes:
    """Hold what the Word reader was unsure of: field → why, the value read, text put at the end."""

    unsure: dict[str, str] = field(default_factory=dict)
    read: dict[str, Any] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)


@dataclass
class Content:
    """Hold the body: written text (a small Markdown subset) and the templates' structured data."""

    opening: str = ""
    tasks: list[Task] = field(default_factory=list)
    implementation: list[str] = field(default_factory=list)
    closing: str = ""
    attachment: str = ""
    body: str = ""
    directive: DirectiveRef = field(default_factory=DirectiveRef)
    variant: str = ""
    references: list[Reference] = field(default_factory=list)
    upper_reference: str = ""
    directing_body: str = ""
    directing_verb: str = ""
    directed: str = ""
    situation: str = ""
    lead_in: str = ""
    purpose: list[str] = field(default_factory=list)
    propaganda: Propaganda = field(default_factory=Propaganda)
    forwarded: Forwarded = field(default_factory=Forwarded)
    wordin: WordNotes = field(default_factory=WordNotes)


#: Every key of ``content`` in a draft file (@3): the fields of :class:`Content`.
CONTENT_KEYS = tuple(f.name for f in fields(Content))


def fail(path: str, message: str) -> DraftError:
    """Return a DraftError about the field `path` with a Vietnamese `message`."""
    return DraftError(f"Trường “{path}”: {message}", field=path)


def plain(value: Any, path: str, multiline: bool = False) -> str:
    """Return `value` as cleaned text (line breaks kept with `multiline`), or raise naming `path`."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise fail(path, "phải là một chuỗi văn bản.")
    return clean(value, multiline=multiline)


def lines(value: Any, path: str) -> list[str]:
    """Return a list of Markdown texts: a list of strings, or one string split at line breaks."""
    if value is None:
        return []
    if isinstance(value, str):
        return [line for line in clean(value, multiline=True).split("\n") if line.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(path, "phải là một danh sách các dòng văn bản.")
    return [t for t in (clean(v, multiline=True) for v in value) if t]


def known(value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    """Return `value` as a dict with only `allowed` keys, or raise naming `path` (or the unknown key)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise fail(path, "phải là một đối tượng JSON ({…}).")
    unknown = sorted(set(value) - set(allowed))
    if unknown:
        raise fail(f"{path}.{unknown[0]}", "không phải trường đã biết; dùng một trong: "
                   + ", ".join(sorted(allowed)) + ".")
    return value


def iso_date(value: Any, path: str) -> _dt.date | None:
    """Return the ISO date in `value` (``2026-09-05``), None when empty, or raise naming `path`."""
    if value in (None, ""):
        return None
    try:
        if isinstance(value, str):
            return parse_iso_date(value)
    except ValueError:
        pass
    raise fail(path, f"“{value}” không phải một ngày hợp lệ; viết theo dạng NNNN-TT-NN, ví dụ 2026-09-05.")


def strip_marker(line: str, markers: tuple[str, ...]) -> str:
    """Return `line` without a leading list marker."""
    for marker in markers:
        if line.startswith(marker):
            return line[len(marker):].strip()
    return line


def dashed_lines(value: Any, path: str) -> list[str]:
    """Return the lines of `value` without a leading ``- `` (the plan's aims, propaganda forms)."""
    return [strip_marker(line, ("- ",)) for line in lines(value, path)]


def propaganda_items(value: Any, path: str = "content.propaganda.contents") -> list[PropagandaItem]:
    """Return content items: each entry's first line is the item, its ``+`` lines sub-items.

    A single string is read line by line: ``- `` (or any line not starting ``+``) opens an
    item, ``+ `` adds a sub-item to the item before it. An entry may also be ``{text, subs}``.
    """
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return [item for i, v in enumerate(value) for item in
                ([_item(v, f"{path}[{i + 1}]")] if isinstance(v, dict) else propaganda_items([v], f"{path}[{i + 1}]"))]
    if isinstance(value, str):
        entries: list[str] = []
        for line in lines(value, path):
            if line.startswith("+ ") and entries:
                entries[-1] += "\n" + line
            else:
                entries.append(line)
    else:
        entries = lines(value, path)
    items = []
    for entry in entries:
        first, *rest = [line.strip() for line in entry.split("\n") if line.strip()]
        items.append(PropagandaItem(strip_marker(first, ("- ",)), [strip_marker(r, ("+ ", "- ")) for r in rest]))
    return items


def items_text(items: list[PropagandaItem]) -> str:
    """Return propaganda items as the wizard shows them: an item a line, ``+ `` before each sub-item."""
    return "\n".join("\n".join([item.text, *(f"+ {sub}" for sub in item.subs)]) for item in items)


def _item(value: Any, path: str) -> PropagandaItem:
    """Return one ``{text, subs}`` item."""
    data = known(value, path, ("text", "subs"))
    return PropagandaItem(plain(data.get("text"), f"{path}.text", True), lines(data.get("subs"), f"{path}.subs"))


def _document_ref(number: str, date: _dt.date | None, issuer: str, subject: str, code: str,
                  label: str) -> DocumentRef:
    """Return the DocumentRef of a described document (CatalogError on a bad number or type code)."""
    ref = DocumentRef.from_symbol(number, date, issuer, subject, type_label=label)
    if code and not label:
        ref = DocumentRef(code, ref.number, ref.date, ref.issuer, ref.subject, ref.style, type_name(code, ref.style))
    return ref
