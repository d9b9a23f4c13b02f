"""Configure the whole test suite: offscreen Qt, a private data folder, the gui marker."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI runs the property tests on a fixed set of examples (a red run must be reproducible, never a
# random find); a developer's run explores new ones (DNND_HYPOTHESIS=explore forces it in CI too).
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") and os.environ.get("DNND_HYPOTHESIS") != "explore" else "explore")

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point DNND_DRAFTER_HOME at a fresh folder so no test touches the real user data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(home))
    monkeypatch.setenv("DNND_DRAFTER_CACHE", str(tmp_path_factory.mktemp("cache")))  # compiled templates and dataclass code
    return home


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that uses a QApplication as ``gui``."""
    for item in items:
        if {"qapp", "qtbot"} & set(getattr(item, "fixturenames", ())):
            item.add_marker("gui")
