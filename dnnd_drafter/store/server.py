"""Talk to the office's PostgreSQL server with the same SQL text and calls as the SQLite store.

:class:`ServerConnection` wraps a psycopg 3 connection so that the store modules keep one SQL
text: ``?`` placeholders become ``%s``, ``BEGIN IMMEDIATE`` becomes a transaction that takes the
office-wide write lock (writers one after another, as SQLite's ``BEGIN IMMEDIATE`` does), an
``INSERT`` into a table with an ``id`` returns it (``lastrowid``), and the DDL of the migrations
gets PostgreSQL's types (identity keys, binary ``"C"`` ordering of text, like SQLite's). Values
always travel as parameters, never inside the SQL text.

Every call has a timeout (connect, statement, lock, idle transaction). Server errors become the
clerk's words: a refused right or an unreachable server is a :class:`UserDataError` (exit 2), a
broken constraint a :class:`ServerIntegrityError` (a ``sqlite3.IntegrityError``, so the store's
"that name is taken" handling works unchanged).
"""

from __future__ import annotations

import os
import re
import sqlite3
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import urlsplit

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.db import migrate

#: The libpq URI of the office's server (``postgresql://vanthu@192.168.1.10/dnnd``); unset: local SQLite.
ENV_DATABASE = "DNND_DRAFTER_DATABASE"
CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 15_000
IDLE_IN_TRANSACTION_MS = 60_000
#: The advisory lock every writing transaction takes (the office's one writer at a time).
WRITE_LOCK = 0x444E4E44
#: Tables whose INSERT hands back the new row's id.
ID_TABLES = frozenset({"profile", "signer", "recipient", "recipient_list", "register_entry"})

TEXT = {
    "unreachable": "Không kết nối được máy chủ dữ liệu của cơ quan ({where}): {reason}. Hãy kiểm tra mạng "
                   "hoặc nhờ người quản trị bật máy chủ rồi thử lại; bản thảo trên máy này vẫn nguyên vẹn.",
    "lost": "Mất kết nối với máy chủ dữ liệu của cơ quan ({where}) giữa chừng; việc đang làm chưa được lưu "
            "trên máy chủ (không có số nào bị cấp mất). Hãy thử lại khi máy chủ hoạt động.",
    "busy": "Máy chủ dữ liệu đang bận (một máy khác đang ghi hoặc mạng chậm), đã chờ quá lâu; chưa có gì "
            "thay đổi. Hãy thử lại sau ít phút.",
    "denied": "Tài khoản “{user}” trên máy chủ dữ liệu không có quyền {what}. Việc này dành cho {who}; hãy "
              "nhờ văn thư hoặc người quản trị. Chưa có gì thay đổi.",
    "offline": "Không kết nối được máy chủ dữ liệu của cơ quan, nên chưa làm được việc này (cấp số, sửa sổ địa "
               "chỉ, danh sách hay hồ sơ cơ quan). Bản thảo vẫn soạn và lưu được trên máy này; hãy thử lại "
               "khi máy chủ hoạt động.",
    "opened_offline": "{reason}\n\nChương trình vẫn mở để soạn thảo (gõ tay nơi nhận); bản thảo được lưu trên "
                      "máy này. Cấp số, sổ địa chỉ, danh sách và hồ sơ cơ quan cần máy chủ: chương trình "
                      "thử kết nối lại mỗi khi bạn mở hay lưu các mục đó.",
    "host_mismatch": "Không kết nối được máy chủ dữ liệu của cơ quan ({where}): chứng chỉ của máy chủ cấp cho "
                     "tên “{cert}”, không khớp với tên “{host}” ở ô “Máy chủ”. Với ô “Mã hóa (TLS)” là "
                     "verify-full, chương trình kiểm tra tên máy để không kết nối nhầm vào máy giả mạo, nên "
                     "đã dừng lại và không gửi gì khi chưa mã hóa. Hãy điền ô “Máy chủ” đúng tên ghi trong "
                     "chứng chỉ, hoặc nhờ người quản trị cấp lại chứng chỉ cho tên “{host}”.",
    "copy_notice": "Sổ địa chỉ: bản sao chỉ đọc lúc {at} – máy chủ không kết nối được",
    "password": "Máy chủ dữ liệu ({where}) từ chối đăng nhập của tài khoản “{user}” (sai mật khẩu hoặc "
                "chưa được phép kết nối). Hãy kiểm tra lại thiết lập máy chủ dữ liệu.",
}
#: What a refused table means to the clerk, and who may do it.
_RIGHTS = {
    "register_entry": ("cấp số hoặc hủy số trong sổ văn bản đi", "văn thư (vai trò vanthu)"),
    "number_mark": ("cấp số trong sổ văn bản đi", "văn thư (vai trò vanthu)"),
    "profile": ("sửa hồ sơ cơ quan", "văn thư (vai trò vanthu)"),
    "signer": ("sửa người ký của hồ sơ cơ quan", "văn thư (vai trò vanthu)"),
    "recipient": ("sửa sổ địa chỉ", "chuyên viên hoặc văn thư"),
    "recipient_list": ("sửa danh sách nơi nhận", "chuyên viên hoặc văn thư"),
    "recipient_list_item": ("sửa danh sách nơi nhận", "chuyên viên hoặc văn thư"),
}


