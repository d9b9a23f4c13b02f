"""Measure launching the app as whole processes: cold start, the first preview, peak memory.

Each launch is a new ``startup_probe.py`` process on a fresh copy of a data folder holding a
sample office with a 10,000-entry address book whose day's automatic backup has *not* been
taken yet (the first start of a day, which copies the database), beside a bare QWizard probe.

* ``cold_start_ratio``: spawn until step 1 takes input ÷ the bare QWizard's.
* ``cold_start_preview_ratio``: spawn until the preview shows page 1 ÷ the same bare QWizard's.
* ``rss_ratio``: peak RSS once the wizard shows a 2-page letter's preview and the recipient
  picker has searched the address book ÷ the bare QWizard's peak.
"""

from __future__ import annotations

import select
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import child_env, clerk_screen, fresh_copy, median_ms, office_home

HERE = Path(__file__).resolve().parent
SEARCHED = "uy ban nhan dan"


def template_home(work: Path, entries: int) -> Path:
    """Return the data folder every launch copies: the office, `entries` entries, no backup of today."""
    home = work / f"office-{entries}"
    if not home.exists():
        office_home(home, entries)
        shutil.rmtree(home / "backups", ignore_errors=True)
    return home


def launch(mode: str, home: Path, work: Path, extra: list[str], timeout: float = 120.0) -> dict[str, float]:
    """Start one probe; return seconds from spawn to each report line, and the peak RSS in KiB.

    Keys: ``ready`` (step 1 takes input), ``preview`` (the preview shows page 1; app without
    ``--open`` only), ``rss_kib``. A probe silent for `timeout` is killed and reported.
    """
    command = [sys.executable, str(HERE / "startup_probe.py"), mode, *extra]
    env = child_env(home, work / "config", work / "bytecode")
    env["QT_QPA_PLATFORM"] = clerk_screen(work)  # the preview beside the form, painted, as a clerk sees it
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    found: dict[str, float] = {}
    lines: list[str] = []
    wanted = "preview" if mode == "app" and "--open" not in extra else "ready"
    try:
        assert process.stdout is not None
        while wanted not in found:
            waiting = timeout - (time.perf_counter() - start)
            if waiting <= 0 or not select.select([process.stdout], [], [], waiting)[0]:
                break
            line = process.stdout.readline()
            if not line:
                break
            now = time.perf_counter() - start
            lines.append(line.strip())
            word = line.split()[0]
            if word == "READY":
                found["ready"], found["rss_kib"] = now, float(line.split()[2])
            elif word == "PREVIEW":
                found["preview"] = now
        if wanted in found:
            process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if wanted not in found:
        raise RuntimeError(f"the {mode} probe did not report {wanted} within {timeout:.0f} s: "
                           f"{' / '.join(lines) or 'no output'} (exit {process.returncode})")
    return found


def launches(runs: int, home: Path, work: Path, extra: list[str]) -> dict[str, list[dict[str, float]]]:
    """Launch app and bare `runs` times each, alternating, after one untimed launch of each."""
    samples: dict[str, list[dict[str, float]]] = {"app": [], "bare": []}
    for index in range(runs + 1):
        for mode in (("app", "bare") if index % 2 == 0 else ("bare", "app")):
            copy = fresh_copy(home, work / f"home-{mode}")
            sample = launch(mode, copy, work, extra if mode == "app" else extra[:2])
            if index:  # the first launch of each fills the bytecode and disk caches
                samples[mode].append(sample)
    return samples


def measure_start(work: Path, runs: int, entries: int) -> dict[str, Any]:
    """Return the cold-start and first-preview figures against the bare QWizard."""
    samples = launches(runs, template_home(work, entries), work, [])
    ready = [s["ready"] for s in samples["app"]]
    preview = [s["preview"] for s in samples["app"]]
    bare = [s["ready"] for s in samples["bare"]]
    return {"app_ms": median_ms(ready), "preview_ms": median_ms(preview), "bare_ms": median_ms(bare),
            "ratio": median_ms(ready) / median_ms(bare), "preview_ratio": median_ms(preview) / median_ms(bare),
            "runs": runs, "address_book_entries": entries,
            "app_samples_ms": [round(v * 1000, 1) for v in ready],
            "preview_samples_ms": [round(v * 1000, 1) for v in preview],
            "bare_samples_ms": [round(v * 1000, 1) for v in bare],
            "what": "spawn `startup_probe.py app` (the real cli.main([]) on a copied data folder whose daily "
                    "backup is due) until step 1 is painted, focused and idle (READY) and until the preview "
                    "shows page 1 (PREVIEW), vs `startup_probe.py bare` (QApplication + a one-page QWizard)"}


def measure_memory(work: Path, runs: int, entries: int, draft_path: Path) -> dict[str, Any]:
    """Return the peak RSS of the wizard on a 2-page letter, address book searched, vs the bare QWizard."""
    samples = launches(runs, template_home(work, entries), work,
                       ["--open", str(draft_path), "--search", SEARCHED])
    app = sorted(s["rss_kib"] for s in samples["app"])[len(samples["app"]) // 2]
    bare = sorted(s["rss_kib"] for s in samples["bare"])[len(samples["bare"]) // 2]
    return {"app_mib": app / 1024, "bare_mib": bare / 1024, "ratio": app / bare, "runs": runs,
            "address_book_entries": entries, "searched": SEARCHED,
            "app_samples_mib": [round(s["rss_kib"] / 1024, 1) for s in samples["app"]],
            "bare_samples_mib": [round(s["rss_kib"] / 1024, 1) for s in samples["bare"]],
            "what": "peak RSS (VmHWM) of the probe once the wizard shows the 2-page letter's preview and step 2's "
                    "recipient picker has searched the address book, vs the bare QWizard probe with the same text"}
