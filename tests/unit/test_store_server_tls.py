"""Test TLS to the office's server: with a CA file the server's certificate is verified (a server
signed by another CA is refused in Vietnamese), and the check button says the line is encrypted."""

from __future__ import annotations

import shutil

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import server_settings
from dnnd_drafter.store.server_schema import open_server, setup
from dnnd_drafter.store.server_settings import ServerSettings
from tests.unit.pg_fixtures import _own_cluster, make_certificates
from tests.unit.store_fixtures import home  # noqa: F401 - fixtures


@pytest.fixture(scope="module")
def tls_cluster():  # type: ignore[no-untyped-def]
    """Start a cluster of its own listening on 127.0.0.1 with TLS, holding a set-up database."""
    for cluster in _own_cluster(tls=True):
        cluster.admin("CREATE DATABASE dnnd_tls")
        setup(cluster.url("dnnd_tls"))
        yield cluster


def _settings(cluster, ca: str, mode: str = "verify-full") -> ServerSettings:  # type: ignore[no-untyped-def]
    return ServerSettings("localhost", cluster.port, "dnnd_tls", "postgres", mode, ca)


def test_with_the_offices_ca_the_line_is_encrypted_and_verified(tls_cluster, home):  # type: ignore[no-untyped-def]
    settings = _settings(tls_cluster, str(tls_cluster.tls / "ca.crt"))
    assert "đường truyền được mã hóa" in server_settings.check(settings, None)
    conn = open_server(settings.uri())
    try:
        assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()[0] is True
    finally:
        conn.close()


def test_a_server_certificate_from_another_ca_is_refused(tls_cluster, home, tmp_path):  # type: ignore[no-untyped-def]
    other = make_certificates(tmp_path / "khac", None)
    with pytest.raises(UserDataError, match="chứng chỉ"):
        server_settings.check(_settings(tls_cluster, str(other / "ca.crt")), None)


@pytest.fixture(scope="module")
def other_name_cluster():  # type: ignore[no-untyped-def]
    """Start a TLS cluster on 127.0.0.1 whose certificate names only ``otherhost``; log its connections."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed (it makes the certificates)")
    for cluster in _own_cluster(tls=True, tls_names="DNS:otherhost"):
        cluster.admin("CREATE DATABASE dnnd_tls")
        setup(cluster.url("dnnd_tls"))
        cluster.admin("ALTER SYSTEM SET log_connections = on")
        cluster.admin("SELECT pg_reload_conf()")
        yield cluster


def test_a_certificate_for_another_host_name_is_refused_naming_the_setting_never_in_plain_text(  # type: ignore[no-untyped-def]
        other_name_cluster, home):
    cluster = other_name_cluster
    ca = str(cluster.tls / "ca.crt")
    log = cluster.datadir.parent / "server.log"
    logged_before = log.read_text(encoding="utf-8", errors="replace")
    with pytest.raises(UserDataError) as refused:
        server_settings.check(ServerSettings("127.0.0.1", cluster.port, "dnnd_tls", "postgres", "verify-full", ca),
                              None)
    message = refused.value.message
    assert "“otherhost”" in message and "“127.0.0.1”" in message, message
    assert "ô “Máy chủ”" in message and "ô “Mã hóa (TLS)”" in message and "verify-full" in message, message
    logged = log.read_text(encoding="utf-8", errors="replace")[len(logged_before):]
    assert "connection authorized" not in logged, logged  # no session began, encrypted or not
    # the same CA and certificate connect, encrypted, when the name asked for is the certificate's
    conn = open_server(f"postgresql://postgres@otherhost:{cluster.port}/dnnd_tls?hostaddr=127.0.0.1"
                       f"&sslmode=verify-full&sslrootcert={ca}")
    try:
        assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()[0] is True
    finally:
        conn.close()
    assert "connection authorized" in log.read_text(encoding="utf-8", errors="replace")[len(logged_before):]
    # and the server takes plain text on that line: the refusal came from the check, not from the server
    plain = ServerSettings("127.0.0.1", cluster.port, "dnnd_tls", "postgres", "disable", "")
    assert "Kết nối được" in server_settings.check(plain, None)
