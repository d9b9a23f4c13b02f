"""Combine several full runs of the benchmark into the README's table: the median of each key and how far the runs spread.

Usage: python benchmarks/summarise.py RUN1.json RUN2.json RUN3.json [--markdown OUT.md]

Each file is what ``benchmarks/run.py --json`` wrote. A goal is judged on the median; the table also
gives the lowest and highest run, the spread (highest − lowest, as a share of the median) and how
many runs met the goal on their own, so a figure that meets its goal only sometimes shows it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import report  # noqa: E402 - the benchmark's own module, beside this one


def summarise(runs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Return per key: the runs' values, median, lowest, highest, spread, runs meeting the goal, verdict."""
    summary: dict[str, dict[str, Any]] = {}
    for key in report.KEYS:
        values = [run.get(key) for run in runs]
        measured = [float(v) for v in values if isinstance(v, (int, float))]
        if not measured:
            summary[key] = {"values": values, "median": None, "low": None, "high": None, "spread": None,
                            "met_runs": 0, "result": "not measured"}
            continue
        median = statistics.median(measured)
        spread = (max(measured) - min(measured)) / median if median else None
        summary[key] = {"values": values, "median": median, "low": min(measured), "high": max(measured),
                        "spread": spread, "met_runs": sum(report.verdict(key, v) == "met" for v in measured),
                        "result": report.verdict(key, median)}
    return summary


def markdown(summary: dict[str, dict[str, Any]], runs: int) -> str:
    """Return the Markdown table of a summary of `runs` runs."""
    rows = [f"| key | what | median of {runs} | lowest – highest | spread | goal | runs meeting it | result |",
            "|---|---|---|---|---|---|---|---|"]
    for key, (_section, _field, sign, goal, unit, what) in report.KEYS.items():
        s = summary[key]
        digits = 2 if unit == "×" else 1

        def fmt(value: float | None, digits: int = digits, unit: str = unit) -> str:
            return "—" if value is None else f"{value:.{digits}f}{unit}"

        spread = "—" if s["spread"] is None else f"{s['spread'] * 100:.0f} %"
        rows.append(f"| `{key}` | {what} | {fmt(s['median'])} | {fmt(s['low'])} – {fmt(s['high'])} | {spread} | "
                    f"{sign} {goal:g}{unit} | {s['met_runs']}/{runs} | {s['result']} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Read the runs, print the table, write it when asked; exit 2 on a file that is not a run."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path, help="JSON files written by run.py --json")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    loaded = []
    for path in args.runs:
        try:
            run = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            print(f"{path}: not a benchmark result ({exc})", file=sys.stderr)
            return 2
        if not isinstance(run, dict) or "goals" not in run:
            print(f"{path}: not a benchmark result (no goals)", file=sys.stderr)
            return 2
        modes = {run.get("mode")}
        if modes - {"full"}:
            print(f"{path}: a {run.get('mode')} run, not a full one: its figures are not results", file=sys.stderr)
        loaded.append(run)
    table = markdown(summarise(loaded), len(loaded))
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
