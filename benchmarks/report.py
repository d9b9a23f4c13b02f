"""Turn the measured sections into the benchmark's keys, their goals and the Markdown table; describe the machine."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

#: every key of the report: (section, field in that section, goal sign, goal, unit, what it is)
KEYS: dict[str, tuple[str, str, str, float, str, str]] = {
    "cold_start_ratio": ("start", "ratio", "≤", 1.25, "×", "launch → step 1 takes input, vs bare QWizard"),
    "cold_start_preview_ratio": ("start", "preview_ratio", "≤", 1.8, "×", "launch → preview shows page 1, vs bare QWizard"),
    "cli_render_ratio": ("cli_render", "ratio", "≤", 1.3, "×", "`dnnd-drafter render` vs python-docx floor (processes)"),
    "render_ratio_vs_docxtpl": ("render", "ratio", "≤", 1.0, "×", "render in process vs docxtpl, both reading their template"),
    "cli_pdf_speedup_vs_libreoffice": ("cli_pdf", "speedup", "≥", 4.0, "×", "soffice (kept profile) ÷ `dnnd-drafter pdf` (processes)"),
    "cli_pdf_ratio_vs_qt_floor": ("cli_pdf", "qt_floor_ratio", "≤", 1.3, "×", "`dnnd-drafter pdf` vs Qt drawing the same lines (processes)"),
    "preview_p95_ms": ("preview", "work_p95_ms", "≤", 50.0, " ms", "preview work after the pause, p95, 2 pages"),
    "preview_p95_ms_50_pages": ("preview", "work_p95_ms_50_pages", "≤", 100.0, " ms", "the same, 50 pages"),
    "keystroke_to_page_p95_ms": ("preview", "total_p95_ms", "≤", 350.0, " ms", "key press → repainted page, p95, 2 pages"),
    "search_widget_p95_ms": ("search_10k", "p95_ms", "≤", 10.0, " ms", "key → filled recipient picker, p95, 10,000 entries"),
    "search_widget_p95_ms_100k": ("search_100k", "p95_ms", "≤", 30.0, " ms", "the same, 100,000 entries"),
    "first_key_after_write_ms_100k": ("search_100k", "after_write_ms", "≤", 30.0, " ms", "first key after a database write, median, 100,000 entries"),
    "register_window_open_ms_100k": ("register", "open_ms", "≤", 50.0, " ms", "open the register window, 100,000 entries"),
    "per_task_growth": ("growth", "growth", "≤", 1.5, "×", "cost per task at 200 ÷ at 8, fixed cost removed"),
    "rss_ratio": ("memory", "ratio", "≤", 1.5, "×", "peak RSS, 2-page letter, address book searched, vs bare QWizard"),
}
#: what each key is compared with, for the table: (section, field, label)
BASELINES: dict[str, tuple[str, str, str]] = {
    "cold_start_ratio": ("start", "bare_ms", "QWizard"), "cold_start_preview_ratio": ("start", "bare_ms", "QWizard"),
    "cli_render_ratio": ("cli_render", "floor_ms", "python-docx"),
    "render_ratio_vs_docxtpl": ("render", "docxtpl_ms", "docxtpl"),
    "cli_pdf_speedup_vs_libreoffice": ("cli_pdf", "libreoffice_ms", "soffice"),
    "cli_pdf_ratio_vs_qt_floor": ("cli_pdf", "qt_floor_ms", "Qt floor"),
    "rss_ratio": ("memory", "bare_mib", "QWizard"),
}
OURS: dict[str, tuple[str, str]] = {
    "cold_start_ratio": ("app_ms", " ms"), "cold_start_preview_ratio": ("preview_ms", " ms"),
    "cli_render_ratio": ("ours_ms", " ms"), "render_ratio_vs_docxtpl": ("ours_ms", " ms"),
    "cli_pdf_speedup_vs_libreoffice": ("ours_beside_libreoffice_ms", " ms"),
    "cli_pdf_ratio_vs_qt_floor": ("ours_ms", " ms"), "rss_ratio": ("app_mib", " MiB"),
}


def value_of(results: dict[str, Any], key: str) -> float | None:
    """Return the figure of `key` from the sections, or None when not measured."""
    section, field = KEYS[key][:2]
    value = results.get(section, {}).get(field)
    return float(value) if isinstance(value, (int, float)) else None


def verdict(key: str, value: float | None) -> str:
    """Return ``met``, ``MISSED`` or ``not measured`` for the goal of `key`."""
    if value is None or not math.isfinite(value):
        return "not measured"
    sign, goal = KEYS[key][2:4]
    return "met" if (value >= goal if sign == "≥" else value <= goal) else "MISSED"


def build_report(results: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON document: every key, its goal and result, and every detail."""
    report: dict[str, Any] = {key: value_of(results, key) for key in KEYS}
    report["goals"] = {key: {"value": report[key], "goal": f"{KEYS[key][2]} {KEYS[key][3]}",
                             "result": verdict(key, report[key])} for key in KEYS}
    report["details"] = results
    return report


