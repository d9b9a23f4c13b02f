"""Measure DNND Drafter's speed and memory against baselines; print a table and write JSON.

Usage::

    python benchmarks/run.py [--json OUT.json] [--quick] [--only SECTION[,SECTION…]]

Every key of :data:`report.KEYS` is measured beside its baseline in the same run: whole
processes where a user waits for a whole process (start, ``render``, ``pdf``), the real widgets
in this process otherwise. ``--quick`` takes few samples and 10,000 entries where the full run
has 100,000 (about three minutes on a loaded 2-core machine; a smoke test, not a result).
``--tiny`` is the test suite's: one sample of each on the smallest sizes. See
``benchmarks/README.md`` for what each figure measures and leaves out.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import common  # noqa: E402
import report  # noqa: E402

SECTIONS = ("start", "memory", "cli_render", "cli_pdf", "render", "growth", "preview", "search_10k",
            "search_100k", "register")


@dataclass(frozen=True)
class Sizes:
    """Hold how many samples each section takes and how big the data is."""

    launches: int
    memory_launches: int
    cli_runs: int
    libreoffice_runs: int
    render_runs: int
    growth_runs: int
    keystrokes: int
    keystrokes_50_pages: int
    search_rounds: int
    after_write_rounds: int
    register_runs: int
    small_book: int
    big_book: int
    office_book: int = 10_000


FULL = Sizes(31, 3, 21, 5, 21, 25, 60, 20, 2, 10, 3, 10_000, 100_000)
QUICK = Sizes(3, 1, 3, 1, 5, 10, 12, 4, 1, 4, 1, 10_000, 10_000)
TINY = Sizes(1, 1, 1, 1, 1, 5, 2, 1, 1, 2, 1, 300, 300, office_book=300)


def _two_page_file(work: Path) -> Path:
    """Write the two-page letter as a draft file for the memory launches."""
    from dnnd_drafter.model import letter as model

    draft, pages = common.two_page_letter()
    assert pages == 2, f"the letter is {pages} pages long"
    return model.save(draft, work / "two_pages.json")


def steps(work: Path, sizes: Sizes) -> dict[str, Callable[[], dict[str, Any]]]:
    """Return the measuring function of every section."""
    import measure_cli
    import measure_render
    import measure_start

    def search(entries: int) -> Callable[[], dict[str, Any]]:
        def run() -> dict[str, Any]:
            import measure_search

            return measure_search.measure_widget(work, entries, sizes.search_rounds, sizes.after_write_rounds)
        return run

    def preview() -> dict[str, Any]:
        import measure_preview

        return measure_preview.measure_preview(work, sizes.keystrokes, sizes.keystrokes_50_pages)

    def register() -> dict[str, Any]:
        import measure_search

        return measure_search.measure_register(work, sizes.big_book, sizes.register_runs)

    return {
        "start": lambda: measure_start.measure_start(work, sizes.launches, sizes.office_book),
        "memory": lambda: measure_start.measure_memory(work, sizes.memory_launches, sizes.office_book,
                                                       _two_page_file(work)),
        "cli_render": lambda: measure_cli.measure_render(work, sizes.cli_runs),
        "cli_pdf": lambda: measure_cli.measure_pdf(work, sizes.cli_runs, sizes.libreoffice_runs),
        "render": lambda: measure_render.measure_docxtpl(work, sizes.render_runs),
        "growth": lambda: measure_render.measure_growth(work, sizes.growth_runs),
        "preview": preview, "search_10k": search(sizes.small_book), "search_100k": search(sizes.big_book),
        "register": register,
    }


def collect(sizes: Sizes, wanted: tuple[str, ...] = SECTIONS) -> dict[str, Any]:
    """Measure the `wanted` sections with `sizes` in a temporary folder; return the results."""
    import dnnd_drafter.ui  # noqa: F401 - first, for the PySide6 None bug on Python 3.11
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])  # noqa: F841 - one for all sections
    results: dict[str, Any] = {}
    load_at_start = report.load_average()
    with tempfile.TemporaryDirectory(prefix="dnnd-bench-") as tmp:
        work = Path(tmp)
        os.environ["DNND_DRAFTER_HOME"] = str(work / "home-inprocess")
        os.environ["XDG_CONFIG_HOME"] = str(work / "config")
        measures = steps(work, sizes)
        for name in wanted:
            began = time.perf_counter()
            print(f"… {name}", file=sys.stderr, flush=True)
            results[name] = measures[name]()
            results[name]["seconds"] = round(time.perf_counter() - began, 1)
    results["machine"] = report.machine()
    results["machine"]["load_average_at_start"] = load_at_start
    results["sizes"] = asdict(sizes)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; print the table; write the JSON when asked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write every figure and detail to this file")
    parser.add_argument("--quick", action="store_true", help="few samples, 10,000 entries (a smoke test)")
    parser.add_argument("--tiny", action="store_true", help="one sample each, tiny data (the test suite's)")
    parser.add_argument("--only", help="comma-separated sections: " + ", ".join(SECTIONS))
    args = parser.parse_args(argv)
    wanted = tuple(s for s in SECTIONS if not args.only or s in args.only.split(","))
    sizes = TINY if args.tiny else QUICK if args.quick else FULL
    results = collect(sizes, wanted)
    built = report.build_report(results)
    built["mode"] = "tiny" if args.tiny else "quick" if args.quick else "full"
    print()
    print(report.table(built))
    print("\n" + report.machine_line(results["machine"]))
    if args.json:
        args.json.write_text(json.dumps(built, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
