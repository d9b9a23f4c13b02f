"""The day's automatic backup never delays the start: opening the data takes none, and the window,
once up, has it taken on another thread."""

from __future__ import annotations

import threading

import pytest

from dnnd_drafter import paths
from dnnd_drafter.store import open_store, recovery
from dnnd_drafter.ui import app
from tests.gui.clerk import make_office


def test_the_start_takes_no_backup_and_the_window_has_it_taken_on_another_thread(
        qtbot, presenter, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Check open_context copies nothing, and the backup appears after the window is up, off the UI thread."""
    store = open_store(auto_backup=False)
    make_office(store)
    store.close()
    backups = paths.data_dir() / "backups"
    taken_on: list[threading.Thread] = []
    real = recovery.take_auto_backup
    monkeypatch.setattr(recovery, "take_auto_backup",
                        lambda conn, path: taken_on.append(threading.current_thread()) or real(conn, path))
    context = app.open_context()
    assert taken_on == [] and not list(backups.glob(f"{recovery.AUTO_PREFIX}*.sqlite3"))
    window = app.start_window(context)
    qtbot.addWidget(window)
    window.show()
    app.schedule_daily_backup(window, context.store)
    qtbot.waitUntil(lambda: bool(list(backups.glob(f"{recovery.AUTO_PREFIX}*.sqlite3"))), timeout=30_000)
    assert len(taken_on) == 1 and taken_on[0] is not threading.main_thread()
    for thread in threading.enumerate():
        if thread.name == "dnnd-daily-backup":
            thread.join(30)
    window.session.dirty = False
    context.store.close()


def test_a_backup_that_fails_on_its_thread_is_logged_not_raised(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    """Check an unreadable database gives a log line and no backup, never an exception on the thread."""
    bad = tmp_path / "khong-phai.sqlite3"
    bad.write_bytes(b"not a database" * 100)
    assert recovery.take_daily_backup(bad) is None
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())
