"""Measure DNND Drafter's speed and memory against baselines; print a table and write JSON.

Usage::

    python benchmarks/run.py [--json OUT.json] [--quick] [--only NAME[,NAME…]]

Every figure is a median (per-keystroke figures: a 95th percentile) of several runs, measured
beside its baseline in the same run of this script and given as a ratio. NAME is one of
``render``, ``scale``, ``pdf``, ``search``, ``preview``, ``start``, ``memory``. ``--quick``
takes fewer samples (for a smoke test; the README's table uses the full run). See
``benchmarks/README.md`` for what each figure measures and the latest table.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import common  # noqa: E402
from common import child_env, compare, fresh_copy, median_ms, office_home, repeat  # noqa: E402

SECTIONS = ("render", "scale", "pdf", "search", "preview", "start", "memory")
GOALS: dict[str, tuple[str, float]] = {
    "cold_start_ratio": ("≤", 1.5), "render_ratio_vs_docxtpl": ("≤", 1.0),
    "pdf_speedup_vs_libreoffice": ("≥", 10.0), "preview_p95_ms": ("<", 100.0),
    "search_p95_ms": ("<", 10.0), "render_growth": ("≤", 25.0), "rss_ratio": ("<", 1.5),
}


# -- render -------------------------------------------------------------------------------------
def bench_render(work: Path, runs: int) -> dict[str, Any]:
    """Time write_docx of the Cát Tiên letter against docxtpl filling a template of the letter."""
    try:
        import docxtpl  # noqa: F401 - the baseline
    except ImportError:
        return {"ours_ms": None, "docxtpl_ms": None, "ratio": None,
                "note": "docxtpl is not installed: pip install -e '.[bench]'"}
    import docxtpl_letter
    from dnnd_drafter.writers.docx_writer import write_docx

    draft = common.cat_tien()
    template = docxtpl_letter.build_template(work / "cat_tien_template.docx")
    ours_path, theirs_path = work / "ours.docx", work / "docxtpl.docx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # docxtpl's own
        mine, theirs = compare(lambda: write_docx(draft, ours_path),
                               lambda: docxtpl_letter.render(template, draft, theirs_path), runs, warmup=3)
    ours_text, their_text = docxtpl_letter.text_of(ours_path), docxtpl_letter.text_of(theirs_path)
    missing = [t.text[:40] for t in draft.content.tasks if t.text[:40] not in their_text]
    return {"ours_ms": median_ms(mine), "docxtpl_ms": median_ms(theirs), "runs": runs,
            "ratio": median_ms(mine) / median_ms(theirs), "ours_min_ms": min(mine) * 1000,
            "docxtpl_min_ms": min(theirs) * 1000, "ours_chars": len(ours_text),
            "docxtpl_chars": len(their_text), "docxtpl_missing_tasks": missing,
            "what": "write_docx(draft) (compose, lay out, python-docx, temporary file + fsync + rename) "
                    "vs DocxTemplate(template) + render(context from the draft) + save (plain write)"}


# -- scale --------------------------------------------------------------------------------------
def _growth(points: dict[int, float]) -> dict[str, Any]:
    """Return how render time grows with the count: the ratio, the per-item costs, the verdict.

    Linear (or better) means the time for the largest count is at most the smallest count's
    time multiplied by the ratio of the counts (200 / 8 = 25 for tasks): a fixed cost per
    letter plus a cost per item never exceeds that, a cost per item that grows with the count
    (quadratic work) does for large counts. The per-item costs of the lower and the upper
    interval are reported too; at these sizes they are a few hundredths of a millisecond and
    a couple of milliseconds of noise moves them, so they inform and do not decide.
    """
    counts = sorted(points)
    low, mid, high = (points[c] for c in counts)
    limit = counts[2] / counts[0]
    return {"ms": {str(c): round(points[c], 2) for c in counts}, "growth": high / low, "limit": limit,
            "ms_per_item_low": (mid - low) / (counts[1] - counts[0]),
            "ms_per_item_high": (high - mid) / (counts[2] - counts[1]), "linear": high / low <= limit}


def bench_scale(work: Path, runs: int) -> dict[str, Any]:
    """Time write_docx for 8, 50 and 200 tasks and for 5, 50 and 500 recipients."""
    from dnnd_drafter.writers.docx_writer import write_docx

    base = common.cat_tien()
    out: dict[str, Any] = {}
    for label, counts, make in (("tasks", (8, 50, 200), common.with_tasks),
                                ("recipients", (5, 50, 500), common.with_recipients)):
        points = {}
        for count in counts:
            draft = make(base, count)
            points[count] = median_ms(repeat(lambda d=draft: write_docx(d, work / "scale.docx"), runs))
        out[label] = _growth(points)
    out["render_growth"] = out["tasks"]["growth"]
    out["linear"] = out["tasks"]["linear"] and out["recipients"]["linear"]
    out["runs"] = runs
    return out


# -- PDF ----------------------------------------------------------------------------------------
def bench_pdf(work: Path, runs: int, lo_runs: int) -> dict[str, Any]:
    """Time our PDF export of the Cát Tiên letter against LibreOffice converting our .docx."""
    from dnnd_drafter.layout import lay_out
    from dnnd_drafter.ui.fonts import ensure_gui_app
    from dnnd_drafter.ui.pdf_export import export_pdf
    from dnnd_drafter.writers import libreoffice
    from dnnd_drafter.writers.docx_writer import write_docx

    ensure_gui_app()
    draft = common.cat_tien()
    ours = repeat(lambda: export_pdf(lay_out(draft), work / "ours.pdf", draft.subject, draft.issuer.name),
                  runs, warmup=2)
    result: dict[str, Any] = {"ours_ms": median_ms(ours), "runs": runs,
                              "what": "export_pdf(lay_out(draft)) vs soffice --convert-to pdf of our .docx "
                                      "(a throw-away LibreOffice profile each time, as the app runs it)"}
    if not libreoffice.available():
        result.update({"libreoffice_ms": None, "speedup": None, "note": "LibreOffice not installed"})
        return result
    docx_path = write_docx(draft, work / "letter.docx")
    out_dir = work / "lo"
    theirs = repeat(lambda: libreoffice.convert_files([docx_path], out_dir), lo_runs, warmup=1)
    result.update({"libreoffice_ms": median_ms(theirs), "libreoffice_runs": lo_runs,
                   "speedup": median_ms(theirs) / median_ms(ours)})
    return result


# -- cold start and memory (separate processes) -------------------------------------------------
def _launch(mode: str, home: Path, work: Path, open_draft: Path | None = None,
            timeout: float = 60.0) -> dict[str, float]:
    """Start one probe process; return seconds until each report line, and the peak RSS in KiB.

    Keys: ``ready`` (first wizard page takes input), ``start_dialog`` (the app's start dialog
    takes input, when it has one), ``preview`` (the app's preview shows page 1 of the new
    letter), ``rss_kib``. A probe that reports nothing within `timeout`
    is killed and the benchmark stops with its last words.
    """
    command = [sys.executable, str(HERE / "startup_probe.py"), mode]
    if open_draft is not None:
        command += ["--open", str(open_draft)]
    env = child_env(home, work / "config", work / "bytecode")
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    found: dict[str, float] = {}
    lines: list[str] = []
    try:
        assert process.stdout is not None
        wanted = "preview" if mode == "app" and open_draft is None else "ready"
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
            if word == "START_DIALOG":
                found["start_dialog"] = now
            elif word == "READY":
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


def _launches(modes: tuple[str, str], runs: int, template_home: Path, work: Path,
              open_draft: Path | None = None) -> dict[str, list[dict[str, float]]]:
    """Launch each mode `runs` times, alternating, after one untimed launch of each."""
    samples: dict[str, list[dict[str, float]]] = {mode: [] for mode in modes}
    for index in range(runs + 1):
        order = modes if index % 2 == 0 else modes[::-1]
        for mode in order:
            home = fresh_copy(template_home, work / f"home-{mode}")
            sample = _launch(mode, home, work, open_draft)
            if index:  # the first launch compiles the bytecode cache and fills the disk cache
                samples[mode].append(sample)
    return samples


def bench_start(work: Path, template_home: Path, runs: int) -> dict[str, Any]:
    """Time launching the app to its first wizard page against a bare QWizard, in new processes."""
    samples = _launches(("app", "bare"), runs, template_home, work)
    app = median_ms([s["ready"] for s in samples["app"]])
    bare = median_ms([s["ready"] for s in samples["bare"]])
    dialog = [s["start_dialog"] for s in samples["app"] if "start_dialog" in s]
    preview = [s["preview"] for s in samples["app"] if "preview" in s]
    return {"app_ms": app, "bare_ms": bare, "ratio": app / bare, "runs": runs,
            "preview_ms": median_ms(preview) if preview else None,
            "preview_ratio": median_ms(preview) / bare if preview else None,
            "start_dialog_ms": median_ms(dialog) if dialog else None,
            "start_dialog_ratio": median_ms(dialog) / bare if dialog else None,
            "app_samples_ms": [round(s["ready"] * 1000, 1) for s in samples["app"]],
            "bare_samples_ms": [round(s["ready"] * 1000, 1) for s in samples["bare"]],
            "what": "spawn `python benchmarks/startup_probe.py app|bare` until it prints READY: first "
                    "wizard page visible, painted, focused, event loop running (app: the real "
                    "cli.main([]) path with a sample office, its start dialog answered 'new letter' "
                    "the moment it takes input; bare: QApplication + QWizard with one page)"}


def bench_memory(work: Path, template_home: Path, runs: int, draft_path: Path) -> dict[str, Any]:
    """Compare the peak RSS of the wizard open on a two-page letter with a bare QWizard."""
    samples = _launches(("app", "bare"), runs, template_home, work, draft_path)
    app = sorted(s["rss_kib"] for s in samples["app"])[len(samples["app"]) // 2]
    bare = sorted(s["rss_kib"] for s in samples["bare"])[len(samples["bare"]) // 2]
    return {"app_mib": app / 1024, "bare_mib": bare / 1024, "ratio": app / bare, "runs": runs,
            "what": "peak RSS (VmHWM of the probe process) once the wizard shows the letter's preview vs a bare QWizard"}


# -- the report -----------------------------------------------------------------------------------
def _verdict(key: str, value: float | None) -> str:
    """Return ``met``, ``MISSED`` or ``not measured`` for the goal of `key`."""
    if value is None:
        return "not measured"
    sign, goal = GOALS[key]
    ok = {"≤": value <= goal, "<": value < goal, "≥": value >= goal}[sign]
    return "met" if ok else "MISSED"


def build_report(results: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON document: headline figures, goals and every detail."""
    get = lambda section, key: results.get(section, {}).get(key)  # noqa: E731
    report: dict[str, Any] = {
        "cold_start_ratio": get("start", "ratio"),
        "render_ratio_vs_docxtpl": get("render", "ratio"),
        "pdf_speedup_vs_libreoffice": get("pdf", "speedup"),
        "preview_p95_ms": get("preview", "work_p95_ms"),
        "search_p95_ms": get("search", "p95_ms"),
        "render_growth": get("scale", "render_growth"),
        "rss_ratio": get("memory", "ratio"),
    }
    report["goals"] = {key: {"value": report[key], "goal": f"{GOALS[key][0]} {GOALS[key][1]}",
                             "result": _verdict(key, report[key])}
                       for key in GOALS}
    report["details"] = results
    return report


