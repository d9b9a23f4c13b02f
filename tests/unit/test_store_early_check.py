"""Hold the integrity check run beside the wizard's start: taken only for the very file it checked."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dnnd_drafter.cli import entry
from dnnd_drafter.base import early_check
from dnnd_drafter.store import open_store, recovery


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Return the path of a store's database with one office profile in it, closed."""
    store = open_store(tmp_path / "db.sqlite3")
    store.close()
    return tmp_path / "db.sqlite3"


def _quick_checks_run_while_opening(path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Open the store at `path` and return how many ``PRAGMA quick_check`` it ran itself."""
    statements: list[str] = []
    connect = recovery.connect

    def traced(where):  # type: ignore[no-untyped-def]
        conn = connect(where)
        conn.set_trace_callback(statements.append)
        return conn

    monkeypatch.setattr(recovery, "connect", traced)
    open_store(path, auto_backup=False).close()
    return sum("quick_check" in statement for statement in statements)


def test_an_intact_file_checked_beside_the_start_is_not_checked_again(database: Path, monkeypatch) -> None:
    early_check.start(database)
    assert _quick_checks_run_while_opening(database, monkeypatch) == 0


def test_without_an_early_check_the_store_checks_as_before(database: Path, monkeypatch) -> None:
    early_check._pending.clear()
    assert _quick_checks_run_while_opening(database, monkeypatch) == 1


def test_the_result_is_taken_once(database: Path, monkeypatch) -> None:
    early_check.start(database)
    assert early_check.passed(database)
    assert _quick_checks_run_while_opening(database, monkeypatch) == 1


def test_a_file_written_after_the_check_is_checked_again(database: Path, monkeypatch) -> None:
    early_check.start(database)
    early_check._pending[0].thread.join()
    conn = sqlite3.connect(database, isolation_level=None)
    conn.execute("PRAGMA user_version = " + str(conn.execute("PRAGMA user_version").fetchone()[0]))
    conn.execute("CREATE TABLE written_later (x)")
    conn.close()
    assert _quick_checks_run_while_opening(database, monkeypatch) == 1


def test_another_file_is_checked_itself(database: Path, tmp_path: Path, monkeypatch) -> None:
    other = tmp_path / "other.sqlite3"
    open_store(other).close()
    early_check.start(database)
    assert _quick_checks_run_while_opening(other, monkeypatch) == 1


def test_a_damaged_file_still_goes_the_usual_way(database: Path) -> None:
    data = bytearray(database.read_bytes())
    data[len(data) // 2:len(data) // 2 + 4096] = b"\xff" * 4096  # a page of an index or a table
    database.write_bytes(bytes(data))
    early_check.start(database)
    assert not early_check._pending[0].passed(database)
    store = open_store(database, auto_backup=False)
    try:
        assert store.recovery_notice and "hỏng" in store.recovery_notice
    finally:
        store.close()


def test_a_missing_file_starts_no_check(tmp_path: Path) -> None:
    early_check.start(tmp_path / "none.sqlite3")
    assert early_check._pending == []
    assert not early_check.passed(tmp_path / "none.sqlite3")


def test_the_wizard_starts_the_check_of_its_database(monkeypatch, tmp_path: Path) -> None:
    started: list[Path] = []
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path))
    monkeypatch.setattr(early_check, "start", started.append)
    import dnnd_drafter.ui.app as app

    monkeypatch.setattr(app, "run_app", lambda argv: 0)
    assert entry._run_wizard() == 0
    assert started == [tmp_path / "dnnd-drafter.sqlite3"]
