"""Share fixtures and helpers of the store tests (imported by tests/unit/test_store*.py)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from dnnd_drafter.store import Profile, Store, open_store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point DNND_DRAFTER_HOME at a fresh folder and close log handlers opened meanwhile."""
    folder = tmp_path / "home"
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(folder))
    logger = logging.getLogger("dnnd_drafter")
    before = list(logger.handlers)
    yield folder
    for handler in [h for h in logger.handlers if h not in before]:
        logger.removeHandler(handler)
        handler.close()


@pytest.fixture
def store(home: Path) -> Iterator[Store]:
    """Yield an open store in the test home, closed afterwards."""
    opened = open_store()
    try:
        yield opened
    finally:
        opened.close()


def state_profile(store: Store, name: str = "UBND xã Tân An") -> Profile:
    """Save and return a State profile (symbol UBND-VP, calendar-year numbering)."""
    return store.profiles.save(Profile(
        name, "nha_nuoc", "ỦY BAN NHÂN DÂN XÃ TÂN AN", parent_body="UBND HUYỆN BÌNH MINH",
        abbreviation="UBND", default_place="Tân An", unit_abbreviations=["VP"], archive_line="Lưu: VT, VP"))


def party_profile(store: Store, name: str = "Huyện ủy Bình Minh") -> Profile:
    """Save and return a Party profile numbering by the 2020–2025 term."""
    return store.profiles.save(Profile(
        name, "dang", "HUYỆN ỦY BÌNH MINH", parent_body="ĐẢNG BỘ TỈNH VĨNH LONG", abbreviation="HU",
        default_place="Bình Minh", archive_line="Lưu VPHU", term_start=dt.date(2020, 10, 15),
        term_end=dt.date(2025, 10, 14)))


def run_python(code: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter with the test environment; return the result."""
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ), cwd=REPO, check=False)
