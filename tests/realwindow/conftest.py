"""Give the real-window tests their X screens and a sample office, and mark them ``realwindow``.

Run them alone with ``pytest -m realwindow``. Without Xvfb, openbox and the X tools they are
skipped, unless ``DNND_REQUIRE_REALWINDOW=1`` (set by ``.ci/run``), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.realwindow.xsession import XScreen, missing_tools


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test of this folder ``realwindow``."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker("realwindow")


@pytest.fixture(scope="session")
def x_tools() -> None:
    """Skip (or fail, when CI requires this layer) without Xvfb, openbox and the X tools."""
    missing = missing_tools()
    if missing:
        message = f"the real-window tests need {', '.join(missing)}"
        if os.environ.get("DNND_REQUIRE_REALWINDOW") == "1":
            pytest.fail(message + " (DNND_REQUIRE_REALWINDOW=1)")
        pytest.skip(message)


@pytest.fixture(scope="session")
def x_screen(x_tools: None) -> Iterator[Callable[[int, int], XScreen]]:
    """Return a function giving an Xvfb+openbox screen of a size (one per size for the session)."""
    screens: dict[tuple[int, int], XScreen] = {}

    def screen(width: int, height: int) -> XScreen:
        if (width, height) not in screens:
            screens[(width, height)] = XScreen(width, height)
        return screens[(width, height)]

    yield screen
    for opened in screens.values():
        opened.close()


@pytest.fixture(scope="session")
def sample_office(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a data folder holding a State office with signers and an address book (copy it before use)."""
    from dnnd_drafter.store import open_store
    from tests.gui.clerk import make_office

    folder = tmp_path_factory.mktemp("office")
    store = open_store(folder / "dnnd-drafter.sqlite3")
    make_office(store)
    store.close()
    return folder


@pytest.fixture
def office_home(sample_office: Path, tmp_path: Path) -> Path:
    """Return a fresh copy of the sample office's data folder for one app."""
    home = tmp_path / "home"
    shutil.copytree(sample_office, home)
    return home
