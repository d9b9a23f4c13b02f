"""Resize the real window through every height a clerk's screen allows; it must settle each time.

Issue 12, point 1: maximised at 1366×768 (1366×749 usable under openbox) the window froze in a
layout loop, 90–100 % CPU and memory growing, and never answered a key again. For each width
(on a screen of that width) and display scaling, one app is maximised, restored, then sized to
every height from 560 px to the screen's in steps of 8 px; after each change the app must be
idle within a second (CPU and memory from /proc) and take key presses (select the first few
letters of the trích yếu, a different number each time, and copy them: the clipboard, which only
a running event loop can answer, must show them).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.realwindow.xsession import RealApp

SCREENS = {1024: 600, 1280: 800, 1366: 768, 1920: 1080}  # width: height of the usual screen of that width
SCALES = (1.0, 1.25, 1.5)
LOWEST, STEP = 560, 8
START_IDLE_S = 20.0  # the first start loads the catalog and the preview engine
TYPING_IDLE_S = 5.0  # typed text refreshes the preview after a 250 ms pause, on a worker thread
SUBJECT = "abcdef"  # typed once into the trích yếu; each check selects 1 to 5 of its letters


def sizes(width: int, height: int) -> list[tuple[str, int]]:
    """Return the sweep: maximise, restore, then each height from LOWEST to the screen's."""
    return [("maximise", 0), ("restore", 0)] + [("height", h) for h in range(LOWEST, height + 1, STEP)]


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
@pytest.mark.parametrize("width", sorted(SCREENS))
def test_every_window_size_settles_and_answers_a_key(x_screen, office_home: Path, width: int, scale: float) -> None:
    screen = x_screen(width, SCREENS[width])
    began = time.monotonic()
    app = RealApp(screen, office_home, scale)
    try:
        idle, figures = app.idle(within=START_IDLE_S)
        assert idle, f"the app never settled after starting: {figures}"
        app.type_text(SUBJECT)
        assert app.idle(within=TYPING_IDLE_S)[0], "busy after typing the trích yếu"
        for number, (action, height) in enumerate(sizes(width, SCREENS[width])):
            if action == "maximise":
                app.maximise(True)
            elif action == "restore":
                app.maximise(False)
            else:
                app.resize(width, height)
            where = f"{action} {width}×{height or ''} at {scale:.0%} (window {app.geometry()[2:]})"
            idle, figures = app.idle(within=1.0)
            assert idle, f"busy 1 s after {where}: {figures}"
            count = number % (len(SUBJECT) - 1) + 1
            assert app.answers_selection(count, SUBJECT[:count]), f"no answer to key presses after {where}"
        print(f"\n{width}×{SCREENS[width]} at {scale:.0%}: {number + 1} sizes in {time.monotonic() - began:.1f} s")
    finally:
        app.close()
