"""Measure the office's PostgreSQL server against the local SQLite store, as ratios in one run.

Usage::

    python benchmarks/measure_server.py [--database postgresql://postgres@/…] [--issues 200] [--entries 10000]

Without ``--database`` a throw-away cluster is started the way the tests start it
(``tests/unit/pg_fixtures.py``: initdb in a temporary folder, Unix socket), but with fsync on,
as SQLite's ``synchronous = FULL``: both commit to the disk. Each figure is the median over its samples,
through the store API a window uses:

* ``register_issue``: one ``register.issue`` (a committed transaction with the office-wide lock);
* ``search_keystroke``: one address-book search as a clerk types "uy ban nhan dan xa" letter by
  letter over 10,000 entries (the index answers from memory; the server costs one counter query);
* ``search_after_change``: a search right after another connection added an entry (the change is
  read from the log, not a reload).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

QUERY = "uy ban nhan dan xa"


def _median_ms(samples: list[float]) -> float:
    """Return the median of `samples` (seconds) in milliseconds."""
    return statistics.median(samples) * 1000


def _timed(func: Callable[[], object], times: int) -> list[float]:
    """Return how long each of `times` calls of `func` took, in seconds."""
    out = []
    for _ in range(times):
        start = time.perf_counter()
        func()
        out.append(time.perf_counter() - start)
    return out


def measure(open_store: Callable[[], object], issues: int, entries: int) -> dict[str, float]:
    """Return the medians (ms) of the three figures on the store `open_store` opens."""
    from dnnd_drafter.store import Profile
    from dnnd_drafter.store.addressbook import Recipient

    store = open_store()
    other = open_store()
    try:
        profile = store.profiles.save(Profile("UBND xã Tân An", "nha_nuoc", "ỦY BAN NHÂN DÂN XÃ TÂN AN",
                                              abbreviation="UBND", unit_abbreviations=["VP"]))
        issue = _timed(lambda: store.register.issue(profile.id, "cong_van"), issues)
        store.addressbook.add_many(Recipient(f"Ủy ban nhân dân xã số {i}", f"UBND xã {i}", ["xã"])
                                   for i in range(entries))
        store.addressbook.search("")  # the index is read once, as when the picker first opens
        typing: list[float] = []
        for _ in range(5):
            for end in range(1, len(QUERY) + 1):
                typing += _timed(lambda end=end: store.addressbook.search(QUERY[:end]), 1)
        after: list[float] = []
        for i in range(20):
            other.addressbook.add(Recipient(f"Hội Nông dân xã mới {i}"))
            after += _timed(lambda: store.addressbook.search("hoi nong dan"), 1)
        return {"register_issue": _median_ms(issue), "search_keystroke": _median_ms(typing),
                "search_after_change": _median_ms(after)}
    finally:
        other.close()
        store.close()


def main(argv: list[str] | None = None) -> int:
    """Run both backends and print the table; write JSON with ``--json``."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="superuser URI of a server to create a scratch database on")
    parser.add_argument("--issues", type=int, default=200)
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from dnnd_drafter.store import open_store
    from dnnd_drafter.store.server import ENV_DATABASE
    from tests.unit.pg_fixtures import Cluster, _own_cluster

    clusters = iter([_cluster_of(args.database)]) if args.database else _own_cluster(durable=True)
    cluster: Cluster = next(clusters)
    home = tempfile.mkdtemp(prefix="dnnd-bench-")
    try:
        os.environ["DNND_DRAFTER_HOME"] = str(Path(home) / "sqlite")
        os.environ.pop(ENV_DATABASE, None)
        local = measure(open_store, args.issues, args.entries)
        from dnnd_drafter.store.server_schema import setup

        cluster.admin("DROP DATABASE IF EXISTS dnnd_bench")
        cluster.admin("CREATE DATABASE dnnd_bench")
        setup(cluster.url("dnnd_bench"))
        os.environ["DNND_DRAFTER_HOME"] = str(Path(home) / "server")
        os.environ[ENV_DATABASE] = cluster.url("dnnd_bench")
        server = measure(open_store, args.issues, args.entries)
        cluster.admin("DROP DATABASE IF EXISTS dnnd_bench WITH (FORCE)")
    finally:
        for _ in clusters:  # stop our own cluster
            pass
    result = {key: {"sqlite_ms": round(local[key], 3), "server_ms": round(server[key], 3),
                    "ratio": round(server[key] / local[key], 2) if local[key] else None} for key in local}
    print(f"{'figure':<22}{'SQLite ms':>12}{'server ms':>12}{'server/SQLite':>15}")
    for key, row in result.items():
        print(f"{key:<22}{row['sqlite_ms']:>12.3f}{row['server_ms']:>12.3f}{row['ratio']:>15}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


def _cluster_of(uri: str) -> object:
    """Return the Cluster of a superuser URI given on the command line."""
    from urllib.parse import parse_qs, urlsplit

    from tests.unit.pg_fixtures import Cluster

    parts = urlsplit(uri)
    query = parse_qs(parts.query)
    return Cluster(host=query.get("host", [parts.hostname or "localhost"])[0],
                   port=int(query.get("port", [parts.port or 5432])[0]), superuser=parts.username or "postgres")


if __name__ == "__main__":
    raise SystemExit(main())
