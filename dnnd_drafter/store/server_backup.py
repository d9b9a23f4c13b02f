"""Move data between this PC's SQLite file and the office's server: backup down, upload up.

``data backup`` on a server store writes the app's usual backup file (an SQLite database at the
current schema version, restorable with ``data restore`` into a local store): the shared tables
come from one snapshot of the server, the drafts from this PC. ``server upload`` moves a PC's
local profiles, signers, address book, lists and register up to the server in one transaction,
with new ids; anything that would collide with what the server already holds (a profile or list
of the same name, an address-book entry with the same code) is listed and nothing is written, or,
with ``--skip-collisions``, left out (with what hangs on it) and listed while the rest goes up.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.db import migrate, transaction, write_backup_file

if TYPE_CHECKING:
    from dnnd_drafter.store import Store

#: The tables kept on the server, parents before children.
SHARED_TABLES = ("profile", "signer", "recipient", "recipient_list", "recipient_list_item", "register_entry",
                 "number_mark")
#: The tables that stay on each PC.
LOCAL_TABLES = ("autosave", "recent_draft")
SHOWN = 10  # collisions named per kind in the report
TEXT = {
    "no_restore": "Dữ liệu đang nằm trên máy chủ của cơ quan nên không khôi phục đè từ tệp sao lưu được (sẽ "
                  "ghi đè dữ liệu của mọi máy). Hãy nhờ người quản trị khôi phục bằng pg_restore (xem "
                  "docs/server.md), hoặc khôi phục tệp vào kho dữ liệu trên máy này rồi dùng “dnnd-drafter "
                  "server upload”.",
    "collide": "Không chuyển dữ liệu lên máy chủ: {count} mục trùng với dữ liệu đã có trên máy chủ, chưa có gì "
               "được ghi.\n{lines}\nHãy đổi tên (hoặc xóa) các mục đó ở một bên rồi chạy lại; sổ địa chỉ có thể "
               "gộp bằng “dnnd-drafter data export” trên máy này rồi “data import” khi đã trỏ vào máy chủ.",
    "profile": "Hồ sơ cơ quan “{}” đã có trên máy chủ",
    "recipient": "Địa chỉ “{}” (mã {}) đã có trên máy chủ",
    "list": "Danh sách nơi nhận “{}” đã có trên máy chủ",
    "more": "… và {} mục khác",
    "skipped": "Bỏ qua {count} mục trùng với dữ liệu đã có trên máy chủ (không chuyển lên):\n{lines}",
    "skipped_with": "Cùng các hồ sơ bị bỏ qua, không chuyển {signers} người ký và {entries} số trong sổ văn bản "
                    "đi của máy này; danh sách bỏ qua không mang theo mục nào. Địa chỉ trùng mã là cùng một "
                    "địa chỉ: danh sách chuyển lên dùng địa chỉ đã có trên máy chủ.",
}


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """Return the column names of `table` in an SQLite database of the app."""
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def _copy_rows(source: Any, dest: sqlite3.Connection, table: str) -> None:
    """Copy every row of `table` from `source` (server or SQLite) into `dest` with its columns."""
    cols = _columns(dest, table)
    names = ", ".join(cols)
    rows = source.execute(f"SELECT {names} FROM {table}").fetchall()
    dest.executemany(f"INSERT INTO {table} ({names}) VALUES ({','.join('?' * len(cols))})", rows)


def backup_server(store: Store, target: Path) -> Path:
    """Write the server's shared data and this PC's drafts to one backup file at `target`; return it."""
    def fill(dest: sqlite3.Connection) -> None:
        """Put the schema, the server's shared rows and this PC's drafts into the new file."""
        migrate(dest, None)
        with transaction(dest):
            with transaction(store.conn, immediate=False):  # one snapshot of the server
                for table in SHARED_TABLES:
                    _copy_rows(store.conn, dest, table)
            for table in LOCAL_TABLES:
                _copy_rows(store.local_conn, dest, table)

    return write_backup_file(target, fill)


@dataclass
class UploadReport:
    """Count what an upload moved to the server."""

    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # the collisions left out (with --skip-collisions)
    left_with: dict[str, int] = field(default_factory=dict)  # rows left out with a skipped profile

    def summary(self) -> str:
        """Return a Vietnamese summary: what moved, then what was left out."""
        c = self.counts
        text = (f"Hồ sơ cơ quan: {c.get('profile', 0)}, người ký: {c.get('signer', 0)}, sổ địa chỉ: "
                f"{c.get('recipient', 0)}, danh sách nơi nhận: {c.get('recipient_list', 0)}, sổ văn bản đi: "
                f"{c.get('register_entry', 0)}.")
        if self.skipped:
            text += "\n" + TEXT["skipped"].format(count=len(self.skipped), lines=_lines(self.skipped))
            text += "\n" + TEXT["skipped_with"].format(signers=self.left_with.get("signer", 0),
                                                       entries=self.left_with.get("register_entry", 0))
        return text


def _lines(items: list[str]) -> str:
    """Return `items` as a bulleted list, at most SHOWN * 3 of them."""
    shown = items[:SHOWN * 3] + ([TEXT["more"].format(len(items) - SHOWN * 3)] if len(items) > SHOWN * 3 else [])
    return "\n".join(f"- {x}" for x in shown)


@dataclass
class _Clashes:
    """Say which local rows collide with the server's data (local ids), in the clerk's words."""

    lines: list[str] = field(default_factory=list)
    profiles: set[int] = field(default_factory=set)
    recipients: dict[int, int] = field(default_factory=dict)  # local id -> the server's entry with that code
    lists: set[int] = field(default_factory=set)


def _clashes(local: sqlite3.Connection, server: Any) -> _Clashes:
    """Return the local rows that would collide with the server's data."""
    found = _Clashes()
    names = {r[0] for r in server.execute("SELECT name FROM profile")}
    for pid, name in local.execute("SELECT id, name FROM profile ORDER BY name"):
        if name in names:
            found.lines.append(TEXT["profile"].format(name))
            found.profiles.add(pid)
    uids = dict(server.execute("SELECT uid, id FROM recipient").fetchall())
    for rid, name, uid in local.execute("SELECT id, name, uid FROM recipient ORDER BY id"):
        if uid in uids:
            found.lines.append(TEXT["recipient"].format(name, uid))
            found.recipients[rid] = uids[uid]
    lists = {r[0] for r in server.execute("SELECT name FROM recipient_list")} | \
        {r[0] for r in server.execute("SELECT uid FROM recipient_list")}
    for lid, name, uid in local.execute("SELECT id, name, uid FROM recipient_list ORDER BY name"):
        if name in lists or uid in lists:
            found.lines.append(TEXT["list"].format(name))
            found.lists.add(lid)
    return found


