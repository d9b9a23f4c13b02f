"""Kill ``dnnd-drafter`` at every write, fsync and rename of the number and backup operations.

Each operation (``register issue``, ``data backup``, ``data import``, ``data restore``) is first
run once under ``strace`` to count its system calls; then, for each counted call N, it is run
again under ``strace -e inject=CALL:signal=SIGKILL:when=N`` (killed just before that call), and
after each crash another number is issued and the office is checked: ``integrity_check`` ok, no
interrupted issue left pending, every draft file whole, no number in two files, every number
in a file recorded in the register for that file, and each new number higher than every number
handed out before (a restore never lowers it).

Run ``python scripts/fault_numbers.py`` (every point of every operation) to print the table of
``docs/reliability.md``; ``--every 5`` tries every fifth point of the slower operations.
The test suite (``tests/unit/test_fault_numbers.py``) runs the same checks on fewer points.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SYSCALLS = ("write", "pwrite64", "fsync", "fdatasync", "rename", "renameat", "renameat2", "unlink",
            "unlinkat", "ftruncate")
DATE = "14/02/2026"
PROFILE = {"name": "UBND xã Tân An", "family": "nha_nuoc", "issuing_body": "ỦY BAN NHÂN DÂN XÃ TÂN AN",
           "parent_body": "UBND HUYỆN BÌNH MINH", "abbreviation": "UBND", "unit_abbreviations": ["VP"]}
DRAFT = {"schema": "dnnd-drafter/draft@1", "family": "nha_nuoc", "kind": "cong_van",
         "issuer": {"parent": "UBND HUYỆN BÌNH MINH", "name": "ỦY BAN NHÂN DÂN XÃ TÂN AN", "abbreviation": "UBND"},
         "date": "2026-01-02", "subject": "Về việc triển khai nhiệm vụ", "recipients": ["Các ấp"],
         "signature": {"authority": "TM.", "name": "Nguyễn Văn A"}}


@dataclass
class Tally:
    """Count what one operation's trials found."""

    operation: str
    points: int = 0
    killed: int = 0
    issued: int = 0
    problems: list[str] = field(default_factory=list)


