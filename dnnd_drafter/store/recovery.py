"""Open the database so that a corrupt or unreadable file never stops the app.

A file that SQLite cannot read, that fails ``PRAGMA quick_check`` or that is not ours is moved
aside with a date in its name (``dnnd-drafter.hong-2024-05-01_153012.sqlite3``), the app
starts on a fresh database, and a Vietnamese notice says where the old file went and which
backup can be restored. Backups (automatic, before migration, before restore) live in the
``backups`` folder beside the database.
"""

from __future__ import annotations

import datetime as _dt
import logging
import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

from dnnd_drafter.base.errors import UserDataError, file_failure_message
from dnnd_drafter.store.db import (APPLICATION_ID, BACKUP_DIR_NAME, SCHEMA_VERSION, backup_dir, connect,
                                   connect_read_only, copy_database, migrate, stamp, storage_error,
                                   user_version)
from dnnd_drafter.files.tempfiles import clean_stale
from dnnd_drafter.base import early_check

_LOG = logging.getLogger(__name__)
#: The only SQLite errors that mean a damaged file (SQLITE_CORRUPT, SQLITE_NOTADB).
_DAMAGED_CODES = (11, 26)
AUTO_PREFIX = "tu-dong-"
AUTO_KEEP = 7
AUTO_MAX_AGE = _dt.timedelta(hours=20)


class Unusable(Exception):
    """Signal a database file that cannot be used (corrupt, unreadable or not ours)."""


class Opened(NamedTuple):
    """Hold a usable connection and what happened while opening it."""

    conn: sqlite3.Connection
    path: Path
    recovery_notice: str | None = None
    moved_to: Path | None = None
    latest_backup: Path | None = None
    migration_copy: Path | None = None
    in_memory: bool = False
    read_only: bool = False


_REASONS = {11: "tệp bị hỏng", 26: "tệp không phải cơ sở dữ liệu SQLite", 14: "không mở được tệp",
            10: "lỗi đọc ghi ổ đĩa", 3: "không có quyền đọc ghi tệp", 23: "không có quyền đọc ghi tệp",
            8: "tệp chỉ cho phép đọc"}


