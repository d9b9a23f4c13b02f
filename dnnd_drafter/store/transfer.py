"""Import the address book, the recipient lists and the profiles from CSV or JSON.

Imports read and check the whole input first, then apply it in one transaction; a bad cell
raises :class:`UserDataError` naming the row and the column, and nothing changes. Imports
add and update (matched by the ``Mã`` code, lists also by name, profiles by name); they never
delete. File formats and export live in :mod:`dnnd_drafter.store.fileformats`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dnnd_drafter.base.errors import DraftError, UserDataError
from dnnd_drafter.model.formats import CHOICES, OfficeChoices, load_format
from dnnd_drafter.model.letter import AUTHORITIES, FAMILIES
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.db import transaction
from dnnd_drafter.store.fileformats import (ADDRESS_COLUMNS, JSON_SCHEMA, LIST_COLUMNS, LISTS_SUFFIX, Cell,
                                            Record, csv_records, export_data, json_records, lists_file)
from dnnd_drafter.store.lists import PURPOSES, RecipientList
from dnnd_drafter.store.profiles import Profile, Signer
from dnnd_drafter.model.vietnamese import clean, fold

if TYPE_CHECKING:
    from dnnd_drafter.store import Store

__all__ = ["ADDRESS_COLUMNS", "JSON_SCHEMA", "LIST_COLUMNS", "LISTS_SUFFIX", "ImportReport", "export_data",
           "import_data", "lists_file"]


@dataclass
class ImportReport:
    """Count what an import added and updated."""

    recipients_added: int = 0
    recipients_updated: int = 0
    lists_added: int = 0
    lists_updated: int = 0
    profiles_added: int = 0
    profiles_updated: int = 0

    def summary(self) -> str:
        """Return a one-line Vietnamese summary."""
        return (f"Sổ địa chỉ: thêm {self.recipients_added}, cập nhật {self.recipients_updated}. "
                f"Danh sách: thêm {self.lists_added}, cập nhật {self.lists_updated}. "
                f"Hồ sơ cơ quan: thêm {self.profiles_added}, cập nhật {self.profiles_updated}.")



class _Plan:
    """Collect validated input, then apply it to the store in one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.entries: list[tuple[Recipient, str, Cell]] = []   # entry, replaced_by uid, its cell
        self.by_uid: dict[str, Recipient] = {}
        self.lists: list[tuple[RecipientList, list[tuple[str, str, Cell]]]] = []
        self.profiles: list[tuple[Profile, list[Signer]]] = []

    def add_entry(self, rec: Record) -> None:
        """Check one address-book record and keep it."""
        uid = rec.text("uid") or uuid.uuid4().hex
        if uid in self.by_uid:
            raise rec.cells["uid"].fail(f"mã “{uid}” bị trùng với một dòng trước.")
        entry = Recipient(rec.text("name", required=True), rec.text("short_name"), rec.texts("tags"),
                          rec.date("valid_from"), rec.date("valid_to"), uid=uid,
                          note=rec.text("note", multiline=True))
        if entry.valid_from and entry.valid_to and entry.valid_to <= entry.valid_from:
            raise rec.cells["valid_to"].fail("ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.")
        successor = rec.text("replaced_by")
        if successor == uid:
            raise rec.cells["replaced_by"].fail("một địa chỉ không thể thay cho chính nó.")
        self.by_uid[uid] = entry
        self.entries.append((entry, successor, rec.cells["replaced_by"]))

    def add_list(self, uid: str, name: str, purpose_text: str, purpose_cell: Cell,
                 refs: list[tuple[str, str, Cell]]) -> None:
        """Check one list and keep it; `refs` are (entry uid, entry name, cell) in order."""
        purposes = {fold(v): k for k, v in PURPOSES.items()} | {k: k for k in PURPOSES}
        purpose = purposes.get(fold(purpose_text).replace(" ", "_")) or purposes.get(fold(purpose_text))
        if purpose is None:
            raise purpose_cell.fail(f"“{purpose_text}” không hợp lệ; ghi “Kính gửi” hoặc “Nơi nhận”.")
        if any(name == other.name for other, _ in self.lists):
            raise purpose_cell.fail(f"danh sách “{name}” xuất hiện hai lần.")
        for ref_uid, ref_name, cell in refs:
            if ref_uid and ref_uid not in self.by_uid and self.store.addressbook.by_uid(ref_uid) is None:
                raise cell.fail(f"không có địa chỉ mã “{ref_uid}” trong tệp hay trong sổ địa chỉ.")
            if not ref_uid and not ref_name:
                raise cell.fail("cần mã địa chỉ hoặc tên địa chỉ.")
        self.lists.append((RecipientList(name, purpose, uid=uid), refs))

    def check_links(self) -> None:
        """Check that every ``replaced_by`` code exists in the file or the store."""
        for _, successor, cell in self.entries:
            if successor and successor not in self.by_uid and self.store.addressbook.by_uid(successor) is None:
                raise cell.fail(f"không có địa chỉ mã “{successor}” trong tệp hay trong sổ địa chỉ.")

    def apply(self) -> ImportReport:
        """Write everything in one transaction and return the counts."""
        report = ImportReport()
        book, conn = self.store.addressbook, self.store.conn
        with transaction(conn):
            ids: dict[str, int] = {}
            for entry, _, _ in self.entries:
                old = book.by_uid(entry.uid)
                if old is not None:
                    entry.id = old.id
                    book.update(entry)
                    report.recipients_updated += 1
                else:
                    book.add(entry)
                    report.recipients_added += 1
                ids[entry.uid] = entry.id or 0
            for entry, successor, _ in self.entries:
                stored = book.by_uid(successor) if successor and successor not in ids else None
                target = ids.get(successor) or (stored.id if stored else None)
                conn.execute("UPDATE recipient SET replaced_by = ? WHERE id = ?", (target, entry.id))
            for lst, refs in self.lists:
                lst.entry_ids = [self._entry_id(u, n, ids) for u, n, _ in refs]
                old_list = self._existing_list(lst)
                if old_list is not None:
                    lst.id, lst.uid = old_list.id, old_list.uid
                    report.lists_updated += 1
                else:
                    report.lists_added += 1
                self.store.lists.save(lst)
            for profile, signers in self.profiles:
                old_profile = self.store.profiles.by_name(profile.name)
                profile.id = old_profile.id if old_profile else None
                report.profiles_updated += old_profile is not None
                report.profiles_added += old_profile is None
                self.store.profiles.save(profile)
                known = {s.name: s for s in self.store.profiles.signers(profile.id or 0)}
                for signer in signers:
                    signer.profile_id = profile.id or 0
                    signer.id = known[signer.name].id if signer.name in known else None
                    self.store.profiles.save_signer(signer)
        return report

    def _entry_id(self, uid: str, name: str, ids: dict[str, int]) -> int:
        """Return the id for a list line given by code or, failing that, by name."""
        if uid:
            return ids.get(uid) or self.store.addressbook.by_uid(uid).id  # type: ignore[union-attr,return-value] # the uid was imported just before
        entry = self.store.addressbook.match(name) or self.store.addressbook.add(Recipient(clean(name)))
        return entry.id or 0

    def _existing_list(self, lst: RecipientList) -> RecipientList | None:
        """Return the stored list with the same code, else the same name, or None."""
        for column, value in (("uid", lst.uid), ("name", lst.name)):
            row = self.store.conn.execute(f"SELECT id FROM recipient_list WHERE {column} = ?",
                                          (value,)).fetchone() if value else None
            if row:
                return self.store.lists.get(int(row[0]))
        return None


