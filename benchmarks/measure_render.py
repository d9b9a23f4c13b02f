"""Measure rendering in process: against docxtpl, and how the cost per task grows.

* ``render_ratio_vs_docxtpl``: ``write_docx`` of the Cát Tiên letter ÷ docxtpl filling a
  template of the same letter. Both warm (modules imported) and both reading their template
  each time: docxtpl opens its .docx template per call, and ours is made to forget what it
  kept between letters (the .docx writer's base package and the formats built for it, the
  Jinja environment and its compiled templates) before every call.
* ``per_task_growth``: the cost per task at 200 tasks ÷ the cost per task at 8, each with the
  fixed cost of the letter (the same letter with no task) taken off.
"""

from __future__ import annotations

import gc
import statistics
import time
import warnings
from pathlib import Path
from typing import Any

import common
from common import compare, median_ms

GROWTH_BATCH = 8  # calls per growth sample: their mean varies far less than one call


def forget_caches() -> None:
    """Clear what our writer and composer keep between letters in one process.

    The .docx writer keeps its base package (read from resources/docx-base/) and its formats in
    its helper modules, which are cleared too, so each call reads the base package again.
    """
    from dnnd_drafter.compose import engine as compose
    from dnnd_drafter.writers.docx import base_package, wordml
    from dnnd_drafter.writers.docx import writer as docx_writer

    for module in (compose, docx_writer, base_package, wordml):
        for value in vars(module).values():
            clear = getattr(value, "cache_clear", None)
            if callable(clear):
                clear()


def measure_docxtpl(work: Path, runs: int) -> dict[str, Any]:
    """Time write_docx (caches forgotten each call) against docxtpl (template opened each call)."""
    try:
        import docxtpl  # noqa: F401 - the baseline
    except ImportError:
        return {"ratio": None, "note": "docxtpl is not installed: pip install -e '.[bench]'"}
    import docxtpl_letter
    from dnnd_drafter.render import write_docx

    draft = common.cat_tien()
    template = docxtpl_letter.build_template(work / "cat_tien_template.docx")
    ours_path, theirs_path = work / "ours.docx", work / "docxtpl.docx"

    def ours() -> None:
        forget_caches()
        write_docx(draft, ours_path)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # docxtpl's own
        mine, theirs = compare(ours, lambda: docxtpl_letter.render(template, draft, theirs_path), runs, warmup=2)
    their_text = docxtpl_letter.text_of(theirs_path)
    return {"ours_ms": median_ms(mine), "docxtpl_ms": median_ms(theirs), "runs": runs,
            "ratio": median_ms(mine) / median_ms(theirs),
            "ours_samples_ms": [round(s * 1000, 2) for s in mine],
            "docxtpl_samples_ms": [round(s * 1000, 2) for s in theirs],
            "ours_chars": len(docxtpl_letter.text_of(ours_path)), "docxtpl_chars": len(their_text),
            "docxtpl_missing_tasks": [t.text[:40] for t in draft.content.tasks if t.text[:40] not in their_text],
            "what": "forget our caches + write_docx(draft) (compose, lay out, .docx writer, temporary file, "
                    "fsync, rename) vs DocxTemplate(template) + render(context) + save; warm, alternating"}


def _slope(points: dict[int, float]) -> tuple[float, float]:
    """Return the least-squares slope and intercept of `points` (count → ms)."""
    xs, ys = list(points), list(points.values())
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    return slope, mean_y - slope * mean_x


def measure_growth(work: Path, runs: int, batch: int = GROWTH_BATCH) -> dict[str, Any]:
    """Time write_docx with 0–16 and 200 tasks (interleaved); return the per-task growth.

    The cost per task at 8 is the slope of the least-squares line through the times at 0, 4, 8,
    12 and 16 tasks (eight tasks add only a couple of milliseconds, less than the noise of one
    difference); its intercept is the letter's fixed cost. Each interleaved round of the small
    counts gives its own line; slope and intercept are the medians over the rounds. The cost per
    task at 200 is the median time at 200 tasks minus that fixed cost, divided by 200. Times are the CPU time of this thread
    (``time.thread_time``: other processes on a loaded machine disturb it far less than the wall
    clock; the file's fsync is not in it), garbage collection off during each call (as ``timeit``
    does). One sample is the mean of `batch` calls in a row (a single call of a few milliseconds
    varies by more than what four tasks add).
    """
    from dnnd_drafter.render import write_docx

    base = common.cat_tien()
    small, large = (0, 4, 8, 12, 16), 200
    counts = (*small, large)
    drafts = {n: common.with_tasks(base, n) for n in counts}
    target = work / "growth.docx"
    for n in counts:
        write_docx(drafts[n], target)  # warm-up
    samples: dict[int, list[float]] = {n: [] for n in counts}
    # the small counts interleaved among themselves, then 200 alone: a 200-task letter fills the
    # writer's format caches with formats the small letters would have to build again
    for group in (small, (large,)):
        for index in range(runs):
            for n in (group if index % 2 == 0 else group[::-1]):
                gc.collect()
                gc.disable()  # as timeit does: a collection in one call is not that call's work
                began = time.thread_time()
                for _ in range(batch):
                    write_docx(drafts[n], target)
                samples[n].append((time.thread_time() - began) / batch)
                gc.enable()
    best = {n: min(v) * 1000 for n, v in samples.items()}
    # one line per round of the small counts, measured within ~0.2 s of each other, so a slow
    # spell of the machine lifts the whole round instead of tilting the line; the median round
    rounds = [_slope({n: samples[n][index] * 1000 for n in small}) for index in range(runs)]
    per_low = statistics.median(slope for slope, _ in rounds)
    fixed = statistics.median(intercept for _, intercept in rounds)
    per_high = (median_ms(samples[large]) - fixed) / large
    return {"runs": runs, "batch": batch, "ms_min": {str(n): round(best[n], 3) for n in counts},
            "ms_median": {str(n): round(median_ms(samples[n]), 3) for n in counts},
            "fixed_ms": fixed, "ms_per_task_at_8": per_low, "ms_per_task_at_200": per_high,
            "growth": per_high / per_low if per_low > 0 else None,
            # False: eight tasks' cost was lost in the machine's noise (the key is then null)
            "resolved": per_low > 0,
            "what": "write_docx of the Cát Tiên letter with 0, 4, 8, 12, 16 and 200 tasks (its own tasks "
                    "repeated), CPU time of the thread with the garbage collector off, a sample the mean of `batch` "
                    "calls in a row; per task at 8 = median over the interleaved rounds of the slope over 0–16, "
                    "fixed cost = the median intercept, per task at 200 = (median T(200) - fixed) / 200; growth = "
                    "the second ÷ the first"}
