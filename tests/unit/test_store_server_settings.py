"""Test this user's setting of the office's server: kept per user without the password, the
password in the OS credential store, the check button's answer, and the setting used at open."""

from __future__ import annotations

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import open_store
from dnnd_drafter.store import server_settings as settings_module
from dnnd_drafter.store.server import ENV_DATABASE
from dnnd_drafter.store.server_settings import ServerSettings
from tests.unit.pg_fixtures import pg_cluster, server_url  # noqa: F401 - fixtures
from tests.unit.store_fixtures import home  # noqa: F401 - fixtures


class MemoryKeyring:
    """Stand in for the OS credential store (keyring backend API)."""

    priority = 1

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, name: str) -> str | None:
        return self.secrets.get((service, name))

    def set_password(self, service: str, name: str, password: str) -> None:
        self.secrets[(service, name)] = password


@pytest.fixture
def credentials(monkeypatch):
    import keyring

    memory = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_password", memory.get_password)
    monkeypatch.setattr(keyring, "set_password", memory.set_password)
    return memory


def _from_url(url: str, user: str = "postgres") -> ServerSettings:
    """Return the settings a clerk types for the test server (a Unix socket folder as the host)."""
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    query = parse_qs(parts.query)
    return ServerSettings(host=unquote(query["host"][0]), port=int(query["port"][0]),
                          database=parts.path.lstrip("/"), user=user, sslmode="disable")


def test_the_setting_is_kept_without_the_password_which_goes_to_the_credential_store(home, credentials):
    settings = ServerSettings("192.168.1.10", 5432, "dnnd", "nguyenvana", "verify-full", "")
    with pytest.raises(UserDataError, match="cần tệp chứng chỉ CA") as exc:
        settings_module.save(settings, "bí-mật-123")
    assert exc.value.field == "sslrootcert" and credentials.secrets == {}  # refused: nothing kept
    ca = home.parent / "ca.crt"  # the office's CA file, wherever the IT person put it
    ca.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    settings.sslrootcert = str(ca)
    settings_module.save(settings, "bí-mật-123")
    assert "bí-mật-123" not in settings_module.settings_file().read_text(encoding="utf-8")
    assert credentials.secrets == {("dnnd-drafter", "nguyenvana@192.168.1.10:5432/dnnd"): "bí-mật-123"}
    loaded = settings_module.load()
    assert loaded == settings and "bí-mật" not in loaded.uri()
    assert loaded.uri().startswith("postgresql://nguyenvana@192.168.1.10:5432/dnnd?sslmode=verify-full&sslrootcert=")
    assert settings_module.target() == (loaded.uri(), "bí-mật-123")


@pytest.mark.parametrize("field, value", [("host", " "), ("database", ""), ("user", ""), ("port", 0)])
def test_a_missing_field_is_named(home, field, value):
    settings = ServerSettings("may-chu", 5432, "dnnd", "vt")
    setattr(settings, field, value)
    with pytest.raises(UserDataError) as exc:
        settings_module.save(settings)
    assert exc.value.field == field and not settings_module.settings_file().exists()


def test_the_check_button_connects_and_the_store_opens_from_the_setting(server_url, home, credentials, monkeypatch):
    monkeypatch.delenv(ENV_DATABASE, raising=False)
    settings = _from_url(server_url, "vt_user")
    assert "Kết nối được máy chủ dữ liệu" in settings_module.check(settings, "mật-khẩu")
    settings_module.save(settings, "mật-khẩu")
    with open_store() as store:
        assert store.on_server and store.conn.user == "vt_user"
    wrong = _from_url(server_url, "khong_co_ai")
    with pytest.raises(UserDataError, match="từ chối đăng nhập"):
        settings_module.check(wrong, None)
