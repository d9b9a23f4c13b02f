"""Measure the address-book search as a clerk types: one search per keystroke, 10 000 entries.

Queries are typed letter by letter, with and without Vietnamese marks; every prefix is one
search, exactly as the recipient picker and the address-book window run them on each key
(``search(text)`` with the picker's default limit of 20, and the window's call with retired
entries and its display limit). The figure is the 95th percentile over all keystrokes.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from common import address_book_entries, median_ms, p95_ms

QUERIES = ("uy ban nhan dan xa tan an", "Ủy ban nhân dân phường", "dang uy", "hoi nong dan xa",
           "mat tran to quoc", "tram y te lat", "Hội Liên hiệp Phụ nữ", "truong thcs", "cong an phuong",
           "chi bo thon", "doan thanh nien", "bao loc", "xyz khong co", "ubnd")


def measure(home: Path, entries: int = 10_000, rounds: int = 3) -> dict[str, Any]:
    """Fill an address book with `entries` entries and time every keystroke of :data:`QUERIES`."""
    from dnnd_drafter.store import Recipient, open_store

    try:
        from dnnd_drafter.ui.data_addressbook import SHOWN_LIMIT
    except ImportError:  # the window's limit, without Qt
        SHOWN_LIMIT = 200
    store = open_store(home / "search.sqlite3", auto_backup=False)
    start = time.perf_counter()
    store.addressbook.add_many([Recipient(name, short) for name, short in address_book_entries(entries)])
    fill = time.perf_counter() - start
    picker: list[float] = []
    window: list[float] = []
    hits = {}
    for _ in range(rounds):
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                text = query[:end]
                t0 = time.perf_counter()
                found = store.addressbook.search(text)
                t1 = time.perf_counter()
                store.addressbook.search(text, include_retired=True, limit=SHOWN_LIMIT + 1)
                t2 = time.perf_counter()
                picker.append(t1 - t0)
                window.append(t2 - t1)
                hits[text] = len(found)
    count = store.addressbook.count()
    store.close()
    return {
        "entries": count, "keystrokes": len(picker), "fill_s": round(fill, 2),
        "picker_p95_ms": p95_ms(picker), "picker_median_ms": median_ms(picker),
        "window_p95_ms": p95_ms(window), "window_median_ms": median_ms(window),
        "p95_ms": p95_ms(picker + window),
        "example_hits": {q: hits[q] for q in QUERIES},
    }
