"""Restore a backup as data only: the app's own tables and rows, checked, never lowering a number.

1. The backup is copied to a private folder and only read: its rows are copied, table by table
   with explicit column lists, into a fresh database built by the app's own migrations (at the
   backup's schema version, then upgraded). Triggers, views and any other object of the backup
   never come in; a missing table or column refuses the file.
2. Every row is checked (:mod:`dnnd_drafter.store.restore_rows`); the first bad one is named
   and nothing changes.
3. The current data is copied to ``backups/truoc-khoi-phuc-….sqlite3``; then, in one
   transaction on the open database, every table is emptied and filled from the checked copy,
   and the number marks are set to the highest of the current ones, the marks file and the
   backup (:mod:`dnnd_drafter.store.marks`), so no number issued since the backup is handed
   out again. A backup older than the newest number is refused unless forced.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import marks
from dnnd_drafter.store.db import MIGRATIONS, SCHEMA_VERSION, backup_dir, connect, copy_database, migrate, \
    stamp, transaction, user_version
from dnnd_drafter.store.recovery import Unusable, reason_of, verify
from dnnd_drafter.store.restore_rows import app_tables, columns, first_bad_row

TEXT = {
    "missing": "Không tìm thấy tệp sao lưu “{source}”.",
    "unreadable": "Không đọc được tệp sao lưu “{source}”: {reason}.",
    "newer": "Bản sao lưu “{source}” do phiên bản DNND Drafter mới hơn tạo ra (lược đồ {version}); hãy cập "
             "nhật chương trình trước khi khôi phục.",
    "invalid": "Tệp “{source}” không phải bản sao lưu hợp lệ của DNND Drafter ({reason}); dữ liệu hiện có "
               "không thay đổi.",
    "bad_row": "Không khôi phục tệp “{source}”: {row}. Dữ liệu hiện có không thay đổi.",
    "no_table": "thiếu bảng “{table}”",
    "no_column": "bảng “{table}” thiếu cột “{column}”",
    "empty": "tệp trống",
    "constraint": "giá trị không hợp lệ",
    "dangling": "trỏ tới một dòng không có trong bảng “{parent}”",
    "older": "Bản sao lưu “{source}” cũ hơn số văn bản mới nhất: số {label} của hồ sơ “{profile}” đã "
             "được cấp sau thời điểm sao lưu. Khôi phục sẽ bỏ khỏi sổ những văn bản ghi sau thời điểm đó "
             "(các số đã cấp vẫn không bị cấp lại).",
}


class _BadRow(Exception):
    """Signal a row of the backup that the app's schema refuses."""


class OlderBackupError(UserDataError):
    """Refuse a backup older than the newest number issued; `newest` names that number."""

    def __init__(self, message: str, newest: str) -> None:
        super().__init__(message)
        self.newest = newest


def _rebuild(src: sqlite3.Connection, target: Path, version: int) -> sqlite3.Connection:
    """Return a fresh database at `target` holding the rows of `src`, upgraded to the current schema."""
    fresh = connect(target)
    try:
        for step in MIGRATIONS[:version]:
            step(fresh)
        fresh.execute(f"PRAGMA user_version = {version}")
        with transaction(fresh):
            fresh.execute("PRAGMA defer_foreign_keys = ON")
            stored = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in app_tables(fresh):
                have = {c[0] for c in columns(src, table)} if table in stored else set()
                if not have:
                    raise Unusable(TEXT["no_table"].format(table=table))
                wanted = columns(fresh, table)
                names = [c[0] for c in wanted]
                for name in names:
                    if name not in have:
                        raise Unusable(TEXT["no_column"].format(table=table, column=name))
                listed = ", ".join(f'"{n}"' for n in names)
                slots = ", ".join("?" for _ in names)
                keys = [i for i, c in enumerate(wanted) if c[3]]
                for row in src.execute(f'SELECT {listed} FROM main."{table}"'):
                    try:
                        fresh.execute(f'INSERT INTO "{table}" ({listed}) VALUES ({slots})', row)
                    except sqlite3.IntegrityError as exc:
                        where = ", ".join(f"{names[i]} = {row[i]!r}" for i in keys)
                        raise _BadRow(f"bảng “{table}”, dòng {where}: {TEXT['constraint']} ({exc})") from exc
            broken = fresh.execute("PRAGMA foreign_key_check").fetchone()
            if broken is not None:
                raise _BadRow(f"bảng “{broken[0]}”, dòng rowid = {broken[1]}: "
                              + TEXT["dangling"].format(parent=broken[2]))
        migrate(fresh, None)
    except BaseException:
        fresh.close()
        raise
    return fresh


