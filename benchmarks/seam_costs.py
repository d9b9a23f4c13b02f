"""Measure what each function of the wizard's deferred seam (dnnd_drafter/ui/deferred.py) loads.

    python benchmarks/seam_costs.py [--runs N]

For each group of modules the seam loads later, a new process imports what the window imports
at start (``ui.app``, the main window, the store's server settings), then times importing the
group with ``time.perf_counter``; the figure is the median of N processes (default 5), with
bytecode cached in a private folder (as an installed program has it). Modules another group
needs first (the render engine for the painter, say) are imported before the clock starts, so
each figure is what that function adds when the clerk first reaches it. What it leaves out:
building the window or dialog the modules hold, and the work the function then does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
START = ("dnnd_drafter.ui.app", "dnnd_drafter.ui.wizard.main_window", "dnnd_drafter.store.server_settings")
# key in the seam's table -> (modules timed, modules imported before the clock starts)
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "COST_RENDER": (("dnnd_drafter.render",), ()),
    "COST_PREVIEW": (("dnnd_drafter.ui.wizard.preview_pane",), ("dnnd_drafter.render",)),
    "COST_DRAW": (("dnnd_drafter.writers.qt.pagination", "dnnd_drafter.writers.qt.painter"), ("dnnd_drafter.render",)),
    "COST_STEPS": (("dnnd_drafter.ui.wizard.step_recipients", "dnnd_drafter.ui.wizard.step_tasks",
                    "dnnd_drafter.ui.wizard.step_signature", "dnnd_drafter.ui.wizard.step_review"), ()),
    "COST_CHECK": (("dnnd_drafter.checker",), ("dnnd_drafter.render",)),
    "COST_DATA": (("dnnd_drafter.ui.data",), ()),
    "COST_WORD": (("dnnd_drafter.wordin",), ("dnnd_drafter.render", "dnnd_drafter.checker")),
    "COST_IMPORT": (("dnnd_drafter.ui.wizard.import_directive",), ()),
    "COST_PDF": (("dnnd_drafter.writers.qt.pdf", "dnnd_drafter.writers.qt.printing", "dnnd_drafter.writers.libreoffice"),
                 ("dnnd_drafter.render", "dnnd_drafter.writers.qt.painter")),
    "COST_SERVER": (("dnnd_drafter.ui.server_calls", "dnnd_drafter.ui.data.server_dialog"), ()),
    "COST_START": (("dnnd_drafter.ui.wizard.start_dialog",), ()),
}
CHILD = """
import importlib, sys, time
for name in sys.argv[1].split(","):
    importlib.import_module(name)
timed = sys.argv[2].split(",")
start = time.perf_counter()
for name in timed:
    importlib.import_module(name)
print((time.perf_counter() - start) * 1000)
"""


def sample(before: tuple[str, ...], timed: tuple[str, ...], env: dict[str, str]) -> float:
    """Return the ms one new process takes to import `timed` after START and `before`."""
    result = subprocess.run([sys.executable, "-c", CHILD, ",".join(START + before), ",".join(timed)],
                            capture_output=True, text=True, env=env, cwd=REPO, check=True)
    return float(result.stdout.split()[-1])


def main(argv: list[str]) -> int:
    """Print a line per group: key, median ms, lowest–highest, the modules timed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as bytecode:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=bytecode, PYTHONPATH=str(REPO))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for timed, before in GROUPS.values():  # one warm-up each: every module's bytecode is written
            sample(before, timed, env)
        for key, (timed, before) in GROUPS.items():
            runs = [sample(before, timed, env) for _ in range(args.runs)]
            print(f"{key:<12} {statistics.median(runs):6.1f} ms  ({min(runs):.1f}–{max(runs):.1f}, {args.runs} runs)  "
                  + ", ".join(name.removeprefix("dnnd_drafter.") for name in timed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
