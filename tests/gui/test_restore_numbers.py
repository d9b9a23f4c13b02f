"""Check that the window asks, naming the newest number, before restoring an older backup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dnnd_drafter.ui import dialogs

DAY = dt.date(2026, 2, 14)


def test_restoring_an_older_backup_asks_with_the_newest_number(window, office, presenter, tmp_path: Path) -> None:
    store, profile = office.store, office.profile
    store.register.issue(profile.id, "cong_van", on=DAY)
    backup = store.backup(tmp_path / "cu.sqlite3")
    store.register.issue(profile.id, "cong_van", on=DAY)
    presenter.open_file = lambda *a: str(backup)
    presenter.answers = [dialogs.YES, dialogs.NO]  # yes to "replace everything", no to "older backup"
    window.controller.guard(window.controller.restore)
    assert "02/UBND-VP ngày 14/02/2026" in presenter.questions[-1] and "cũ hơn" in presenter.questions[-1]
    assert len(store.register.entries()) == 2 and presenter.errors == []
    presenter.answers = [dialogs.YES, dialogs.YES]
    window.controller.guard(window.controller.restore)
    assert [e.number for e in store.register.entries()] == [1]
    assert "Đã khôi phục" in presenter.infos[-1]
    assert store.register.issue(profile.id, "cong_van", on=DAY).number == 3
