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
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from dnnd_drafter.files.atomic import refuse_read_only
from dnnd_drafter.base.errors import UserDataError, describe_os_error
from dnnd_drafter.files.tempfiles import clean_stale
from dnnd_drafter.model.vietnamese import fold
from dnnd_drafter.store.connection import StoreConnection

APPLICATION_ID = 0x444E4E44  # "DNND"
BUSY_TIMEOUT_MS = 15_000
#: How long a writer waits for another one, in ms (tests lower it; a clerk never needs to).
ENV_BUSY_TIMEOUT = "DNND_DRAFTER_BUSY_TIMEOUT_MS"
BACKUP_DIR_NAME = "backups"
#: SQLite's page cache per connection, in KiB (its default: 2000). The address book is searched from
#: memory (search_index.py) and the file stays in the system's cache, so a large page cache only
#: held a second copy of what the last full read (the opening check, the index, a backup) went through.
PAGE_CACHE_KIB = 256

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

# a draft back from a crash comes back with the file it was saved as
_V6 = """
ALTER TABLE autosave ADD COLUMN path TEXT NOT NULL DEFAULT '';
"""

# the profile remembers the subject of its openings and whether the unit goes into the ký hiệu
# (NULL: the family's usual choice, see Profile.unit_in_symbol)
_V7 = """
ALTER TABLE profile ADD COLUMN directing_body TEXT NOT NULL DEFAULT '';
ALTER TABLE profile ADD COLUMN unit_in_symbol INTEGER CHECK (unit_in_symbol IN (0, 1));
"""

# register issue commits the number (with the draft's path) before writing it into the file;
# number_mark keeps the highest number ever issued per profile, kind and period (a restore
# of an older backup cannot lower it)
_V8 = """
ALTER TABLE register_entry ADD COLUMN draft_path TEXT NOT NULL DEFAULT '';
ALTER TABLE register_entry ADD COLUMN pending_pid INTEGER NOT NULL DEFAULT 0;
CREATE INDEX register_draft_path ON register_entry(draft_path);
CREATE TABLE number_mark (
    profile_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    period_start TEXT NOT NULL,
    high INTEGER NOT NULL CHECK (high >= 0),
    PRIMARY KEY (profile_id, kind, period_start)
) WITHOUT ROWID;
INSERT INTO number_mark (profile_id, kind, period_start, high)
    SELECT profile_id, kind, period_start, max(number) FROM register_entry GROUP BY profile_id, kind, period_start
"""

# the register window reads a year's ids in its order, its years and its cancelled count from indexes
_V9 = """
CREATE INDEX register_year_order ON register_entry(date, profile_id, kind, number);
CREATE INDEX register_cancelled ON register_entry(date, profile_id) WHERE status = 'cancelled';
DROP INDEX register_date
"""

# the office's choices where real letters differ (format-rules.md Part A, "Office choices");
# NULL: the family's default (see Profile.choices)
_V10 = """
ALTER TABLE profile ADD COLUMN list_separator TEXT CHECK (list_separator IN (',', ';'));
ALTER TABLE profile ADD COLUMN closing_mark TEXT CHECK (closing_mark IN ('', './.'));
ALTER TABLE profile ADD COLUMN cc_label_style TEXT CHECK (cc_label_style IN ('underline', 'bold_italic'))
"""

# a number being written into its draft names the PC too: on a shared server, only that PC
# completes it after a crash (a process id means nothing on another machine)
_V11 = """
ALTER TABLE register_entry ADD COLUMN pending_host TEXT NOT NULL DEFAULT ''
"""


def _run_sql(sql: str) -> Callable[[StoreConnection], None]:
    """Return a migration step that runs the statements of `sql` one by one."""
    def step(conn: StoreConnection) -> None:
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)
    return step


def _v2(conn: StoreConnection) -> None:
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
MIGRATIONS: list[Callable[[StoreConnection], None]] = [_run_sql(_V1), _v2, _run_sql(_V3), _run_sql(_V4),
                                                       _run_sql(_V5), _run_sql(_V6), _run_sql(_V7),
                                                       _run_sql(_V8), _run_sql(_V9), _run_sql(_V10),
                                                       _run_sql(_V11)]
SCHEMA_VERSION = len(MIGRATIONS)


def now_text(precise: bool = False) -> str:
    """Return the current local time as ISO text with its offset, to the second (or µs)."""
    return _dt.datetime.now().astimezone().isoformat(timespec="microseconds" if precise else "seconds")


def stamp() -> str:
    """Return a date-and-time stamp safe in file names (``2024-05-01_153012``)."""
    return _dt.datetime.now().strftime("%Y-%m-%d_%H%M%S")


def busy_timeout_ms() -> int:
    """Return how long to wait for another writer: :data:`ENV_BUSY_TIMEOUT`, else 15 s."""
    try:
        return max(0, int(os.environ[ENV_BUSY_TIMEOUT]))
    except (KeyError, ValueError):
        return BUSY_TIMEOUT_MS


