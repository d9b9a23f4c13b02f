"""Run the real app in a real X server with a real window manager, and act on it from outside.

:class:`XScreen` starts ``Xvfb`` (on a free display it picks itself, ``-displayfd``) and
``openbox``, and waits until both answer. :class:`RealApp` starts ``dnnd-drafter`` through its
real entry point on that screen and drives it as a person would: ``wmctrl`` to maximise and
restore, ``xdotool`` to resize and press keys, the clipboard (``xclip``) to read what was typed.
:meth:`RealApp.idle` reads the process's CPU time and memory from ``/proc``, which is how a
frozen window (busy in a layout loop, not repainting) shows from outside.
Also used by ``scripts/screenshots.py``.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("Xvfb", "openbox", "xdotool", "wmctrl", "xclip", "xdpyinfo", "xprop", "xwininfo")
TICKS_PER_S = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
START_TIMEOUT_S = 30.0
IDLE_WINDOW_S = 0.2  # a measuring window: the app is idle when one such window shows almost no work
IDLE_MAX_CPU = 0.10  # share of one core allowed in an idle window (a clock tick is 10 ms)
IDLE_MAX_RSS_KB = 1024
MANAGER_ATTEMPTS = 5
DISPLAY_RANGE = range(300, 900)  # displays tried for Xvfb, away from those people and other tools use


def missing_tools() -> list[str]:
    """Return the programs this layer needs that are not installed."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def wait_for(condition, timeout: float, what: str, step: float = 0.02):  # type: ignore[no-untyped-def]
    """Poll `condition` until it returns something true; return it, or raise after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout:.0f} s")
        time.sleep(step)


class XScreen:
    """An Xvfb screen of a given size with openbox managing its windows."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.server = self.manager = None  # type: ignore[assignment]
        try:
            self._start()
        except BaseException:
            self.close()
            raise

    def _start(self) -> None:
        """Start Xvfb on a free display far from the usual :0–:99, then openbox; wait until both answer."""
        first = random.randrange(DISPLAY_RANGE.start, DISPLAY_RANGE.stop)
        for offset in range(len(DISPLAY_RANGE)):
            number = DISPLAY_RANGE.start + (first - DISPLAY_RANGE.start + offset) % len(DISPLAY_RANGE)
            if Path(f"/tmp/.X{number}-lock").exists():
                continue
            said = self._start_server(number)
            if said:
                break
        else:
            raise RuntimeError("no free X display for Xvfb")
        self.display = f":{said}"
        self.env = {**os.environ, "DISPLAY": self.display}
        self.env.pop("WAYLAND_DISPLAY", None)
        wait_for(lambda: self.run("xdpyinfo", check=False).returncode == 0, START_TIMEOUT_S, "Xvfb")
        for attempt in range(MANAGER_ATTEMPTS):  # openbox now and then quits silently as it starts
            self.manager = subprocess.Popen(["openbox", "--sm-disable"], env=self.env,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            try:
                wait_for(self._managed, START_TIMEOUT_S, "openbox")
                return
            except RuntimeError:
                if attempt == MANAGER_ATTEMPTS - 1:
                    raise

    def _start_server(self, number: int) -> str:
        """Start Xvfb on display `number`; return the display it says it listens on ('' when taken)."""
        read, write = os.pipe()
        self.server = subprocess.Popen(
            ["Xvfb", f":{number}", "-displayfd", str(write), "-screen", "0", f"{self.width}x{self.height}x24",
             "-nolisten", "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        said = b""
        while not said.endswith(b"\n"):  # Xvfb writes the display number and a newline once it listens
            ready, _, _ = select.select([read], [], [], START_TIMEOUT_S)
            chunk = os.read(read, 32) if ready else b""
            if not chunk:
                break
            said += chunk
        os.close(read)
        if not said.strip():
            self.server.kill()
            self.server.wait()
        return said.decode().strip()

    def _managed(self) -> bool:
        """Return whether openbox manages the screen; raise when it stopped."""
        if self.manager.poll() is not None:
            said = self.manager.stderr.read() if self.manager.stderr else ""
            raise RuntimeError(f"openbox stopped (status {self.manager.returncode}): {said}")
        return "Openbox" in self.run("wmctrl", "-m", check=False).stdout

    def run(self, *command: str, check: bool = True, timeout: float = 10.0,
            input_text: str | None = None) -> subprocess.CompletedProcess[str]:
        """Run an X client on this screen (with `input_text` on its standard input) and return its result."""
        if input_text is not None:  # xclip keeps serving the clipboard in the background: don't wait on its output
            subprocess.run(command, env=self.env, input=input_text, text=True, check=check, timeout=timeout,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return subprocess.CompletedProcess(command, 0, "", "")
        return subprocess.run(command, env=self.env, capture_output=True, text=True, check=check, timeout=timeout)

    def screenshot(self, path: Path) -> None:
        """Save the whole screen as a PNG (ImageMagick's import)."""
        self.run("import", "-window", "root", str(path), timeout=30)

    def close(self) -> None:
        """Stop openbox and the X server."""
        for process in (self.manager, self.server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


@dataclass
class Usage:
    """CPU time (clock ticks) and resident memory (kB) of a process at one moment."""

    ticks: int
    rss_kb: int


class RealApp:
    """The real ``dnnd-drafter`` running on an :class:`XScreen`, driven from outside."""

    def __init__(self, screen: XScreen, home: Path, scale: float = 1.0, probe: Path | None = None) -> None:
        self.screen = screen
        env = {**screen.env, "QT_QPA_PLATFORM": "xcb", "DNND_DRAFTER_HOME": str(home),
               "QT_SCALE_FACTOR": f"{scale:g}"}
        if probe is not None:
            env["DNND_DRAFTER_LAYOUT_PROBE"] = str(probe)
        self.log = (home / "app-output.txt").open("w")
        self.process = subprocess.Popen([sys.executable, "-m", "dnnd_drafter"], env=env, cwd=home,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.pid = self.process.pid
        self.window = wait_for(self._find_window, START_TIMEOUT_S, "the wizard window")
        self.screen.run("xdotool", "windowactivate", "--sync", self.window, check=False)

    def _find_window(self) -> str:
        """Return the id of the app's visible main window, or ''."""
        found = self.screen.run("xdotool", "search", "--onlyvisible", "--pid", str(self.pid),
                                "--name", "DNND Drafter", check=False).stdout.split()
        return found[0] if found else ""

    def usage(self) -> Usage:
        """Return the process's CPU time (all threads) and resident memory now."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        resident = int(Path(f"/proc/{self.pid}/statm").read_text().split()[1])
        return Usage(int(fields[11]) + int(fields[12]), resident * PAGE_KB)

    def idle(self, within: float = 1.0) -> tuple[bool, str]:
        """Return whether a measuring window starting within `within` s shows the app idle, and the last figures."""
        start = time.monotonic()
        while True:
            before = self.usage()
            time.sleep(IDLE_WINDOW_S)  # the measuring window itself, not a wait for a condition
            after = self.usage()
            cpu = (after.ticks - before.ticks) / TICKS_PER_S / IDLE_WINDOW_S
            grown = after.rss_kb - before.rss_kb
            figures = f"CPU {cpu:.0%}, RSS {after.rss_kb} kB ({grown:+} kB)"
            if cpu <= IDLE_MAX_CPU and grown <= IDLE_MAX_RSS_KB:
                return True, figures
            if time.monotonic() - start > within:
                return False, figures

    def geometry(self) -> tuple[int, int, int, int]:
        """Return the window's x, y, width and height on the screen (client area, device pixels)."""
        info = self.screen.run("xwininfo", "-id", self.window).stdout
        values = {}
        for line in info.splitlines():
            key, _, value = line.strip().partition(":")
            values[key] = value.strip()
        return (int(values["Absolute upper-left X"]), int(values["Absolute upper-left Y"]),
                int(values["Width"]), int(values["Height"]))

    def frame_extents(self) -> tuple[int, int, int, int]:
        """Return the window manager's frame around the window: left, right, top, bottom."""
        text = self.screen.run("xprop", "-id", self.window, "_NET_FRAME_EXTENTS").stdout
        numbers = [int(n) for n in text.split("=")[-1].replace(",", " ").split()] if "=" in text else []
        return tuple(numbers) if len(numbers) == 4 else (0, 0, 0, 0)  # type: ignore[return-value]

    def maximise(self, on: bool = True) -> None:
        """Maximise (or restore) the window through the window manager."""
        self.screen.run("wmctrl", "-i", "-r", self.window, "-b",
                        f"{'add' if on else 'remove'},maximized_vert,maximized_horz")

    def resize(self, width: int, height: int) -> None:
        """Ask the window manager for a new window size."""
        self.screen.run("xdotool", "windowsize", self.window, str(width), str(height))

    def keys(self, *keys: str) -> None:
        """Press keys on the window (activated first, as a person clicks into it)."""
        self.screen.run("xdotool", "windowactivate", "--sync", self.window, check=False)
        self.screen.run("xdotool", "key", "--clearmodifiers", *keys)

    def clipboard(self) -> str | None:
        """Return the clipboard's text (the app answers only while its event loop runs), or None."""
        try:
            done = self.screen.run("xclip", "-o", "-selection", "clipboard", check=False, timeout=1.0)
        except subprocess.TimeoutExpired:
            return None
        return done.stdout if done.returncode == 0 else None

    def type_text(self, text: str) -> None:
        """Type ASCII `text` at the end of the focused text field."""
        self.keys("ctrl+End", *text)

    def answers_selection(self, count: int, expected: str, within: float = 2.0) -> bool:
        """Select the first `count` characters of the focused text and copy them; return whether the
        clipboard then shows `expected`. Only selects (no edit, so no preview refresh follows)."""
        self.keys("ctrl+Home", *["shift+Right"] * count, "ctrl+c")
        try:
            wait_for(lambda: self.clipboard() == expected, within, "the selected text on the clipboard", step=0.05)
        except TimeoutError:
            return False
        return True

    def close(self) -> None:
        """Kill the app (its data folder is thrown away) and wait for it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.log.close()