_NOT_WRITES = frozenset({"SELECT", "BEGIN", "COMMIT", "ROLLBACK"})


class ServerIntegrityError(sqlite3.IntegrityError):
    """Report a broken constraint on the server (a taken name, a row still in use)."""


def configured_uri() -> str | None:
    """Return the server URI set in :data:`ENV_DATABASE`, or None for the local store."""
    uri = os.environ.get(ENV_DATABASE, "").strip()
    return uri or None


def describe(uri: str) -> str:
    """Return where `uri` points (``máy 192.168.1.10, cơ sở dữ liệu dnnd``), without any password."""
    try:
        parts = urlsplit(uri)
        host = f"máy {parts.hostname}{f':{parts.port}' if parts.port else ''}" if parts.hostname else "máy này"
        name = parts.path.lstrip("/") or "mặc định"
    except ValueError:
        return "địa chỉ không đọc được"
    return f"{host}, cơ sở dữ liệu {name}"


def _outside_quotes(sql: str, old: str, new: str) -> str:
    """Return `sql` with `old` replaced by `new` outside single-quoted literals."""
    parts = sql.split("'")
    return "'".join(p.replace(old, new) if i % 2 == 0 else p for i, p in enumerate(parts))


# patterns compiled on first use (re's own cache): an office without a server never needs them
_INSERT = r"(?i)^\s*INSERT\s+INTO\s+(\w+)"
_DDL = r"(?i)^\s*(CREATE\s+TABLE|ALTER\s+TABLE)"


@lru_cache(maxsize=512)
def translate(sql: str, with_params: bool = True) -> tuple[str, bool]:
    """Return (PostgreSQL text of the SQLite statement `sql`, whether it returns the new id)."""
    if sql.strip().upper() == "BEGIN IMMEDIATE":
        return f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})", False
    if sql.strip().upper() == "BEGIN":
        return "BEGIN ISOLATION LEVEL REPEATABLE READ", False
    text = sql
    if re.match(_DDL, text):
        text = re.sub(r"\bINTEGER PRIMARY KEY\b", "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", text)
        text = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', text)
        text = re.sub(r"\)\s*WITHOUT ROWID\s*$", ")", text.rstrip())
    text = text.replace("max(high, excluded.high)", "greatest(number_mark.high, excluded.high)")
    if with_params:
        text = _outside_quotes(text.replace("%", "%%"), "?", "%s")  # psycopg reads % even inside literals
    found = re.match(_INSERT, text)
    returning = bool(found and found.group(1).lower() in ID_TABLES and "RETURNING" not in text.upper())
    if returning:
        text = text.rstrip().rstrip(";") + " RETURNING id"
    return text, returning


