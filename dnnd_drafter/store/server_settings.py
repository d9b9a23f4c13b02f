"""Keep this user's choice of the office's server, and its password in the OS credential store.

The setting (host, port, database, user, TLS mode, CA file; never the password) is a small JSON
file in the user's data folder. The password goes to the operating system's credential store
through the ``keyring`` package (Windows Credential Manager, macOS Keychain, Secret Service) and
is handed to the driver as a parameter, never written into a URI, a file or the log.
``DNND_DRAFTER_DATABASE`` wins over the setting (command line, a machine set up by IT).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from urllib.parse import quote, urlencode

from dnnd_drafter.files import atomic
from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.server import configured_uri
from dnnd_drafter.store.server import describe
from dnnd_drafter.store.server_schema import open_server

SETTINGS_FILE = "may-chu-du-lieu.json"
KEYRING_SERVICE = "dnnd-drafter"
#: The TLS modes a clerk can choose, with what they mean.
SSL_MODES = {"prefer": "Mã hóa nếu máy chủ hỗ trợ", "disable": "Không mã hóa",
             "require": "Bắt buộc mã hóa (không kiểm tra chứng chỉ)",
             "verify-ca": "Bắt buộc mã hóa, kiểm tra chứng chỉ CA",
             "verify-full": "Bắt buộc mã hóa, kiểm tra chứng chỉ và tên máy"}
FIELDS = {"host": "Máy chủ", "port": "Cổng", "database": "Cơ sở dữ liệu", "user": "Tài khoản",
          "sslmode": "Mã hóa (TLS)", "sslrootcert": "Tệp chứng chỉ CA"}
TEXT = {
    "required": "Hãy điền ô “{}”.",
    "port": "Cổng phải là số từ 1 đến 65535.",
    "sslmode": "Chế độ mã hóa “{}” không hợp lệ.",
    "no_ca": "Không có tệp chứng chỉ CA “{}”.",
    "ca_needed": "Chế độ “{}” cần tệp chứng chỉ CA của cơ quan.",
    "no_keyring": "Máy này không có kho mật khẩu của hệ điều hành, nên không cất được mật khẩu. Hãy dùng tệp "
                  "pgpass (xem docs/server.md) hoặc nhờ người quản trị.",
    "unreadable": "Không đọc được thiết lập máy chủ dữ liệu “{}”; hãy nhập lại.",
    "ok": "Kết nối được máy chủ dữ liệu ({where}) bằng tài khoản “{user}”{tls}.",
    "tls": ", đường truyền được mã hóa",
}


@dataclass
class ServerSettings:
    """Hold where the office's server is and how to reach it (no password)."""

    host: str = ""
    port: int = 5432
    database: str = "dnnd"
    user: str = ""
    sslmode: str = "prefer"
    sslrootcert: str = ""

    def validated(self) -> ServerSettings:
        """Return the settings cleaned, or raise UserDataError naming the field."""
        for name in ("host", "database", "user"):
            setattr(self, name, str(getattr(self, name)).strip())
            if not getattr(self, name):
                raise UserDataError(TEXT["required"].format(FIELDS[name]), field=name)
        if not isinstance(self.port, int) or not 0 < self.port < 65536:
            raise UserDataError(TEXT["port"], field="port")
        if self.sslmode not in SSL_MODES:
            raise UserDataError(TEXT["sslmode"].format(self.sslmode), field="sslmode")
        self.sslrootcert = self.sslrootcert.strip()
        if self.sslrootcert and not Path(self.sslrootcert).is_file():
            raise UserDataError(TEXT["no_ca"].format(self.sslrootcert), field="sslrootcert")
        if self.sslmode.startswith("verify") and not self.sslrootcert:
            raise UserDataError(TEXT["ca_needed"].format(SSL_MODES[self.sslmode]), field="sslrootcert")
        return self

    def uri(self) -> str:
        """Return the libpq URI of these settings (without a password)."""
        query = {"sslmode": self.sslmode} | ({"sslrootcert": self.sslrootcert} if self.sslrootcert else {})
        user, database = quote(self.user, safe=""), quote(self.database, safe="")
        if self.host.startswith("/"):  # a Unix socket folder (a server on this very machine)
            return f"postgresql://{user}@/{database}?" + urlencode({"host": self.host, "port": self.port} | query)
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"postgresql://{user}@{host}:{self.port}/{database}?" + urlencode(query)

    @property
    def keyring_name(self) -> str:
        """Return the name the password is kept under in the credential store."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def settings_file() -> Path:
    """Return the file that keeps this user's server setting."""
    return paths.data_dir() / SETTINGS_FILE


def load() -> ServerSettings | None:
    """Return the saved setting, or None when this PC uses its local store."""
    path = settings_file()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise UserDataError(TEXT["unreadable"].format(path)) from exc
    known = {f.name for f in fields(ServerSettings)}
    try:
        return ServerSettings(**{k: v for k, v in data.items() if k in known})
    except TypeError as exc:
        raise UserDataError(TEXT["unreadable"].format(path)) from exc


def save(settings: ServerSettings | None, password: str | None = None) -> None:
    """Keep `settings` (None: use the local store again) and, when given, the password in the credential store."""
    path = settings_file()
    if settings is None:
        path.unlink(missing_ok=True)
        return
    settings.validated()
    if password:
        set_password(settings, password)
    paths.ensure_data_dir()
    atomic.write_text(path, json.dumps(asdict(settings), ensure_ascii=False, indent=1) + "\n")


def set_password(settings: ServerSettings, password: str) -> None:
    """Put the password of `settings` into the operating system's credential store."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, settings.keyring_name, password)
    except Exception as exc:  # noqa: BLE001 - no backend (a bare Linux), a locked store: say so
        raise UserDataError(TEXT["no_keyring"]) from exc


def get_password(settings: ServerSettings) -> str | None:
    """Return the kept password of `settings`, or None (then libpq may use a pgpass file)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, settings.keyring_name)
    except Exception:  # noqa: BLE001 - no credential store: connect without a password
        return None


def target() -> tuple[str, str | None] | None:
    """Return (URI, password) of the office's server for this user, or None for the local store."""
    uri = configured_uri()
    if uri:
        return uri, None
    settings = load()
    if settings is None:
        return None
    return settings.uri(), get_password(settings)


def check(settings: ServerSettings, password: str | None) -> str:
    """Connect with `settings` (the "Kiểm tra kết nối" button); return what worked, or raise UserDataError."""
    settings.validated()
    conn = open_server(settings.uri(), password or get_password(settings))
    try:
        row = conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
        tls = bool(row and row[0])
        return TEXT["ok"].format(where=describe(settings.uri()), user=conn.user, tls=TEXT["tls"] if tls else "")
    finally:
        conn.close()
