"""Keep named, ordered recipient lists for ``Kính gửi`` and ``Nơi nhận``.

A list stores address-book entry ids, not strings, so it keeps working when an entry is
renamed or merged: loading it for a date returns the names valid on that date.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dnnd_drafter.store.conflicts import EditConflict, FieldChange
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import AddressBook, Recipient, split_annotation
from dnnd_drafter.store.connection import StoreConnection
from dnnd_drafter.store.db import now_text, transaction
from dnnd_drafter.model.vietnamese import clean, fold

PURPOSES = {"kinh_gui": "Kính gửi", "noi_nhan": "Nơi nhận"}
# the parts of a list a clerk edits, with their names in the list window
EDITABLE = {"name": "Tên danh sách", "purpose": "Dùng cho", "entry_ids": "Các mục"}


@dataclass
class RecipientList:
    """Hold a named list of address-book entry ids, in order."""

    name: str
    purpose: str
    entry_ids: list[int] = field(default_factory=list)
    id: int | None = None
    uid: str = ""
    updated_at: str = ""


@dataclass
class ListItem:
    """Hold one resolved line of a list: the stored id and what stands for it on a date."""

    entry_id: int
    entries: list[Recipient]

    @property
    def valid(self) -> bool:
        """Return whether some stand-in is valid on the date it was resolved for."""
        return bool(self.entries)


class RecipientLists:
    """Save, load, edit and duplicate recipient lists."""

    def __init__(self, conn: StoreConnection, addressbook: AddressBook) -> None:
        self._conn = conn
        self._book = addressbook

    def _load(self, row: tuple[Any, ...] | None, ref: object) -> RecipientList:
        """Return the list of a ``recipient_list`` row with its entry ids."""
        if row is None:
            raise UserDataError(f"Không có danh sách nơi nhận “{ref}”.")
        ids = [r[0] for r in self._conn.execute(
            "SELECT recipient_id FROM recipient_list_item WHERE list_id = ? ORDER BY position", (row[0],))]
        return RecipientList(row[1], row[2], ids, row[0], row[3], row[4])

    def get(self, ref: int | str) -> RecipientList:
        """Return the list with id `ref` (int) or name `ref` (str)."""
        column = "id" if isinstance(ref, int) else "name"
        value = ref if isinstance(ref, int) else clean(ref)
        row = self._conn.execute(f"SELECT id, name, purpose, uid, updated_at FROM recipient_list "
                                 f"WHERE {column} = ?", (value,)).fetchone()
        return self._load(row, ref)

    def all(self, purpose: str | None = None) -> list[RecipientList]:
        """Return every list (of one `purpose` if given), by name without marks."""
        rows = self._conn.execute(
            "SELECT id, name, purpose, uid, updated_at FROM recipient_list "
            "WHERE CAST(? AS TEXT) IS NULL OR purpose = ? ORDER BY name", (purpose, purpose)).fetchall()
        return sorted((self._load(r, r[1]) for r in rows), key=lambda x: (fold(x.name), x.name))

    def save(self, lst: RecipientList, original: RecipientList | None = None) -> RecipientList:
        """Insert `lst` (no id) or replace its name, purpose and entries; return it.

        With `original` (the list as the clerk loaded it), only what the clerk changed is
        written (name, purpose, the entries); a part changed meanwhile elsewhere to something
        else raises :class:`~dnnd_drafter.store.conflicts.EditConflict` and writes nothing.
        """
        lst.name = clean(lst.name)
        if not lst.name:
            raise UserDataError("Danh sách nơi nhận cần có tên.", field="name")
        if lst.purpose not in PURPOSES:
            raise UserDataError(f"Mục đích “{lst.purpose}” không hợp lệ; dùng “kinh_gui” hoặc “noi_nhan”.",
                                field="purpose")
        lst.updated_at = now_text()
        try:
            with transaction(self._conn):
                for entry_id in lst.entry_ids:
                    self._book.get(entry_id)
                if lst.id is None:
                    lst.uid = lst.uid or os.urandom(16).hex()
                    lst.id = self._conn.execute(
                        "INSERT INTO recipient_list (uid, name, purpose, updated_at) VALUES (?,?,?,?)",
                        (lst.uid, lst.name, lst.purpose, lst.updated_at)).lastrowid
                elif original is not None:
                    return self._save_changes(lst, original)
                else:
                    cur = self._conn.execute(
                        "UPDATE recipient_list SET name = ?, purpose = ?, updated_at = ? WHERE id = ?",
                        (lst.name, lst.purpose, lst.updated_at, lst.id))
                    if cur.rowcount == 0:
                        raise UserDataError(f"Không có danh sách nơi nhận số {lst.id}.")
                    self._conn.execute("DELETE FROM recipient_list_item WHERE list_id = ?", (lst.id,))
                self._write_items(lst)
        except sqlite3.IntegrityError as exc:
            raise UserDataError(f"Đã có danh sách nơi nhận tên “{lst.name}”; hãy chọn tên khác.",
                                field="name") from exc
        return lst

    def _write_items(self, lst: RecipientList) -> None:
        """Write the entries of `lst` in order (after its old ones were deleted)."""
        self._conn.executemany(
            "INSERT INTO recipient_list_item (list_id, position, recipient_id) VALUES (?,?,?)",
            [(lst.id, pos, rid) for pos, rid in enumerate(lst.entry_ids)])

    def _save_changes(self, lst: RecipientList, original: RecipientList) -> RecipientList:
        """Write only what differs between `lst` and `original` (inside the open transaction)."""
        current = self.get(lst.id or 0)
        changed = [f for f in EDITABLE if getattr(lst, f) != getattr(original, f)]
        clashes = [f for f in changed if getattr(original, f) != getattr(current, f) != getattr(lst, f)]
        if clashes:
            raise EditConflict(f"Danh sách “{current.name}”", current,
                               [FieldChange(f, EDITABLE[f], self._shown(current, f), self._shown(lst, f))
                                for f in clashes], EDITABLE)
        todo = [f for f in changed if getattr(current, f) != getattr(lst, f)]
        columns = [f for f in todo if f != "entry_ids"]
        if todo:
            self._conn.execute(
                f"UPDATE recipient_list SET {''.join(c + ' = ?, ' for c in columns)}updated_at = ? WHERE id = ?",
                (*(getattr(lst, c) for c in columns), lst.updated_at, lst.id))
        if "entry_ids" in todo:
            self._conn.execute("DELETE FROM recipient_list_item WHERE list_id = ?", (lst.id,))
            self._write_items(lst)
        return self.get(lst.id or 0)

    def _shown(self, lst: RecipientList, name: str) -> str:
        """Return one part of a list as the clerk reads it."""
        if name == "purpose":
            return PURPOSES.get(lst.purpose, lst.purpose)
        if name == "entry_ids":
            names = [self._book.get(i).cc_name if lst.purpose == "noi_nhan" else self._book.get(i).name
                     for i in lst.entry_ids]
            text = "; ".join(names)
            return f"{len(names)} mục: {text[:200]}{'…' if len(text) > 200 else ''}"
        return str(getattr(lst, name))

    def save_from_draft(self, name: str, purpose: str, names: Iterable[str],
                        on: _dt.date | None = None, replace: bool = True) -> RecipientList:
        """Save the recipient lines of a draft as the list `name`; return it.

        Each line is matched to an address-book entry by full name or short form (marks
        ignored when nothing matches exactly); unknown lines become new entries. With
        `replace`, a list of the same name is overwritten, otherwise that is an error.
        """
        on = on or _dt.date.today()
        with transaction(self._conn):
            ids: list[int] = []
            for line in names:
                text = split_annotation(line)[0]  # "(để báo cáo)" belongs to the letter, not the entry
                if not text:
                    continue
                entry = self._book.match(text, on) or self._book.add(Recipient(text))
                if entry.id not in ids:
                    ids.append(entry.id or 0)
            existing = self._conn.execute("SELECT id FROM recipient_list WHERE name = ?",
                                          (clean(name),)).fetchone()
            if existing and not replace:
                raise UserDataError(f"Đã có danh sách nơi nhận tên “{clean(name)}”; hãy chọn tên khác.",
                                    field="name")
            lst = self.get(existing[0]) if existing else RecipientList(name, purpose)
            lst.purpose, lst.entry_ids = purpose, ids
            return self.save(lst)

    def resolve(self, ref: int | str, on: _dt.date | None = None) -> list[ListItem]:
        """Return each line of a list with the entries valid for it on `on` (today by default)."""
        on = on or _dt.date.today()
        lst = self.get(ref)
        return [ListItem(i, [e for e in self._book.resolve(i, on) if e.valid_on(on)]) for i in lst.entry_ids]

    def names(self, ref: int | str, on: _dt.date | None = None) -> list[str]:
        """Return the names of a list as of `on`, ready for a draft.

        ``Kính gửi`` lists give full names, ``Nơi nhận`` lists the short forms. Entries that
        no longer exist on that date (retired without successor) are left out; duplicates
        after a merger appear once.
        """
        lst = self.get(ref)
        out: list[str] = []
        for item in self.resolve(lst.id or 0, on):
            for entry in item.entries:
                text = entry.cc_name if lst.purpose == "noi_nhan" else entry.name
                if text not in out:
                    out.append(text)
        return out

    def rename(self, ref: int | str, new_name: str) -> RecipientList:
        """Give a list a new name."""
        lst = self.get(ref)
        original = self.get(ref)
        lst.name = new_name
        return self.save(lst, original)

    def duplicate(self, ref: int | str, new_name: str) -> RecipientList:
        """Copy a list under `new_name` and return the copy."""
        lst = self.get(ref)
        return self.save(RecipientList(new_name, lst.purpose, list(lst.entry_ids)))

    def delete(self, ref: int | str) -> None:
        """Delete a list (the address-book entries stay)."""
        lst = self.get(ref)
        with transaction(self._conn):
            self._conn.execute("DELETE FROM recipient_list WHERE id = ?", (lst.id,))
