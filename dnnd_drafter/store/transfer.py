"""Import and export the address book, the recipient lists and the profiles (CSV and JSON).

CSV files are UTF-8 with BOM so that Excel opens them right; the address book goes to
``FILE.csv`` and the lists to ``FILE.danh-sach.csv`` beside it. JSON holds everything in one
file, profiles and signers included. Imports read and check the whole input first, then
apply it in one transaction; a bad cell raises :class:`UserDataError` naming the row and the
column, and nothing changes. Imports add and update (matched by the ``Mã`` code); they never
delete.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dnnd_drafter import atomic
from dnnd_drafter.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.db import transaction
from dnnd_drafter.store.lists import PURPOSES, RecipientList
from dnnd_drafter.store.profiles import Profile, Signer
from dnnd_drafter.vietnamese import clean, fold, parse_vn_date

if TYPE_CHECKING:
    from dnnd_drafter.store import Store

JSON_SCHEMA = "dnnd-drafter/data@1"
ADDRESS_COLUMNS = (("uid", "Mã"), ("name", "Tên đầy đủ"), ("short_name", "Tên ở Nơi nhận"),
                   ("tags", "Nhãn"), ("valid_from", "Hiệu lực từ ngày"),
                   ("valid_to", "Hết hiệu lực từ ngày"), ("replaced_by", "Thay bằng (mã)"), ("note", "Ghi chú"))
LIST_COLUMNS = (("list_uid", "Mã danh sách"), ("list_name", "Tên danh sách"), ("purpose", "Dùng cho"),
                ("entry_uid", "Mã địa chỉ"), ("entry_name", "Tên địa chỉ"))
LISTS_SUFFIX = ".danh-sach.csv"


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


@dataclass
class _Cell:
    """Locate one input value for error messages (CSV row/column or JSON item/field)."""

    file: str
    row: int
    column: str
    letter: str = ""
    section: str = ""

    def fail(self, problem: str) -> UserDataError:
        """Return the UserDataError for `problem` at this place."""
        if self.letter:
            where = f"Tệp “{self.file}”, dòng {self.row}, cột “{self.column}” (cột {self.letter})"
        else:
            where = f"Tệp “{self.file}”, mục thứ {self.row} của “{self.section}”, trường “{self.column}”"
        return UserDataError(f"{where}: {problem}", field=self.column)


@dataclass
class _Record:
    """Hold one raw input record: values by field key and how to locate each of them."""

    values: dict[str, Any]
    cells: dict[str, _Cell]

    def text(self, key: str, required: bool = False, multiline: bool = False) -> str:
        """Return the cleaned text at `key`, failing when it is missing but `required`."""
        value = self.values.get(key)
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise self.cells[key].fail("phải là chuỗi văn bản.")
        value = clean(value, multiline=multiline)
        if required and not value:
            raise self.cells[key].fail("không được để trống.")
        return value

    def date(self, key: str) -> _dt.date | None:
        """Return the date at `key` (``05/01/2024`` or ``2024-01-05``), or None when empty."""
        text = self.text(key)
        if not text:
            return None
        try:
            return parse_vn_date(text)
        except ValueError:
            raise self.cells[key].fail(f"“{text}” không phải ngày hợp lệ; viết dạng 05/01/2024.") from None

    def texts(self, key: str) -> list[str]:
        """Return the list at `key`: a JSON list of texts, or text split at ``;`` (else at ``,``)."""
        value = self.values.get(key) or []
        if isinstance(value, str):
            value = value.split(";") if ";" in value else value.split(",")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.cells[key].fail("phải là danh sách các chuỗi văn bản.")
        return [t for t in (clean(v) for v in value) if t]


def _letter(index: int) -> str:
    """Return the Excel column letter of a 0-based column index (0 → A, 26 → AA)."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(65 + rest) + out
    return out