def _plan_lists_csv(plan: _Plan, records: list[Record]) -> None:
    """Group list rows (one line of a list per row) and add them to `plan`."""
    groups: dict[str, list[Record]] = {}
    for rec in records:
        key = rec.text("list_uid") or "\x00" + rec.text("list_name", required=True)
        groups.setdefault(key, []).append(rec)
    for rows in groups.values():
        first = rows[0]
        refs = [(r.text("entry_uid"), r.text("entry_name"),
                 r.cells["entry_uid"] if r.text("entry_uid") else r.cells["entry_name"])
                for r in rows if r.text("entry_uid") or r.text("entry_name")]
        plan.add_list(first.text("list_uid"), first.text("list_name", required=True),
                      first.text("purpose"), first.cells["purpose"], refs)


def _plan_json(plan: _Plan, sections: dict[str, list[Record]]) -> None:
    """Add the records of a JSON export to `plan`."""
    for rec in sections["recipients"]:
        plan.add_entry(rec)
    for rec in sections["lists"]:
        raw = rec.values.get("entries") or []
        if not isinstance(raw, list):
            raise rec.cells["entries"].fail("phải là danh sách mã địa chỉ.")
        refs = []
        for item in raw:
            item = {"uid": item} if isinstance(item, str) else item
            if not isinstance(item, dict):
                raise rec.cells["entries"].fail("mỗi dòng phải là mã địa chỉ hoặc {“uid”, “name”}.")
            refs.append((clean(str(item.get("uid") or "")), clean(str(item.get("name") or "")),
                         rec.cells["entries"]))
        plan.add_list(rec.text("uid"), rec.text("name", required=True), rec.text("purpose"),
                      rec.cells["purpose"], refs)
    for rec in sections["profiles"]:
        profile, signers = _profile(rec)
        old = plan.store.profiles.by_name(profile.name)
        if old is not None and old.family != profile.family:
            try:
                plan.store.profiles.refuse_family_change(Profile(**{**vars(profile), "id": old.id}))
            except UserDataError as exc:
                raise rec.cells["family"].fail(exc.message) from exc
        plan.profiles.append((profile, signers))


