"""Measure the address book and the register as a clerk meets them, in the real widgets.

* ``search_widget_p95_ms`` / ``_100k``: a key event into the recipient picker's search box
  (step 2's real :class:`RecipientPicker`) until its list is filled and painted, p95 over
  every prefix of :data:`QUERIES`, at 10,000 and 100,000 entries.
* ``first_key_after_write_ms_100k``: the same for the first key after a write to the database
  (alternately the wizard's autosave through the same connection and a new entry written by
  another connection, as another window or a second copy of the app does); median of the rounds.
* ``register_window_open_ms_100k``: building, showing and painting Dữ liệu → Sổ văn bản đi with
  100,000 register entries (20 years, 5,000 a year; this year's letters point at a real file,
  so their check reads it, as in an office); median of the openings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path
from typing import Any

from common import make_office, median_ms, p95_ms

QUERIES = ("uy ban nhan dan xa tan an", "Ủy ban nhân dân phường", "dang uy", "hoi nong dan xa",
           "mat tran to quoc", "tram y te lat", "Hội Liên hiệp Phụ nữ", "truong thcs", "cong an phuong",
           "chi bo thon", "doan thanh nien", "bao loc", "xyz khong co", "ubnd")
YEARS = 20


def _settle(app) -> None:  # type: ignore[no-untyped-def]
    """Run what the last event queued: posted events, then paints."""
    app.sendPostedEvents()
    app.processEvents()


def _key(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Deliver one key with `text` (Backspace when empty) as a keyboard or input method does."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    key = Qt.Key.Key_Backspace if not text else Qt.Key.Key_unknown
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def _picker(store):  # type: ignore[no-untyped-def]
    """Return the real recipient picker on `store`, shown, dated today, its search box focused."""
    from dnnd_drafter.ui.wizard.recipient_picker import RecipientPicker

    picker = RecipientPicker("kinh_gui", store)
    picker.resize(900, 600)
    picker.show()
    picker.set_date(dt.date.today())
    picker.search.setFocus()
    return picker


def _type(app, picker, text: str) -> float:  # type: ignore[no-untyped-def]
    """Return the seconds from one key of `text` to the picker's list filled and painted."""
    start = time.perf_counter()
    _key(picker.search, text)
    _settle(app)
    return time.perf_counter() - start


def measure_widget(work: Path, entries: int, rounds: int, after_write_rounds: int) -> dict[str, Any]:
    """Return the picker's keystroke figures and its first keystroke after writes, at `entries`."""
    from PySide6.QtWidgets import QApplication

    from dnnd_drafter.store.addressbook import Recipient
    from dnnd_drafter.store import open_store

    app = QApplication.instance()
    home = work / f"search-{entries}"
    while home.exists():  # the quick run measures "100,000" at 10,000 too: a store of its own
        home = home.with_name(home.name + "-again")
    began = time.perf_counter()
    store = make_office(home, entries)
    fill_s = time.perf_counter() - began
    picker = _picker(store)
    _settle(app)
    keys: list[float] = []
    for _ in range(rounds):
        for query in QUERIES:
            picker.search.clear()
            _settle(app)
            keys += [_type(app, picker, letter) for letter in query]
    shown = picker.results.count()
    other = open_store(store.path, auto_backup=False)
    after: list[float] = []
    for index in range(after_write_rounds):
        picker.search.setText("uy ban nhan da")
        _settle(app)
        if index % 2 == 0:
            store.drafts.autosave("bench-session", json.dumps({"subject": f"Thư số {index}"}))
        else:
            other.addressbook.add(Recipient(f"Ủy ban nhân dân xã Mới {index}"))
        after.append(_type(app, picker, "n"))
    other.close()
    picker.close()
    store.close()
    return {"entries": entries, "fill_s": round(fill_s, 1), "keystrokes": len(keys),
            "p95_ms": p95_ms(keys), "median_ms": median_ms(keys), "listed_last": shown,
            "after_write_rounds": len(after), "after_write_ms": median_ms(after),
            "after_write_samples_ms": [round(v * 1000, 1) for v in after],
            "what": "QKeyEvent with the letter's text into RecipientPicker.search until posted events and "
                    "paints ran (list filled: 30 matches); every prefix of 14 queries; after a write: the "
                    "wizard's autosave (same connection) and another connection's new entry, alternately"}


def fill_register(store, entries: int, letter: Path) -> None:  # type: ignore[no-untyped-def]
    """Write `entries` register entries over :data:`YEARS` years; this year's point at `letter`."""
    profile = store.profiles.all()[0]
    digest = hashlib.sha256(letter.read_bytes()).hexdigest()
    this_year = dt.date.today().year
    per_year = entries // YEARS
    rows = []
    for y in range(YEARS):
        year = this_year - y
        for n in range(1, per_year + 1):
            day = dt.date(year, 1, 1) + dt.timedelta(days=(n * 364) // per_year)
            current = year == this_year and day <= dt.date.today()
            rows.append((profile.id, "CV", f"{year}-01-01", f"{year}-12-31", n, "CV/HU", day.isoformat(),
                         f"Về việc triển khai nhiệm vụ số {n} năm {year}",
                         json.dumps(["Như trên", "Lưu VPHU"], ensure_ascii=False), "Đương Hùng Cường",
                         f"cv-{n}.docx", "", str(letter) if current else "", digest if current else ""))
    from dnnd_drafter.store.db import transaction

    with transaction(store.conn):  # a bulk fill, not the app's way of issuing numbers
        store.conn.executemany(
            "INSERT INTO register_entry (profile_id, kind, period_start, period_end, number, symbol, date, "
            "subject, recipients, signer, file_name, created_at, file_path, file_hash) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def measure_register(work: Path, entries: int, runs: int) -> dict[str, Any]:
    """Return the time to open the register window with `entries` entries (median of `runs`)."""
    from PySide6.QtWidgets import QApplication

    import common
    from dnnd_drafter.ui.data.register import RegisterDialog
    from dnnd_drafter.ui.wizard.step_base import AppContext
    from dnnd_drafter.render import write_docx

    app = QApplication.instance()
    store = make_office(work / f"register-{entries}")
    letter = write_docx(common.cat_tien(), work / "issued-letter.docx")
    fill_register(store, entries, letter)
    context = AppContext(store, store.profiles.all()[0])
    samples: list[float] = []
    shown = 0
    for index in range(runs + 1):
        start = time.perf_counter()
        dialog = RegisterDialog(context)
        dialog.show()
        _settle(app)
        elapsed = time.perf_counter() - start
        shown = dialog.table.model().rowCount()
        dialog.close()
        dialog.deleteLater()
        _settle(app)
        if index:  # the first opening imports the window's modules
            samples.append(elapsed)
    store.close()
    return {"entries": entries, "runs": runs, "open_ms": median_ms(samples), "rows_shown": shown,
            "samples_ms": [round(v * 1000, 1) for v in samples],
            "what": "RegisterDialog(context) + show() + posted events and paints, on a store with the given "
                    f"number of entries over {YEARS} years; the first opening (imports) untimed"}