def _read_text(path: Path) -> str:
    """Return the UTF-8 text of `path` (BOM optional) or raise a Vietnamese UserDataError."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserDataError(f"Không đọc được tệp “{path}”: {exc.strerror or exc}.") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserDataError(f"Tệp “{path.name}” không phải văn bản UTF-8. Trong Excel hãy lưu bằng "
                            "“CSV UTF-8 (Comma delimited)”.") from exc


def _csv_records(path: Path) -> tuple[str, list[_Record]]:
    """Return the kind (``address`` or ``lists``) and the records of a CSV file."""
    text = _read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise UserDataError(f"Tệp “{path.name}” không phải CSV hợp lệ ({exc}).") from exc
    if not rows:
        raise UserDataError(f"Tệp “{path.name}” trống.")
    labels = {fold(label): key for key, label in ADDRESS_COLUMNS + LIST_COLUMNS}
    labels.update({key: key for key, _ in ADDRESS_COLUMNS + LIST_COLUMNS})
    header = [labels.get(fold(h)) for h in rows[0]]
    kind = "lists" if "list_name" in header else "address" if "name" in header else ""
    if not kind:
        raise UserDataError(f"Tệp “{path.name}”: dòng tiêu đề phải có cột “Tên đầy đủ” (sổ địa chỉ) "
                            "hoặc “Tên danh sách” (danh sách nơi nhận).")
    columns = ADDRESS_COLUMNS if kind == "address" else LIST_COLUMNS
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values: dict[str, Any] = {}
        cells: dict[str, _Cell] = {}
        for key, label in columns:
            index = header.index(key) if key in header else len(rows[0])
            values[key] = row[index] if index < len(row) else ""
            cells[key] = _Cell(path.name, number, label, _letter(index))
        records.append(_Record(values, cells))
    return kind, records


def _json_records(path: Path) -> dict[str, list[_Record]]:
    """Return the records of each section (recipients, lists, profiles) of a JSON file."""
    text = _read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserDataError(f"Tệp “{path.name}” không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}).") from exc
    if not isinstance(data, dict) or data.get("schema") != JSON_SCHEMA:
        raise UserDataError(f"Tệp “{path.name}” không phải tệp dữ liệu của DNND Drafter "
                            f"(thiếu “schema”: “{JSON_SCHEMA}”).")
    out: dict[str, list[_Record]] = {}
    for section in ("recipients", "lists", "profiles"):
        items = data.get(section) or []
        if not isinstance(items, list):
            raise UserDataError(f"Tệp “{path.name}”: “{section}” phải là một danh sách.")
        out[section] = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise UserDataError(f"Tệp “{path.name}”, mục thứ {number} của “{section}”: phải là đối tượng.")
            cells = {key: _Cell(path.name, number, key, section=section) for key in _KEYS[section]}
            out[section].append(_Record(dict(item), cells))
    return out


_KEYS = {
    "recipients": [k for k, _ in ADDRESS_COLUMNS],
    "lists": ["uid", "name", "purpose", "entries"],
    "profiles": ["name", "family", "issuing_body", "parent_body", "abbreviation", "default_place",
                 "unit_abbreviations", "archive_line", "term_start", "term_end", "signers"],
}


class _Plan:
    """Collect validated input, then apply it to the store in one transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.entries: list[tuple[Recipient, str, _Cell]] = []   # entry, replaced_by uid, its cell
        self.by_uid: dict[str, Recipient] = {}
        self.lists: list[tuple[RecipientList, list[tuple[str, str, _Cell]]]] = []
        self.profiles: list[tuple[Profile, list[Signer]]] = []

    def add_entry(self, rec: _Record) -> None:
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

    def add_list(self, uid: str, name: str, purpose_text: str, purpose_cell: _Cell,
                 refs: list[tuple[str, str, _Cell]]) -> None:
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
                target = ids.get(successor) or (book.by_uid(successor).id if successor else None)  # type: ignore[union-attr]
                conn.execute("UPDATE recipient SET replaced_by = ? WHERE id = ?", (target, entry.id))
            for lst, refs in self.lists:
                lst.entry_ids = [self._entry_id(u, n, ids) for u, n, _ in refs]
                old = self._existing_list(lst)
                if old is not None:
                    lst.id, lst.uid = old.id, old.uid
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
            return ids.get(uid) or self.store.addressbook.by_uid(uid).id  # type: ignore[union-attr,return-value]
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


def _plan_lists_csv(plan: _Plan, records: list[_Record]) -> None:
    """Group list rows (one line of a list per row) and add them to `plan`."""
    groups: dict[str, list[_Record]] = {}
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


def _plan_json(plan: _Plan, sections: dict[str, list[_Record]]) -> None:
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
            refs.append((clean(str(item.get("uid") or "")), clean(str(item.get("name") or "")), rec.cells["entries"]))
        plan.add_list(rec.text("uid"), rec.text("name", required=True), rec.text("purpose"),
                      rec.cells["purpose"], refs)
    for rec in sections["profiles"]:
        plan.profiles.append(_profile(rec))


