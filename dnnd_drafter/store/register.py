"""Keep the outgoing register (sổ văn bản đi) and issue numbers safely.

A number is the next one after the highest ever issued for the profile and document kind in
the numbering period, taken inside ``BEGIN IMMEDIATE`` so that two windows or processes can
never get the same number. A cancelled number keeps its row (with the reason) and is never
handed out again. The highest number ever issued is also kept as a mark (see
:mod:`dnnd_drafter.store.marks`) that a restore of an older backup cannot lower.

A number for a draft file is committed first, with the file's path and the issuing process
(``pending_pid``), and only then written into the file (:mod:`dnnd_drafter.store.issued_drafts`);
a crash in between is completed on the next open.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import os
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dnnd_drafter.files import atomic
from dnnd_drafter.base.errors import UserDataError, describe_os_error
from dnnd_drafter.store import marks
from dnnd_drafter.model.letter import KINDS
from dnnd_drafter.store.connection import StoreConnection
from dnnd_drafter.store.db import now_text, transaction
from dnnd_drafter.store.drafts import process_alive
from dnnd_drafter.store.fileformats import guard_cell
from dnnd_drafter.store.profiles import Profiles
from dnnd_drafter.model.vietnamese import clean, pad_number

_COLUMNS = ("id, profile_id, kind, number, symbol, date, subject, recipients, signer, file_name, "
            "file_hash, status, cancel_reason, cancelled_at, period_start, period_end, created_at, file_path, "
            "draft_path")
#: This PC, recorded with a number being written into its draft (see ``pending_host``).
HOST = socket.gethostname()
FILE_OK, FILE_CHANGED, FILE_MISSING, FILE_UNKNOWN = "ok", "changed", "missing", ""
CSV_HEADER = ("Số", "Ký hiệu", "Ngày", "Loại văn bản", "Trích yếu", "Nơi nhận", "Người ký",
              "Tệp", "SHA-256", "Trạng thái", "Lý do hủy", "Hồ sơ cơ quan")


@dataclass
class RegisterEntry:
    """Hold one line of the outgoing register."""

    id: int
    profile_id: int
    kind: str
    number: int
    symbol: str
    date: _dt.date
    subject: str = ""
    recipients: list[str] = field(default_factory=list)
    signer: str = ""
    file_name: str = ""
    file_hash: str = ""
    status: str = "issued"
    cancel_reason: str = ""
    cancelled_at: str = ""
    period_start: _dt.date | None = None
    period_end: _dt.date | None = None
    created_at: str = ""
    file_path: str = ""
    draft_path: str = ""

    @property
    def number_text(self) -> str:
        """Return the number as written on the letter (``05``, ``12``)."""
        return pad_number(str(self.number))

    @property
    def label(self) -> str:
        """Return the number with its symbol as written on the letter: ``05/UBND-VP`` (State), ``05-CV/HU`` (Party)."""
        return f"{self.number_text}{'-' if '/' in self.symbol else '/'}{self.symbol}"

    @property
    def cancelled(self) -> bool:
        """Return whether the number was cancelled."""
        return self.status == "cancelled"


def _row(row: tuple[Any, ...]) -> RegisterEntry:
    """Return the RegisterEntry of a row selected with :data:`_COLUMNS`."""
    return RegisterEntry(*row[:5], _dt.date.fromisoformat(row[5]), row[6], json.loads(row[7]), *row[8:14],  # type: ignore[call-arg] # columns in field order
                         _dt.date.fromisoformat(row[14]), _dt.date.fromisoformat(row[15]), row[16], row[17], row[18])


def file_sha256(path: str | Path) -> str:
    """Return the hex SHA-256 of the file at `path`."""
    import hashlib  # only when a register is exported: not at start

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise UserDataError(f"Không đọc được tệp “{path}”: {describe_os_error(exc, path)}.") from exc
    return digest.hexdigest()


def file_state(entry: RegisterEntry) -> str:
    """Return whether the entry's recorded file still matches its hash.

    :data:`FILE_OK`, :data:`FILE_CHANGED`, :data:`FILE_MISSING`, or :data:`FILE_UNKNOWN` when the
    entry records no full path or no hash (entries made before paths were kept).
    """
    if not entry.file_path or not entry.file_hash:
        return FILE_UNKNOWN
    if not Path(entry.file_path).is_file():
        return FILE_MISSING
    try:
        return FILE_OK if file_sha256(entry.file_path) == entry.file_hash else FILE_CHANGED
    except UserDataError:  # there but unreadable: it is not the file that was issued any more
        return FILE_MISSING


class Register:
    """Issue, cancel, list and export register entries."""

    before_export: Callable[[], None] = staticmethod(lambda: None)  # the store refuses an empty stand-in

    def __init__(self, conn: StoreConnection, profiles: Profiles, marks_path: Path | None = None) -> None:
        self._conn = conn
        self._profiles = profiles
        self.marks_path = marks_path

    def get(self, entry_id: int) -> RegisterEntry:
        """Return the register entry `entry_id`."""
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM register_entry WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise UserDataError(f"Không có văn bản số thứ tự {entry_id} trong sổ văn bản đi.")
        return _row(row)

    def next_number(self, profile_id: int, kind: str, on: _dt.date | None = None) -> int:
        """Return the number the next issue would get (a preview; nothing is reserved)."""
        profile = self._profiles.get(profile_id)
        start, _ = profile.numbering_period(on or _dt.date.today())
        return self._max(profile_id, profile.name, kind, start) + 1

    def _max(self, profile_id: int, name: str, kind: str, start: _dt.date) -> int:
        """Return the highest number issued, cancelled or marked in a period, 0 when none."""
        in_register = int(self._conn.execute(
            "SELECT coalesce(max(number), 0) FROM register_entry WHERE profile_id = ? AND kind = ? "
            "AND period_start = ?", (profile_id, kind, start.isoformat())).fetchone()[0])
        kept = marks.read_file(self.marks_path).get((name, kind, start.isoformat()))
        return max(in_register, marks.table_high(self._conn, profile_id, kind, start.isoformat()),
                   kept.high if kept else 0)

    def save_marks(self) -> None:
        """Copy the marks of the database into the marks file beside it (none for the office's server)."""
        if self.marks_path is None:
            return
        marks.write_file(self.marks_path, marks.database_marks(self._conn))

    def issue(self, profile_id: int, kind: str, on: _dt.date | None = None, subject: str = "",
              recipients: Iterable[str] = (), signer: str = "", file_name: str = "",
              symbol: str | None = None, unit: str | None = None,
              before_commit: Callable[[RegisterEntry], None] | None = None,
              draft_path: str | Path | None = None) -> RegisterEntry:
        """Issue the next free number and record the letter in one transaction.

        `symbol` defaults to the profile's symbol for `kind` (and `unit`). `before_commit`
        runs inside the transaction with the new entry; if it raises, nothing is recorded.
        With `draft_path` the entry records the draft file and stays pending until
        :func:`~dnnd_drafter.store.issued_drafts.write_number` has written the number into it.
        """
        if kind not in KINDS:
            raise UserDataError(f"Loại văn bản “{kind}” không hợp lệ; dùng một trong: "
                                + ", ".join(KINDS) + ".", field="kind")
        on = on or _dt.date.today()
        with transaction(self._conn):
            profile = self._profiles.get(profile_id)
            start, end = profile.numbering_period(on)
            if draft_path and any(pid != os.getpid() and process_alive(pid) for (pid,) in self._conn.execute(
                    "SELECT pending_pid FROM register_entry WHERE draft_path = ? AND pending_pid != 0 "
                    "AND pending_host IN ('', ?)", (str(draft_path), HOST))):
                raise UserDataError(f"Bản thảo “{Path(draft_path).name}” đang được cấp số ở một cửa sổ khác; "
                                    "hãy đợi xong rồi xem lại số trong tệp.")
            number = self._max(profile_id, profile.name, kind, start) + 1
            sym = clean(symbol) if symbol else profile.symbol_for(kind, unit)
            lines = [t for t in (clean(r) for r in recipients) if t]
            cur = self._conn.execute(
                "INSERT INTO register_entry (profile_id, kind, period_start, period_end, number, symbol, "
                "date, subject, recipients, signer, file_name, created_at, draft_path, pending_pid, pending_host) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (profile_id, kind, start.isoformat(), end.isoformat(), number, sym, on.isoformat(),
                 clean(subject, multiline=True), json.dumps(lines, ensure_ascii=False), clean(signer),
                 file_name, now_text(), str(draft_path or ""), os.getpid() if draft_path else 0,
                 HOST if draft_path else ""))
            marks.raise_mark(self._conn, profile_id, kind, start.isoformat(), number)
            entry = self.get(cur.lastrowid or 0)
            if before_commit is not None:
                before_commit(entry)
        if not draft_path:  # a draft's number goes into the marks file once it is in the draft
            self.save_marks()
        return entry

    def withdraw(self, entry: RegisterEntry) -> None:
        """Take back a pending number that never reached its file (writing it failed cleanly).

        The entry is deleted and the mark put back, so the next issue gets the same number;
        a number issued after it meanwhile keeps its place (this one then stays a gap).
        """
        key = (entry.profile_id, entry.kind, entry.period_start.isoformat())  # type: ignore[union-attr] # set on issue
        with transaction(self._conn):
            self._conn.execute("DELETE FROM register_entry WHERE id = ? AND pending_pid != 0", (entry.id,))
            lowered = self._conn.execute("DELETE FROM number_mark WHERE profile_id = ? AND kind = ? AND "
                                         "period_start = ? AND high = ?", (*key, entry.number)).rowcount
            if lowered and entry.number > 1:
                marks.raise_mark(self._conn, *key, entry.number - 1)

    def pending(self) -> list[tuple[int, int]]:
        """Return (entry id, issuing process id) of the entries of this PC whose number is not yet in their file."""
        return self._conn.execute("SELECT id, pending_pid FROM register_entry WHERE pending_pid != 0 "
                                  "AND pending_host IN ('', ?)", (HOST,)).fetchall()

    def entry_for_draft(self, path: str | Path) -> RegisterEntry | None:
        """Return the newest issued (not cancelled) entry recorded for the draft file at `path`."""
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM register_entry WHERE draft_path = ? AND status = 'issued' "
            "ORDER BY id DESC LIMIT 1", (str(Path(path).resolve()),)).fetchone()
        return _row(row) if row else None

    def attach_file(self, entry_id: int, path: str | Path | None = None, file_hash: str | None = None,
                    file_name: str | None = None) -> RegisterEntry:
        """Record the issued file of an entry: its name, full path and SHA-256 (read from `path` if given).

        The entry stops being pending (its number is in its file).
        """
        file_path = None
        if path is not None:
            file_hash = file_hash or file_sha256(path)
            file_name = file_name or Path(path).name
            file_path = str(Path(path).resolve())
        with transaction(self._conn):
            entry = self.get(entry_id)
            self._conn.execute("UPDATE register_entry SET file_hash = ?, file_name = ?, file_path = ?, pending_pid = 0 "
                               "WHERE id = ?", (file_hash or entry.file_hash, file_name or entry.file_name,
                                                file_path or entry.file_path, entry_id))
        return self.get(entry_id)

    def entries_for_file(self, path: str | Path) -> list[RegisterEntry]:
        """Return the issued (not cancelled) entries whose recorded file is `path`."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM register_entry WHERE file_path = ? "
                                  "AND status = 'issued' ORDER BY id", (str(Path(path).resolve()),))
        return [_row(r) for r in rows]

    def cancel(self, entry_id: int, reason: str) -> RegisterEntry:
        """Cancel an issued number with a reason; the number is never reused."""
        reason = clean(reason, multiline=True)
        if not reason:
            raise UserDataError("Cần ghi lý do hủy số văn bản.", field="reason")
        with transaction(self._conn):
            entry = self.get(entry_id)
            if entry.cancelled:
                raise UserDataError(f"Số {entry.number_text}/{entry.symbol} đã bị hủy trước đó.")
            self._conn.execute("UPDATE register_entry SET status = 'cancelled', cancel_reason = ?, "
                               "cancelled_at = ?, pending_pid = 0 WHERE id = ?", (reason, now_text(), entry_id))
        return self.get(entry_id)

    def entries(self, year: int | None = None, profile_id: int | None = None,
                kind: str | None = None) -> list[RegisterEntry]:
        """Return entries by date and number, filtered by calendar year, profile and kind."""
        where, params = ["1 = 1"], list[object]()
        if year is not None:
            where.append("date BETWEEN ? AND ?")
            params += [f"{year:04d}-01-01", f"{year:04d}-12-31"]
        if profile_id is not None:
            where.append("profile_id = ?")
            params.append(profile_id)
        if kind is not None:
            where.append("kind = ?")
            params.append(kind)
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM register_entry WHERE {' AND '.join(where)} "
                                  "ORDER BY date, profile_id, kind, number", params)
        return [_row(r) for r in rows]

    def years(self, profile_id: int | None = None) -> list[int]:
        """Return the years that have an entry (of `profile_id`, None: any), newest first.

        One step back through the date index per year, never a scan of the register.
        """
        where, params = (" AND +profile_id = ?", [profile_id]) if profile_id is not None else ("", [])
        years: list[int] = []
        before = "9999-99-99"
        while True:
            last = self._conn.execute(f"SELECT max(date) FROM register_entry WHERE date < ?{where}",
                                      [before, *params]).fetchone()[0]
            if last is None:
                return years
            years.append(int(last[:4]))
            before = f"{last[:4]}-00-00"

    def entry_ids(self, year: int, profile_id: int | None = None) -> list[int]:
        """Return the ids of the entries of `year` (and `profile_id`) in the order :meth:`entries` gives."""
        where, params = "date BETWEEN ? AND ?", list[object]([f"{year:04d}-01-01", f"{year:04d}-12-31"])
        if profile_id is not None:
            where, params = where + " AND +profile_id = ?", params + [profile_id]
        return [r[0] for r in self._conn.execute(
            f"SELECT id FROM register_entry WHERE {where} ORDER BY date, profile_id, kind, number", params)]

    def entries_by_id(self, ids: Iterable[int]) -> dict[int, RegisterEntry]:
        """Return the entries with `ids` (those that still exist), by id."""
        ids = list(ids)
        marks = ",".join("?" * len(ids))
        return {r[0]: _row(r) for r in self._conn.execute(
            f"SELECT {_COLUMNS} FROM register_entry WHERE id IN ({marks})", ids)} if ids else {}

    def cancelled_count(self, year: int, profile_id: int | None = None) -> int:
        """Return how many entries of `year` (and `profile_id`) are cancelled."""
        where = "date BETWEEN ? AND ? AND status = 'cancelled'"
        params = list[object]([f"{year:04d}-01-01", f"{year:04d}-12-31"])
        if profile_id is not None:
            where, params = where + " AND +profile_id = ?", params + [profile_id]
        return int(self._conn.execute(f"SELECT count(*) FROM register_entry WHERE {where}", params).fetchone()[0])

    def csv_text(self, year: int | None = None, profile_id: int | None = None) -> str:
        """Return the register as CSV text (header in Vietnamese) for Excel.

        Cells a spreadsheet would run as formulas get a ``'`` in front (see ``guard_cell``).
        """
        names = {p.id: p.name for p in self._profiles.all()}
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(CSV_HEADER)
        for e in self.entries(year, profile_id):
            cells = [e.number_text, e.symbol, e.date.strftime("%d/%m/%Y"), KINDS.get(e.kind, e.kind),
                     e.subject, "\n".join(e.recipients), e.signer, e.file_name, e.file_hash,
                     "Đã hủy" if e.cancelled else "Đã cấp", e.cancel_reason, names.get(e.profile_id, "")]
            writer.writerow(guard_cell(cell) for cell in cells)
        return buffer.getvalue()

    def export_csv(self, path: str | Path, year: int | None = None, profile_id: int | None = None) -> Path:
        """Write the register to a UTF-8 CSV with BOM (opens right in Excel); return the path."""
        self.before_export()
        return atomic.write_bytes(path, self.csv_text(year, profile_id).encode("utf-8-sig"))
