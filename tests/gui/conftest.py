"""Give the GUI tests a recording presenter and a fresh office with a State profile."""

from __future__ import annotations

import pytest

from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.gui.clerk import RecordingPresenter, make_office


@pytest.fixture(autouse=True)
def _preview_beside_the_form(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the preview beside the form: the offscreen screen is only 800×600, where the window
    would otherwise hide it behind "Xem trang in" (tests/gui/test_window_fit.py tests that)."""
    from dnnd_drafter.ui.wizard import window_fit

    monkeypatch.setattr(window_fit, "SIDE_PREVIEW_MIN", 0)


@pytest.fixture(autouse=True)
def _no_real_message_box(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail a test whose window shows a real message box or file chooser (it would wait for a click
    forever): a window's messages go through its context's presenter, a recorder in the tests."""
    def refuse(self: object, parent: object, text: str = "", *args: object, **kwargs: object) -> str:
        raise AssertionError(f"a real message box was about to be shown: {text!r}")

    for name in ("error", "info", "ask", "save_file", "open_file"):
        monkeypatch.setattr(dialogs.Presenter, name, refuse)


@pytest.fixture
def presenter() -> RecordingPresenter:
    """Record every message box and file chooser; the office's context hands it to its windows."""
    return RecordingPresenter()


@pytest.fixture
def office(presenter: RecordingPresenter):
    """Open a fresh store with a State office (profile, signers, address book), the catalog and the
    recording presenter."""
    from dnnd_drafter.catalog import load_catalog
    from dnnd_drafter.store import open_store

    store = open_store()
    profile = make_office(store)
    yield AppContext(store, profile, load_catalog(), presenter=presenter)
    store.close()


@pytest.fixture
def window(qtbot, office, presenter):
    """Open the wizard on a new letter from the office profile."""
    from dnnd_drafter.ui.app import build_window, first_session

    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.session.dirty = False
    win.preview.wait_idle()
    win.close()
