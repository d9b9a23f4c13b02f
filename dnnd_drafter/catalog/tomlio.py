"""Read and write directive catalog files (TOML, schema ``dnnd-drafter/directive@1``).

Reading goes through :mod:`tomllib` and validates every field, raising
:class:`~dnnd_drafter.base.errors.CatalogError` in Vietnamese. Writing is done here by hand (the
layout is small and fixed) and every written text is checked by reading it back.
See ``docs/catalog.md`` for the layout.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from dnnd_drafter.catalog.model import (SCHEMA_PREFIX, SCHEMA_VERSION, Directive,
                                        DirectiveTask, directive_id)
from dnnd_drafter.model.citations import parse_symbol, type_name
from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.files.input_guard import check_depth
from dnnd_drafter.model.vietnamese import clean, nfc, parse_vn_date


def _fail(origin: str, path: str, message: str) -> CatalogError:
    """Return a CatalogError naming the file `origin` and the field `path`."""
    return CatalogError(f"Tệp danh mục “{origin}”, trường “{path}”: {message}", field=path)


def _text(data: dict[str, Any], key: str, origin: str, path: str, required: bool = False) -> str:
    """Return the NFC text at `key`, raising when it is not text (or empty and required)."""
    value = data.get(key, "")
    if not isinstance(value, str):
        raise _fail(origin, path, "phải là một chuỗi văn bản.")
    value = clean(value, multiline=True)
    if required and not value:
        raise _fail(origin, path, "không được để trống.")
    return value


def _texts(data: dict[str, Any], key: str, origin: str, path: str) -> list[str]:
    """Return the list of NFC texts at `key`."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(origin, path, "phải là một danh sách các chuỗi văn bản.")
    return [t for t in (clean(v, multiline=True) for v in value) if t]


def _table(data: dict[str, Any], key: str, origin: str) -> dict[str, Any]:
    """Return the table at `key` (empty when missing)."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise _fail(origin, key, "phải là một bảng TOML ([...]).")
    return value


def _date(value: Any, origin: str) -> _dt.date:
    """Return the directive date from a TOML date or a ``05/01/2022`` / ISO string."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_vn_date(value)
        except ValueError:
            pass
    raise _fail(origin, "date", f"“{value}” không phải ngày hợp lệ; viết dạng 2022-01-05.")


def _check_schema(data: dict[str, Any], origin: str) -> None:
    """Refuse files written for another or a newer schema."""
    schema = data.get("schema", f"{SCHEMA_PREFIX}{SCHEMA_VERSION}")
    version = schema[len(SCHEMA_PREFIX):] if isinstance(schema, str) else ""
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_PREFIX) or not version.isdigit():
        raise _fail(origin, "schema", f"phải có dạng “{SCHEMA_PREFIX}{SCHEMA_VERSION}”.")
    if int(version) > SCHEMA_VERSION:
        raise _fail(origin, "schema", f"tệp được tạo bởi phiên bản mới hơn (phiên bản {version}). "
                    "Hãy cập nhật DNND Drafter.")


def _task(raw: Any, index: int, origin: str) -> DirectiveTask:
    """Return the task at position `index` of ``tasks``."""
    path = f"tasks[{index + 1}]"
    if not isinstance(raw, dict):
        raise _fail(origin, path, "phải là một bảng [[tasks]].")
    number = raw.get("number", index + 1)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        raise _fail(origin, f"{path}.number", "phải là số nguyên dương.")
    variants: dict[str, str] = {}
    variant_sources: dict[str, str] = {}
    raw_variants = raw.get("variants", [])
    if not isinstance(raw_variants, list):
        raise _fail(origin, f"{path}.variants", "phải là danh sách các bảng [[tasks.variants]].")
    for v_index, item in enumerate(raw_variants):
        v_path = f"{path}.variants[{v_index + 1}]"
        if not isinstance(item, dict):
            raise _fail(origin, v_path, "phải là một bảng có “label” và “text”.")
        label = _text(item, "label", origin, f"{v_path}.label", required=True)
        variants[label] = _text(item, "text", origin, f"{v_path}.text", required=True)
        variant_sources[label] = _text(item, "source", origin, f"{v_path}.source")
    return DirectiveTask(
        number=number, title=_text(raw, "title", origin, f"{path}.title"),
        text=_text(raw, "text", origin, f"{path}.text", required=True), variants=variants,
        leads=_texts(raw, "leads", origin, f"{path}.leads"),
        source=_text(raw, "source", origin, f"{path}.source"), variant_sources=variant_sources,
        leads_note=_text(raw, "leads_note", origin, f"{path}.leads_note"),
    )


