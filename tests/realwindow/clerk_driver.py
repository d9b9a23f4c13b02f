"""Act as a clerk on the real app from outside: dialogs by their titles, buttons by their text,
Vietnamese text through the clipboard.

:class:`Clerk` starts ``python -m dnnd_drafter`` on an :class:`~tests.realwindow.xsession.XScreen`
like :class:`~tests.realwindow.xsession.RealApp`, but does not wait for the wizard window (a
recovery question may come first). Buttons are found with the layout probe (F12 writes every
visible button's text and screen rectangle) and clicked with ``xdotool``; message boxes are read
with Ctrl+C (a QMessageBox copies its text) before they are answered. Every wait is on a
condition with a deadline.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.realwindow.xsession import START_TIMEOUT_S, RealApp, XScreen, wait_for

MAIN_TITLE = "^DNND Drafter — "  # the wizard window: "DNND Drafter — <file>"
BOX_TITLE = "^DNND Drafter$"  # every message box and question of the app
STEP_S = 15.0  # a page built for the first time, a .docx or a PDF written, on two busy cores
REVIEW_STEP = 5
NEXT, CREATE = "Tiếp theo ▶", "Tạo văn bản"  # the wizard's forward button, and its text on the last step


class Clerk(RealApp):
    """The real app on a screen, with the moves a clerk makes on it."""

    def __init__(self, screen: XScreen, home: Path, probe: Path, shots: Path | None = None) -> None:
        self.screen, self.home, self.probe_file, self.shots = screen, home, probe, shots
        env = {**screen.env, "QT_QPA_PLATFORM": "xcb", "DNND_DRAFTER_HOME": str(home), "QT_SCALE_FACTOR": "1",
               "DNND_DRAFTER_LAYOUT_PROBE": str(probe)}
        self.log = (home / "app-output.txt").open("a")
        self.process = subprocess.Popen([sys.executable, "-m", "dnnd_drafter"], env=env, cwd=home,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.pid = self.process.pid
        self.window = ""
        self.shot_count = 0

    # -- windows --------------------------------------------------------------------------
    def windows(self, title: str) -> list[str]:
        """Return the ids of the app's visible windows whose title matches the regular expression."""
        if self.process.poll() is not None:
            raise AssertionError(f"the app stopped (status {self.process.returncode}); see {self.log.name}")
        found = self.screen.run("xdotool", "search", "--onlyvisible", "--pid", str(self.pid), "--name", ".",
                                check=False).stdout.split()  # xdotool's own match ignores ^ and $ here
        return [window for window in found if re.search(title, self.title_of(window))]

    def title_of(self, window: str) -> str:
        """Return a window's title."""
        return self.screen.run("xdotool", "getwindowname", window, check=False).stdout.strip()

    def first_window(self) -> tuple[str, str]:
        """Wait for the app's first window (the wizard or a question); return its id and title."""
        found = wait_for(lambda: self.windows("^DNND Drafter"), START_TIMEOUT_S, "the app's first window")
        return found[0], self.title_of(found[0])

    def main_window(self) -> str:
        """Wait for the wizard window and make it the one keys go to."""
        self.window = wait_for(lambda: (self.windows(MAIN_TITLE) or [""])[0], START_TIMEOUT_S, "the wizard window")
        self.screen.run("xdotool", "windowactivate", "--sync", self.window, check=False)
        return self.window

    def main_title(self) -> str:
        """Return the wizard window's title."""
        return self.title_of(self.window)

    def answer(self, title: str, what: str, *keys: str) -> None:
        """Wait for a dialog titled like `title` (the message `what` is expected), press `keys`, wait until
        it closes. (Its text cannot be read from outside: this Qt copies nothing on Ctrl+C in a message
        box, so what the clerk was asked shows in what the app did next.)"""
        dialog = wait_for(lambda: (self.windows(title) or [""])[0], STEP_S, f"the dialog “{what or title}”")
        self.focus(dialog)
        self.shot(f"dialog-{what[:24] or title}")
        self.screen.run("xdotool", "key", "--clearmodifiers", *keys)
        wait_for(lambda: dialog not in self.windows(title), STEP_S, f"the dialog “{what or title}” to close")

    def no_box(self) -> None:
        """Fail when a message box is open (an error or a question nobody expected)."""
        if self.windows(BOX_TITLE):
            self.shot("unexpected-message")
            raise AssertionError("an unexpected message box is open (see the screenshot when DNND_CLERK_DAY_SHOTS is set)")

    def focus(self, window: str) -> None:
        """Wait until `window` has the keyboard (the window manager gives it to a new dialog; ask once more
        if it does not)."""
        def active() -> bool:
            if self.screen.run("xdotool", "getactivewindow", check=False).stdout.strip() == window:
                return True
            self.screen.run("xdotool", "windowactivate", window, check=False)
            return False

        wait_for(active, 5.0, f"the window {window} to get the keyboard", step=0.1)

    def keys(self, *keys: str) -> None:
        """Press keys on the wizard window (failing on a message box nobody expected)."""
        self.no_box()
        self.focus(self.window)
        self.screen.run("xdotool", "key", "--clearmodifiers", *keys)

    # -- typing ---------------------------------------------------------------------------
    def paste(self, text: str) -> None:
        """Put `text` on the clipboard and paste it where the caret is (xdotool type mangles marks)."""
        self.screen.run("xclip", "-selection", "clipboard", input_text=text)
        wait_for(lambda: self.clipboard() == text, 5.0, "the text on the clipboard")
        self.keys("ctrl+v")

    def type_ascii(self, text: str) -> None:
        """Type plain letters key by key, as a clerk does (returns once the keys are sent)."""
        self.focus(self.window)
        self.screen.run("xdotool", "type", "--delay", "40", "--clearmodifiers", text)

    # -- the probe: steps and buttons -----------------------------------------------------
    def snapshot(self) -> dict:  # type: ignore[type-arg]
        """Ask the app (F12) where its buttons are and which step it shows."""
        before = self._probe_lines()
        self.keys("F12")
        return wait_for(lambda: self._probe_lines()[len(before):], 5.0, "the layout probe")[0]

    def _probe_lines(self) -> list[dict]:  # type: ignore[type-arg]
        """Return the probe's snapshots so far."""
        path = self.probe_file
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []

    def click(self, text: str, nth: int = 0, left_of: int = 0) -> None:
        """Click the `nth` visible button whose text is `text` (its middle), or `left_of` pixels left of it
        (the field beside it)."""
        buttons = [b for b in self.snapshot()["buttons"] if b["text"] == text]
        assert len(buttons) > nth, f"no button “{text}” on the screen"
        x, y, width, height = buttons[nth]["rect"]
        where = (x - left_of, y + height // 2) if left_of else (x + width // 2, y + height // 2)
        self.screen.run("xdotool", "mousemove", str(where[0]), str(where[1]), "click", "1")

    def has_button(self, text: str) -> bool:
        """Return whether a button with `text` is visible."""
        return any(b["text"] == text for b in self.snapshot()["buttons"])

    def step(self) -> int:
        """Return the step shown (0 to 5)."""
        return int(self.snapshot()["step"])

    def go_to_step(self, wanted: int) -> None:
        """Click “Tiếp theo ▶” until the wizard shows step `wanted` (Alt+→ is eaten by some fields)."""
        current = self.step()
        assert current <= wanted, f"on step {current + 1}, asked to go forward to {wanted + 1}"
        self.shot(f"step-{current + 1}")
        while current < wanted:
            self.click(NEXT)
            current = wait_for(lambda c=current: (lambda s: s if s > c else 0)(self.step()), STEP_S,
                               f"step {current + 2}")
            self.shot(f"step-{current + 1}")

    # -- evidence -------------------------------------------------------------------------
    def shot(self, what: str) -> None:
        """Save a screenshot of the whole screen when screenshots were asked for."""
        if self.shots is None or self.process.poll() is not None:
            return
        self.shot_count = max(self.shot_count, len(list(self.shots.glob("*.png")))) + 1  # several starts, one series
        name = re.sub(r"[^\w-]+", "_", what)
        self.screen.screenshot(self.shots / f"{self.shot_count:02d}-{name}.png")

    def autosaved_subject(self) -> str | None:
        """Return the trích yếu of the newest autosave in the app's database, or None."""
        uri = f"file:{self.home / 'dnnd-drafter.sqlite3'}?mode=ro"
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=1.0)
            try:
                row = conn.execute("SELECT draft_json FROM autosave ORDER BY updated_at DESC LIMIT 1").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return None
        return json.loads(row[0]).get("subject") if row else None

    def kill(self) -> float:
        """Kill the app at once (as a power cut would); return when it died (monotonic seconds)."""
        self.process.kill()
        killed = time.monotonic()
        self.process.wait()
        return killed
