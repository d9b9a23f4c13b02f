"""The register window reads the years with one query and only the rows it shows, however long
the register is; scrolling shows every row of the year, each as the store holds it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dnnd_drafter.store import register as register_store
from dnnd_drafter.store.db import transaction
from tests.gui.test_data_dialogs import column

YEARS, PER_YEAR = 3, 400


def _fill(store, profile_id: int, letter: Path) -> None:  # type: ignore[no-untyped-def]
    """Write PER_YEAR entries in each of YEARS years; this year's record `letter` and its hash."""
    digest = register_store.file_sha256(letter)
    this_year = dt.date.today().year
    rows = []
    for y in range(YEARS):
        for n in range(1, PER_YEAR + 1):
            year = this_year - y
            rows.append((profile_id, "cong_van", f"{year}-01-01", f"{year}-12-31", n, "UBND-VP",
                         f"{year}-01-{1 + n % 28:02d}", f"Về việc số {n}", json.dumps(["Lưu: VT"]), "An",
                         f"cv-{n}.docx", "", str(letter) if y == 0 else "", digest if y == 0 else ""))
    with transaction(store.conn):
        store.conn.executemany(
            "INSERT INTO register_entry (profile_id, kind, period_start, period_end, number, symbol, date, subject, "
            "recipients, signer, file_name, created_at, file_path, file_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)


def test_opening_reads_only_the_shown_rows_and_hashes_only_their_files(qtbot, office, presenter, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Check opening builds at most a page of entries and hashes at most a page of files; every row is there."""
    from dnnd_drafter.ui.data.register import RegisterDialog

    letter = tmp_path / "cv.docx"
    letter.write_bytes(b"PK letter")
    _fill(office.store, office.profile.id, letter)
    built, hashed = [], []
    real_row, real_hash = register_store._row, register_store.file_sha256
    monkeypatch.setattr(register_store, "_row", lambda row: built.append(row[0]) or real_row(row))
    monkeypatch.setattr(register_store, "file_sha256", lambda path: hashed.append(path) or real_hash(path))
    dialog = RegisterDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert [dialog.year.itemData(i) for i in range(dialog.year.count())] == [
        dt.date.today().year - y for y in range(YEARS)]
    assert len(built) <= 200 and len(hashed) <= 100, (len(built), len(hashed))
    assert dialog.summary.text() == f"Năm {dt.date.today().year}: {PER_YEAR} số đã cấp, 0 số đã hủy."
    expected = office.store.register.entries(dt.date.today().year, office.profile.id)
    assert column(dialog.table, 3) == [e.subject for e in expected]
    assert set(column(dialog.table, 8)) == {"Khớp với sổ"}
    dialog.table.selectRow(PER_YEAR - 1)
    assert dialog.selected_id() == expected[-1].id
