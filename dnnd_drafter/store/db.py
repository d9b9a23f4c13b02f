"""Open the SQLite database of the office's memory: connection, transactions, migrations.

One file (``paths.database_file()``), WAL journal, foreign keys on, a busy timeout so that
concurrent writers wait instead of failing. The schema version lives in ``PRAGMA
user_version``; :data:`MIGRATIONS` upgrade it step by step, each step in its own transaction,
after a copy of the file has been taken into the ``backups`` folder beside the database.
Recovery from a corrupt file lives in :mod:`dnnd_drafter.store.recovery`.
"""

from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dnnd_drafter.atomic import refuse_read_only
from dnnd_drafter.errors import UserDataError
from dnnd_drafter.vietnamese import fold

APPLICATION_ID = 0x444E4E44  # "DNND"
BUSY_TIMEOUT_MS = 15_000
BACKUP_DIR_NAME = "backups"

_V1 = """
CREATE TABLE profile (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    family TEXT NOT NULL CHECK (family IN ('dang', 'nha_nuoc', 'doan_the', 'doan_tn')),
    parent_body TEXT NOT NULL DEFAULT '',
    issuing_body TEXT NOT NULL,
    abbreviation TEXT NOT NULL DEFAULT '',
    default_place TEXT NOT NULL DEFAULT '',
    unit_abbreviations TEXT NOT NULL DEFAULT '[]',
    archive_line TEXT NOT NULL DEFAULT '',
    term_start TEXT,
    term_end TEXT,
    updated_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE signer (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    authority TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    is_default INTEGER NOT NULL DEFAULT 0,
    sort_order INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX signer_profile ON signer(profile_id, sort_order);
CREATE TABLE recipient (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    folded TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX recipient_folded ON recipient(folded);
CREATE INDEX recipient_name ON recipient(name);
CREATE TABLE recipient_list (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('kinh_gui', 'noi_nhan')),
    updated_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE recipient_list_item (
    list_id INTEGER NOT NULL REFERENCES recipient_list(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    recipient_id INTEGER NOT NULL REFERENCES recipient(id),
    PRIMARY KEY (list_id, position)
) WITHOUT ROWID;
CREATE INDEX recipient_list_item_recipient ON recipient_list_item(recipient_id);
CREATE TABLE register_entry (
    id INTEGER PRIMARY KEY,
    profile_id INTEGER NOT NULL REFERENCES profile(id),
    kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    number INTEGER NOT NULL CHECK (number > 0),
    symbol TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '[]',
    signer TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    UNIQUE (profile_id, kind, period_start, number)
);
CREATE INDEX register_date ON register_entry(date);
CREATE TABLE autosave (
    session_id TEXT PRIMARY KEY,
    draft_json TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT '',
    pid INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE recent_draft (
    path TEXT PRIMARY KEY,
    subject TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
"""

_V2 = """
ALTER TABLE recipient ADD COLUMN valid_from TEXT;
ALTER TABLE recipient ADD COLUMN valid_to TEXT;
ALTER TABLE recipient ADD COLUMN replaced_by INTEGER REFERENCES recipient(id) ON DELETE SET NULL;
ALTER TABLE recipient ADD COLUMN note TEXT NOT NULL DEFAULT '';
CREATE INDEX recipient_replaced_by ON recipient(replaced_by);
"""

_V3 = """
ALTER TABLE register_entry ADD COLUMN file_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE register_entry ADD COLUMN status TEXT NOT NULL DEFAULT 'issued'
    CHECK (status IN ('issued', 'cancelled'));
ALTER TABLE register_entry ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE register_entry ADD COLUMN cancelled_at TEXT NOT NULL DEFAULT '';
"""

# the address-book search reads only this index (folded text and validity) for all 10 000 rows
_V4 = """
CREATE INDEX recipient_search ON recipient(folded, valid_from, valid_to);
DROP INDEX recipient_folded;
"""

# where the issued file of a register entry is, so the register can check it still matches its hash
_V5 = """
ALTER TABLE register_entry ADD COLUMN file_path TEXT NOT NULL DEFAULT '';
"""

# the register window reads a year's ids in its order, its years and its cancelled count from indexes
_V6 = """
CREATE INDEX register_year_order ON register_entry(date, profile_id, kind, number);
CREATE INDEX register_cancelled ON register_entry(date, profile_id) WHERE status = 'cancelled';
DROP INDEX register_date
"""


