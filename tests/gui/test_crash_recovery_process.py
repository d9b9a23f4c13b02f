"""Kill the real app with SIGKILL while the clerk types, start it again, and check what came back
(issue 12, points 3 and 4): the text to within the last two seconds of typing, the draft's file,
the unsaved mark, the question on quitting, and the offer again at the next start until saved."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from dnnd_drafter.model import letter as model
from dnnd_drafter.ui.wizard.file_commands import TEXT as ACTIONS
from tests.conftest import REPO
from tests.gui.clerk import make_office

TEXT = ("Về việc triển khai thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư về tiếp tục "
        "tăng cường sự lãnh đạo của Đảng đối với công tác đối ngoại nhân dân trong tình hình mới")
KILL_AFTER_KEYS = 100  # about 6 s of typing at one key every 60 ms, without a pause
LOSS_S = 2.0  # the promise: a crash loses at most the last two seconds of typing...
SLACK_S = 1.0  # ...plus the time the timer and the disk may take on a busy test machine
START_S = 60


class RunningApp:
    """Run ``tests.gui.crash_driver`` (the real app with a scripted clerk) and read its reports."""

    def __init__(self, env: dict[str, str], act: str, *answers: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "tests.gui.crash_driver", act, *answers],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                        env=env, cwd=REPO)
        self.lines: queue.Queue[dict | None] = queue.Queue()
        self.seen: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        """Queue every JSON line the app writes; None when its output ends."""
        for line in self.process.stdout:  # type: ignore[union-attr]
            self.lines.put(json.loads(line))
        self.lines.put(None)

    def until(self, wanted: Callable[[dict], bool], within_s: float = START_S) -> dict:
        """Return the first report (from now on) that is `wanted`; fail after `within_s`."""
        deadline = time.monotonic() + within_s
        while True:
            try:
                report = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"no such report within {within_s} s; seen {self.seen[-3:]}") from None
            if report is None:
                self.process.wait(10)
                raise AssertionError(f"the app ended: {self.process.stderr.read()}")  # type: ignore[union-attr]
            self.seen.append(report)
            if "error" in report:
                raise AssertionError(report["error"])
            if wanted(report):
                return report

    def kill(self) -> float:
        """Kill the app as a power cut would; return the moment (time.monotonic())."""
        moment = time.monotonic()
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        return moment

    def finish(self) -> int:
        """Wait for the app to end by itself; return the exit status it reported."""
        code = self.until(lambda r: "exit" in r)["exit"]
        self.process.wait(30)  # gone: its autosaves are no longer "live"
        return code

    def drain(self) -> None:
        """Read the reports written before the app ended."""
        while (report := self.lines.get(timeout=30)) is not None:
            self.seen.append(report)


def _left_for_recovery() -> list:  # type: ignore[type-arg]
    """Return the autosaves the next start would offer."""
    from dnnd_drafter.store import open_store

    with open_store() as store:
        return store.drafts.pending_autosaves()


def test_a_kill_while_typing_loses_at_most_two_seconds_and_the_draft_stays_until_saved(tmp_path: Path) -> None:
    from dnnd_drafter.store import open_store

    with open_store() as store:
        make_office(store)
    letter = tmp_path / "cong-van.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
           "DNND_TEST_SAVE_AS": str(letter), "DNND_TEST_TEXT": TEXT}

    # 1. the clerk saves the letter, then types its trích yếu without a pause; the power goes off
    typing = RunningApp(env, "type")
    assert typing.until(lambda r: "title" in r)["path"] == str(letter)
    typing.until(lambda r: r.get("typed", 0) >= KILL_AFTER_KEYS)
    killed_at = typing.kill()
    typing.drain()
    keys = {r["typed"]: r["at"] for r in typing.seen if "typed" in r}
    must_keep = max((n for n, at in keys.items() if at <= killed_at - LOSS_S - SLACK_S), default=0)
    left = _left_for_recovery()
    assert len(left) == 1, f"{len(left)} drafts left for recovery after {max(keys)} keys typed in {max(keys) * 0.06:.0f} s"
    saved = left[0]
    recovered = model.loads(saved.draft_json).subject
    assert TEXT.startswith(recovered) and saved.path == str(letter)
    lost_s = killed_at - keys.get(len(recovered), killed_at) if recovered else float("inf")
    assert len(recovered) >= len(TEXT[:must_keep].strip()), (
        f"{len(recovered)} of {max(keys)} keys came back; {lost_s:.1f} s of typing lost")

    # 2. the next start offers it back: the same text, its file, marked unsaved; Ctrl+Q asks; the clerk
    #    cancels, and the power goes off again
    again = RunningApp(env, "quit", "yes", "cancel")
    shown = again.until(lambda r: "title" in r)
    assert "đóng đột ngột" in shown["questions"][0] and str(letter) in shown["questions"][0]
    assert (shown["subject"], shown["path"], shown["dirty"]) == (recovered, str(letter), True)
    assert "cong-van.json (bản khôi phục, chưa lưu)" in shown["title"] and shown["title"].endswith("*")
    after_quit = again.until(lambda r: "title" in r)
    assert after_quit["questions"][-1] == ACTIONS["ask_save"] and not after_quit["closed"]
    again.kill()

    # 3. the clerk puts it off ("Để lần sau") and quits a new letter: it is offered again next time
    later = RunningApp(env, "quit", "cancel")
    assert "đóng đột ngột" in later.until(lambda r: "title" in r)["questions"][0]
    assert later.finish() == 0
    assert [model.loads(s.draft_json).subject for s in _left_for_recovery()] == [recovered]

    # 4. back once more and saved ("Lưu" on quitting): it is in its file and no longer offered
    saving = RunningApp(env, "quit", "yes", "yes")
    saving.until(lambda r: "title" in r)
    assert saving.finish() == 0
    assert model.load(letter).subject == recovered and _left_for_recovery() == []


def test_the_app_ending_without_closing_its_window_still_writes_the_last_change(tmp_path: Path) -> None:
    from dnnd_drafter.store import open_store

    with open_store() as store:
        make_office(store)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO), "DNND_TEST_TEXT": TEXT}
    ending = RunningApp(env, "type-then-end")
    assert ending.until(lambda r: "title" in r)["subject"] == TEXT
    assert ending.finish() == 0
    assert [model.loads(s.draft_json).subject for s in _left_for_recovery()] == [TEXT]
