"""Time whole processes: a command run from spawn to exit, beside its baseline, alternating.

A user who types ``dnnd-drafter render`` waits for the whole process (interpreter, imports,
work, exit), so the command-line figures are timed here from ``Popen`` to the exit status,
never inside the process.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from common import child_env, median_ms


def drafter_command() -> list[str]:
    """Return how a user starts ``dnnd-drafter``: the installed script, else ``python -m``."""
    script = Path(sys.executable).with_name("dnnd-drafter")
    if script.exists():
        return [str(script)]
    found = shutil.which("dnnd-drafter")
    return [found] if found else [sys.executable, "-m", "dnnd_drafter"]


def run_once(command: Sequence[str], env: dict[str, str], timeout: float = 300.0) -> float:
    """Run `command` to its end; return the wall time in seconds, or raise with its stderr."""
    start = time.perf_counter()
    done = subprocess.run(list(command), env=env, capture_output=True, text=True, timeout=timeout)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])}… exited {done.returncode}: {done.stderr.strip()[-800:]}")
    return elapsed


def compare_processes(commands: dict[str, Sequence[str]], runs: int, work: Path,
                      warmup: int = 1) -> dict[str, list[float]]:
    """Run each named command `runs` times, alternating the order, after `warmup` untimed runs each.

    Every process gets the same environment: offscreen Qt, a private data folder and settings,
    and a bytecode cache (an installed program has compiled modules; the first run fills it).
    """
    env = child_env(work / "cli-home", work / "cli-config", work / "bytecode")
    names = list(commands)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for index in range(warmup + runs):
        order = names if index % 2 == 0 else names[::-1]
        for name in order:
            elapsed = run_once(commands[name], env)
            if index >= warmup:
                samples[name].append(elapsed)
    return samples


def summary(samples: dict[str, list[float]]) -> dict[str, Any]:
    """Return the medians (ms) and the samples (ms, rounded) of every command."""
    out: dict[str, Any] = {}
    for name, values in samples.items():
        out[f"{name}_ms"] = median_ms(values)
        out[f"{name}_samples_ms"] = [round(v * 1000, 1) for v in values]
    out["runs"] = min(len(v) for v in samples.values())
    return out
