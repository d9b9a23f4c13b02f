"""Report how well Word letters are read: fields read exactly, body word similarity, time to open.

Builds the corpus of ``tests/unit/wordin_corpus.py`` (the app's own letter of every example, the
hand-typed variants and, when LibreOffice is installed, all of them saved again by LibreOffice),
reads every letter and prints, per letter and per group, the share of fields read exactly
(number line, date line, issuer, parent, kind, trích yếu, each Kính gửi and Nơi nhận item,
authority, position, signer), the body's word similarity, and for the copy ``fix`` would write
its word similarity to the source's body and whether the checker finds errors in it; then the
median time to open a 5-page letter. Goals (issue 16): fields ≥ 98 % overall and 100 % on the app's own letters;
body similarity ≥ 0.99 on every letter; opening a 5-page letter under 0.5 s.

    .venv/bin/python benchmarks/wordin_report.py [--no-libreoffice] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dnnd_drafter.checker import check_bytes  # noqa: E402
from dnnd_drafter.render import laid_out  # noqa: E402
from dnnd_drafter.model.letter import Task  # noqa: E402
from dnnd_drafter.wordin import read_letter  # noqa: E402
from dnnd_drafter.writers.docx.writer import to_bytes  # noqa: E402
from tests.unit import wordin_corpus as corpus  # noqa: E402

GOAL_FIELDS, GOAL_SIMILARITY, GOAL_OPEN_S = 0.98, 0.99, 0.5


def measure(letter: corpus.Letter) -> dict[str, object]:
    """Return the figures of one letter: fields compared, fields exact, body similarity, misses."""
    read = read_letter(letter.data, name=letter.name)
    expected, got = corpus.field_values(letter.expected), corpus.field_values(read.draft)
    misses = [k for k in expected if got.get(k) != expected[k]]
    fixed = check_bytes(to_bytes(laid_out(read.draft)), name=letter.name)   # what `fix` writes
    return {"name": letter.name, "group": letter.group, "fields": len(expected),
            "exact": len(expected) - len(misses), "misses": misses,
            "similarity": corpus.similarity(letter.words(), corpus.body_words(read.draft)),
            "fix_similarity": corpus.similarity(read.source_words, corpus.body_words(read.draft)),
            "fix_errors": len(fixed.errors), "notes": len(read.notes())}


def five_page_letter() -> tuple[bytes, int]:
    """Return a long letter (the Cát Tiên letter with its tasks repeated) and its page estimate."""
    draft = corpus.example("dang_cat_tien_492")
    draft.content.tasks = [Task(text=t.text, title=t.title) for t in draft.content.tasks * 2]
    draft.content.implementation = draft.content.implementation * 2
    words = sum(len(p.text.split()) for p in laid_out(draft).paragraphs())
    return to_bytes(laid_out(draft)), round(words / 420)   # about 420 words a page at 14 pt


def open_time(data: bytes, runs: int = 7) -> float:
    """Return the median seconds to read `data` into a draft."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        read_letter(data)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    """Build the corpus, measure it and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-libreoffice", action="store_true", help="skip the LibreOffice-resaved copies")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    letters = corpus.app_letters() + corpus.hand_letters()
    if not args.no_libreoffice:
        try:
            with tempfile.TemporaryDirectory() as tmp:
                letters += corpus.resave_with_libreoffice(letters, Path(tmp))
        except FileNotFoundError:
            print("LibreOffice không có: bỏ qua các bản lưu lại bằng LibreOffice.")
    rows = [measure(letter) for letter in letters]
    print(f"{'Letter':42} {'fields':>9} {'similarity':>10} {'fix: words':>10} {'errors':>6}  misses")
    for row in rows:
        print(f"{row['name']:42} {row['exact']:>4}/{row['fields']:<4} {row['similarity']:>10.3f} "
              f"{row['fix_similarity']:>10.3f} {row['fix_errors']:>6}  " + ", ".join(row["misses"]))
    summary = {}
    for group in ("app", "hand", "libreoffice", "all"):
        part = [r for r in rows if group == "all" or r["group"] == group]
        if part:
            share = sum(r["exact"] for r in part) / sum(r["fields"] for r in part)
            summary[group] = {"letters": len(part), "fields_exact": round(share, 4),
                              "similarity_min": round(min(r["similarity"] for r in part), 4),
                              "fix_similarity_min": round(min(r["fix_similarity"] for r in part), 4),
                              "fixed_with_errors": sum(1 for r in part if r["fix_errors"])}
    data, pages = five_page_letter()
    seconds = open_time(data)
    print()
    for group, figures in summary.items():
        print(f"{group:12} {figures['letters']:3} letters  fields exact {figures['fields_exact']:.1%}  "
              f"lowest body similarity {figures['similarity_min']:.3f}  fix: lowest word similarity "
              f"{figures['fix_similarity_min']:.3f}, {figures['fixed_with_errors']} fixed copies with errors")
    print(f"Open a {pages}-page letter: {seconds * 1000:.0f} ms (goal < {GOAL_OPEN_S * 1000:.0f} ms)")
    met = (summary["all"]["fields_exact"] >= GOAL_FIELDS and summary["app"]["fields_exact"] == 1.0
           and summary["all"]["similarity_min"] >= GOAL_SIMILARITY and seconds < GOAL_OPEN_S
           and summary["all"]["fixed_with_errors"] == 0)
    print("Goals met." if met else "Goals NOT met.")
    if args.json:
        args.json.write_text(json.dumps({"letters": rows, "summary": summary, "open_5_pages_s": seconds},
                                        ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    import os

    with tempfile.TemporaryDirectory(prefix="dnnd-wordin-report-") as home:
        os.environ.setdefault("DNND_DRAFTER_HOME", home)   # pictures read from the corpus stay out of the clerk's data
        raise SystemExit(main())
