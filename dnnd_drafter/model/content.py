"""Define the typed body of a letter and read it from, and write it to, a draft file's ``content``.

Every part of the body is a typed field of :class:`Content`: the written paragraphs and tasks,
the free body, and the structured data the templates compose sentences from (the directive,
the references, who directs whom, the plan's aims, the propaganda guidance, what a cover
letter forwards). :func:`content_from_dict` checks every value on load and raises
:class:`~dnnd_drafter.base.errors.DraftError` naming the field in Vietnamese; an unknown key is
refused the same way (older drafts keep theirs through the migration in
:mod:`dnnd_drafter.model.letter`). See ``docs/draft-format.md``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from dnnd_drafter.base.errors import CatalogError, DraftError
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
_DOCUMENT_KEYS = ("number", "type_code", "type_name", "date", "issuer", "subject")
_REFERENCE_KEYS = (*_DOCUMENT_KEYS, "text", "verb", "subject_style", "comma_before_date", "with_so")
_DIRECTIVE_KEYS = (*_DOCUMENT_KEYS, "lead_in")


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


def _checked(document: Reference | DirectiveRef, path: str) -> None:
    """Raise naming the number or the type code of `document` when no citation can be made of it."""
    try:
        DocumentRef.from_symbol(document.number)
    except CatalogError as exc:
        raise fail(f"{path}.number", exc.message) from None
    try:
        document.to_ref()
    except CatalogError as exc:
        raise fail(f"{path}.type_code", exc.message) from None


def _document(data: dict[str, Any], path: str) -> dict[str, Any]:
    """Return the fields a reference and a directive share, read and checked."""
    values = {k: plain(data.get(k), f"{path}.{k}") for k in _DOCUMENT_KEYS if k != "date"}
    return {**values, "date": iso_date(data.get("date"), f"{path}.date")}


def _reference(raw: Any, path: str) -> Reference:
    """Return one entry of ``content.references`` (an object or a text typed as it is)."""
    if isinstance(raw, str):
        return Reference(text=plain(raw, path))
    data = known(raw, path, _REFERENCE_KEYS)
    verb = plain(data.get("verb"), f"{path}.verb") or "Thực hiện"
    if verb not in VERBS:
        raise fail(f"{path}.verb", f"“{verb}” không dùng được; dùng “Thực hiện” hoặc “Căn cứ”.")
    style = plain(data.get("subject_style"), f"{path}.subject_style")
    if style and style not in SUBJECT_STYLES:
        raise fail(f"{path}.subject_style", "dùng một trong: " + ", ".join(SUBJECT_STYLES) + ".")
    flags = {}
    for key in ("comma_before_date", "with_so"):
        if key in data:
            if not isinstance(data[key], bool):
                raise fail(f"{path}.{key}", "phải là true hoặc false.")
            flags[key] = data[key]
    reference = Reference(**_document(data, path), text=plain(data.get("text"), f"{path}.text"), verb=verb,
                          subject_style=style, **flags)
    if not reference.number and not reference.text:
        raise fail(f"{path}.number", "chưa có số, ký hiệu (ví dụ 1218-CV/TU) hoặc “text”.")
    if reference.number:
        _checked(reference, path)
    return reference


def _directive(value: Any, path: str = "content.directive") -> DirectiveRef:
    """Return the directive: a catalog number, or an object describing one outside the catalog."""
    if isinstance(value, dict):
        data = known(value, path, _DIRECTIVE_KEYS)
        directive = DirectiveRef(**_document(data, path), from_catalog=False,
                                 lead_in=plain(data.get("lead_in"), f"{path}.lead_in"))
        if not directive.number:
            raise fail(f"{path}.number", "chưa có số, ký hiệu (ví dụ 12-CT/TW).")
        _checked(directive, path)
        return directive
    return DirectiveRef(plain(value, path))


def _directed(value: Any, path: str = "content.directed") -> str:
    """Return whom the letter directs: a text as typed, or a list joined with ``, ``."""
    if isinstance(value, list):
        return ", ".join(n.rstrip(" ,;.") for n in lines(value, path))
    return plain(value, path)


def _word_notes(value: Any, path: str = "content.wordin") -> WordNotes:
    """Return what the Word reader noted about the letter it read."""
    data = known(value, path, ("unsure", "read", "unplaced"))
    unsure, read = data.get("unsure") or {}, data.get("read") or {}
    if not isinstance(unsure, dict) or not all(isinstance(v, str) for v in unsure.values()):
        raise fail(f"{path}.unsure", "phải là một đối tượng JSON ({…}) các dòng văn bản.")
    if not isinstance(read, dict):
        raise fail(f"{path}.read", "phải là một đối tượng JSON ({…}).")
    unplaced = data.get("unplaced") or []
    if not isinstance(unplaced, list) or not all(isinstance(v, str) for v in unplaced):
        raise fail(f"{path}.unplaced", "phải là một danh sách các dòng văn bản.")
    return WordNotes(dict(unsure), dict(read), list(unplaced))


def _task(raw: Any, index: int) -> Task:
    """Return the Task at position `index` of content.tasks."""
    path = f"content.tasks[{index + 1}]"
    if isinstance(raw, str):
        raw = {"text": raw}
    if not isinstance(raw, dict):
        raise fail(path, "phải là một đối tượng có “text”.")
    data = known(raw, path, TASK_KEYS)
    return Task(**{k: plain(data.get(k), f"{path}.{k}", multiline=(k == "text")) for k in TASK_KEYS})


def _texts(value: Any, path: str) -> list[str]:
    """Return a cleaned list of Markdown texts (one string is one entry), dropping empty entries."""
    if isinstance(value, str):
        value = [value]
    if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) for v in value)):
        raise fail(path, "phải là một danh sách các dòng văn bản.")
    return [t for t in (clean(v, multiline=True) for v in value or []) if t]


def content_from_dict(raw: dict[str, Any]) -> Content:
    """Return the validated Content of a draft file's ``content`` object (current version)."""
    data = known(raw, "content", CONTENT_KEYS)
    tasks = data.get("tasks") or []
    if not isinstance(tasks, list):
        raise fail("content.tasks", "phải là một danh sách nhiệm vụ.")
    references = data.get("references") or []
    if not isinstance(references, list):
        raise fail("content.references", "phải là một danh sách văn bản.")
    body = data.get("body") or ""
    if not isinstance(body, str):
        raise fail("content.body", "phải là một chuỗi văn bản.")
    text = {k: plain(data.get(k), f"content.{k}", multiline=k in ("opening", "closing", "situation", "lead_in"))
            for k in ("opening", "closing", "attachment", "variant", "upper_reference", "directing_body",
                      "directing_verb", "situation", "lead_in")}
    path = "content.propaganda"
    propaganda = known(data.get("propaganda"), path, ("contents", "forms", "report_by", "report_to"))
    forwarded = known(data.get("forwarded"), "content.forwarded", tuple(f.name for f in fields(Forwarded)))
    return Content(
        **text, body=body, tasks=[_task(t, i) for i, t in enumerate(tasks)],
        implementation=_texts(data.get("implementation"), "content.implementation"),
        directive=_directive(data.get("directive")),
        references=[_reference(r, f"content.references[{i + 1}]") for i, r in enumerate(references)],
        directed=_directed(data.get("directed")),
        purpose=dashed_lines(data.get("purpose"), "content.purpose"),
        propaganda=Propaganda(propaganda_items(propaganda.get("contents"), f"{path}.contents"),
                              dashed_lines(propaganda.get("forms"), f"{path}.forms"),
                              iso_date(propaganda.get("report_by"), f"{path}.report_by"),
                              plain(propaganda.get("report_to"), f"{path}.report_to")),
        forwarded=Forwarded(**{k: plain(forwarded.get(k), f"content.forwarded.{k}", multiline=(k == "note"))
                               for k in (f.name for f in fields(Forwarded))}),
        wordin=_word_notes(data.get("wordin")),
    )