def connect(path: str | os.PathLike[str]) -> sqlite3.Connection:
    """Return a connection in autocommit mode with WAL, foreign keys and a busy timeout."""
    timeout = busy_timeout_ms()
    conn = sqlite3.connect(os.fspath(path), timeout=timeout / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {timeout}")
        conn.execute("PRAGMA foreign_keys = ON")
        if os.fspath(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    except BaseException:
        conn.close()
        raise
    return conn


def connect_read_only(path: Path) -> sqlite3.Connection:
    """Return a read-only connection to `path` in a folder we cannot write (USB stick locked).

    SQLite needs to create the ``-shm`` file of a WAL database even to read it; when it cannot,
    the file is opened as immutable (nobody can change it there anyway).
    """
    uri = Path(path).resolve().as_uri()
    error: sqlite3.Error | None = None
    for query in ("mode=ro", "immutable=1"):
        conn = sqlite3.connect(f"{uri}?{query}", uri=True, timeout=busy_timeout_ms() / 1000,
                               isolation_level=None)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
            return conn
        except sqlite3.Error as exc:
            conn.close()
            error = exc
    assert error is not None
    raise error


#: What the clerk can do about an SQLite error that is not a damaged file, by primary code.
_STORAGE_PROBLEMS = {
    5: "một cửa sổ hoặc máy khác đang ghi dữ liệu; hãy thử lại sau ít phút",
    6: "một cửa sổ hoặc máy khác đang ghi dữ liệu; hãy thử lại sau ít phút",
    8: "thư mục dữ liệu chỉ cho phép đọc (ví dụ USB đã gạt khóa ghi): xem và xuất ra nơi khác được, "
       "nhưng không lưu được thay đổi. Hãy chép thư mục dữ liệu sang nơi ghi được",
    13: "ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi thử lại; dữ liệu đã có vẫn nguyên vẹn",
    10: "lỗi đọc ghi ổ đĩa (ổ đĩa có thể đã đầy, bị rút ra hoặc bị hỏng). Hãy giải phóng dung lượng "
        "hoặc kiểm tra ổ đĩa rồi thử lại; tệp dữ liệu được giữ nguyên",
    14: "không mở được tệp (không có quyền, thư mục chỉ đọc hoặc ổ đĩa đã bị rút ra). Hãy kiểm tra "
        "thư mục dữ liệu rồi thử lại",
    3: "không có quyền đọc ghi tệp. Hãy kiểm tra quyền của thư mục dữ liệu",
    23: "không có quyền đọc ghi tệp. Hãy kiểm tra quyền của thư mục dữ liệu",
    7: "máy không đủ bộ nhớ. Hãy đóng bớt chương trình rồi thử lại",
}


def storage_error(exc: sqlite3.Error, path: object) -> UserDataError | None:
    """Return the Vietnamese error for an SQLite failure of the disk, lock or rights, else None.

    A full disk, a locked or read-only file is never a damaged database: the file stays where
    it is and the clerk is told what to do.
    """
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    if code not in _STORAGE_PROBLEMS:
        return None
    if code == 10 and _disk_full(Path(str(path)).parent):
        code = 13
    return UserDataError(f"Không dùng được cơ sở dữ liệu “{path}”: {_STORAGE_PROBLEMS[code]}.")


def _disk_full(folder: Path) -> bool:
    """Return whether the disk holding `folder` has (almost) no space left."""
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def _database_path(conn: StoreConnection) -> str:
    """Return the file of `conn`'s main database, or a word for it when unknown."""
    if not isinstance(conn, sqlite3.Connection):  # the office's server
        return "của cơ quan"
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
        return str(row[2]) if row and row[2] else "trong bộ nhớ"
    except sqlite3.Error:
        return "của cơ quan"


@contextmanager
def transaction(conn: StoreConnection, immediate: bool = True) -> Iterator[StoreConnection]:
    """Run the block in one transaction (BEGIN IMMEDIATE), or join the one already open.

    A lock held too long, a full disk or a read-only folder raise a Vietnamese UserDataError.
    """
    if conn.in_transaction:
        yield conn
        return
    try:
        conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
        yield conn
        conn.commit()
    except BaseException as exc:
        if conn.in_transaction:
            try:
                conn.rollback()
            except sqlite3.Error:  # the disk went away: SQLite rolls back on the next open
                pass
        translated = storage_error(exc, _database_path(conn)) if isinstance(exc, sqlite3.Error) else None
        if translated is not None:
            raise translated from exc
        raise


def user_version(conn: StoreConnection) -> int:
    """Return the schema version recorded in the database."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def backup_dir(db_path: Path) -> Path:
    """Return the folder of backups beside the database at `db_path`, creating it."""
    folder = Path(db_path).parent / BACKUP_DIR_NAME
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def copy_database(conn: sqlite3.Connection, target: Path) -> Path:
    """Copy the database of `conn` to `target` with the backup API (one self-contained file)."""
    return write_backup_file(target, conn.backup)


def write_backup_file(target: Path, fill: Callable[[sqlite3.Connection], object]) -> Path:
    """Write a self-contained SQLite file at `target` whose content `fill` puts into a new database.

    Like every writer it goes through a temporary name and refuses a read-only `target`
    (:class:`~dnnd_drafter.base.errors.OutputError`), which the final rename would replace anyway.
    """
    target = Path(target)
    if not target.parent.is_dir():
        raise UserDataError(f"Không có thư mục “{target.parent}”, không ghi được bản sao lưu. "
                            "Hãy chọn nơi lưu khác.")
    refuse_read_only(target)
    clean_stale(target.parent, target.name)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        tmp.unlink(missing_ok=True)
        dest = sqlite3.connect(os.fspath(tmp), isolation_level=None)
        try:
            dest.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")  # it writes the copy, never reads it
            fill(dest)
            dest.execute("PRAGMA journal_mode = DELETE").fetchone()
        finally:
            dest.close()
        os.replace(tmp, target)
    except OSError as exc:
        raise UserDataError(f"Không ghi được bản sao lưu “{target}”: {describe_os_error(exc, target)}. "
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
