"""The register window on the office's server reads its rows off the UI thread: opening, scrolling
and painting run no statement of the server on the UI thread; a row says "Đang tải…" until its
page arrives, then shows the entry."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from dnnd_drafter.store.server import ServerConnection
from tests.gui.test_data_dialogs import column
from tests.gui.test_register_window_rows import PER_YEAR, _fill
from tests.gui.test_server_window import on_server  # noqa: F401 - fixture
from tests.unit.pg_fixtures import pg_cluster, server_url  # noqa: F401 - fixtures


def spy_on_server_statements(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record (thread name, statement) of every statement any server connection runs from now on."""
    seen: list[tuple[str, str]] = []
    for name in ("execute", "executemany", "commit"):
        real = getattr(ServerConnection, name)

        def spy(self, *args, _real=real, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            seen.append((threading.current_thread().name, str(args[0]) if args else _name))
            return _real(self, *args, **kwargs)

        monkeypatch.setattr(ServerConnection, name, spy)
    return seen


def on_ui_thread(seen: list[tuple[str, str]]) -> list[str]:
    """Return the statements of `seen` that ran on the UI (main) thread."""
    return [sql for thread, sql in seen if thread == threading.main_thread().name]


def test_opening_scrolling_and_painting_the_register_runs_no_server_statement_on_the_ui_thread(
        on_server, office, presenter, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.ui.data.register import TEXT, RegisterDialog

    assert office.store.on_server
    letter = tmp_path / "cv.docx"
    letter.write_bytes(b"PK letter")
    _fill(office.store, office.profile.id, letter)
    expected = office.store.register.entries(dt.date.today().year, office.profile.id)
    seen = spy_on_server_statements(monkeypatch)
    dialog = RegisterDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    model, table = dialog.model, dialog.table
    assert model.rowCount() == PER_YEAR
    qtbot.waitUntil(lambda: model.index(0, 3).data() == expected[0].subject, timeout=10_000)
    for row in (PER_YEAR // 2, PER_YEAR - 1):  # scroll down: the rows wait for their page, then show it
        table.scrollTo(model.index(row, 0))
        dialog.grab()  # paint now
        qtbot.waitUntil(lambda r=row: model.index(r, 3).data() == expected[r].subject, timeout=10_000)
        dialog.grab()
    assert seen and on_ui_thread(seen) == [], on_ui_thread(seen)[:5]
    assert TEXT["loading"] == "Đang tải…"
    monkeypatch.undo()  # every row reads the same as the store holds (read all pages now)
    for start in range(0, PER_YEAR, 60):
        model.entry(start)
    qtbot.waitUntil(lambda: "Đang tải…" not in column(table, 0), timeout=10_000)
    assert column(table, 3) == [e.subject for e in expected]
    dialog.table.selectRow(PER_YEAR - 1)
    assert dialog.selected_id() == expected[-1].id and dialog.buttons["cancel"].isEnabled()
    dialog.close()
