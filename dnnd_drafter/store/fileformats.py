"""Read and write the files of import and export: CSV for Excel, JSON for everything.

CSV files are UTF-8 with BOM so that Excel opens them right; the address book goes to
``FILE.csv`` and the lists to ``FILE.danh-sach.csv`` beside it, both or neither. A cell that
Excel or LibreOffice Calc would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return) is written with a ``'`` in front, and reading takes that one ``'``
off again, so an export imports back unchanged (``- Lưu VT`` stays ``- Lưu VT``). Readers return
:class:`Record` objects that know the row and column of each value, so that every error
names them in Vietnamese.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dnnd_drafter.files import atomic
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.files.input_guard import MAX_DATA_BYTES, parse_json, read_capped
from dnnd_drafter.store.lists import PURPOSES
from dnnd_drafter.model.vietnamese import clean, fold, parse_vn_date

if TYPE_CHECKING:
    import datetime as _dt

    from dnnd_drafter.store import Store

JSON_SCHEMA = "dnnd-drafter/data@1"
ADDRESS_COLUMNS = (("uid", "Mã"), ("name", "Tên đầy đủ"), ("short_name", "Tên ở Nơi nhận"),
                   ("tags", "Nhãn"), ("valid_from", "Hiệu lực từ ngày"),
                   ("valid_to", "Hết hiệu lực từ ngày"), ("replaced_by", "Thay bằng (mã)"),
                   ("note", "Ghi chú"))
LIST_COLUMNS = (("list_uid", "Mã danh sách"), ("list_name", "Tên danh sách"), ("purpose", "Dùng cho"),
                ("entry_uid", "Mã địa chỉ"), ("entry_name", "Tên địa chỉ"))
LISTS_SUFFIX = ".danh-sach.csv"
#: What makes a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_cell(text: str) -> str:
    """Return `text` with a ``'`` in front when a spreadsheet would run it as a formula.

    Text that already starts with quotes before such a character gets one more, so that
    :func:`unguard_cell` can always take exactly the added one off.
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def unguard_cell(text: str) -> str:
    """Return a CSV cell without the ``'`` that :func:`guard_cell` put in front of it."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_STARTS):
        return text[1:]
    return text


@dataclass
class Cell:
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
class Record:
    """Hold one raw input record: values by field key and how to locate each of them."""

    values: dict[str, Any]
    cells: dict[str, Cell]

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


def read_text(path: Path) -> str:
    """Return the UTF-8 text of `path` (BOM optional) or raise a Vietnamese UserDataError."""
    raw = read_capped(path, MAX_DATA_BYTES, UserDataError)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserDataError(f"Tệp “{path.name}” không phải văn bản UTF-8. Trong Excel hãy lưu bằng "
                            "“CSV UTF-8 (Comma delimited)”.") from exc


def csv_records(path: Path) -> tuple[str, list[Record]]:
    """Return the kind (``address`` or ``lists``) and the records of a CSV file."""
    text = read_text(path)
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
        cells: dict[str, Cell] = {}
        for key, label in columns:
            index = header.index(key) if key in header else len(rows[0])
            values[key] = unguard_cell(row[index]) if index < len(row) else ""
            cells[key] = Cell(path.name, number, label, _letter(index))
        records.append(Record(values, cells))
    return kind, records


def json_records(path: Path) -> dict[str, list[Record]]:
    """Return the records of each section (recipients, lists, profiles) of a JSON file."""
    data = parse_json(read_text(path), f"Tệp “{path.name}”", UserDataError)
    if not isinstance(data, dict) or data.get("schema") != JSON_SCHEMA:
        raise UserDataError(f"Tệp “{path.name}” không phải tệp dữ liệu của DNND Drafter "
                            f"(thiếu “schema”: “{JSON_SCHEMA}”).")
    out: dict[str, list[Record]] = {}
    for section in ("recipients", "lists", "profiles"):
        items = data.get(section) or []
        if not isinstance(items, list):
            raise UserDataError(f"Tệp “{path.name}”: “{section}” phải là một danh sách.")
        out[section] = []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise UserDataError(f"Tệp “{path.name}”, mục thứ {number} của “{section}”: phải là đối tượng.")
            cells = {key: Cell(path.name, number, key, section=section) for key in KEYS[section]}
            out[section].append(Record(dict(item), cells))
    return out


KEYS = {
    "recipients": [k for k, _ in ADDRESS_COLUMNS],
    "lists": ["uid", "name", "purpose", "entries"],
    "profiles": ["name", "family", "issuing_body", "parent_body", "abbreviation", "default_place",
                 "unit_abbreviations", "archive_line", "term_start", "term_end", "signers",
                 "directing_body", "unit_in_symbol", "choices"],
}


def lists_file(path: Path) -> Path:
    """Return the lists CSV that goes with the address-book CSV `path`."""
    return path.with_name(path.name[: -len(path.suffix)] + LISTS_SUFFIX)


def export_data(store: Store, path: str | Path) -> list[Path]:
    """Export to ``.json`` (everything) or ``.csv`` (two files, both or neither); return them."""
    path = Path(path)
    entries = store.addressbook.entries()
    uids = {e.id: e.uid for e in entries}
    lists = store.lists.all()

    def iso(day: _dt.date | None) -> str:
        return day.isoformat() if day else ""

    def vn(day: _dt.date | None) -> str:
        return day.strftime("%d/%m/%Y") if day else ""

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
                              "term_end": iso(p.term_end), "directing_body": p.directing_body,
                              "unit_in_symbol": p.unit_in_symbol,
                              "choices": {k: v for k, v in vars(p.choices).items() if v is not None},
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
    return atomic.write_all([(path, csv_bytes(address)), (lists_file(path), csv_bytes(rows))])


def csv_bytes(rows: list[list[str]]) -> bytes:
    """Return `rows` as CSV in UTF-8 with BOM, every cell guarded against formulas."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([guard_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")
