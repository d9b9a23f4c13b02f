"""Every button of every wizard step is on the screen, at the usual screen sizes and scalings.

Issue 12, point 6: the window opened at 1366×768 whatever the screen and could not be narrower
than 1210 px, so on 1024×600 (or with 125/150 % scaling) the buttons were half off the screen.
The real app opens on an Xvfb+openbox screen of each size; from outside we check that the whole
window, frame included, is on the screen, then walk the steps with Alt+→ and, at each, ask the
app (F12, the layout probe) where its buttons are.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.realwindow.xsession import RealApp, wait_for

SCREENS = ((1024, 600), (1366, 768), (1920, 1080))
SCALES = (1.0, 1.25, 1.5)
STEPS = 6
START_IDLE_S, STEP_IDLE_S = 20.0, 10.0  # a step is built the first time it is shown


def probe_lines(path: Path) -> list[dict]:  # type: ignore[type-arg]
    """Return the probe's snapshots written so far."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


@pytest.mark.parametrize("scale", SCALES, ids=lambda s: f"{s:.0%}")
@pytest.mark.parametrize("size", SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_button_of_every_step_is_on_the_screen(x_screen, office_home: Path, tmp_path: Path,
                                                     size: tuple[int, int], scale: float) -> None:
    screen = x_screen(*size)
    probe = tmp_path / "probe.jsonl"
    app = RealApp(screen, office_home, scale, probe)
    try:
        assert app.idle(within=START_IDLE_S)[0], "the app never settled after starting"
        x, y, width, height = app.geometry()
        left, right, top, bottom = app.frame_extents()
        frame = (x - left, y - top, x + width + right, y + height + bottom)
        assert frame[0] >= 0 and frame[1] >= 0 and frame[2] <= size[0] and frame[3] <= size[1], \
            f"the window (frame {frame}) does not fit the {size[0]}×{size[1]} screen at {scale:.0%}"
        problems = []
        for step in range(STEPS):
            written = len(probe_lines(probe))
            app.keys("F12")
            snapshot = wait_for(lambda written=written: probe_lines(probe)[written:], 5.0, "the layout probe")[0]
            assert snapshot["step"] == step, f"expected step {step + 1}, the app shows {snapshot['step'] + 1}"
            assert snapshot["buttons"], f"no button found on step {step + 1}"
            problems += [f"step {step + 1}: “{b['text']}” at {b['rect']} (screen {snapshot['screen']})"
                         for b in snapshot["buttons"] if not b["reachable"]]
            if step < STEPS - 1:
                app.keys("alt+Right")
                assert app.idle(within=STEP_IDLE_S)[0], f"busy after going to step {step + 2}"
        assert not problems, "buttons off the screen:\n" + "\n".join(problems)
    finally:
        app.close()