def _run_sql(sql: str) -> Callable[[sqlite3.Connection], None]:
    """Return a migration step that runs the statements of `sql` one by one."""
    def step(conn: sqlite3.Connection) -> None:
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)
    return step


def _v2(conn: sqlite3.Connection) -> None:
    """Add validity dates, rename history and notes; fold the short form into the search column."""
    _run_sql(_V2)(conn)
    rows = conn.execute("SELECT id, name, short_name FROM recipient").fetchall()
    conn.executemany("UPDATE recipient SET folded = ? WHERE id = ?",
                     [(folded_key(name, short), rid) for rid, name, short in rows])


def folded_key(name: str, short_name: str) -> str:
    """Return the folded search text of an address-book entry (name, then short form)."""
    key = fold(name)
    short = fold(short_name)
    return f"{key} | {short}" if short and short != key else key


# MIGRATIONS[i] upgrades a database from version i to version i + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_run_sql(_V1), _v2, _run_sql(_V3), _run_sql(_V4),
                                                       _run_sql(_V5), _run_sql(_V6)]
SCHEMA_VERSION = len(MIGRATIONS)


def now_text(precise: bool = False) -> str:
    """Return the current local time as ISO text with its offset, to the second (or µs)."""
    return _dt.datetime.now().astimezone().isoformat(timespec="microseconds" if precise else "seconds")


def stamp() -> str:
    """Return a date-and-time stamp safe in file names (``2024-05-01_153012``)."""
    return _dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Return a connection in autocommit mode with WAL, foreign keys and a busy timeout."""
    conn = sqlite3.connect(os.fspath(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        if os.fspath(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, immediate: bool = True) -> Iterator[sqlite3.Connection]:
    """Run the block in one transaction (BEGIN IMMEDIATE), or join the one already open."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield conn
        conn.commit()
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise


def user_version(conn: sqlite3.Connection) -> int:
    """Return the schema version recorded in the database."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_dir(db_path: Path) -> Path:
    """Return the folder of backups beside the database at `db_path`, creating it."""
    folder = Path(db_path).parent / BACKUP_DIR_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def copy_database(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the database of `conn` to `target` with the backup API (one self-contained file).

    Like every writer it goes through a temporary name and refuses a read-only `target`
    (:class:`~dnnd_drafter.errors.OutputError`), which the final rename would replace anyway.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise UserDataError(f"Thư mục “{target.parent}” không còn tồn tại, không ghi được bản sao lưu. "
                            "Hãy chọn nơi lưu khác.")
    refuse_read_only(target)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(os.fspath(tmp), isolation_level=None)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            dest.close()
        os.replace(tmp, target)
    except OSError as exc:
        raise UserDataError(f"Không ghi được bản sao lưu “{target}”: {exc.strerror or exc}. "
                            "Hãy kiểm tra ổ đĩa và chọn nơi lưu khác.") from exc
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "is full" in str(exc):
            raise UserDataError(f"Ổ đĩa đã đầy, không ghi được bản sao lưu “{target}”. Hãy giải phóng "
                                "dung lượng hoặc chọn nơi lưu khác rồi thử lại.") from exc
        raise UserDataError(f"Không sao lưu được cơ sở dữ liệu vào “{target}” ({exc}).") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target


def migrate(conn: sqlite3.Connection, db_path: Path | None) -> Path | None:
    """Bring the schema up to :data:`SCHEMA_VERSION`; return the pre-migration copy, if taken.

    A database that already holds data is copied to ``backups/truoc-nang-cap-vN-….sqlite3``
    before the first step. Each step and its new ``user_version`` commit together, so a crash
    leaves the database at a whole version.
    """
    version = user_version(conn)
    if version > SCHEMA_VERSION:
        raise UserDataError(
            f"Cơ sở dữ liệu được tạo bởi phiên bản DNND Drafter mới hơn (lược đồ {version}; "
            f"phiên bản này chỉ đọc được đến {SCHEMA_VERSION}). Hãy cập nhật DNND Drafter.")
    if version == SCHEMA_VERSION:
        return None
    copy: Path | None = None
    if version > 0 and db_path is not None:
        copy = copy_database(conn, backup_dir(db_path) / f"truoc-nang-cap-v{version}-{stamp()}.sqlite3")
    for target in range(version + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            if user_version(conn) >= target:  # another process did it meanwhile
                continue
            MIGRATIONS[target - 1](conn)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    return copy
