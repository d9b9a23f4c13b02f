"""Keep the address book: recipients with a short form, tags and validity dates.

An entry is valid from ``valid_from`` (inclusive) until ``valid_to`` (exclusive: the day of
the rename or merger, when the successor takes over). Renames and mergers never overwrite a
name: the old entry gets ``valid_to`` and ``replaced_by``, a new entry starts that day, so
old letters still show old names. Search is accent- and tone-placement-insensitive through
the indexed ``folded`` column (:func:`dnnd_drafter.model.vietnamese.fold`).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from dnnd_drafter.store.conflicts import EditConflict, FieldChange
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.connection import StoreConnection
from dnnd_drafter.store.db import folded_key, now_text, transaction
from dnnd_drafter.store.search_index import COLUMNS, SearchIndex
from dnnd_drafter.model.vietnamese import clean, fold, short_date

_COLUMNS = COLUMNS
# the columns :meth:`AddressBook._values` returns, in order
_VALUE_COLUMNS = ("name", "short_name", "tags", "folded", "valid_from", "valid_to", "replaced_by", "note",
                  "updated_at")
# the fields a clerk edits, with their names in the entry form
EDITABLE = {"name": "Tên đầy đủ", "short_name": "Tên ở Nơi nhận", "tags": "Nhãn",
            "valid_from": "Bắt đầu hiệu lực", "valid_to": "Hết hiệu lực", "replaced_by": "Được thay bằng",
            "note": "Ghi chú"}


@dataclass
class Recipient:
    """Hold one address-book entry."""

    name: str
    short_name: str = ""
    tags: list[str] = field(default_factory=list)
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None
    replaced_by: int | None = None
    id: int | None = None
    uid: str = ""
    note: str = ""

    @property
    def cc_name(self) -> str:
        """Return the form used under ``Nơi nhận`` (the short form, else the full name)."""
        return self.short_name or self.name

    def valid_on(self, on: _dt.date) -> bool:
        """Return whether the entry applies on the day `on`."""
        return ((self.valid_from is None or self.valid_from <= on)
                and (self.valid_to is None or on < self.valid_to))


def _row(row: tuple[Any, ...]) -> Recipient:
    """Return the Recipient of a row selected with :data:`_COLUMNS`."""
    return Recipient(row[0], row[1], json.loads(row[2]) if row[2] != "[]" else [],
                     _dt.date.fromisoformat(row[3]) if row[3] else None,
                     _dt.date.fromisoformat(row[4]) if row[4] else None, row[5], row[6], row[7], row[8])


def _shown(value: object) -> str:
    """Return a field value as the clerk reads it (dates as dd/mm/yyyy, tags comma separated)."""
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return short_date(value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def _like(text: str) -> str:
    """Return `text` with the LIKE wildcards escaped (escape character ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def strip_list_marks(text: str) -> str:
    """Return a recipient line without a leading dash and trailing list punctuation."""
    text = clean(text)
    if text.startswith(("- ", "-", "– ", "+ ")):
        text = text.lstrip("-–+ ").strip()
    return text.rstrip(";,. ").strip()


#: What a trailing "(…)" of a Nơi nhận line says when it is why the copy goes, not part of the
#: name (folded): "(để báo cáo)", "(b/c)", "(t/h)", "(để biết)", "(phối hợp)" …
ANNOTATION_WORDS = ("de ", "b/c", "t/h", "p/h", "d/b", "bc", "th", "ph", "db", "bao cao", "biet", "thuc hien",
                    "phoi hop", "chi dao", "theo doi", "giam sat", "kiem tra", "tham muu", "thay bao cao")
_TRAILING_PAREN = re.compile(r"^(.*?\S)\s*(\([^()]*\))$")


def split_annotation(text: str) -> tuple[str, str]:
    """Return a Nơi nhận line as (name, annotation): "Thường trực Huyện ủy (b/c)" gives
    ("Thường trực Huyện ủy", "(b/c)"). A bracket that is part of a name stays with it."""
    text = strip_list_marks(text)
    found = _TRAILING_PAREN.match(text)
    if found is None:
        return text, ""
    inside = fold(found.group(2)[1:-1]).strip().rstrip(".;,")
    if any(inside == word.strip() or inside.startswith(word if word.endswith(" ") else word + " ")
           for word in ANNOTATION_WORDS):
        return found.group(1).rstrip(" ,;-–"), found.group(2)
    return text, ""


def validate(entry: Recipient) -> Recipient:
    """Return `entry` cleaned, or raise UserDataError naming the wrong field."""
    entry.name = clean(entry.name)
    entry.short_name = clean(entry.short_name)
    entry.note = clean(entry.note, multiline=True)
    entry.tags = list(dict.fromkeys(t for t in (clean(x) for x in entry.tags) if t))
    if not entry.name:
        raise UserDataError("Địa chỉ nhận cần có tên đầy đủ.", field="name")
    if entry.valid_from and entry.valid_to and entry.valid_to <= entry.valid_from:
        raise UserDataError(f"“{entry.name}”: ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.",
                            field="valid_to")
    return entry


class AddressBook:
    """Search and edit the address book."""

    def __init__(self, conn: StoreConnection, copy: StoreConnection | None = None,
                 before_search: Callable[[], None] | None = None) -> None:
        """Edit through `conn`; search `copy` when given (this PC's copy of the office's server),
        calling `before_search` first."""
        self._conn = conn
        self._copy = copy if copy is not None else conn
        self._before_search = before_search
        self._index = SearchIndex(self._copy)

    def add_if_new(self, typed: str) -> Recipient | None:
        """Add the name of `typed` (without an annotation such as "(để báo cáo)") unless the book
        already has it; return the new entry, or None."""
        if self.match(typed) is not None:
            return None
        return self.add(Recipient(split_annotation(typed)[0]))

    def forget_index(self) -> None:
        """Read the whole address book again at the next search (after a restore replaced the database)."""
        self._index.forget()

    def count(self) -> int:
        """Return the number of entries, retired ones included."""
        return int(self._conn.execute("SELECT count(*) FROM recipient").fetchone()[0])

    def get(self, entry_id: int) -> Recipient:
        """Return the entry with `entry_id`."""
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM recipient WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise UserDataError(f"Không có địa chỉ nhận số {entry_id} trong sổ địa chỉ.")
        return _row(row)

    def shown(self, entry_id: int) -> Recipient | None:
        """Return the entry `entry_id` as the search sees it (on a server store: this PC's copy), or None."""
        row = self._copy.execute(f"SELECT {_COLUMNS} FROM recipient WHERE id = ?", (entry_id,)).fetchone()
        return _row(row) if row is not None else None

    def by_uid(self, uid: str) -> Recipient | None:
        """Return the entry with the stable identifier `uid`, or None."""
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM recipient WHERE uid = ?", (uid,)).fetchone()
        return _row(row) if row else None

    def entries(self, on: _dt.date | None = None) -> list[Recipient]:
        """Return every entry by folded name, or only those valid on `on`."""
        rows = [_row(r) for r in self._conn.execute(f"SELECT {_COLUMNS} FROM recipient ORDER BY folded, id")]
        return rows if on is None else [r for r in rows if r.valid_on(on)]

    def add(self, entry: Recipient) -> Recipient:
        """Insert `entry` and return it with its id and uid."""
        return self.add_many([entry])[0]

    def add_many(self, entries: Iterable[Recipient]) -> list[Recipient]:
        """Insert all `entries` in one transaction."""
        entries = [validate(e) for e in entries]
        with transaction(self._conn):
            for e in entries:
                e.uid = e.uid or os.urandom(16).hex()
                e.id = self._conn.execute(
                    "INSERT INTO recipient (uid, name, short_name, tags, folded, valid_from, valid_to, "
                    "replaced_by, note, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (e.uid, *self._values(e))).lastrowid
        return entries

    @staticmethod
    def _values(e: Recipient) -> tuple[Any, ...]:
        """Return the column values of `e` after ``uid``."""
        return (e.name, e.short_name, json.dumps(e.tags, ensure_ascii=False),
                folded_key(e.name, e.short_name),
                e.valid_from.isoformat() if e.valid_from else None,
                e.valid_to.isoformat() if e.valid_to else None, e.replaced_by, e.note, now_text())

    def update(self, entry: Recipient, original: Recipient | None = None) -> Recipient:
        """Overwrite an entry in place (for typos; use :meth:`rename` to keep history); return it stored.

        With `original` (the entry as the clerk loaded it), only the fields the clerk changed
        are written, so a change made meanwhile elsewhere to other fields (a rename, a note)
        survives; a field changed meanwhile to another value raises
        :class:`~dnnd_drafter.store.conflicts.EditConflict` and writes nothing.
        """
        entry = validate(entry)
        if original is None:
            with transaction(self._conn):
                cur = self._conn.execute(
                    "UPDATE recipient SET name=?, short_name=?, tags=?, folded=?, valid_from=?, valid_to=?, "
                    "replaced_by=?, note=?, updated_at=? WHERE id=?", (*self._values(entry), entry.id))
                if cur.rowcount == 0:
                    raise UserDataError(f"Không có địa chỉ nhận số {entry.id} trong sổ địa chỉ.")
            return entry
        with transaction(self._conn):  # BEGIN IMMEDIATE: nobody writes between the check and the update
            current = self.get(entry.id or 0)
            changed = [f for f in EDITABLE if getattr(entry, f) != getattr(original, f)]
            clashes = [f for f in changed if getattr(original, f) != getattr(current, f) != getattr(entry, f)]
            if clashes:
                raise EditConflict(f"Địa chỉ “{current.name}”", current,
                                   [FieldChange(f, EDITABLE[f], _shown(getattr(current, f)), _shown(getattr(entry, f)))
                                    for f in clashes], EDITABLE)
            todo = {f: getattr(entry, f) for f in changed if getattr(current, f) != getattr(entry, f)}
            if todo:
                after = Recipient(**{**current.__dict__, **todo})
                values = dict(zip(_VALUE_COLUMNS, self._values(after)))
                columns = [c for c in _VALUE_COLUMNS if c in todo] + ["updated_at"]
                if "name" in todo or "short_name" in todo:
                    columns.append("folded")
                self._conn.execute(f"UPDATE recipient SET {', '.join(c + ' = ?' for c in columns)} WHERE id = ?",
                                   (*(values[c] for c in columns), entry.id))
        return self.get(entry.id or 0)

    def delete(self, entry_id: int) -> None:
        """Delete an entry; refuse when a recipient list still uses it."""
        try:
            with transaction(self._conn):
                self._conn.execute("DELETE FROM recipient WHERE id = ?", (entry_id,))
        except sqlite3.IntegrityError as exc:
            raise UserDataError("Không xóa được địa chỉ này vì còn danh sách nơi nhận dùng nó; "
                                "hãy cho nó hết hiệu lực thay vì xóa.") from exc

    def search(self, query: str, on: _dt.date | None = None, include_retired: bool = False,
               tag: str | None = None, limit: int = 20) -> list[Recipient]:
        """Return entries whose name or short form holds every word of `query`, best first.

        Words of three letters or more match anywhere, shorter ones only at a word start.
        Marks and tone placement do not matter. Entries starting with the query come first,
        then those with the query at a word start, then the rest. Only entries valid on `on`
        (today by default) unless `include_retired`.
        """
        if self._before_search is not None:
            self._before_search()
        words = fold(clean(query)).split()
        on_text = None if include_retired else (on or _dt.date.today()).isoformat()
        # ranked and ordered in memory: no keystroke scans the table
        return [_row(row) for row in self._index.search(words, on_text, clean(tag) if tag else None, limit)]

    def match(self, text: str, on: _dt.date | None = None) -> Recipient | None:
        """Return the entry whose name or short form is `text` (exactly, else folded), or None.

        An annotation such as "(để báo cáo)" after the name is not part of it.
        """
        name = split_annotation(text)[0]
        if not name:
            return None
        on = on or _dt.date.today()
        rows = [_row(r) for r in self._conn.execute(
            f"SELECT {_COLUMNS} FROM recipient WHERE name = ? OR short_name = ? ORDER BY id", (name, name))]
        if not rows:
            key = fold(name)
            rows = [r for r in map(_row, self._conn.execute(
                f"SELECT {_COLUMNS} FROM recipient WHERE folded = ? OR folded LIKE ? ESCAPE '\\' "
                "OR folded LIKE ? ESCAPE '\\' ORDER BY id", (key, _like(key) + " | %", "% | " + _like(key))))
                if key in (fold(r.name), fold(r.short_name))]
        valid = [r for r in rows if r.valid_on(on)]
        found = valid or rows
        return found[0] if found else None

    def _current(self, entry: Recipient, on: _dt.date) -> None:
        """Raise unless `entry` is still in use and started before `on`."""
        if entry.valid_to is not None:
            raise UserDataError(f"“{entry.name}” đã hết hiệu lực từ ngày {short_date(entry.valid_to)}.")
        if entry.valid_from is not None and on <= entry.valid_from:
            raise UserDataError(f"“{entry.name}” chỉ có hiệu lực từ ngày {short_date(entry.valid_from)}; "
                                "ngày thay đổi phải sau ngày đó.")

    def _close(self, entry: Recipient, on: _dt.date, successor: int | None) -> None:
        """End `entry` on `on`, pointing to `successor`."""
        self._conn.execute("UPDATE recipient SET valid_to = ?, replaced_by = ?, updated_at = ? WHERE id = ?",
                           (on.isoformat(), successor, now_text(), entry.id))

    def rename(self, entry_id: int, new_name: str, on: _dt.date, new_short_name: str = "") -> Recipient:
        """Rename an entry from the day `on`, keeping the old name for earlier dates."""
        with transaction(self._conn):
            old = self.get(entry_id)
            self._current(old, on)
            new = self.add(Recipient(new_name, new_short_name, list(old.tags), valid_from=on, note=old.note))
            self._close(old, on, new.id)
        return new

    def merge(self, entry_ids: Iterable[int], new_name: str, on: _dt.date, new_short_name: str = "",
              tags: list[str] | None = None) -> Recipient:
        """Replace several entries by one new entry from the day `on` (a merger)."""
        with transaction(self._conn):
            olds = [self.get(i) for i in entry_ids]
            for old in olds:
                self._current(old, on)
            merged_tags = tags if tags is not None else [t for o in olds for t in o.tags]
            new = self.add(Recipient(new_name, new_short_name, merged_tags, valid_from=on))
            for old in olds:
                self._close(old, on, new.id)
        return new

    def retire(self, entry_ids: Iterable[int], on: _dt.date) -> int:
        """End entries on the day `on` without a successor; return how many."""
        with transaction(self._conn):
            olds = [self.get(i) for i in entry_ids]
            for old in olds:
                self._current(old, on)
                self._close(old, on, None)
        return len(olds)

    def retire_tag(self, tag: str, on: _dt.date) -> int:
        """End every current entry tagged `tag` on the day `on`; return how many."""
        ids = [r.id for r in self.search("", include_retired=True, tag=tag, limit=1_000_000)
               if r.valid_to is None]
        return self.retire([i for i in ids if i is not None], on)

    def bulk_rename(self, old_text: str, new_text: str, on: _dt.date,
                    tag: str | None = None) -> list[Recipient]:
        """Rename every current entry whose name or short form holds `old_text`; return the new ones.

        For example ``huyện Tân An`` → ``thị xã Tân An`` after a reorganisation, from `on`.
        """
        old_text, new_text = clean(old_text), clean(new_text)
        if not old_text:
            raise UserDataError("Cần nhập phần tên cũ cần thay.", field="old_text")
        renamed = []
        with transaction(self._conn):
            for entry in self.search("", include_retired=True, tag=tag, limit=1_000_000):
                if entry.valid_to is None and (old_text in entry.name or old_text in entry.short_name):
                    renamed.append(self.rename(entry.id or 0, entry.name.replace(old_text, new_text), on,
                                               entry.short_name.replace(old_text, new_text)))
        return renamed

    def resolve(self, entry_id: int, on: _dt.date) -> list[Recipient]:
        """Return the entries that stand for `entry_id` on the day `on`.

        Later dates follow renames and mergers forward; earlier dates go back to the
        predecessors (a merged entry yields every body it replaced). An entry retired
        without successor is returned as it is (check :meth:`Recipient.valid_on`).
        """
        return self._resolve(self.get(entry_id), on, set())

    def _resolve(self, entry: Recipient, on: _dt.date, seen: set[int]) -> list[Recipient]:
        """Return the stand-ins of `entry` on `on`, never visiting an entry twice."""
        seen.add(entry.id or 0)
        while (entry.valid_to is not None and on >= entry.valid_to and entry.replaced_by is not None
               and entry.replaced_by not in seen):
            entry = self.get(entry.replaced_by)
            seen.add(entry.id or 0)
        if entry.valid_from is not None and on < entry.valid_from:
            preds = [_row(r) for r in self._conn.execute(
                f"SELECT {_COLUMNS} FROM recipient WHERE replaced_by = ? ORDER BY id", (entry.id,))]
            found = [x for p in preds if p.id not in seen for x in self._resolve(p, on, seen)]
            if found:
                return found
        return [entry]

    def name_on(self, entry_id: int, on: _dt.date, short: bool = False) -> str:
        """Return the name (or the ``Nơi nhận`` form) an entry had on `on`."""
        entries = self.resolve(entry_id, on)
        return "; ".join(e.cc_name if short else e.name for e in entries)
