"""Test that the wizard started without a screen says so in Vietnamese instead of aborting (issue 12, point 11)."""

from __future__ import annotations

import os
import subprocess
import sys

from dnnd_drafter.ui.display_check import XCB_LIBRARIES, screen_problem
from tests.conftest import REPO

WINDOWLESS = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def test_the_wizard_without_a_display_points_to_render_and_exits_2() -> None:
    env = {key: value for key, value in os.environ.items() if key not in WINDOWLESS}
    done = subprocess.run([sys.executable, "-m", "dnnd_drafter"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "Không có màn hình" in done.stderr and "dnnd-drafter render" in done.stderr
    assert "qt." not in done.stderr.lower() and "Traceback" not in done.stderr


def test_offscreen_and_other_displayless_platforms_are_let_through() -> None:
    for platform in ("offscreen", "vnc", "linuxfb", "minimal"):
        assert screen_problem({"QT_QPA_PLATFORM": platform}, "linux") is None
    assert screen_problem({}, "win32") is None
    assert screen_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", lambda _lib: False) is None


def test_a_missing_xcb_library_is_named_with_its_debian_package() -> None:
    def loads_all_but_icccm(library: str) -> bool:
        return library not in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")

    message = screen_problem({"DISPLAY": ":0"}, "linux", loads_all_but_icccm)
    assert message is not None
    assert "libxcb-icccm4 libxcb-keysyms1" in message and "apt-get install" in message
    assert "libxcb-cursor0" not in message  # Qt's own message blamed this one wrongly
    assert screen_problem({"DISPLAY": ":0"}, "linux", lambda _lib: True) is None
    assert set(XCB_LIBRARIES.values()) >= {"libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"}
