"""Start a throw-away PostgreSQL cluster for the server-store tests, and hand out fresh databases.

``pg_cluster`` (session): ``DNND_TEST_DATABASE_URL`` (a superuser URI of a running server) when set;
otherwise a cluster of its own from ``/usr/lib/postgresql/*/bin/initdb`` in a temporary folder,
listening only on a Unix socket there, run as the ``postgres`` system user when we are root
(PostgreSQL refuses root), stopped and removed at the end. Without PostgreSQL the tests skip,
unless ``DNND_REQUIRE_POSTGRES=1`` (CI), where they fail. ``server_url``: a fresh database set up
by ``server setup`` for one test (copied from a template), with users ``vt_user`` (role vanthu)
and ``cv_user`` (role chuyenvien). ``shared_store``: the store on SQLite and on the server.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from dnnd_drafter.store import Store, open_store
from dnnd_drafter.store.server import ENV_DATABASE

TEMPLATE = "dnnd_template"
_numbers = itertools.count(1)


@dataclass
class Cluster:
    """Say how to reach a PostgreSQL server the tests may use as superuser."""

    host: str
    port: int
    superuser: str = "postgres"
    datadir: Path | None = None
    bindir: Path | None = None
    run_as: str | None = None
    durable: bool = False  # fsync on (benchmarks); the tests run without it
    tls: Path | None = None  # a folder with server.crt and server.key: listen on 127.0.0.1 with TLS

    def url(self, database: str, user: str | None = None) -> str:
        """Return the libpq URI of `database` as `user` (default: the superuser)."""
        return (f"postgresql://{quote(user or self.superuser)}@/{database}?host={quote(self.host, safe='')}"
                f"&port={self.port}")

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run `sql` as superuser outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)

    def pg_ctl(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run pg_ctl on this cluster (as its system user); return the result."""
        assert self.bindir is not None and self.datadir is not None, "not a cluster of our own"
        command = [str(self.bindir / "pg_ctl"), "-D", str(self.datadir), *args]
        return subprocess.run(_as(self.run_as, command), capture_output=True, text=True, timeout=60, check=False)

    def stop(self) -> None:
        """Stop the server now (connections are cut, open transactions roll back)."""
        result = self.pg_ctl("-m", "immediate", "-w", "stop")
        assert result.returncode == 0, result.stderr

    def start(self) -> None:
        """Start the server and wait until it accepts connections."""
        options = f"-k {self.host} -p {self.port} -c listen_addresses='' -c max_connections=60"
        if not self.durable:
            # no fsync (the machine does not crash, only the server is stopped), but every commit is
            # written out before it returns: with synchronous_commit=off a commit still in the WAL
            # buffers was lost by the immediate stop below, and the test of a server stopped in the
            # middle of an issue saw number 1 given twice (a test artifact, 3 runs in 6)
            options += " -c fsync=off -c full_page_writes=off"
        if self.tls is not None:
            options = options.replace("listen_addresses=''", "listen_addresses=127.0.0.1")
            options += f" -c ssl=on -c ssl_cert_file={self.tls / 'server.crt'} -c ssl_key_file={self.tls / 'server.key'}"
        result = self.pg_ctl("-o", options, "-l", str(self.datadir.parent / "server.log"), "-w", "start")  # type: ignore[union-attr]
        assert result.returncode == 0, result.stdout + result.stderr


def _as(user: str | None, command: list[str]) -> list[str]:
    """Return `command` run as the system `user` (when we are root), else as it is."""
    return ["runuser", "-u", user, "--", *command] if user else command