def reason_of(exc: sqlite3.Error) -> str:
    """Return a short Vietnamese reason for an SQLite error."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    return _REASONS.get(code, f"lỗi SQLite: {exc}")


def _classify(exc: sqlite3.Error, path: Path) -> Exception:
    """Return the exception to raise for an SQLite error met while opening `path`.

    Only a damaged file is :class:`Unusable` (moved aside); a full disk, a lock, missing rights
    or an I/O error leave the file where it is and say what to do.
    """
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in _DAMAGED_CODES:
        return Unusable(reason_of(exc))
    return storage_error(exc, path) or UserDataError(
        f"Không mở được cơ sở dữ liệu “{path}” ({exc}); tệp được giữ nguyên. Hãy thử lại.")


def verify(conn: sqlite3.Connection, checked: bool = False) -> None:
    """Raise :class:`Unusable` unless `conn` holds an intact DNND Drafter database (or none).

    `checked`: ``PRAGMA quick_check`` already passed on this very file as it is now
    (:mod:`dnnd_drafter.base.early_check`), so it is not run again.
    """
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    if app_id not in (0, APPLICATION_ID) or (user_version(conn) == 0 and tables):
        raise Unusable("không phải cơ sở dữ liệu của DNND Drafter")
    if checked:
        return
    rows = conn.execute("PRAGMA quick_check").fetchall()
    if rows != [("ok",)]:
        raise Unusable(f"tệp bị hỏng ({rows[0][0] if rows else 'không rõ'})")


def _open_checked(path: Path, read_only: bool = False) -> tuple[sqlite3.Connection, Path | None]:
    """Return a verified, migrated connection to `path` and the pre-migration copy, if any."""
    try:
        conn = connect_read_only(path) if read_only else connect(path)
    except sqlite3.Error as exc:
        raise _classify(exc, path) from exc
    except UnicodeDecodeError as exc:  # SQLite's message quotes a smashed schema page
        raise Unusable(_REASONS[11]) from exc
    try:
        verify(conn, early_check.passed(path))
        if read_only and user_version(conn) != SCHEMA_VERSION:
            raise UserDataError(f"Cơ sở dữ liệu “{path}” cần được nâng cấp lên phiên bản mới nhưng thư mục "
                                "chỉ cho phép đọc. Hãy chép thư mục dữ liệu sang nơi ghi được rồi mở lại.")
        copy = None if read_only else migrate(conn, path)
    except sqlite3.Error as exc:
        conn.close()
        raise _classify(exc, path) from exc
    except UnicodeDecodeError as exc:
        conn.close()
        raise Unusable(_REASONS[11]) from exc
    except BaseException:
        conn.close()
        raise
    return conn, copy


def _move_aside(path: Path) -> Path | None:
    """Rename `path` (and its WAL) to a dated name beside it; return the new path or None."""
    if not path.exists():
        return None
    base = f"{path.stem}.hong-{stamp()}"
    target = path.with_name(f"{base}{path.suffix}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{base}-{counter}{path.suffix}")
    try:
        os.replace(path, target)
    except OSError:
        _LOG.exception("could not move the unusable database %s aside", path)
        return None
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(f"{path}{suffix}")
        if side.exists():
            try:
                os.replace(side, Path(f"{target}{suffix}"))
            except OSError:
                _LOG.warning("could not move %s aside", side)
    return target


def _is_good_backup(candidate: Path) -> bool:
    """Return whether `candidate` opens read-only and passes the checks."""
    try:
        conn = sqlite3.connect(f"{candidate.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        verify(conn)
        return 0 < user_version(conn) <= SCHEMA_VERSION
    except (sqlite3.Error, Unusable):
        return False
    finally:
        conn.close()


def find_latest_backup(db_path: Path) -> Path | None:
    """Return the newest intact backup of the database at `db_path`, or None."""
    folder = Path(db_path).parent / BACKUP_DIR_NAME
    try:
        candidates = sorted(folder.glob("*.sqlite3"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return None
    return next((c for c in candidates if _is_good_backup(c)), None)


def _when(path: Path) -> str:
    """Return the modification time of `path` as ``HH:MM ngày DD/MM/YYYY``."""
    moment = _dt.datetime.fromtimestamp(path.stat().st_mtime)
    return moment.strftime("%H:%M ngày %d/%m/%Y")


def _notice(path: Path, reason: str, moved: Path | None, backup: Path | None, in_memory: bool) -> str:
    """Return the Vietnamese message telling the user what recovery did."""
    parts = [f"Không dùng được cơ sở dữ liệu “{path}” ({reason})."]
    if moved is not None:
        parts.append(f"Tệp cũ đã được chuyển sang “{moved}” để không mất gì.")
    else:
        parts.append("Không chuyển được tệp cũ sang chỗ khác.")
    if in_memory:
        parts.append("Chương trình chạy tạm với dữ liệu trống; những gì bạn nhập lần này sẽ "
                     "không được lưu lại. Hãy kiểm tra quyền ghi của thư mục dữ liệu.")
    else:
        parts.append("Chương trình đã bắt đầu với một cơ sở dữ liệu mới, còn trống.")
    if backup is not None:
        parts.append(f"Bản sao lưu gần nhất là “{backup}” (lúc {_when(backup)}); "
                     "bạn có thể khôi phục dữ liệu từ bản này.")
    else:
        parts.append("Không tìm thấy bản sao lưu nào để khôi phục.")
    return " ".join(parts)


def _cannot_write(path: Path) -> bool:
    """Return whether the database at `path` or its folder exists but cannot be written."""
    folder = path.parent
    if not folder.is_dir():
        return False
    return not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK))


def open_database(path: Path, auto_backup: bool = True) -> Opened:
    """Open the database at `path`, recovering from a corrupt file; see the module doc.

    In a folder that cannot be written (a locked USB stick, a read-only share) the database is
    opened read-only: reading, listing and exporting elsewhere work, saving says why it cannot.
    """
    path = Path(path)
    if _cannot_write(path):
        return _open_read_only(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserDataError(file_failure_message(exc, path.parent, noun="thư mục dữ liệu")) from exc
    clean_stale(path.parent)
    clean_stale(path.parent / BACKUP_DIR_NAME)
    try:
        conn, copy = _open_checked(path)
    except Unusable as exc:
        return _recover(path, str(exc))
    if auto_backup:
        take_auto_backup(conn, path)
    return Opened(conn, path, migration_copy=copy)


def _open_read_only(path: Path) -> Opened:
    """Open the database in a folder we cannot write, read-only, never moving anything."""
    if not path.exists():
        raise UserDataError(f"Thư mục dữ liệu “{path.parent}” chỉ cho phép đọc và chưa có cơ sở dữ liệu. "
                            "Hãy chọn thư mục ghi được (biến DNND_DRAFTER_HOME) rồi thử lại.")
    try:
        conn, _ = _open_checked(path, read_only=True)
    except Unusable as exc:
        raise UserDataError(f"Cơ sở dữ liệu “{path}” không dùng được ({exc}) và thư mục chỉ cho phép đọc "
                            "nên không xử lý được. Hãy chép thư mục dữ liệu sang nơi ghi được rồi mở lại.") from exc
    return Opened(conn, path, read_only=True)


def _recover(path: Path, reason: str) -> Opened:
    """Move the unusable file aside and return a fresh database with the notice."""
    _LOG.warning("database %s unusable (%s); starting a fresh one", path, reason)
    moved = _move_aside(path)
    latest = find_latest_backup(path)
    conn: sqlite3.Connection | None = None
    if moved is not None or not path.exists():
        try:
            conn, _ = _open_checked(path)
        except (Unusable, UserDataError):
            conn = None
    in_memory = conn is None
    if conn is None:
        conn = connect(":memory:")
        migrate(conn, None)
    notice = _notice(path, reason, moved, latest, in_memory)
    return Opened(conn, path, recovery_notice=notice, moved_to=moved, latest_backup=latest,
                  in_memory=in_memory)


def has_data(conn: sqlite3.Connection) -> bool:
    """Return whether the database holds anything worth a backup."""
    return any(conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
               for table in ("profile", "recipient", "recipient_list", "register_entry"))


def take_auto_backup(conn: sqlite3.Connection, db_path: Path) -> Path | None:
    """Copy the database to ``backups/tu-dong-….sqlite3`` when the last copy is old; keep 7."""
    try:
        folder = backup_dir(db_path)
        autos = sorted(folder.glob(f"{AUTO_PREFIX}*.sqlite3"), key=lambda p: p.stat().st_mtime)
        if autos and _dt.datetime.now().timestamp() - autos[-1].stat().st_mtime < AUTO_MAX_AGE.total_seconds():
            return None
        if not has_data(conn):
            return None
        target = copy_database(conn, folder / f"{AUTO_PREFIX}{stamp()}.sqlite3")
        for old in autos[:max(0, len(autos) + 1 - AUTO_KEEP)]:
            old.unlink(missing_ok=True)
        return target
    except (OSError, sqlite3.Error, UserDataError):
        _LOG.exception("automatic backup of %s failed", db_path)
        return None


def take_daily_backup(db_path: Path) -> Path | None:
    """Take the automatic backup of the database at `db_path` through a connection of its own."""
    try:
        conn = connect(db_path)
    except sqlite3.Error:
        _LOG.exception("automatic backup of %s: cannot open the database", db_path)
        return None
    try:
        return take_auto_backup(conn, db_path)
    finally:
        conn.close()

