"""The day's automatic backup never delays the start: opening the data takes none, and the window,
once up, has it taken on another thread."""

from __future__ import annotations

import threading

import pytest

from dnnd_drafter.base import paths
from dnnd_drafter.store import open_store, recovery
from dnnd_drafter.ui import app
from tests.gui.clerk import make_office


def _backups() -> list:  # type: ignore[type-arg]
    """Return the automatic backups beside the database."""
    return list((paths.data_dir() / "backups").glob(f"{recovery.AUTO_PREFIX}*.sqlite3"))


def test_opening_the_data_at_start_takes_no_backup(presenter, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Check open_context copies nothing even when the day's backup is due."""
    store = open_store(auto_backup=False)
    make_office(store)
    store.close()
    taken: list[object] = []
    monkeypatch.setattr(recovery, "take_auto_backup", lambda conn, path: taken.append(path))
    context = app.open_context(presenter)
    assert taken == [] and _backups() == []
    context.store.close()


def test_the_window_has_the_backup_taken_on_another_thread(window, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Check the backup appears after the window is up, taken off the UI thread."""
    assert _backups() == []  # the office was empty when its store opened: nothing was due then
    taken_on: list[threading.Thread] = []
    real = recovery.take_auto_backup
    monkeypatch.setattr(recovery, "take_auto_backup",
                        lambda conn, path: taken_on.append(threading.current_thread()) or real(conn, path))
    app.schedule_daily_backup(window, window.context.store)
    window.preview.updated.emit()  # the first preview (or the delay) starts it
    for thread in threading.enumerate():
        if thread.name == "dnnd-daily-backup":
            thread.join(30)
    assert len(_backups()) == 1
    assert len(taken_on) == 1 and taken_on[0] is not threading.main_thread()


def test_a_backup_that_fails_on_its_thread_is_logged_not_raised(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Check an unreadable database gives a log line and no backup, never an exception on the thread."""
    bad = tmp_path / "khong-phai.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    assert recovery.take_daily_backup(bad) is None
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())