def collisions(local: sqlite3.Connection, server: Any) -> list[str]:
    """Return a Vietnamese line for each local row that would collide with the server's data."""
    return _clashes(local, server).lines


def _insert(server: Any, table: str, row: dict[str, Any]) -> int | None:
    """Insert `row` into `table` on the server; return the new id (None for tables without one)."""
    names = list(row)
    cur = server.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({','.join('?' * len(names))})",
                         [row[n] for n in names])
    return None if cur.lastrowid is None else int(cur.lastrowid)


def _rows(local: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    """Return the rows of a local table as dicts, in id (or key) order."""
    cols = _columns(local, table)
    order = "id" if "id" in cols else ", ".join(cols[:2])
    return [dict(zip(cols, r)) for r in local.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}")]


def upload(local: sqlite3.Connection, server: Any, skip_collisions: bool = False) -> UploadReport:
    """Copy the shared data of the local database `local` to `server` in one transaction.

    Raises UserDataError listing what would collide, and writes nothing, when the server
    already holds a profile or list of the same name or an address-book entry with the same code.
    With `skip_collisions` those are left out and listed in the report (a profile with its signers
    and register entries, a list with its items; a list going up uses the server's entry of the
    same code), and everything else goes up, still in one transaction.
    """
    report = UploadReport()
    with transaction(server):
        clashes = _clashes(local, server)
        if clashes.lines and not skip_collisions:
            raise UserDataError(TEXT["collide"].format(count=len(clashes.lines), lines=_lines(clashes.lines)))
        report.skipped = clashes.lines
        ids: dict[str, dict[int, int]] = {"profile": {}, "recipient": dict(clashes.recipients), "recipient_list": {}}
        successors: list[tuple[int, int]] = []
        for table in SHARED_TABLES:
            for row in _rows(local, table):
                old_id = row.pop("id", None)
                if _left_out(table, old_id, row, clashes):
                    if table in ("signer", "register_entry"):
                        report.left_with[table] = report.left_with.get(table, 0) + 1
                    continue
                if table == "number_mark" and row["profile_id"] not in ids["profile"]:
                    continue  # the mark of a profile deleted since: nothing to number any more
                if table in ("signer", "register_entry", "number_mark"):
                    row["profile_id"] = ids["profile"][row["profile_id"]]
                elif table == "recipient" and row.get("replaced_by") is not None:
                    successors.append((old_id, row["replaced_by"]))
                    row["replaced_by"] = None
                elif table == "recipient_list_item":
                    row["list_id"] = ids["recipient_list"][row["list_id"]]
                    row["recipient_id"] = ids["recipient"][row["recipient_id"]]
                new_id = _insert(server, table, row)
                if table in ids and old_id is not None and new_id is not None:
                    ids[table][old_id] = new_id
                report.counts[table] = report.counts.get(table, 0) + 1
        for old_id, successor in successors:
            server.execute("UPDATE recipient SET replaced_by = ? WHERE id = ?",
                           (ids["recipient"].get(successor), ids["recipient"][old_id]))
    return report


def _left_out(table: str, old_id: int | None, row: dict[str, Any], clashes: _Clashes) -> bool:
    """Return whether a local row stays behind because it, or what it belongs to, collides."""
    if table == "profile":
        return old_id in clashes.profiles
    if table in ("signer", "register_entry", "number_mark"):
        return row["profile_id"] in clashes.profiles
    if table == "recipient":
        return old_id in clashes.recipients
    if table == "recipient_list":
        return old_id in clashes.lists
    if table == "recipient_list_item":
        return row["list_id"] in clashes.lists
    return False
