"""Kill ``dnnd-drafter`` at write, fsync and rename system calls of the number and backup operations.

The engine is ``scripts/fault_numbers.py`` (run it alone for every point of every operation and
the table of ``docs/reliability.md``). ``register issue`` is killed at EVERY counted call;
backup, import and restore at a sample, to keep the suite near one minute.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scripts.fault_numbers import Office, bad_inputs, try_operation

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")


@pytest.fixture
def office(tmp_path: Path) -> Office:
    """Return an office with one profile, one number issued, an import file and an older backup."""
    made = Office(tmp_path)
    made.setup()
    return made


def test_register_issue_killed_at_every_write_fsync_and_rename_never_gives_a_number_twice(office):
    tally = try_operation(office, "register issue")
    assert tally.points >= 30 and tally.killed == tally.points
    assert tally.problems == []


@pytest.mark.parametrize(("operation", "every"), [("data backup", 3), ("data import", 2), ("data restore", 20)])
def test_backup_import_and_restore_killed_at_sampled_points_keep_the_numbers(office, operation, every):
    tally = try_operation(office, operation, every, budget_s=40)
    assert tally.points >= 5 and tally.killed >= tally.points - 2
    assert tally.problems == []


def test_hostile_backups_an_older_backup_and_bad_drafts_are_refused_cleanly(office):
    tally = bad_inputs(office)
    assert tally.points >= 15 and tally.killed == tally.points
    assert tally.problems == []
