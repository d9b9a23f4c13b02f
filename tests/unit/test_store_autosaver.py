"""Test the background autosave writer: newest snapshot wins, in order, flushed on close, never
brought back after the session was forgotten, and whole after a kill at any write to disk."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading

import pytest

from dnnd_drafter.store import open_store
from dnnd_drafter.store.drafts import Drafts
from tests.unit.store_fixtures import REPO, home, store  # noqa: F401 - fixtures

WAIT_S = 10


def _snapshot(n: int) -> str:
    """Return the draft JSON text of the n-th snapshot."""
    return json.dumps({"subject": f"Bản {n}"}, ensure_ascii=False)


class BlockedDisk:
    """Hold the first autosave write until :meth:`release`; record every subject written."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.written: list[str] = []
        self.started = threading.Event()
        self._go = threading.Event()
        original = Drafts.autosave

        def slow(drafts: Drafts, session_id: str, draft_json: str, path: object = None) -> None:
            self.started.set()
            assert self._go.wait(WAIT_S)
            original(drafts, session_id, draft_json, path)  # type: ignore[arg-type]
            self.written.append(json.loads(draft_json)["subject"])

        monkeypatch.setattr(Drafts, "autosave", slow)

    def release(self) -> None:
        """Let the writes go on."""
        self._go.set()


def _row(store) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Return the autosaved subjects by session id."""
    return {a.session_id: a.subject for a in store.drafts.pending_autosaves(include_live=True)}


def test_only_the_newest_snapshot_waits_and_an_older_one_never_comes_last(store, monkeypatch) -> None:
    disk = BlockedDisk(monkeypatch)
    store.autosaver.submit("s", _snapshot(1))
    assert disk.started.wait(WAIT_S)  # snapshot 1 is being written, slowly
    for n in range(2, 51):
        store.autosaver.submit("s", _snapshot(n))  # returns at once although the disk is stuck
    disk.release()
    assert store.autosaver.flush(WAIT_S)
    assert disk.written == ["Bản 1", "Bản 50"] and _row(store) == {"s": "Bản 50"}
    assert store.autosaver.succeeded("s")


def test_a_forgotten_session_is_not_brought_back_by_a_write_still_on_its_way(store, monkeypatch) -> None:
    disk = BlockedDisk(monkeypatch)
    store.autosaver.submit("s", _snapshot(1))
    assert disk.started.wait(WAIT_S)
    store.autosaver.submit("s", _snapshot(2))

    def close_session() -> None:  # what DraftSession.close does once the clerk saved or discarded
        store.autosaver.discard("s")
        disk.closed_at = list(disk.written)  # type: ignore[attr-defined]

    closer = threading.Thread(target=close_session)
    closer.start()
    disk.release()
    closer.join(WAIT_S)
    assert not closer.is_alive() and disk.closed_at == ["Bản 1"]  # type: ignore[attr-defined]
    store.drafts.mark_closed("s")
    assert store.autosaver.flush(WAIT_S)
    assert disk.written == ["Bản 1"] and _row(store) == {}


def test_closing_the_store_writes_what_is_still_waiting(home) -> None:
    with open_store() as first:
        first.autosaver.submit("s", _snapshot(7), "/tmp/cong-van.json")
    with open_store() as again:
        saved = again.drafts.pending_autosaves(include_live=True)
        assert [(a.subject, a.path) for a in saved] == [("Bản 7", "/tmp/cong-van.json")]


WRITER = """
import json, sys
from dnnd_drafter.store import open_store
store = open_store()
for n in range(1, 41):
    store.autosaver.submit("s", json.dumps({"subject": f"Bản {n}", "pad": "x" * 3000}))
    store.autosaver.flush()
    print(n, flush=True)
store.close()
"""


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")
@pytest.mark.parametrize("when", [1, 2, 3, 5, 8, 13, 21, 34])
def test_a_kill_at_any_sync_to_disk_leaves_the_last_flushed_snapshot_or_a_newer_one(home, when: int) -> None:
    setup = open_store()  # the database exists before the writer starts: only autosaves sync below
    setup.close()
    result = subprocess.run(
        ["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync,fdatasync",
         "-e", f"inject=fsync,fdatasync:signal=SIGKILL:when={when}", sys.executable, "-c", WRITER],
        capture_output=True, text=True, timeout=120, cwd=REPO, check=False)
    assert result.returncode != 0, "the writer was not killed"
    reported = [int(line) for line in result.stdout.split()]
    with open_store() as store:
        saved = store.drafts.pending_autosaves(include_live=True)
        if not saved:
            assert reported == []
            return
        subject = saved[0].subject
        assert json.loads(saved[0].draft_json)["pad"] == "x" * 3000  # whole, never half-written
        assert int(subject.split()[1]) >= (reported[-1] if reported else 0)