def _profile(rec: _Record) -> tuple[Profile, list[Signer]]:
    """Return the checked profile and signers of a JSON record."""
    from dnnd_drafter.model import AUTHORITIES, FAMILIES

    family = rec.text("family", required=True)
    if family not in FAMILIES:
        raise rec.cells["family"].fail(f"“{family}” không hợp lệ; dùng một trong: {', '.join(FAMILIES)}.")
    profile = Profile(rec.text("name", required=True), family, rec.text("issuing_body", required=True),
                      rec.text("parent_body"), rec.text("abbreviation"), rec.text("default_place"),
                      rec.texts("unit_abbreviations"), rec.text("archive_line"),
                      rec.date("term_start"), rec.date("term_end"))
    signers_raw = rec.values.get("signers") or []
    if not isinstance(signers_raw, list) or not all(isinstance(s, dict) for s in signers_raw):
        raise rec.cells["signers"].fail("phải là danh sách người ký.")
    signers = []
    for index, raw in enumerate(signers_raw, start=1):
        sub = _Record(raw, {k: _Cell(rec.cells["signers"].file, rec.cells["signers"].row,
                                     f"signers[{index}].{k}", section="profiles")
                            for k in ("name", "position", "authority", "body")})
        signer = Signer(0, sub.text("name", required=True), sub.text("position"), sub.text("authority"),
                        sub.text("body"), bool(raw.get("is_default")), index)
        if signer.authority not in AUTHORITIES[family]:
            raise sub.cells["authority"].fail(f"“{signer.authority}” không dùng cho khối {FAMILIES[family]}.")
        signers.append(signer)
    return profile, signers


def lists_file(path: Path) -> Path:
    """Return the lists CSV that goes with the address-book CSV `path`."""
    return path.with_name(path.name[: -len(path.suffix)] + LISTS_SUFFIX)


def import_data(store: Store, path: str | Path) -> ImportReport:
    """Import a ``.json`` or ``.csv`` file into the store; all or nothing."""
    path = Path(path)
    plan = _Plan(store)
    suffix = path.suffix.lower()
    if suffix == ".json":
        _plan_json(plan, _json_records(path))
    elif suffix == ".csv":
        kind, records = _csv_records(path)
        if kind == "address":
            for rec in records:
                plan.add_entry(rec)
            companion = lists_file(path)
            if companion.is_file():
                _, list_records = _csv_records(companion)
                _plan_lists_csv(plan, list_records)
        else:
            _plan_lists_csv(plan, records)
    else:
        raise UserDataError(f"Không nhập được “{path.name}”: chỉ nhận tệp .json hoặc .csv.")
    plan.check_links()
    return plan.apply()


def export_data(store: Store, path: str | Path) -> list[Path]:
    """Export to ``.json`` (everything) or ``.csv`` (two files); return the files written."""
    path = Path(path)
    entries = store.addressbook.entries()
    uids = {e.id: e.uid for e in entries}
    lists = store.lists.all()
    iso = lambda d: d.isoformat() if d else ""  # noqa: E731
    vn = lambda d: d.strftime("%d/%m/%Y") if d else ""  # noqa: E731
    if path.suffix.lower() == ".json":
        data = {"schema": JSON_SCHEMA,
                "recipients": [{"uid": e.uid, "name": e.name, "short_name": e.short_name, "tags": e.tags,
                                "valid_from": iso(e.valid_from), "valid_to": iso(e.valid_to),
                                "replaced_by": uids.get(e.replaced_by, ""), "note": e.note} for e in entries],
                "lists": [{"uid": lst.uid, "name": lst.name, "purpose": lst.purpose,
                           "entries": [uids[i] for i in lst.entry_ids]} for lst in lists],
                "profiles": [{"name": p.name, "family": p.family, "issuing_body": p.issuing_body,
                              "parent_body": p.parent_body, "abbreviation": p.abbreviation,
                              "default_place": p.default_place, "unit_abbreviations": p.unit_abbreviations,
                              "archive_line": p.archive_line, "term_start": iso(p.term_start),
                              "term_end": iso(p.term_end),
                              "signers": [{"name": s.name, "position": s.position, "authority": s.authority,
                                           "body": s.body, "is_default": s.is_default}
                                          for s in store.profiles.signers(p.id or 0)]}
                             for p in store.profiles.all()]}
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return [atomic.write_text(path, text)]
    if path.suffix.lower() != ".csv":
        raise UserDataError(f"Không xuất được “{path.name}”: chỉ ghi tệp .json hoặc .csv.")
    address = [[label for _, label in ADDRESS_COLUMNS]] + [
        [e.uid, e.name, e.short_name, "; ".join(e.tags), vn(e.valid_from), vn(e.valid_to),
         uids.get(e.replaced_by, ""), e.note] for e in entries]
    names = {e.id: e.name for e in entries}
    rows = [[label for _, label in LIST_COLUMNS]]
    for lst in lists:
        lines = [[lst.uid, lst.name, PURPOSES[lst.purpose], uids[i], names[i]] for i in lst.entry_ids]
        rows += lines or [[lst.uid, lst.name, PURPOSES[lst.purpose], "", ""]]
    return [_write_csv(path, address), _write_csv(lists_file(path), rows)]


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    """Write `rows` as CSV in UTF-8 with BOM, atomically."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return atomic.write_bytes(path, buffer.getvalue().encode("utf-8-sig"))
