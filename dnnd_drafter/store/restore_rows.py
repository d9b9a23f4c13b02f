"""Check every row a backup brings in, as an import checks its cells.

A backup is data, never code: it is copied into a database built by the app's own migrations,
table by table with explicit column lists, and each row must have the types the app writes
(whole numbers, text), valid dates, JSON lists of text, and values the app knows (families,
kinds, signing authorities). :func:`first_bad_row` names the first row that breaks a rule.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Callable
from typing import Any

from dnnd_drafter.model.letter import AUTHORITIES, FAMILIES, KINDS

Check = Callable[[object], str | None]  # returns what is wrong, or None


def _date(value: object) -> str | None:
    """Return what is wrong with a stored date (ISO text), or None."""
    if value is None:
        return None
    try:
        _dt.date.fromisoformat(value)  # type: ignore[arg-type] # a non-text value raises TypeError, reported
    except (TypeError, ValueError):
        return f"“{value}” không phải ngày hợp lệ"
    return None


def _text_list(value: object) -> str | None:
    """Return what is wrong with a stored JSON list of text, or None."""
    try:
        data = json.loads(value)  # type: ignore[arg-type] # a non-text value raises TypeError, reported
    except (TypeError, ValueError, RecursionError):
        return "không phải JSON hợp lệ"
    if not isinstance(data, list) or not all(isinstance(x, str) for x in data):
        return "phải là danh sách chữ (JSON)"
    return None


def _json_object(value: object) -> str | None:
    """Return what is wrong with a stored JSON object, or None."""
    try:
        data = json.loads(value)  # type: ignore[arg-type] # a non-text value raises TypeError, reported
    except (TypeError, ValueError, RecursionError):
        return "không phải JSON hợp lệ"
    return None if isinstance(data, dict) else "phải là một đối tượng JSON"


def _one_of(known: dict[str, str]) -> Check:
    """Return a check that a value is one of the keys of `known`."""
    return lambda value: None if value in known else f"“{value}” không hợp lệ"


def _filled(value: object) -> str | None:
    """Return what is wrong with a text that must not be empty, or None."""
    return None if str(value or "").strip() else "không được để trống"


RULES: dict[str, dict[str, Check]] = {
    "profile": {"name": _filled, "family": _one_of(FAMILIES), "issuing_body": _filled,
                "unit_abbreviations": _text_list, "term_start": _date, "term_end": _date},
    "signer": {"name": _filled},
    "recipient": {"uid": _filled, "name": _filled, "tags": _text_list, "valid_from": _date, "valid_to": _date},
    "recipient_list": {"uid": _filled, "name": _filled},
    "register_entry": {"kind": _one_of(KINDS), "date": _date, "period_start": _date, "period_end": _date,
                       "recipients": _text_list},
    "autosave": {"draft_json": _json_object},
    "number_mark": {"kind": _one_of(KINDS), "period_start": _date},
}
_TYPES = {"INTEGER": "integer", "TEXT": "text"}


def app_tables(conn: sqlite3.Connection) -> list[str]:
    """Return the app's tables of a database built by the app's migrations, in creation order."""
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]


def columns(conn: sqlite3.Connection, table: str, schema: str = "main") -> list[tuple[str, str, bool, int]]:
    """Return (name, declared type, not null, primary-key position) of each column of `table`."""
    return [(r[1], r[2].upper(), bool(r[3]), int(r[5]))
            for r in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _row_name(table: str, cols: list[tuple[str, str, bool, int]], row: tuple[Any, ...]) -> str:
    """Return ``bảng “register_entry”, dòng id = 3`` for a row."""
    keys = [(c[0], row[i]) for i, c in enumerate(cols) if c[3]]
    return f"bảng “{table}”, dòng " + ", ".join(f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}"
                                               for k, v in keys)


def first_bad_row(conn: sqlite3.Connection) -> str | None:
    """Return a Vietnamese description of the first row that breaks a rule, or None."""
    for table in app_tables(conn):
        cols = columns(conn, table)
        names = ", ".join(f'"{c[0]}"' for c in cols)
        rules = RULES.get(table, {})
        for row in conn.execute(f'SELECT {names} FROM "{table}"'):
            for i, (name, kind, not_null, _) in enumerate(cols):
                value = row[i]
                wanted = _TYPES.get(kind)
                if value is None:
                    problem = "không được để trống" if not_null else None
                elif wanted == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
                    problem = f"“{value}” không phải số nguyên"
                elif wanted == "text" and not isinstance(value, str):
                    problem = "phải là chữ"
                else:
                    problem = rules[name](value) if name in rules else None
                if problem:
                    return f"{_row_name(table, cols, row)}, cột “{name}”: {problem}"
    wrong = conn.execute("SELECT s.id, s.authority, p.family FROM signer s"
                         " JOIN profile p ON p.id = s.profile_id").fetchall()
    for signer_id, authority, family in wrong:
        if authority not in AUTHORITIES.get(family, ()):
            return f"bảng “signer”, dòng id = {signer_id}, cột “authority”: “{authority}” không dùng cho khối này"
    return None