class ServerCursor:
    """Give the rows of one statement the way an ``sqlite3.Cursor`` does."""

    def __init__(self, rows: list[tuple[Any, ...]], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self._at = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def fetchone(self) -> tuple[Any, ...] | None:
        """Return the next row, or None."""
        if self._at >= len(self._rows):
            return None
        self._at += 1
        return self._rows[self._at - 1]

    def fetchall(self) -> list[tuple[Any, ...]]:
        """Return the rows not read yet."""
        rows, self._at = self._rows[self._at:], len(self._rows)
        return rows

    def __iter__(self) -> Any:
        return iter(self.fetchall())


class ServerConnection:
    """Run the store's SQL on the server through one psycopg connection (autocommit between transactions)."""

    dialect = "postgres"

    def __init__(self, raw: Any, uri: str, password: str | None = None) -> None:
        self._raw = raw
        self.uri = uri
        self._password = password
        self._begun = False  # a transaction was begun and not yet committed or rolled back
        self.total_changes = 0  # statements that wrote through this connection (the search index's hint)
        self._changes_at_begin = 0
        #: Called after a transaction that wrote commits (the store brings this PC's copy up to date).
        self.after_commit: Any = None

    def _reconnect_if_lost(self) -> None:
        """Connect again when the server went away and came back (between transactions only).

        Inside a transaction the server has rolled it back: the caller gets the error, and the
        next statement (a new attempt) reconnects.
        """
        if not (self._raw.closed or self._raw.broken):
            return
        fresh = connect(self.uri, self._password)  # UserDataError (unreachable) when still away
        self._raw, fresh._raw = fresh._raw, None

    @property
    def user(self) -> str:
        """Return the role this connection logged in as."""
        return str(self._raw.info.user)

    @property
    def in_transaction(self) -> bool:
        """Return whether a transaction is open (after a lost connection: until it is rolled back)."""
        from psycopg.pq import TransactionStatus

        if self._raw.closed or self._raw.broken:
            return self._begun
        return self._raw.info.transaction_status in (TransactionStatus.INTRANS, TransactionStatus.INERROR)

    def execute(self, sql: str, params: Any = None) -> ServerCursor:
        """Run one statement; return its rows."""
        text, returning = translate(sql, params is not None)
        if not self._begun:
            self._reconnect_if_lost()
        if sql.lstrip()[:5].upper() == "BEGIN":
            self._begun = True
            self._changes_at_begin = self.total_changes
        with self._errors():
            with self._raw.cursor() as cur:
                cur.execute(text, tuple(params) if params is not None else None)
                rows = cur.fetchall() if cur.description is not None else []
                rowcount = cur.rowcount
        if (sql.split(None, 1) or [""])[0].upper() not in _NOT_WRITES:
            self.total_changes += 1
        lastrowid = int(rows[0][0]) if returning and rows else None
        return ServerCursor([] if returning else rows, rowcount, lastrowid)

    def executemany(self, sql: str, seq: Any) -> ServerCursor:
        """Run one statement for each parameter tuple of `seq`."""
        text, returning = translate(sql, True)
        if returning:
            text = text[: -len(" RETURNING id")]
        with self._errors():
            with self._raw.cursor() as cur:
                cur.executemany(text, [tuple(p) for p in seq])
                rowcount = cur.rowcount
        self.total_changes += 1
        return ServerCursor([], rowcount, None)

    def commit(self) -> None:
        """Commit the open transaction."""
        self._begun = False
        if self.in_transaction:
            with self._errors():
                self._raw.execute("COMMIT")
            if self.after_commit is not None and self.total_changes != self._changes_at_begin:
                self.after_commit()

    def rollback(self) -> None:
        """Roll back the open transaction (a lost connection has rolled it back already)."""
        self._begun = False
        if self._raw.closed or self._raw.broken:
            return
        try:
            self._raw.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - the server went away: it rolled back itself
            pass

    def close(self) -> None:
        """Close the connection (idempotent)."""
        self._raw.close()

    def _errors(self) -> Any:
        """Return a context that turns server errors into the clerk's words."""
        return _ServerErrors(self)


class _ServerErrors:
    """Translate psycopg errors raised in the block (see :func:`translate_error`)."""

    def __init__(self, conn: ServerConnection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: BaseException | None, tb: Any) -> Literal[False]:
        if exc is None:
            return False
        translated = translate_error(exc, self._conn)
        if translated is not None:
            raise translated from exc
        return False


def translate_error(exc: BaseException, conn: ServerConnection) -> Exception | None:
    """Return the exception to raise for a psycopg error, or None to let it through."""
    import psycopg
    from psycopg import errors

    if not isinstance(exc, psycopg.Error):
        return None
    if isinstance(exc, errors.IntegrityError):
        return ServerIntegrityError(str(exc))
    if isinstance(exc, errors.InsufficientPrivilege):
        table = re.search(r"(?:table|relation) (\w+)", str(exc))
        what, who = _RIGHTS.get(table.group(1) if table else "", ("làm việc này", "văn thư hoặc người quản trị"))
        return UserDataError(TEXT["denied"].format(user=conn.user, what=what, who=who))
    if isinstance(exc, (errors.QueryCanceled, errors.LockNotAvailable)) and not conn._raw.broken:
        return UserDataError(TEXT["busy"])
    if isinstance(exc, psycopg.OperationalError) or conn._raw.broken or conn._raw.closed:
        return UserDataError(TEXT["lost"].format(where=describe(conn.uri)))
    return None


def connect(uri: str, password: str | None = None) -> ServerConnection:
    """Return a connection to the server at `uri` with every timeout set; raise UserDataError if unreachable.

    `password` (from the credential store) travels as a parameter, never inside `uri`.
    """
    import psycopg

    options = (f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={STATEMENT_TIMEOUT_MS} "
               f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}")
    secret: dict[str, Any] = {"password": password} if password else {}
    try:
        raw = psycopg.connect(uri, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S, options=options,
                              application_name="dnnd-drafter", keepalives=1, keepalives_idle=30, **secret)
    except psycopg.Error as exc:
        raise UserDataError(_connect_failure(uri, exc)) from exc
    return ServerConnection(raw, uri, password)


_HOST_MISMATCH = (r'server certificate for "([^"]*)"(?: \(and \d+ other names?\))? does not match host '
                  r'name "([^"]*)"')


def _connect_failure(uri: str, exc: BaseException) -> str:
    """Return the Vietnamese message for a failed connection to `uri`."""
    text = str(exc)
    try:
        user = urlsplit(uri).username or os.environ.get("PGUSER", "")
    except ValueError:
        user = ""
    mismatch = re.search(_HOST_MISMATCH, text)
    if mismatch:  # sslmode=verify-full: the certificate names another host
        return TEXT["host_mismatch"].format(where=describe(uri), cert=mismatch.group(1), host=mismatch.group(2))
    if "password authentication failed" in text or "no password supplied" in text \
            or "no pg_hba.conf entry" in text or ("role" in text and "does not exist" in text):
        return TEXT["password"].format(where=describe(uri), user=user)
    if "database" in text and "does not exist" in text:
        reason = "chưa có cơ sở dữ liệu này trên máy chủ (hãy chạy “dnnd-drafter server setup”)"
    elif "timeout" in text.lower():
        reason = "máy chủ không trả lời (quá thời gian chờ)"
    elif "certificate" in text.lower() or "SSL" in text:
        reason = "kết nối mã hóa (TLS) không xác minh được chứng chỉ của máy chủ"
    else:
        reason = "máy chủ không hoạt động hoặc địa chỉ sai"
    return TEXT["unreachable"].format(where=describe(uri), reason=reason)


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class OfflineConnection:
    """Stand in for an unreachable server: the shared tables read fine and every write is refused.

    They are this PC's read-only copy of the server's data when there is one (`copy`, see
    :mod:`dnnd_drafter.store.server_copy`), else empty. The window opens and drafting goes on;
    issuing a number or editing shared data says that the server is unreachable
    (:class:`UserDataError`), and nothing is written anywhere.
    """

    dialect = "offline"

    def __init__(self, copy: Any = None) -> None:
        # read-only: safe to close from the thread that reconnects (Store.reconnect)
        if copy is not None:
            self._conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True, isolation_level=None,
                                         check_same_thread=False)
            return
        self._conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        migrate(self._conn, None)

    def execute(self, sql: str, params: Any = ()) -> Any:
        """Run a read; refuse a write with the Vietnamese message."""
        if sql.lstrip()[:7].upper().startswith(_WRITES):
            raise UserDataError(TEXT["offline"])
        if sql.strip().upper() == "BEGIN IMMEDIATE":  # a read-only copy takes no write lock
            sql = "BEGIN"
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, seq: Any) -> Any:
        """Refuse: only writes come in many."""
        raise UserDataError(TEXT["offline"])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)  # in_transaction, total_changes, commit, rollback, close