def _free_port() -> int:
    """Return a TCP port nobody listens on (names the Unix socket too)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _unavailable(reason: str) -> None:
    """Skip the test, or fail it where PostgreSQL is required (CI)."""
    if os.environ.get("DNND_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (DNND_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(reason)


def make_certificates(folder: Path, owner: str | None, names: str = "DNS:localhost,IP:127.0.0.1") -> Path:
    """Write a CA (ca.crt) and a server certificate for `names` (localhost) signed by it into `folder`; return it."""
    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, capture_output=True, check=True, timeout=60)

    folder.mkdir(parents=True, exist_ok=True)
    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=CA cua co quan",
        "-keyout", "ca.key", "-out", "ca.crt")
    common_name = names.split(",")[0].split(":", 1)[1]
    run("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={common_name}", "-keyout", "server.key",
        "-out", "server.csr")
    (folder / "san.ext").write_text(f"subjectAltName={names}\n", encoding="ascii")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
        "-days", "2", "-extfile", "san.ext", "-out", "server.crt")
    os.chmod(folder / "server.key", 0o600)
    if owner:
        import pwd

        user = pwd.getpwnam(owner)
        os.chmod(folder, 0o755)
        for name in ("server.key", "server.crt"):
            os.chown(folder / name, user.pw_uid, user.pw_gid)
    return folder


def _own_cluster(durable: bool = False, tls: bool = False,
                 tls_names: str = "DNS:localhost,IP:127.0.0.1") -> Iterator[Cluster]:
    """Yield a fresh cluster in a temporary folder; stop and remove it afterwards."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        _unavailable("no PostgreSQL server is installed (/usr/lib/postgresql/*/bin/initdb)")
    bindir = Path(found[-1]).parent
    run_as = None
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            import pwd

            pwd.getpwnam(run_as)
        except KeyError:
            _unavailable("we are root and there is no 'postgres' system user to run the server as")
    base = Path(tempfile.mkdtemp(prefix="dnnd-pg-", dir="/tmp" if run_as else None))  # the postgres user reaches /tmp
    os.chmod(base, 0o777)
    cluster = Cluster(host=str(base), port=_free_port(), datadir=base / "data", bindir=bindir, run_as=run_as,
                      durable=durable, tls=make_certificates(base / "tls", run_as, tls_names) if tls else None)
    init = subprocess.run(_as(run_as, [str(bindir / "initdb"), "-D", str(cluster.datadir), "-U", "postgres",
                                       "--auth=trust", "-E", "UTF8", "--no-sync"]),
                          capture_output=True, text=True, timeout=120, check=False)
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        _unavailable(f"initdb failed: {init.stderr.strip()[-300:]}")
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.pg_ctl("-m", "immediate", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """Yield a PostgreSQL server for the tests, with the template database set up."""
    external = os.environ.get("DNND_TEST_DATABASE_URL", "").strip()
    if external:
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(external)
        query = parse_qs(parts.query)
        cluster = Cluster(host=query.get("host", [parts.hostname or "localhost"])[0],
                          port=int(query.get("port", [parts.port or 5432])[0]),
                          superuser=parts.username or "postgres")
        clusters: Iterator[Cluster] = iter([cluster])
    else:
        clusters = _own_cluster()
    for cluster in clusters:
        from dnnd_drafter.store.server_schema import setup

        cluster.admin(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        cluster.admin(f"CREATE DATABASE {TEMPLATE}")
        setup(cluster.url(TEMPLATE))
        for user, role in (("vt_user", "vanthu"), ("cv_user", "chuyenvien")):
            cluster.admin(f"DROP ROLE IF EXISTS {user}")
            cluster.admin(f"CREATE ROLE {user} LOGIN IN ROLE {role}")
        yield cluster


@pytest.fixture
def server_url(pg_cluster: Cluster) -> Iterator[str]:
    """Yield the superuser URI of a fresh, set-up database (dropped afterwards)."""
    name = f"dnnd_t{os.getpid()}_{next(_numbers)}"
    pg_cluster.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    try:
        yield pg_cluster.url(name)
    finally:
        pg_cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def shared_store(request: pytest.FixtureRequest, home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """Yield an open store on each backend: the local SQLite file, then the office's server."""
    if request.param == "postgres":
        monkeypatch.setenv(ENV_DATABASE, request.getfixturevalue("server_url"))
    opened = open_store()
    try:
        yield opened
    finally:
        opened.close()


def use_empty_database(store: Store, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the next ``open_store()`` at another, empty store of the same backend as `store`."""
    if not store.on_server:
        return
    cluster: Cluster = request.getfixturevalue("pg_cluster")
    name = f"dnnd_t{os.getpid()}_{next(_numbers)}"
    cluster.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    request.addfinalizer(lambda: cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    monkeypatch.setenv(ENV_DATABASE, cluster.url(name))


def same_store_path(store: Store) -> str | None:
    """Return what ``open_store`` needs to open `store` again (None: the server named in the environment)."""
    return None if store.on_server else str(store.path)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, home: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point ``open_store()`` (and the command line) at the local file, then at a fresh office server."""
    if request.param == "postgres":
        monkeypatch.setenv(ENV_DATABASE, request.getfixturevalue("server_url"))
    return str(request.param)