def _compact(value: Any, defaults: Any = None) -> Any:
    """Return a dataclass as JSON data without its empty and default fields (dates in ISO)."""
    out = {}
    for item in fields(value):
        item_value = getattr(value, item.name)
        if defaults is not None and item_value == getattr(defaults, item.name):
            continue
        if item_value in ("", None, [], {}):
            continue
        out[item.name] = item_value.isoformat() if isinstance(item_value, _dt.date) else item_value
    return out


def content_to_dict(content: Content) -> dict[str, Any]:
    """Return the JSON data of `content`: the written parts always, the structured ones when set."""
    out: dict[str, Any] = {"opening": content.opening, "tasks": [asdict(t) for t in content.tasks],
                           "implementation": list(content.implementation), "closing": content.closing,
                           "attachment": content.attachment}
    for key in ("body", "variant", "upper_reference", "directing_body", "directing_verb", "directed",
                "situation", "lead_in", "purpose"):
        if getattr(content, key):
            out[key] = getattr(content, key)
    directive = content.directive
    if directive.number:
        out["directive"] = directive.number if directive.from_catalog else _compact(directive, DirectiveRef())
    if content.references:
        out["references"] = [_compact(r, Reference()) for r in content.references]
    propaganda = _compact(content.propaganda)
    if propaganda.get("contents"):
        propaganda["contents"] = [_item_data(item) for item in content.propaganda.contents]
    for key, value in (("propaganda", propaganda), ("forwarded", _compact(content.forwarded)),
                       ("wordin", _compact(content.wordin))):
        if value:
            out[key] = value
    return out


def _item_data(item: PropagandaItem) -> Any:
    """Return one propaganda item as JSON: its text alone when it reads back the same, else ``{text, subs}``."""
    if not item.subs and "\n" not in item.text and not item.text.startswith(("- ", "+ ")):
        return item.text
    return {"text": item.text, "subs": list(item.subs)}
