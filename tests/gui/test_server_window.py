"""The wizard on the office's server: numbering a letter asks the server on a worker thread (the
window never waits on the UI thread) and the number lands in the letter and the shared register."""

from __future__ import annotations

import threading

import pytest

from dnnd_drafter.store.register import Register
from dnnd_drafter.store.server import ENV_DATABASE
from dnnd_drafter.ui import dialogs
from tests.gui.test_output_files import _cells, _fill
from tests.unit.pg_fixtures import pg_cluster, server_url  # noqa: F401 - fixtures


@pytest.fixture
def on_server(server_url, monkeypatch):  # type: ignore[no-untyped-def]
    """Point the office (opened by the window fixture after this one) at a fresh server database."""
    monkeypatch.setenv(ENV_DATABASE, server_url)
    return server_url


def test_numbering_a_letter_asks_the_server_off_the_ui_thread(on_server, window, presenter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert window.context.store.on_server
    threads: list[threading.Thread] = []
    real = Register.issue
    monkeypatch.setattr(Register, "issue", lambda self, *a, **k: threads.append(threading.current_thread())
                        or real(self, *a, **k))
    _fill(window, "Về việc tổ chức Tết Trồng cây")
    letter = window.controller.create_letter()
    presenter.answers = [dialogs.NO]  # no PDF now
    window.review.buttons["register"].click()
    assert presenter.errors == []
    assert len(threads) == 1 and threads[0] is not threading.main_thread()
    assert "Số: 01/UBND-VP" in _cells(letter)
    (entry,) = window.context.store.register.entries()
    assert entry.number == 1 and entry.file_name == letter.name


def test_a_damaged_local_file_on_a_server_store_is_reported_without_offering_a_restore(
        server_url, presenter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.base import paths
    from dnnd_drafter.store import open_store
    from dnnd_drafter.ui import app

    with open_store() as local:
        (paths.data_dir() / "backups").mkdir(exist_ok=True)
        local.backup(paths.data_dir() / "backups" / "tu-dong-cu.sqlite3")
    paths.database_file().write_bytes(b"garbage" * 100)
    monkeypatch.setenv(ENV_DATABASE, server_url)
    context = app.open_context(presenter)
    assert context.store is not None and context.store.on_server
    assert presenter.questions == [] and presenter.errors == []  # drafts only were there: nothing to offer
    assert any("tu-dong-cu" in text or "hỏng" in text or "không dùng được" in text.lower() for text in presenter.infos)
    context.store.close()
