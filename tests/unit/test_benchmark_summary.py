"""The README's table of three runs: the median decides, and the spread and the runs meeting each goal show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "benchmarks"))
import report  # noqa: E402
import summarise  # noqa: E402


def _run(**values: float) -> dict:
    """Return a run's JSON with every key absent but the `values` given."""
    figures = {key: values.get(key) for key in report.KEYS}
    figures["goals"] = {}
    figures["mode"] = "full"
    return figures


def test_the_median_decides_and_the_runs_meeting_the_goal_are_counted() -> None:
    """Check a ratio meeting its goal in two runs of three is met on the median, with its spread."""
    runs = [_run(cold_start_ratio=1.2), _run(cold_start_ratio=1.4), _run(cold_start_ratio=1.1)]
    summary = summarise.summarise(runs)["cold_start_ratio"]
    assert summary["median"] == 1.2
    assert (summary["low"], summary["high"]) == (1.1, 1.4)
    assert summary["met_runs"] == 2 and summary["result"] == "met"
    assert abs(summary["spread"] - 0.25) < 1e-9


def test_a_median_over_the_goal_is_missed_even_when_one_run_met_it() -> None:
    """Check one lucky run does not make a goal met."""
    runs = [_run(preview_p95_ms_50_pages=90.0), _run(preview_p95_ms_50_pages=130.0), _run(preview_p95_ms_50_pages=120.0)]
    summary = summarise.summarise(runs)["preview_p95_ms_50_pages"]
    assert summary["result"] == "MISSED" and summary["met_runs"] == 1


def test_a_key_no_run_measured_says_so_in_the_table() -> None:
    """Check a key without figures is 'not measured', not a zero."""
    table = summarise.markdown(summarise.summarise([_run(), _run()]), 2)
    line = next(row for row in table.splitlines() if "`cli_pdf_speedup_vs_libreoffice`" in row)
    assert "not measured" in line and "0/2" in line


def test_a_file_that_is_not_a_run_exits_2(tmp_path: Path) -> None:
    """Check the command refuses a file that is not a benchmark result."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"x": 1}), encoding="utf-8")
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "summarise.py"), str(bad)],
                          capture_output=True, text=True)
    assert done.returncode == 2 and "not a benchmark result" in done.stderr
