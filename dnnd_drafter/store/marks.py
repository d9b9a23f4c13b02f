"""Keep the highest number ever issued per profile, kind and numbering period.

Two copies hold it: the ``number_mark`` table inside the database, and a small JSON file beside
the database (``dnnd-drafter.so-cao-nhat.json``) that neither a restore nor a recovery from a
corrupt file replaces. A new number is the next one after the highest of the register, the
table and the file; a restore re-applies the highest of all, so that restoring an older backup
never hands out again a number issued after it. Marks are keyed by the profile's name, which
stays the same across a backup and its restore (profile ids may not).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import NamedTuple

from dnnd_drafter.files import atomic
from dnnd_drafter.store.connection import StoreConnection

_LOG = logging.getLogger(__name__)
MARKS_SUFFIX = ".so-cao-nhat.json"
_FORMAT = "dnnd-drafter/so-cao-nhat@1"


class Mark(NamedTuple):
    """Hold the highest number of one profile, kind and period, and how it was written."""

    profile: str
    kind: str
    period_start: str
    high: int
    label: str = ""  # "05/UBND-VP ngày 14/02/2026", for messages


Key = tuple[str, str, str]
Marks = dict[Key, Mark]


def number_label(number: int, symbol: str, family: str) -> str:
    """Return ``05/UBND-VP`` (State, mass organisations) or ``05-CV/HU`` (Party, Youth Union)."""
    joiner = "-" if family in ("dang", "doan_tn") else "/"
    return f"{number:02d}{joiner}{symbol}"


def marks_file(db_path: Path) -> Path:
    """Return the file beside the database at `db_path` that keeps the marks."""
    return Path(db_path).with_name(Path(db_path).stem + MARKS_SUFFIX)


def merge(*sources: Marks) -> Marks:
    """Return the highest mark of each key over `sources`."""
    result: Marks = {}
    for marks in sources:
        for key, mark in marks.items():
            if key not in result or mark.high > result[key].high:
                result[key] = mark
    return result


def database_marks(conn: StoreConnection, schema: str = "main") -> Marks:
    """Return the marks held by a database: its register and its ``number_mark`` table."""
    marks: Marks = {}
    rows = conn.execute(
        f"SELECT p.name, p.family, e.kind, e.period_start, e.number, e.symbol, e.date "
        f"FROM {schema}.register_entry e JOIN {schema}.profile p ON p.id = e.profile_id "
        f"WHERE e.number = (SELECT max(x.number) FROM {schema}.register_entry x WHERE x.profile_id = "
        f"e.profile_id AND x.kind = e.kind AND x.period_start = e.period_start)")
    for name, family, kind, start, number, symbol, date in rows:
        day = f"{date[8:10]}/{date[5:7]}/{date[:4]}" if isinstance(date, str) and len(date) >= 10 else date
        marks[(name, kind, start)] = Mark(name, kind, start, int(number),
                                          f"{number_label(int(number), symbol, family)} ngày {day}")
    table = conn.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE name = 'number_mark'").fetchone()
    if table is not None:
        rows = conn.execute(f"SELECT p.name, m.kind, m.period_start, m.high FROM {schema}.number_mark m "
                            f"JOIN {schema}.profile p ON p.id = m.profile_id")
        marks = merge(marks, {(n, k, s): Mark(n, k, s, int(h)) for n, k, s, h in rows})
    return marks


def read_file(path: Path | None) -> Marks:
    """Return the marks kept in the file at `path` (none when it is absent or unreadable)."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {(m["profile"], m["kind"], m["period_start"]):
                Mark(str(m["profile"]), str(m["kind"]), str(m["period_start"]), int(m["high"]), str(m.get("label", "")))
                for m in data["marks"]}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError):
        _LOG.exception("the number marks in %s cannot be read", path)
        return {}


def write_file(path: Path | None, marks: Marks) -> None:
    """Merge `marks` into the file at `path` (atomically); a failure is only logged."""
    if path is None:
        return
    merged = merge(read_file(path), marks)
    data = {"schema": _FORMAT, "marks": [m._asdict() for m in sorted(merged.values())]}
    try:
        atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    except Exception:  # noqa: BLE001 - the database keeps the marks too; never fail an issue here
        _LOG.exception("the number marks could not be written to %s", path)


def apply(conn: sqlite3.Connection, marks: Marks) -> None:
    """Raise the ``number_mark`` rows of the profiles named in `marks` (inside a transaction)."""
    ids = dict(conn.execute("SELECT name, id FROM profile").fetchall())
    for mark in marks.values():
        if mark.profile in ids:
            raise_mark(conn, ids[mark.profile], mark.kind, mark.period_start, mark.high)


def raise_mark(conn: StoreConnection, profile_id: int, kind: str, period_start: str, high: int) -> None:
    """Make the mark of a profile, kind and period at least `high`."""
    conn.execute("INSERT INTO number_mark (profile_id, kind, period_start, high) VALUES (?,?,?,?) "
                 "ON CONFLICT (profile_id, kind, period_start) DO UPDATE SET high = max(high, excluded.high)",
                 (profile_id, kind, period_start, high))


def table_high(conn: StoreConnection, profile_id: int, kind: str, period_start: str) -> int:
    """Return the mark in the database for a profile, kind and period (0 when none)."""
    row = conn.execute("SELECT high FROM number_mark WHERE profile_id = ? AND kind = ? AND period_start = ?",
                       (profile_id, kind, period_start)).fetchone()
    return int(row[0]) if row else 0


def newest_lost(current: Marks, restored: Marks) -> Mark | None:
    """Return the highest current mark that `restored` lacks (the backup is older), or None."""
    lost = [m for key, m in current.items() if m.high > (restored[key].high if key in restored else 0)]
    return max(lost, key=lambda m: (m.period_start, m.high), default=None)