def _fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    """Return a number for the table."""
    return "—" if value is None else f"{value:.{digits}f}{unit}"


def table(report: dict[str, Any]) -> str:
    """Return the Markdown table of the report."""
    d = report["details"]
    g = report["goals"]
    rows = [("Measure", "Ours", "Baseline", "Figure", "Goal", "Result")]
    if "start" in d:
        s = d["start"]
        rows.append(("Cold start to first wizard page", _fmt(s["app_ms"], " ms"), f"QWizard {_fmt(s['bare_ms'], ' ms')}",
                     _fmt(s["ratio"], "×", 2), "≤ 1.5×", g["cold_start_ratio"]["result"]))
        if s.get("start_dialog_ms") is not None:
            rows.append(("Cold start to the start dialog (first screen)", _fmt(s["start_dialog_ms"], " ms"),
                         f"QWizard {_fmt(s['bare_ms'], ' ms')}", _fmt(s["start_dialog_ratio"], "×", 2),
                         "(for information)", "—"))
        if s.get("preview_ms") is not None:
            rows.append(("Cold start until the preview shows page 1", _fmt(s["preview_ms"], " ms"),
                         f"QWizard {_fmt(s['bare_ms'], ' ms')}", _fmt(s["preview_ratio"], "×", 2),
                         "(for information)", "—"))
    if "render" in d:
        r = d["render"]
        rows.append(("Render Cát Tiên letter to .docx", _fmt(r["ours_ms"], " ms"), f"docxtpl {_fmt(r['docxtpl_ms'], ' ms')}",
                     _fmt(r["ratio"], "×", 2), "≤ 1.0×", g["render_ratio_vs_docxtpl"]["result"]))
    if "pdf" in d:
        p = d["pdf"]
        rows.append(("PDF of Cát Tiên letter", _fmt(p["ours_ms"], " ms"), f"LibreOffice {_fmt(p.get('libreoffice_ms'), ' ms', 0)}",
                     _fmt(p.get("speedup"), "× faster"), "≥ 10× faster", g["pdf_speedup_vs_libreoffice"]["result"]))
    if "preview" in d:
        v = d["preview"]
        rows.append((f"Preview after a keystroke, p95 (work after the {v['debounce_ms']} ms debounce; {v['pages']}-page "
                     f"letter, worse of opening written / composed)",
                     _fmt(v["work_p95_ms"], " ms"), "—", f"total with debounce {_fmt(v['total_p95_ms'], ' ms')}; "
                     f"key handling {_fmt(v['keystroke_p95_ms'], ' ms')}", "< 100 ms", g["preview_p95_ms"]["result"]))
    if "search" in d:
        a = d["search"]
        rows.append((f"Address-book search, p95 per keystroke ({a['entries']:,} entries)", _fmt(a["p95_ms"], " ms", 2), "—",
                     f"picker {_fmt(a['picker_p95_ms'], ' ms', 2)}, window {_fmt(a['window_p95_ms'], ' ms', 2)}",
                     "< 10 ms", g["search_p95_ms"]["result"]))
    if "scale" in d:
        c = d["scale"]
        for label in ("tasks", "recipients"):
            ms = c[label]["ms"]
            rows.append((f"Render with {' / '.join(ms)} {'tasks' if label == 'tasks' else 'recipients'}",
                         " / ".join(f"{v:.0f}" for v in ms.values()) + " ms", "—",
                         f"growth {_fmt(c[label]['growth'], '×', 2)}; {_fmt(c[label]['ms_per_item_low'], '', 3)} → "
                         f"{_fmt(c[label]['ms_per_item_high'], '', 3)} ms per item",
                         f"linear: ≤ {c[label]['limit']:.0f}×", "met" if c[label]["linear"] else "MISSED"))
    if "memory" in d:
        m = d["memory"]
        rows.append(("Peak RSS, wizard open on a 2-page letter", _fmt(m["app_mib"], " MiB"),
                     f"QWizard {_fmt(m['bare_mib'], ' MiB')}", _fmt(m["ratio"], "×", 2), "< 1.5×", g["rss_ratio"]["result"]))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks named on the command line (all by default)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    parser.add_argument("--quick", action="store_true", help="fewer samples (smoke test)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections to run")
    args = parser.parse_args(argv)
    wanted = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(wanted) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    quick = args.quick
    results: dict[str, Any] = {}
    if {"pdf", "preview"} & set(wanted):
        import dnnd_drafter.ui  # noqa: F401 - first, for the PySide6 None bug on Python 3.11
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 - one for all sections
    load_at_start = common.load_average()
    with tempfile.TemporaryDirectory(prefix="dnnd-bench-") as tmp:
        work = Path(tmp)
        os.environ["DNND_DRAFTER_HOME"] = str(work / "home-inprocess")
        os.environ["XDG_CONFIG_HOME"] = str(work / "config")
        steps: dict[str, Callable[[], dict[str, Any]]] = {
            "render": lambda: bench_render(work, 7 if quick else 21),
            "scale": lambda: bench_scale(work, 3 if quick else 7),
            "pdf": lambda: bench_pdf(work, 5 if quick else 15, 2 if quick else 4),
            "search": lambda: _search(work, 1 if quick else 3),
            "preview": lambda: _preview(work, 12 if quick else 60),
            "start": lambda: bench_start(work, _template_home(work), 3 if quick else 15),
            "memory": lambda: bench_memory(work, _template_home(work), 1 if quick else 3, _two_page_file(work)),
        }
        for name in SECTIONS:
            if name not in wanted:
                continue
            began = time.perf_counter()
            print(f"… {name}", file=sys.stderr, flush=True)
            results[name] = steps[name]()
            results[name]["seconds"] = round(time.perf_counter() - began, 1)
        results["machine"] = common.machine()
        results["machine"]["load_average_at_start"] = load_at_start
    report = build_report(results)
    print()
    print(table(report))
    m = results["machine"]
    print(f"\n{m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; Python {m['python']}, "
          f"PySide6 {m['pyside6']}, docxtpl {m['docxtpl']}, {m['libreoffice'] or 'no LibreOffice'}; {m['date']}; "
          f"load average {m['load_average_at_start']} → {m['load_average']}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"JSON: {args.json}")
    return 0


def _template_home(work: Path) -> Path:
    """Return the data folder with the sample office that every launch copies (made once)."""
    home = work / "office-template"
    return home if home.exists() else office_home(home)


def _two_page_file(work: Path) -> Path:
    """Write the two-page letter as a draft file for the memory launches."""
    from dnnd_drafter import model

    draft, pages = common.two_page_letter()
    assert pages == 2, f"the letter is {pages} pages long"
    return model.save(draft, work / "two_pages.json")


def _search(work: Path, rounds: int) -> dict[str, Any]:
    """Run the address-book search benchmark."""
    import search_bench

    return search_bench.measure(work, rounds=rounds)


def _preview(work: Path, keystrokes: int) -> dict[str, Any]:
    """Run the preview benchmark on the letter as written and with the opening composed."""
    import preview_bench

    written = preview_bench.measure(work / "home-preview", keystrokes)
    composed = preview_bench.measure(work / "home-preview-composed", keystrokes, composed=True)
    worst = max((written, composed), key=lambda r: r["work_p95_ms"])
    return {**worst, "written": written, "composed": composed}


if __name__ == "__main__":
    sys.exit(main())