def _choices(rec: Record, family: str) -> OfficeChoices:
    """Return the office choices of a JSON profile record, each one its family offers."""
    raw = rec.values.get("choices") or {}
    if not isinstance(raw, dict) or not all(k in CHOICES and (v is None or isinstance(v, str)) for k, v in raw.items()):
        raise rec.cells["choices"].fail("phải là đối tượng có " + ", ".join(f"“{k}”" for k in CHOICES) + ".")
    choices = OfficeChoices(**raw)
    try:
        load_format(family).with_choices(choices)
    except DraftError as exc:
        raise rec.cells["choices"].fail(exc.message) from None
    return choices


def _profile(rec: Record) -> tuple[Profile, list[Signer]]:
    """Return the checked profile and signers of a JSON record."""
    family = rec.text("family", required=True)
    if family not in FAMILIES:
        raise rec.cells["family"].fail(f"“{family}” không hợp lệ; dùng một trong: {', '.join(FAMILIES)}.")
    profile = Profile(rec.text("name", required=True), family, rec.text("issuing_body", required=True),
                      rec.text("parent_body"), rec.text("abbreviation"), rec.text("default_place"),
                      rec.texts("unit_abbreviations"), rec.text("archive_line"),
                      rec.date("term_start"), rec.date("term_end"), directing_body=rec.text("directing_body"))
    unit_in_symbol = rec.values.get("unit_in_symbol")
    if unit_in_symbol is not None and not isinstance(unit_in_symbol, bool):
        raise rec.cells["unit_in_symbol"].fail("phải là true, false hoặc null.")
    profile.unit_in_symbol = unit_in_symbol
    profile.choices = _choices(rec, family)
    signers_raw = rec.values.get("signers") or []
    if not isinstance(signers_raw, list) or not all(isinstance(s, dict) for s in signers_raw):
        raise rec.cells["signers"].fail("phải là danh sách người ký.")
    signers = []
    for index, raw in enumerate(signers_raw, start=1):
        sub = Record(raw, {k: Cell(rec.cells["signers"].file, rec.cells["signers"].row,
                                     f"signers[{index}].{k}", section="profiles")
                            for k in ("name", "position", "authority", "body")})
        signer = Signer(0, sub.text("name", required=True), sub.text("position"), sub.text("authority"),
                        sub.text("body"), bool(raw.get("is_default")), index)
        if signer.authority not in AUTHORITIES[family]:
            raise sub.cells["authority"].fail(f"“{signer.authority}” không dùng cho khối {FAMILIES[family]}.")
        signers.append(signer)
    return profile, signers


def import_data(store: Store, path: str | Path) -> ImportReport:
    """Import a ``.json`` or ``.csv`` file into the store; all or nothing."""
    path = Path(path)
    plan = _Plan(store)
    suffix = path.suffix.lower()
    if suffix == ".json":
        _plan_json(plan, json_records(path))
    elif suffix == ".csv":
        kind, records = csv_records(path)
        if kind == "address":
            for rec in records:
                plan.add_entry(rec)
            companion = lists_file(path)
            if companion.is_file():
                _, list_records = csv_records(companion)
                _plan_lists_csv(plan, list_records)
        else:
            _plan_lists_csv(plan, records)
    else:
        raise UserDataError(f"Không nhập được “{path.name}”: chỉ nhận tệp .json hoặc .csv.")
    plan.check_links()
    return plan.apply()
