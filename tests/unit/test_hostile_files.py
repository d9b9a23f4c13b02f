"""Files are written the way a shared office expects, through the command line.

A rewritten draft keeps its mode and a new file gets the umask's; ``register issue`` on a
symbolic link numbers the file it points to and keeps the link; the temporaries a killed run
leaves (draft, backup copy) are removed on the next start, and only those (issue 13, points
11–13). The kills are real: strace sends SIGKILL at the n-th rename.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.files import tempfiles
from dnnd_drafter.store import open_store
from tests.unit.store_fixtures import REPO, state_profile
from tests.unit.test_hostile_inputs import needs_strace
from tests.unit.test_store_commands import DRAFT


def _cli(*args: str, home: Path, strace: list[str] | None = None,
         umask: int | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``dnnd-drafter ARGS`` in a fresh process on the data folder `home`."""
    env = dict(os.environ, DNND_DRAFTER_HOME=str(home))
    command = [*(strace or []), sys.executable, "-m", "dnnd_drafter", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO, timeout=120,
                          check=False, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)


def _office(home: Path) -> None:
    """Create the office's database with a State profile in `home`."""
    os.environ["DNND_DRAFTER_HOME"] = str(home)
    with open_store() as store:
        state_profile(store)


def _draft(folder: Path, name: str = "cong-van.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(DRAFT, ensure_ascii=False), encoding="utf-8")
    return path


def _ours(folder: Path) -> list[str]:
    """Return the temporaries of this app in `folder`."""
    return sorted(p.name for p in folder.iterdir() if re.match(tempfiles._OURS, p.name))


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a data folder holding an office with one State profile."""
    home = tmp_path / "home"
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(home))
    _office(home)
    return home


def test_a_rewritten_draft_keeps_its_mode_and_new_files_get_the_umask(office: Path, tmp_path: Path) -> None:
    path = _draft(tmp_path / "shared")
    path.chmod(0o664)
    result = _cli("register", "issue", str(path), home=office, umask=0o002)
    assert result.returncode == 0, result.stderr
    assert model.load(path).number == "01"
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
    for umask, expected in ((0o002, 0o664), (0o022, 0o644)):
        target = tmp_path / "shared" / f"so-{umask:o}.csv"
        result = _cli("register", "export", str(target), home=office, umask=umask)
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(target.stat().st_mode) == expected
    docx = tmp_path / "shared" / "cong-van.docx"
    result = _cli("render", str(path), "-o", str(docx), home=office, umask=0o002)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(docx.stat().st_mode) == 0o664


def test_register_issue_writes_through_a_symbolic_link(office: Path, tmp_path: Path) -> None:
    real = _draft(tmp_path / "that")
    link = tmp_path / "here" / "link.json"
    link.parent.mkdir()
    link.symlink_to(real)
    result = _cli("register", "issue", str(link), home=office)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert model.load(real).number == "01"
    assert _ours(real.parent) == [] and _ours(link.parent) == []


def _kill_at_renames(args: list[str], home: Path, left_behind) -> None:  # type: ignore[no-untyped-def]
    """Run the command killed at its 1st, 2nd, … rename until `left_behind()` or it runs through."""
    for when in range(1, 12):
        trace = ["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=rename,renameat,renameat2",
                 "-e", f"inject=rename,renameat,renameat2:signal=SIGKILL:when={when}"]
        result = _cli(*args, home=home, strace=trace)
        if left_behind() or result.returncode >= 0:
            return


@needs_strace
def test_temporaries_of_killed_runs_are_removed_on_the_next_start(office: Path, tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    path = _draft(drafts)
    _kill_at_renames(["register", "issue", str(path)], office, lambda: bool(_ours(drafts)))
    left_draft = _ours(drafts)  # before the next start completes the interrupted issue (and cleans up)
    assert _cli("register", "list", home=office).returncode == 0  # a start completes the interrupted issue
    backups = tmp_path / "copies"
    backups.mkdir()
    _kill_at_renames(["data", "backup", str(backups / "sao-luu.sqlite3")], office, lambda: bool(_ours(backups)))
    left_backup = _ours(backups)
    assert left_draft and left_backup  # the kills did leave temporaries behind
    # a temporary that a running process writes, and files that are not ours, stay
    live = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        held = drafts / f".cong-van.json.dnnd-{live.pid}-00ff00ff00ff.tmp"
        held.write_bytes(b"being written")
        foreign = [drafts / ".cong-van.json.abc.tmp", drafts / "ghi-chu.tmp", drafts / ".other.dnnd-x.tmp"]
        for name in foreign:
            name.write_bytes(b"not ours")
        result = _cli("register", "issue", str(path), home=office)  # the next start on this draft
        assert result.returncode in (0, 2), result.stderr
        assert "Traceback" not in result.stderr
        assert _ours(drafts) == [held.name]
        assert all(name.exists() for name in foreign)
    finally:
        live.communicate(b"")
    result = _cli("data", "backup", str(backups / "sao-luu.sqlite3"), home=office)  # the next backup
    assert result.returncode == 0, result.stderr
    assert _ours(backups) == []


def test_stale_database_copies_in_the_backups_folder_go_at_start(office: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    backups = office / "backups"
    backups.mkdir(exist_ok=True)
    stale = [backups / f".tu-dong-2026-01-01_000000.sqlite3.{dead}.tmp",
             backups / f".tu-dong-2026-01-01_000000.sqlite3.{dead}.tmp-journal",
             office / f".dnnd-drafter.sqlite3.dnnd-{dead}-0a0b0c0d0e0f.tmp"]
    for name in stale:
        name.write_bytes(b"x" * 4096)
    result = _cli("register", "list", home=office)
    assert result.returncode == 0, result.stderr
    assert not any(name.exists() for name in stale)