def from_data(data: dict[str, Any], origin: str) -> Directive:
    """Return the validated Directive held in the parsed TOML `data` of file `origin`."""
    _check_schema(data, origin)
    number = _text(data, "number", origin, "number", required=True)
    try:
        symbol = parse_symbol(number)
    except CatalogError as exc:
        raise _fail(origin, "number", exc.message) from exc
    date = _date(data.get("date"), origin)
    code = _text(data, "type_code", origin, "type_code") or symbol.type_code
    name = _text(data, "type_name", origin, "type_name")
    if not name:
        try:
            name = type_name(code or "CV", symbol.style)
        except CatalogError as exc:
            raise _fail(origin, "type_code", exc.message) from exc
    raw_tasks = data.get("tasks", [])
    if not isinstance(raw_tasks, list) or not raw_tasks:
        raise _fail(origin, "tasks", "phải có ít nhất một nhiệm vụ [[tasks]].")
    tasks = [_task(raw, i, origin) for i, raw in enumerate(raw_tasks)]
    numbers = [t.number for t in tasks]
    if len(set(numbers)) != len(numbers):
        raise _fail(origin, "tasks", "có hai nhiệm vụ trùng số thứ tự.")
    raw_impl_variants = _table(data, "implementation_variants", origin)
    impl_variants = {nfc(label): _texts(raw_impl_variants, label, origin,
                                        f"implementation_variants.{label}")
                     for label in raw_impl_variants}
    sources = _table(data, "sources", origin)
    return Directive(
        id=_text(data, "id", origin, "id") or directive_id(number), number=number,
        type_code=code, type_name=name, date=date,
        issuer=_text(data, "issuer", origin, "issuer", required=True),
        subject=_text(data, "subject", origin, "subject", required=True),
        lead_in=_text(data, "lead_in", origin, "lead_in"), tasks=tasks,
        implementation=_texts(data, "implementation", origin, "implementation"),
        source=_text(data, "source", origin, "source"),
        sources={nfc(k): _text(sources, k, origin, f"sources.{k}") for k in sources},
        implementation_variants=impl_variants, origin=origin,
    )


def loads(text: str, origin: str) -> Directive:
    """Return the Directive in the TOML `text` read from `origin`."""
    import tomllib  # a directive file the kept shipped catalog does not hold: the clerk's own, or a new one

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"Tệp danh mục “{origin}” không phải TOML hợp lệ ({exc}).") from exc
    except RecursionError:
        raise CatalogError(f"Tệp danh mục “{origin}” lồng nhau quá sâu, không phải tệp danh mục.") from None
    check_depth(data, f"Tệp danh mục “{origin}”", CatalogError)
    return from_data(data, origin)


def _quote(text: str) -> str:
    """Return `text` as a TOML basic string with every special character escaped."""
    out = ['"']
    escapes = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r",
               "\b": "\\b", "\f": "\\f"}
    for ch in nfc(text):
        if ch in escapes:
            out.append(escapes[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _key(key: str) -> str:
    """Return `key` bare when TOML allows it, otherwise quoted."""
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _quote(key)


def _list(items: list[str], indent: str = "    ") -> str:
    """Return a TOML array of strings, one item a line."""
    if not items:
        return "[]"
    return "[\n" + "".join(f"{indent}{_quote(item)},\n" for item in items) + "]"


def dumps(directive: Directive, header: str = "") -> str:
    """Return the TOML text of `directive`, with `header` as leading comment lines."""
    if directive.date is None:
        raise CatalogError("Chưa có ngày ban hành, không lưu được văn bản vào danh mục.")
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [
        f"schema = {_quote(SCHEMA_PREFIX + str(SCHEMA_VERSION))}",
        f"id = {_quote(directive.id or directive_id(directive.number))}",
        f"number = {_quote(directive.number)}",
        f"type_code = {_quote(directive.type_code)}",
        f"type_name = {_quote(directive.type_name)}",
        f"date = {directive.date.isoformat()}",
        f"issuer = {_quote(directive.issuer)}",
        f"subject = {_quote(directive.subject)}",
        f"source = {_quote(directive.source)}",
        f"lead_in = {_quote(directive.lead_in)}",
        f"implementation = {_list(directive.implementation)}",
        "", "[sources]",
        *(f"{_key(key)} = {_quote(value)}" for key, value in directive.sources.items()),
    ]
    if directive.implementation_variants:
        lines += ["", "[implementation_variants]"]
        lines += [f"{_key(label)} = {_list(items)}"
                  for label, items in directive.implementation_variants.items()]
    for task in directive.tasks:
        lines += ["", "[[tasks]]", f"number = {task.number}", f"title = {_quote(task.title)}",
                  f"leads = {_list(task.leads) if len(task.leads) > 2 else _inline(task.leads)}"]
        if task.leads_note:
            lines.append(f"leads_note = {_quote(task.leads_note)}")
        lines += [f"source = {_quote(task.source)}", f"text = {_quote(task.text)}"]
        for label, text in task.variants.items():
            lines += ["", "[[tasks.variants]]", f"label = {_quote(label)}",
                      f"source = {_quote(task.variant_sources.get(label, ''))}",
                      f"text = {_quote(text)}"]
    result = "\n".join(lines) + "\n"
    check = loads(result, directive.id or "(bản sẽ lưu)")
    expected, got = _comparable(directive), _comparable(check)
    # an empty type code or type name is filled in from the number when read back
    if any(e != g for i, (e, g) in enumerate(zip(expected, got)) if not (i in (1, 2) and e == "")):
        raise CatalogError("Không chuyển được văn bản sang TOML một cách chính xác; "
                           "hãy kiểm tra các ký tự đặc biệt trong nội dung.")
    return result


def _inline(items: list[str]) -> str:
    """Return a short TOML array of strings on one line."""
    return "[" + ", ".join(_quote(item) for item in items) + "]"


def _comparable(directive: Directive) -> tuple[Any, ...]:
    """Return the fields that must survive a write and a read unchanged."""
    def norm(text: str) -> str:
        return clean(text, multiline=True)

    return (directive.number, directive.type_code, directive.type_name, directive.date,
            norm(directive.issuer), norm(directive.subject), norm(directive.lead_in),
            [norm(i) for i in directive.implementation],
            [(t.number, norm(t.title), norm(t.text), {k: norm(v) for k, v in t.variants.items()},
              [norm(x) for x in t.leads]) for t in directive.tasks])
