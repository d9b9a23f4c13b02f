"""Create, upgrade and open the office's schema on the PostgreSQL server.

The server runs the same ordered migrations as SQLite (:data:`dnnd_drafter.store.db.MIGRATIONS`,
translated by :mod:`dnnd_drafter.store.server`), records the one schema version in the table
``dnnd_schema``, and adds what only a shared database needs: the address-book change log that
every PC's search index reads (``recipient_change``, numbered under a row lock of
``change_counter`` so that changes commit in the order of their numbers) and the two roles of
``resources/server/roles.sql``. Only ``dnnd-drafter server setup`` changes the schema; a clerk's
PC opens a server at the current version or says what to do.
"""

from __future__ import annotations

from typing import Any

from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.db import MIGRATIONS, SCHEMA_VERSION, transaction
from dnnd_drafter.store.server import WRITE_LOCK, ServerConnection, connect, describe

TEXT = {
    "old": "Cơ sở dữ liệu trên máy chủ ({where}) đang ở lược đồ {version}, phiên bản này cần lược đồ {wanted}. "
           "Hãy nhờ người quản trị chạy “dnnd-drafter server setup” để nâng cấp.",
    "empty": "Cơ sở dữ liệu trên máy chủ ({where}) chưa được thiết lập cho DNND Drafter. Hãy nhờ người quản "
             "trị chạy “dnnd-drafter server setup”.",
    "newer": "Cơ sở dữ liệu trên máy chủ ({where}) do phiên bản DNND Drafter mới hơn tạo ra (lược đồ {version}; "
             "phiên bản này chỉ đọc được đến {wanted}). Hãy cập nhật DNND Drafter.",
    "roles": "Đã tạo lược đồ nhưng không tạo được hai vai trò vanthu và chuyenvien: tài khoản “{user}” không "
             "có quyền tạo vai trò (CREATEROLE). Hãy chạy lại lệnh bằng tài khoản quản trị (ví dụ postgres).",
}

#: The change log of the address book, kept by a trigger (created after the migrations).
CHANGE_LOG_SQL = (
    "CREATE TABLE IF NOT EXISTS change_counter (name TEXT PRIMARY KEY, n BIGINT NOT NULL)",
    "INSERT INTO change_counter (name, n) VALUES ('recipient', 0) ON CONFLICT (name) DO NOTHING",
    "CREATE TABLE IF NOT EXISTS recipient_change (seq BIGINT PRIMARY KEY, recipient_id INTEGER NOT NULL)",
    """CREATE OR REPLACE FUNCTION recipient_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    s BIGINT;
BEGIN
    UPDATE change_counter SET n = n + 1 WHERE name = 'recipient' RETURNING n INTO s;
    INSERT INTO recipient_change (seq, recipient_id)
        VALUES (s, CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
    DELETE FROM recipient_change WHERE seq <= s - 5000;
    RETURN NULL;
END
$$""",
    "DROP TRIGGER IF EXISTS recipient_change_row ON recipient",
    "CREATE TRIGGER recipient_change_row AFTER INSERT OR UPDATE OR DELETE ON recipient "
    "FOR EACH ROW EXECUTE FUNCTION recipient_changed()",
)


def _one(conn: ServerConnection, sql: str) -> Any:
    """Return the single value `sql` selects (None when it selects no row)."""
    row = conn.execute(sql).fetchone()
    return row[0] if row is not None else None


def schema_version(conn: ServerConnection) -> int:
    """Return the schema version of the server's database (0: not set up)."""
    if not _one(conn, "SELECT to_regclass('dnnd_schema') IS NOT NULL"):
        return 0
    row = conn.execute("SELECT version FROM dnnd_schema").fetchone()
    return int(row[0]) if row else 0


def migrate_server(conn: ServerConnection) -> int:
    """Bring the server's schema up to :data:`SCHEMA_VERSION`; return the version found before.

    Each step and its version commit together, under the office-wide write lock, so two setups
    at once or a lost connection leave the database at a whole version.
    """
    with transaction(conn):
        conn.execute("CREATE TABLE IF NOT EXISTS dnnd_schema (version INTEGER NOT NULL)")
        if _one(conn, "SELECT count(*) FROM dnnd_schema") == 0:
            conn.execute("INSERT INTO dnnd_schema (version) VALUES (0)")
    before = schema_version(conn)
    if before > SCHEMA_VERSION:
        raise UserDataError(TEXT["newer"].format(where=describe(conn.uri), version=before, wanted=SCHEMA_VERSION))
    for target in range(before + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            if schema_version(conn) >= target:  # another setup did it meanwhile
                continue
            MIGRATIONS[target - 1](conn)
            conn.execute("UPDATE dnnd_schema SET version = ?", (target,))
    with transaction(conn):
        for statement in CHANGE_LOG_SQL:
            conn.execute(statement)
    return before


def apply_roles(conn: ServerConnection) -> None:
    """Create the roles ``vanthu`` and ``chuyenvien`` and grant their rights (``roles.sql``)."""
    script = resources.read_text("data", "server/roles.sql")
    try:
        with transaction(conn):
            conn.execute(script)
    except UserDataError as exc:
        raise UserDataError(TEXT["roles"].format(user=conn.user)) from exc


def setup(uri: str) -> tuple[int, int]:
    """Create or upgrade the schema and the roles on the server at `uri`; return (version before, after)."""
    conn = connect(uri)
    try:
        before = migrate_server(conn)
        apply_roles(conn)
    finally:
        conn.close()
    return before, SCHEMA_VERSION


def open_server(uri: str, password: str | None = None) -> ServerConnection:
    """Return a connection to the office's server, refusing a schema that is not at this version."""
    conn = connect(uri, password)
    try:
        version = schema_version(conn)
        if version != SCHEMA_VERSION:
            key = "empty" if version == 0 else "newer" if version > SCHEMA_VERSION else "old"
            raise UserDataError(TEXT[key].format(where=describe(uri), version=version, wanted=SCHEMA_VERSION))
    except BaseException:
        conn.close()
        raise
    return conn


__all__ = ["WRITE_LOCK", "apply_roles", "migrate_server", "open_server", "schema_version", "setup"]