class Office:
    """Hold a data folder with one profile and the draft files numbered so far; run and check."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.home = folder / "home"
        self.drafts = folder / "drafts"
        self.drafts.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ, DNND_DRAFTER_HOME=str(self.home), PYTHONPATH=str(REPO),
                        DNND_DRAFTER_CACHE=str(folder / "cache"))  # its own: runs keep and find the same
        self.highest = 0
        self.counter = 0
        self.strict = True  # every number in a file is in the register (until a restore of an older backup)

    def command(self, *args: str) -> list[str]:
        """Return the command line running ``dnnd-drafter ARGS``."""
        return [sys.executable, "-m", "dnnd_drafter", *args]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``dnnd-drafter ARGS`` normally."""
        done = subprocess.run(self.command(*args), env=self.env, capture_output=True, text=True, timeout=120)
        if check and done.returncode != 0:
            raise RuntimeError(f"{args}: {done.returncode} {done.stderr}")
        return done

    def new_draft(self) -> Path:
        """Write a new unnumbered draft file and return it."""
        self.counter += 1
        path = self.drafts / f"cong-van-{self.counter:04d}.json"
        path.write_text(json.dumps(DRAFT | {"subject": f"Văn bản {self.counter}"}, ensure_ascii=False),
                        encoding="utf-8")
        return path

    def setup(self) -> None:
        """Create the office: one profile, a first number, an import file and an older backup."""
        data = {"schema": "dnnd-drafter/data@1", "recipients": [{"uid": "a1", "name": "Các ấp"}],
                "lists": [], "profiles": [PROFILE]}
        (self.folder / "du-lieu.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        self.run("data", "import", str(self.folder / "du-lieu.json"))
        self.run("data", "backup", str(self.folder / "cu.sqlite3"))
        self.issue_and_check()

    def count(self, *args: str) -> Counter[str]:
        """Run the operation once under strace and return how often it made each call."""
        log = self.folder / "strace.log"
        subprocess.run(["strace", "-f", "-o", str(log), "-e", "trace=" + ",".join(SYSCALLS),
                        *self.command(*args)], env=self.env, capture_output=True, timeout=120, check=True)
        calls: Counter[str] = Counter()
        for line in log.read_text(errors="replace").splitlines():
            found = re.match(r"\d+\s+(\w+)\(", line)
            if found and found.group(1) in SYSCALLS:
                calls[found.group(1)] += 1
        return calls

    def kill_at(self, call: str, when: int, *args: str) -> bool:
        """Run the operation killed before its `when`-th `call`; return whether it was killed."""
        done = subprocess.run(["strace", "-f", "-o", os.devnull, "-e", f"trace={call}",
                               "-e", f"inject={call}:signal=SIGKILL:when={when}", *self.command(*args)],
                              env=self.env, capture_output=True, text=True, timeout=120)
        return done.returncode != 0 or "killed by SIGKILL" in done.stderr

    def issue_and_check(self) -> list[str]:
        """Issue a number in this process (the next open completes a crashed issue); return problems."""
        from dnnd_drafter.cli import entry as cli

        draft = self.new_draft()
        out, err = io.StringIO(), io.StringIO()
        old_home = os.environ.get("DNND_DRAFTER_HOME")
        os.environ["DNND_DRAFTER_HOME"] = str(self.home)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = cli.main(["register", "issue", str(draft), "--date", DATE])
        finally:
            if old_home is None:
                os.environ.pop("DNND_DRAFTER_HOME", None)
            else:
                os.environ["DNND_DRAFTER_HOME"] = old_home
        problems = [] if status == 0 else [f"the next issue failed ({status}): {err.getvalue().strip()}"]
        if "Traceback" in err.getvalue():
            problems.append("a traceback was printed")
        return problems + self.check()

    def check(self) -> list[str]:
        """Return what is wrong with the office now (empty when all is well)."""
        from dnnd_drafter.model import letter as model

        problems: list[str] = []
        conn = sqlite3.connect(self.home / "dnnd-drafter.sqlite3")
        try:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                problems.append("integrity_check failed")
            has = {r[1] for r in conn.execute("PRAGMA table_info(register_entry)")}
            pending = conn.execute("SELECT count(*) FROM register_entry WHERE pending_pid != 0").fetchone()[0] \
                if "pending_pid" in has else 0
            where = "draft_path" if "draft_path" in has else "file_name"  # (versions before the fix)
            recorded = {(Path(path).name, number) for path, number in conn.execute(
                f"SELECT {where}, number FROM register_entry WHERE status = 'issued'")}
        finally:
            conn.close()
        if pending:
            problems.append(f"{pending} interrupted issue(s) left pending")
        seen: dict[int, Path] = {}
        for path in sorted(self.drafts.glob("*.json")):
            try:
                draft = model.load(path)
            except Exception as exc:  # noqa: BLE001 - a half-written draft is what we look for
                problems.append(f"{path.name} is not a whole draft: {exc}")
                continue
            if not draft.is_numbered:
                continue
            number = int(draft.number)
            if number in seen:
                problems.append(f"number {number} is in {seen[number].name} and {path.name}")
            seen[number] = path
            if self.strict and (path.name, number) not in recorded:
                problems.append(f"{path.name} carries {number} but the register has no such entry for it")
        newest = max(seen, default=0)
        if newest <= self.highest:
            problems.append(f"the newest number {newest} is not above {self.highest} handed out before")
        self.highest = max(self.highest, newest)
        for stray in self.drafts.glob(".*.tmp"):
            stray.unlink()  # cleaning stale temporaries is another check's business
        return problems


OPERATIONS = {
    "register issue": lambda office: ("register", "issue", str(office.new_draft()), "--date", DATE),
    "data backup": lambda office: ("data", "backup", str(office.folder / f"sl-{office.counter}.sqlite3")),
    "data import": lambda office: ("data", "import", str(office.folder / "du-lieu.json")),
    "data restore": lambda office: ("data", "restore", str(office.folder / "cu.sqlite3"), "--force"),
}


def try_operation(office: Office, name: str, every: int = 1, budget_s: float | None = None) -> Tally:
    """Kill operation `name` at every `every`-th counted call; check the office after each crash."""
    tally = Tally(name)
    office.count(*OPERATIONS[name](office))  # a first run writes what it compiled (base/kept_code.py) …
    calls = office.count(*OPERATIONS[name](office))  # … which later runs find: count one of those
    office.issue_and_check()
    started = time.monotonic()
    if name == "data restore":
        office.strict = False  # entries after the old backup leave the register (by design)
    points = [(call, n) for call in SYSCALLS for n in range(1, calls[call] + 1)]
    for call, when in points[::every]:
        if budget_s is not None and time.monotonic() - started > budget_s:
            break
        args = OPERATIONS[name](office)
        tally.points += 1
        tally.killed += office.kill_at(call, when, *args)
        found = office.issue_and_check()
        tally.issued += 1
        tally.problems += [f"{name}, {call} #{when}: {p}" for p in found]
        if name == "data backup":
            tally.problems += [f"{name}, {call} #{when}: {p}" for p in _backup_problems(Path(args[2]))]
    return tally


def _backup_problems(target: Path) -> list[str]:
    """Return what is wrong with a backup file a killed run may have left (absent is fine)."""
    if not target.exists():
        return []
    conn = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = conn.execute("SELECT count(*) FROM register_entry").fetchone()[0]
    except sqlite3.Error as exc:
        return [f"half-written backup {target.name}: {exc}"]
    finally:
        conn.close()
    return [] if ok and rows else [f"half-written backup {target.name}"]


BAD_BACKUPS = {
    "ngày sai": "UPDATE register_entry SET date = '2026-02-30' WHERE id = 1",
    "JSON hỏng": "UPDATE register_entry SET recipients = '[\"Các ấp\"' WHERE id = 1",
    "số là chữ": "UPDATE register_entry SET number = 'hai' WHERE id = 1",
    "loại văn bản lạ": "UPDATE register_entry SET kind = 'thu_tay' WHERE id = 1",
    "hồ sơ hỏng": "UPDATE profile SET unit_abbreviations = '{'",
    "tham chiếu treo": "UPDATE register_entry SET profile_id = 99 WHERE id = 1",
    "thiếu bảng": "DROP TABLE signer",
    "nhãn địa chỉ hỏng": "UPDATE recipient SET tags = '[1, 2]'",
}


def _hostile_backup(office: Office, name: str, *statements: str) -> Path:
    """Return a backup of the office changed by `statements` (foreign keys off)."""
    target = office.folder / f"xau-{name.replace(' ', '-')}.sqlite3"
    source = sqlite3.connect(office.home / "dnnd-drafter.sqlite3")
    conn = sqlite3.connect(target)
    source.backup(conn)
    source.close()
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return target


def _register_rows(office: Office) -> list[tuple]:  # type: ignore[type-arg]
    """Return every row of the register and of the profiles, to see that nothing changed."""
    conn = sqlite3.connect(office.home / "dnnd-drafter.sqlite3")
    try:
        return conn.execute("SELECT * FROM register_entry ORDER BY id").fetchall() + \
            conn.execute("SELECT * FROM profile ORDER BY id").fetchall()
    finally:
        conn.close()


def bad_inputs(office: Office) -> Tally:
    """Try hostile backups, an older backup, a family switch and bad drafts; each must be refused cleanly."""
    tally = Tally("đầu vào xấu")
    cases = [("data", "restore", str(_hostile_backup(office, n, sql)), "--force") for n, sql in BAD_BACKUPS.items()]
    cases.append(("data", "restore", str(office.folder / "cu.sqlite3")))  # older than the newest number
    garbage = office.folder / "rac.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    cases += [("data", "restore", str(garbage)), ("data", "restore", str(office.folder / "khong-co.sqlite3"))]
    switch = office.folder / "doi-khoi.json"
    switch.write_text(json.dumps({"schema": "dnnd-drafter/data@1", "recipients": [], "lists": [], "profiles": [
        PROFILE | {"family": "dang", "term_start": "2025-10-01", "term_end": "2030-09-30"}]}, ensure_ascii=False),
        encoding="utf-8")
    cases.append(("data", "import", str(switch)))
    numbered = office.drafts / "cong-van-0001.json"
    read_only = office.new_draft()
    read_only.chmod(0o444)
    cases += [("register", "issue", str(numbered)), ("register", "issue", str(read_only))]
    before = _register_rows(office)
    for args in cases:
        tally.points += 1
        done = office.run(*args, check=False)
        if "Traceback" in done.stderr:
            tally.problems.append(f"{' '.join(args[:2])} {Path(args[2]).name}: traceback")
        elif done.returncode != 2 or not done.stderr.startswith("Lỗi: "):
            tally.problems.append(f"{' '.join(args[:2])} {Path(args[2]).name}: exit {done.returncode} {done.stderr!r}")
        else:
            tally.killed += 1  # here: refused with a clean Vietnamese message
        if _register_rows(office) != before:
            tally.problems.append(f"{' '.join(args[:2])} {Path(args[2]).name}: the register changed")
    read_only.unlink()
    trigger = _hostile_backup(office, "trigger", "CREATE TRIGGER hack AFTER INSERT ON register_entry BEGIN "
                              "UPDATE register_entry SET subject = 'HACKED', number = 1; END")
    office.run("data", "restore", str(trigger), "--force")
    tally.points += 1
    found = office.issue_and_check()
    conn = sqlite3.connect(office.home / "dnnd-drafter.sqlite3")
    hacked = conn.execute("SELECT count(*) FROM register_entry WHERE subject = 'HACKED'").fetchone()[0]
    objects = conn.execute("SELECT count(*) FROM sqlite_master WHERE type IN ('trigger', 'view')").fetchone()[0]
    conn.close()
    if found or hacked or objects:
        tally.problems.append(f"a backup's trigger came in: {found} {hacked} {objects}")
    else:
        tally.killed += 1
    return tally


_ISSUER = """
import datetime as dt, sys
from dnnd_drafter.store import open_store
for _ in range(int(sys.argv[1])):
    with open_store(auto_backup=False) as s:
        profile = s.profiles.by_name(sys.argv[2])
        print(s.register.issue(profile.id, "cong_van", on=dt.date(2026, 2, 14)).number, flush=True)
"""
_RESTORER = """
import sys
from dnnd_drafter.store import open_store
for i in range(int(sys.argv[1])):
    with open_store(auto_backup=False) as s:
        s.restore(sys.argv[2], force=True)
        s.import_file(sys.argv[3])
"""


def race(office: Office, issuers: int = 8, each: int = 25, restores: int = 10) -> Tally:
    """Run `issuers` processes issuing numbers while another restores the old backup and imports."""
    tally = Tally(f"{issuers} tiến trình cấp số + 1 khôi phục/nhập")
    runs = [subprocess.Popen([sys.executable, "-c", _ISSUER, str(each), PROFILE["name"]], env=office.env,
                             stdout=subprocess.PIPE, text=True) for _ in range(issuers)]
    runs.append(subprocess.Popen([sys.executable, "-c", _RESTORER, str(restores), str(office.folder / "cu.sqlite3"),
                                  str(office.folder / "du-lieu.json")], env=office.env, text=True))
    outputs = [run.communicate(timeout=600)[0] or "" for run in runs]
    numbers = [int(n) for out in outputs for n in out.split()]
    tally.issued = len(numbers)
    tally.points = restores
    if any(run.returncode for run in runs):
        tally.problems.append(f"a process failed: {[run.returncode for run in runs]}")
    duplicates = len(numbers) - len(set(numbers))
    if duplicates:
        tally.problems.append(f"number given twice: {duplicates} duplicates and more")
    if numbers and min(numbers) <= office.highest:
        tally.problems.append(f"number {min(numbers)} not above {office.highest} handed out before")
    return tally


def main(argv: list[str] | None = None) -> int:
    """Run every operation's kill points and print the table for docs/reliability.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="try every N-th point of backup, import, restore")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="dnnd-fault-") as tmp:
        office = Office(Path(tmp))
        office.setup()
        started = time.monotonic()
        tallies = [try_operation(office, name, 1 if name == "register issue" else args.every)
                   for name in OPERATIONS]
        bad = bad_inputs(office)
        racing = race(office)
        seconds = time.monotonic() - started
    print("| Thao tác | Điểm kill thử | Bị kill | Số cấp sau sự cố | Số cấp trùng | Lỗi khác |")
    print("|---|---|---|---|---|---|")
    for t in tallies:
        dup = sum("number" in p and " and " in p for p in t.problems)
        print(f"| `{t.operation}` | {t.points} | {t.killed} | {t.issued} | {dup} | {len(t.problems) - dup} |")
    dup = sum("twice" in p for p in racing.problems)
    print(f"| {racing.operation} | — ({racing.points} lần khôi phục) | — | {racing.issued} | {dup} | "
          f"{len(racing.problems) - dup} |")
    issued = sum(t.issued for t in [*tallies, racing])
    print(f"\nTổng: {sum(t.points for t in tallies)} điểm kill, {issued} số cấp sau sự cố hoặc khi tranh chấp.")
    traces = sum("traceback" in p for p in bad.problems)
    print(f"\nĐầu vào xấu thử: {bad.points}; từ chối sạch (thông báo tiếng Việt, mã 2, không đổi dữ liệu) "
          f"hoặc chỉ nhận dữ liệu: {bad.killed}; traceback: {traces}. Thời gian: {seconds:.0f} s.")
    for t in [*tallies, racing, bad]:
        for problem in t.problems:
            print("-", problem)
    return 1 if any(t.problems for t in [*tallies, racing, bad]) else 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
