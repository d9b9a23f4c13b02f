"""Measure the command line as whole processes: ``render`` and ``pdf`` beside their floors.

* ``cli_render_ratio``: ``dnnd-drafter render`` of the Cát Tiên letter ÷ ``floors.py docx``
  (python-docx writing the same text as plain paragraphs), both spawned and waited for.
* ``cli_pdf_speedup_vs_libreoffice``: ``soffice --convert-to pdf`` of our .docx with a kept
  profile (its first start, which builds the profile, is not timed) ÷ ``dnnd-drafter pdf``.
* ``cli_pdf_ratio_vs_qt_floor``: ``dnnd-drafter pdf`` ÷ ``floors.py pdf`` (Qt drawing the
  same lines, one PDF page per page).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import common
from common import child_env, median_ms

HERE = Path(__file__).resolve().parent


# -- whole processes: a user who types ``dnnd-drafter render`` waits for all of it ---------------
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


# -- the figures ----------------------------------------------------------------------------------


def _docx_lines(path: Path) -> list[str]:
    """Return the text of every paragraph of the .docx at `path`, tables included, in order."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return lines


def measure_render(work: Path, runs: int) -> dict[str, Any]:
    """Time ``dnnd-drafter render`` against the python-docx floor writing the same text."""
    folder = work / "cli-render"
    folder.mkdir(parents=True, exist_ok=True)
    draft = common.CAT_TIEN
    ours_out, floor_out, lines = folder / "ours.docx", folder / "floor.docx", folder / "lines.txt"
    subprocess.run([*drafter_command(), "render", str(draft), "-o", str(ours_out)], check=True,
                   capture_output=True, env=common.child_env(work / "cli-home", work / "cli-config"))
    text = _docx_lines(ours_out)
    lines.write_text("\n".join(text) + "\n", encoding="utf-8")
    samples = compare_processes({
        "ours": [*drafter_command(), "render", str(draft), "-o", str(ours_out)],
        "floor": [sys.executable, str(HERE / "floors.py"), "docx", str(lines), str(floor_out)],
    }, runs, work)
    result = summary(samples)
    result.update(ratio=result["ours_ms"] / result["floor_ms"], lines=len(text),
                  what="spawn `dnnd-drafter render cat_tien.json -o X.docx` until exit vs spawn "
                       "`python floors.py docx lines.txt Y.docx` (python-docx, the same text as plain "
                       "paragraphs) until exit; alternating, bytecode cached")
    return result


def _pdf_text(pdf: Path, target: Path) -> Path:
    """Write the text of `pdf` (pages split by form feeds) to `target`; return it."""
    done = subprocess.run(["pdftotext", "-layout", str(pdf), str(target)], capture_output=True)
    if done.returncode != 0 or not target.exists():  # no poppler: one page of the docx text
        target.write_text("\n".join(_docx_lines(pdf.with_suffix(".docx"))), encoding="utf-8")
    return target


def measure_pdf(work: Path, runs: int, lo_runs: int) -> dict[str, Any]:
    """Time ``dnnd-drafter pdf`` against the Qt floor and against LibreOffice with a kept profile."""
    from dnnd_drafter.writers.libreoffice import find_soffice

    folder = work / "cli-pdf"
    folder.mkdir(parents=True, exist_ok=True)
    draft = common.CAT_TIEN
    env = common.child_env(work / "cli-home", work / "cli-config")
    ours_pdf, floor_pdf = folder / "ours.pdf", folder / "floor.pdf"
    subprocess.run([*drafter_command(), "pdf", str(draft), "-o", str(ours_pdf)], check=True,
                   capture_output=True, env=env)
    subprocess.run([*drafter_command(), "render", str(draft), "-o", str(folder / "ours.docx")], check=True,
                   capture_output=True, env=env)
    pages = _pdf_text(ours_pdf, folder / "pages.txt")
    ours = [*drafter_command(), "pdf", str(draft), "-o", str(ours_pdf)]
    samples = compare_processes({
        "ours": ours, "qt_floor": [sys.executable, str(HERE / "floors.py"), "pdf", str(pages), str(floor_pdf)],
    }, runs, work)
    result = summary(samples)
    result["qt_floor_ratio"] = result["ours_ms"] / result["qt_floor_ms"]
    result["pages"] = pages.read_text(encoding="utf-8").count("\f") or 1
    soffice = find_soffice()
    if soffice is None:
        result.update(libreoffice_ms=None, speedup=None, note="LibreOffice is not installed")
        return result
    profile = (work / "lo-profile").resolve().as_uri()
    lo = [str(soffice), f"-env:UserInstallation={profile}", "--headless", "--invisible", "--norestore",
          "--nologo", "--nodefault", "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(folder / "ours.docx")]
    lo_samples = compare_processes({"ours": ours, "libreoffice": lo}, lo_runs, work)
    lo_summary = summary(lo_samples)
    result.update(libreoffice_ms=lo_summary["libreoffice_ms"],
                  libreoffice_samples_ms=lo_summary["libreoffice_samples_ms"], libreoffice_runs=lo_summary["runs"],
                  ours_beside_libreoffice_ms=lo_summary["ours_ms"],
                  speedup=lo_summary["libreoffice_ms"] / lo_summary["ours_ms"],
                  what="spawn `dnnd-drafter pdf cat_tien.json -o X.pdf` until exit vs spawn "
                       "`python floors.py pdf pages.txt Y.pdf` (QPdfWriter drawing pdftotext's lines of our "
                       "PDF) and vs `soffice --convert-to pdf` of our .docx with a kept profile (its "
                       "profile-building first start untimed); alternating, bytecode cached")
    return result
