"""Kill ``dnnd-drafter render`` at every write, fsync and rename while it replaces a letter.

Issue 13 asks for the .docx save among the operations killed at every system-call point: after
each crash the letter on disk is either the old one, byte for byte, or the whole new one (never
half written), and the next run leaves no temporary of the killed one behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from scripts.fault_numbers import SYSCALLS, Office
from tests.unit.store_fixtures import REPO

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")

OLD, NEW = REPO / "examples" / "nha_nuoc_ubnd_tinh.json", REPO / "examples" / "dang_cat_tien_492.json"


def _problem(target: Path, old: bytes) -> str | None:
    """Return what is wrong with the letter at `target` after a crash, or None."""
    if not target.exists():
        return "the letter is gone"
    data = target.read_bytes()
    if data == old:
        return None
    try:
        text = "\n".join(p.text for t in docx.Document(str(target)).tables for c in t._cells for p in c.paragraphs)
    except Exception as exc:  # noqa: BLE001 - a half-written file is what we look for
        return f"the letter is neither the old one nor a whole new one: {exc}"
    return None if "492" in text else "the letter is a whole file but not the new letter"


def test_replacing_a_letter_killed_at_every_write_fsync_and_rename_leaves_the_old_or_the_new(tmp_path):
    office = Office(tmp_path)
    office.run("render", str(OLD), "-o", str(office.drafts / "thu.docx"))
    target = office.drafts / "thu.docx"
    old = target.read_bytes()
    args = ("render", str(NEW), "-o", str(target))
    office.run(*args)  # once first: what a first run keeps (compiled templates, parsed data files) is
    target.write_bytes(old)  # kept, so the counted run and every killed one make the same calls
    calls = office.count(*args)
    target.write_bytes(old)
    points = [(call, n) for call in SYSCALLS for n in range(1, calls[call] + 1)]
    assert len(points) >= 3  # at least the write, the fsync and the rename of the letter
    problems: list[str] = []
    for call, when in points:
        assert office.kill_at(call, when, *args), f"{call} #{when} did not kill"
        found = _problem(target, old)
        if found:
            problems.append(f"{call} #{when}: {found}")
        target.write_bytes(old)  # the next point starts from the old letter again
    assert problems == []
    office.run(*args)  # the next run: whole new letter, and no temporary of the killed runs left
    assert _problem(target, old) is None and target.read_bytes() != old
    left = [p.name for p in office.drafts.iterdir() if p.name.endswith(".tmp")]
    assert left == []