def _fmt(value: Any, unit: str = "", digits: int = 1) -> str:
    """Return a number for the table, or a dash."""
    return "—" if not isinstance(value, (int, float)) else f"{value:.{digits}f}{unit}"


def table(report: dict[str, Any]) -> str:
    """Return the Markdown table of the report."""
    details = report["details"]
    rows = ["| key | what | ours | baseline | figure | goal | result |", "|---|---|---|---|---|---|---|"]
    for key, (section, _field, sign, goal, unit, what) in KEYS.items():
        part = details.get(section, {})
        ours = _fmt(part.get(OURS[key][0]), OURS[key][1]) if key in OURS else "—"
        base = BASELINES.get(key)
        baseline = f"{base[2]} {_fmt(details.get(base[0], {}).get(base[1]), OURS[key][1])}" if base else "—"
        digits = 2 if unit == "×" else 1
        rows.append(f"| `{key}` | {what} | {ours} | {baseline} | {_fmt(report[key], unit, digits)} | "
                    f"{sign} {goal:g}{unit} | {report['goals'][key]['result']} |")
    return "\n".join(rows)


def machine_line(machine: dict[str, Any]) -> str:
    """Return one line describing the machine and the load while measuring."""
    m = machine
    return (f"{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; Python {m['python']}, "
            f"PySide6 {m['pyside6']}, docxtpl {m['docxtpl'] or '—'}, {m['libreoffice'] or 'no LibreOffice'}; "
            f"{m['date']}; load average {m.get('load_average_at_start')} → {m['load_average']}")


# -- the machine --------------------------------------------------------------------------------
def _cpu_model() -> str:
    """Return the processor's model name."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gib() -> float | None:
    """Return the installed memory in GiB, when known."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _libreoffice_version() -> str:
    """Return LibreOffice's version line, or an empty string."""
    from dnnd_drafter.writers.libreoffice import find_soffice

    soffice = find_soffice()
    if soffice is None:
        return ""
    try:
        done = subprocess.run([str(soffice), "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else ""


def machine() -> dict[str, Any]:
    """Describe the machine and the software versions the figures were measured with."""
    import docx
    import PySide6
    from PySide6.QtCore import qVersion

    try:
        from importlib.metadata import version

        docxtpl_version = version("docxtpl")
    except Exception:  # noqa: BLE001 - only a label
        docxtpl_version = ""
    return {
        "cpu": _cpu_model(), "cores": os.cpu_count(), "memory_gib": _memory_gib(),
        "os": f"{platform.system()} {platform.release()}", "python": platform.python_version(),
        "pyside6": PySide6.__version__, "qt": qVersion(), "python_docx": docx.__version__ if hasattr(docx, "__version__") else "",
        "docxtpl": docxtpl_version, "libreoffice": _libreoffice_version(),
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"), "load_average": load_average(),
    }


def load_average() -> list[float] | None:
    """Return the 1, 5 and 15 minute load averages (other work on the machine skews figures)."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (OSError, AttributeError):
        return None
