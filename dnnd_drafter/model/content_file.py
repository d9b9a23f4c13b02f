"""Read the ``content`` of a draft file into a typed :class:`~dnnd_drafter.model.content.Content`,
checking every value, and write it back.

A broken value or an unknown key raises :class:`~dnnd_drafter.base.errors.DraftError` naming the
field in Vietnamese (``Trường “content.references[1].date”: …``); an older draft keeps its
unknown keys through the migration in :mod:`dnnd_drafter.model.letter`. Writing leaves out the
structured parts that are empty, so a file holds what the letter uses.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, fields
from typing import Any

from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.model.citations import DocumentRef
from dnnd_drafter.model.content import (CONTENT_KEYS, SUBJECT_STYLES, TASK_KEYS, VERBS, Content, DirectiveRef,
                                        Forwarded, Propaganda, PropagandaItem, Reference, Task, WordNotes,
                                        dashed_lines, fail, iso_date, known, lines, plain, propaganda_items)
from dnnd_drafter.model.vietnamese import clean

_DOCUMENT_KEYS = ("number", "type_code", "type_name", "date", "issuer", "subject")
_REFERENCE_KEYS = (*_DOCUMENT_KEYS, "text", "verb", "subject_style", "comma_before_date", "with_so")
_DIRECTIVE_KEYS = (*_DOCUMENT_KEYS, "lead_in")


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
        out["directive"] = directive.number if directive.from_catalog else _compact(directive, DirectiveRef(
            from_catalog=False))
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
