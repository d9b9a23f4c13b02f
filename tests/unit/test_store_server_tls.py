"""Test TLS to the office's server: with a CA file the server's certificate is verified (a server
signed by another CA is refused in Vietnamese), and the check button says the line is encrypted."""

from __future__ import annotations

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
