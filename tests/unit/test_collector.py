"""The program holds Python's cycle collector while it loads and lets it go once loaded: the wizard
at its first preview, a long command before its work; ``pdf``/``render`` keep it held to their
end; a caller of ``main`` in its own process (the tests) is never touched. Each case runs in a
new process, so the test process's collector is never changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES

REPO = Path(__file__).resolve().parents[2]

# Notes the collector's state as the command runs, then runs `dnnd-drafter ARGS` as the program
# does (main() reading sys.argv).
COMMAND = r"""
import gc, json, sys
from dnnd_drafter.cli import entry

run = entry._run_command


def noting(args):
    print(json.dumps({"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}), flush=True)
    return run(args)


entry._run_command = noting
sys.argv = ["dnnd-drafter", *ARGS]
sys.exit(entry.main() if MAIN_AS_PROGRAM else entry.main(ARGS))
"""

# Starts the wizard as the program does, on an office with a profile; at the first preview (the
# delay that would also let the collector go made too long to matter) notes the collector's
# state, then quits.
WIZARD = r"""
import gc, json, sys
from dnnd_drafter.store import open_store
from tests.unit.store_fixtures import state_profile

store = open_store(auto_backup=False)
state_profile(store)
store.close()

from PySide6.QtCore import QTimer
from dnnd_drafter.cli import entry
from dnnd_drafter.ui import app as app_module

app_module.BACKUP_DELAY_MS = 10 ** 7
seen = {}
built = app_module.build_window


def build_window(context, session):
    window = built(context, session)
    seen["while_loading"] = gc.isenabled()

    def after_first_preview():
        seen.update(enabled=gc.isenabled(), frozen=gc.get_freeze_count())
        print(json.dumps(seen), flush=True)
        window.session.dirty = False
        window.close()

    window.previewed.connect(lambda: QTimer.singleShot(0, after_first_preview))
    return window


app_module.build_window = build_window
sys.argv = ["dnnd-drafter"]
sys.exit(entry.main())
"""


def _run(script: str, tmp_path: Path) -> dict[str, Any]:
    """Run `script` in a new offscreen process on a fresh data folder; return the first JSON it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DNND_DRAFTER_HOME=str(tmp_path / "home"),
               DNND_DRAFTER_CACHE=str(tmp_path / "cache"), PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
                            cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    seen: dict[str, Any] = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))
    return seen


def _command(args: list[str], tmp_path: Path, as_program: bool = True) -> dict[str, Any]:
    """Run `dnnd-drafter ARGS` in a new process; return the collector's state as the command ran."""
    script = COMMAND.replace("MAIN_AS_PROGRAM", str(as_program)).replace("ARGS", repr(args))
    return _run(script, tmp_path)


def test_render_runs_with_the_collector_held(tmp_path: Path) -> None:
    seen = _command(["render", str(EXAMPLES / "dang_cat_tien_492.json"), "-o", str(tmp_path / "x.docx")], tmp_path)
    assert seen == {"enabled": False, "frozen": 0}
    assert (tmp_path / "x.docx").is_file()


def test_a_longer_command_collects_again_once_loaded_with_what_it_loaded_frozen(tmp_path: Path) -> None:
    seen = _command(["catalog", "list"], tmp_path)
    assert seen["enabled"] and seen["frozen"] > 10_000  # the modules, classes and functions loaded


def test_a_caller_in_its_own_process_keeps_its_collector_as_it_was(tmp_path: Path) -> None:
    seen = _command(["render", str(EXAMPLES / "dang_cat_tien_492.json"), "-o", str(tmp_path / "x.docx")], tmp_path,
                    as_program=False)
    assert seen == {"enabled": True, "frozen": 0}


def test_the_wizard_loads_with_the_collector_held_and_lets_it_go_at_its_first_preview(tmp_path: Path) -> None:
    seen = _run(WIZARD, tmp_path)
    assert seen["while_loading"] is False
    assert seen["enabled"] is True and seen["frozen"] > 10_000