def _checked_copy(source: Path, folder: Path) -> Path:
    """Return a fresh database in `folder` with the checked rows of the backup `source`."""
    if not source.is_file():
        raise UserDataError(TEXT["missing"].format(source=source))
    raw = folder / "backup.sqlite3"
    try:
        shutil.copyfile(source, raw)
        if Path(f"{source}-wal").is_file():
            shutil.copyfile(f"{source}-wal", f"{raw}-wal")
    except OSError as exc:
        raise UserDataError(TEXT["unreadable"].format(source=source, reason=exc.strerror or exc)) from exc
    built = folder / "checked.sqlite3"
    src = sqlite3.connect(os.fspath(raw), isolation_level=None)
    try:
        verify(src)
        version = user_version(src)
        if version > SCHEMA_VERSION:
            raise UserDataError(TEXT["newer"].format(source=source, version=version))
        if version == 0:
            raise Unusable(TEXT["empty"])
        fresh = _rebuild(src, built, version)
    except _BadRow as exc:
        raise UserDataError(TEXT["bad_row"].format(source=source, row=str(exc))) from exc
    except (Unusable, sqlite3.DatabaseError) as exc:
        reason = reason_of(exc) if isinstance(exc, sqlite3.Error) else str(exc)
        raise UserDataError(TEXT["invalid"].format(source=source, reason=reason)) from exc
    finally:
        src.close()
    try:
        bad = first_bad_row(fresh)
    finally:
        fresh.close()
    if bad:
        raise UserDataError(TEXT["bad_row"].format(source=source, row=bad))
    return built


def _replace_content(conn: sqlite3.Connection, built: Path, kept: marks.Marks) -> marks.Marks:
    """Replace every table of `conn` by the rows of `built` in one transaction; return the marks."""
    conn.execute("ATTACH DATABASE ? AS restored", (os.fspath(built),))
    try:
        with transaction(conn):
            conn.execute("PRAGMA defer_foreign_keys = ON")
            highest = marks.merge(kept, marks.database_marks(conn), marks.database_marks(conn, "restored"))
            ours = {r[0] for r in conn.execute("SELECT name FROM restored.sqlite_master")}
            for kind, name in conn.execute("SELECT type, name FROM main.sqlite_master WHERE name NOT LIKE "
                                           "'sqlite_%' AND type IN ('trigger', 'view')").fetchall():
                if name not in ours:  # left by an older version's restore: never run it again
                    conn.execute(f'DROP {kind.upper()} IF EXISTS main."{name}"')
            # the tables the app's migrations make; not the address-book index's change log
            # (store/search_index.py), which the index makes itself and reads again after a restore
            tables = [t for t in app_tables(conn) if t in ours]
            for table in reversed(tables):
                conn.execute(f'DELETE FROM main."{table}"')
            for table in tables:
                listed = ", ".join(f'"{c[0]}"' for c in columns(conn, table))
                conn.execute(f'INSERT INTO main."{table}" ({listed}) SELECT {listed} FROM restored."{table}"')
            marks.apply(conn, highest)
    finally:
        conn.execute("DETACH DATABASE restored")
    return highest


def restore_into(conn: sqlite3.Connection, db_path: Path | None, source: Path, force: bool = False) -> Path | None:
    """Replace the data of `conn` with the backup `source`; return the safety copy (see the module doc)."""
    source = Path(source)
    marks_path = marks.marks_file(db_path) if db_path is not None else None
    safety: Path | None = None
    with tempfile.TemporaryDirectory(prefix="dnnd-restore-") as tmpdir:
        built = _checked_copy(source, Path(tmpdir))
        kept = marks.read_file(marks_path)
        checked = sqlite3.connect(os.fspath(built))
        try:
            newest = marks.newest_lost(marks.merge(kept, marks.database_marks(conn)),
                                       marks.database_marks(checked))
        finally:
            checked.close()
        if newest is not None and not force:
            label = newest.label or f"{newest.high:02d}"
            raise OlderBackupError(TEXT["older"].format(source=source, label=label, profile=newest.profile),
                                   f"{label} ({newest.profile})")
        if db_path is not None:
            safety = copy_database(conn, backup_dir(db_path) / f"truoc-khoi-phuc-{stamp()}.sqlite3")
        highest = _replace_content(conn, built, kept)
    marks.write_file(marks_path, highest)
    return safety
