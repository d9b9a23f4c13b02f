"""Share what the benchmarks need: timing statistics, the letters, a sample office, an address book.

Every figure is a median (or a 95th percentile for per-keystroke latencies) of several runs,
and every ratio compares two figures measured in the same run of ``benchmarks/run.py``.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"


# -- statistics -------------------------------------------------------------------------------
def median_ms(samples: list[float]) -> float:
    """Return the median of `samples` (seconds) in milliseconds."""
    return statistics.median(samples) * 1000.0


def p95_ms(samples: list[float]) -> float:
    """Return the 95th percentile of `samples` (seconds) in milliseconds (nearest rank)."""
    ordered = sorted(samples)
    rank = max(math.ceil(0.95 * len(ordered)) - 1, 0)
    return ordered[rank] * 1000.0


def timed(func: Callable[[], object]) -> float:
    """Return how long one call of `func` takes, in seconds."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def compare(ours: Callable[[], object], baseline: Callable[[], object], runs: int,
            warmup: int = 2) -> tuple[list[float], list[float]]:
    """Time `ours` and `baseline` alternately `runs` times each after `warmup` calls of both."""
    for _ in range(warmup):
        ours()
        baseline()
    mine: list[float] = []
    theirs: list[float] = []
    for index in range(runs):
        pair = ((ours, mine), (baseline, theirs))
        for func, bucket in (pair if index % 2 == 0 else pair[::-1]):
            bucket.append(timed(func))
    return mine, theirs


def repeat(func: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Return `runs` timings of `func` after `warmup` untimed calls."""
    for _ in range(warmup):
        func()
    return [timed(func) for _ in range(runs)]


# -- letters ----------------------------------------------------------------------------------
def cat_tien():  # type: ignore[no-untyped-def]
    """Return the Cát Tiên letter (examples/dang_cat_tien_492.json)."""
    from dnnd_drafter.model import letter as model

    return model.load(CAT_TIEN)


def with_tasks(draft, count: int):  # type: ignore[no-untyped-def]
    """Return `draft` with `count` tasks, repeating its own tasks in turn."""
    import copy
    import dataclasses

    tasks = draft.content.tasks
    content = dataclasses.replace(copy.deepcopy(draft.content), tasks=[tasks[i % len(tasks)] for i in range(count)])
    return draft.copy(content=content)


def with_recipients(draft, count: int):  # type: ignore[no-untyped-def]
    """Return `draft` with `count` recipients under Kính gửi."""
    return draft.copy(recipients=[f"Ủy ban nhân dân xã số {i + 1}" for i in range(count)])


def two_page_letter():  # type: ignore[no-untyped-def]
    """Return the Cát Tiên letter cut to the most tasks that still fit on two pages, and its pages."""
    from dnnd_drafter.render import laid_out
    from dnnd_drafter.writers.qt.pagination import paginate

    draft = cat_tien()
    for count in range(len(draft.content.tasks), 0, -1):
        candidate = with_tasks(draft, count)
        pages = paginate(laid_out(candidate)).page_count
        if pages <= 2:
            return candidate, pages
    return draft, paginate(laid_out(draft)).page_count


# -- a sample office ----------------------------------------------------------------------------
OFFICE_RECIPIENTS = (
    ("Ủy ban nhân dân xã", "UBND xã"), ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "UBMTTQVN xã"),
    ("Các chi bộ trực thuộc Đảng ủy", "Các chi bộ"), ("Đoàn Thanh niên xã", "Đoàn TN xã"),
    ("Hội Liên hiệp Phụ nữ xã", "Hội LHPN xã"), ("Hội Cựu chiến binh xã", "Hội CCB xã"),
    ("Thường trực Đảng ủy", "Thường trực Đảng ủy"),
)


def make_office(home: Path, entries: int = 0):  # type: ignore[no-untyped-def]
    """Open a store in `home` holding a Party office (profile, default signer, address book).

    With `entries`, the address book also holds that many generated entries.
    """
    os.environ["DNND_DRAFTER_HOME"] = str(home)
    from dnnd_drafter.store import Profile, Signer, open_store
    from dnnd_drafter.store.addressbook import Recipient

    store = open_store(home / "dnnd-drafter.sqlite3")
    profile = store.profiles.save(Profile(
        name="Huyện ủy Cát Tiên", family="dang", issuing_body="HUYỆN ỦY CÁT TIÊN",
        parent_body="ĐẢNG BỘ TỈNH LÂM ĐỒNG", abbreviation="HU", default_place="Cát Tiên",
        archive_line="Lưu VPHU", term_start=dt.date(2020, 10, 1), term_end=dt.date(2030, 9, 30)))
    store.profiles.save_signer(Signer(profile.id, "Đương Hùng Cường", "PHÓ BÍ THƯ", "T/M",
                                      "BAN THƯỜNG VỤ", True))
    store.addressbook.add_many([Recipient(name, short) for name, short in OFFICE_RECIPIENTS])
    if entries:
        store.addressbook.add_many([Recipient(name, short) for name, short in address_book_entries(entries)])
    return store


def office_home(folder: Path, entries: int = 0) -> Path:
    """Create a data folder with the sample office in `folder` (in a child process); return it.

    A child process keeps this process free of the store's module state; opening the store
    once also takes the day's automatic backup, so launches that copy the folder behave like
    every later launch of the day.
    """
    folder.mkdir(parents=True, exist_ok=True)
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
            "import common; common.make_office(Path(sys.argv[2]), int(sys.argv[3])).close(); "
            "from dnnd_drafter.store import open_store; open_store().close()")
    subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent), str(folder), str(entries)], check=True,
                   env=child_env(folder, folder.parent / "config"))
    return folder


def fresh_copy(template: Path, target: Path) -> Path:
    """Return a fresh copy of the data folder `template` at `target`."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target)
    return target


def child_env(home: Path, config: Path, bytecode: Path | None = None) -> dict[str, str]:
    """Return the environment of a measured child process: offscreen, private data and settings.

    With `bytecode`, compiled modules are cached in that folder (as an installed program has
    them) even where PYTHONDONTWRITEBYTECODE is set for the checkout.
    """
    env = dict(os.environ)
    env.update({"QT_QPA_PLATFORM": "offscreen", "DNND_DRAFTER_HOME": str(home),
                "DNND_DRAFTER_CACHE": str(config.parent / "cache"),
                "XDG_CONFIG_HOME": str(config), "PYTHONPATH": str(REPO)})
    if bytecode is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return env


def clerk_screen(work: Path) -> str:
    """Return a QT_QPA_PLATFORM value for Qt's offscreen platform on the clerks' usual 1366×768 screen.

    The offscreen platform's own screen is 800 px wide: there the wizard opens maximised but too
    narrow for the preview beside the form, so the preview is never painted. On 1366×768 the
    window opens maximised (its usual size plus a frame does not fit) with the preview beside it,
    as on a clerk's PC.
    """
    config = work / "screen-1366x768.json"
    if not config.exists():
        config.write_text('{"screens": [{"name": "clerk", "x": 0, "y": 0, "width": 1366, "height": 768, '
                          '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}', encoding="utf-8")
    return f"offscreen:configfile={config}"


# -- a big address book -------------------------------------------------------------------------
_BODIES = (
    ("Ủy ban nhân dân", "UBND"), ("Đảng ủy", "ĐU"), ("Ủy ban Mặt trận Tổ quốc Việt Nam", "UBMTTQVN"),
    ("Hội Liên hiệp Phụ nữ", "Hội LHPN"), ("Hội Nông dân", "Hội ND"), ("Hội Cựu chiến binh", "Hội CCB"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn TN"), ("Công an", "CA"), ("Trạm Y tế", "TYT"),
    ("Trường Trung học cơ sở", "Trường THCS"), ("Ban Chỉ huy Quân sự", "BCHQS"), ("Chi bộ thôn", "CB thôn"),
)
_UNITS = ("xã", "phường", "thị trấn")
_PLACES = (
    "Tân An", "Phước Cát", "Đồng Nai Thượng", "Gia Viễn", "Nam Ninh", "Mỹ Lâm", "Tiên Hoàng", "Quảng Ngãi",
    "Đức Phổ", "Lộc Bắc", "Lộc Bảo", "Đạ Tẻh", "Hòa Ninh", "Đinh Trang Hòa", "Tân Châu", "Tân Hà",
    "Đan Phượng", "Liên Nghĩa", "Hiệp Thạnh", "Ninh Gia", "Phú Hội", "Tà Năng", "Đà Loan", "Đạ Ròn",
    "Lạc Dương", "Lát", "Đạ Sar", "Đưng K'Nớ", "Phi Liêng", "Đạ K'Nàng", "Liêng Srônh", "Rô Men",
    "Cát Tiên", "Quảng Trị", "Hương Trà", "Lâm Viên", "Xuân Hương", "Cam Ly", "Lang Biang", "Bảo Lộc",
    "B'Lao", "Lộc Phát", "Lộc Sơn", "Đại Lào", "Đambri", "Di Linh", "Gia Hiệp", "Tam Bố", "Hòa Bắc",
    "Bảo Thuận", "Sơn Điền", "Gia Bắc", "Đinh Văn", "Nam Ban", "Đông Thanh", "Phúc Thọ", "Tân Thanh",
)


def address_book_entries(count: int = 10_000, seed: int = 12) -> list[tuple[str, str]]:
    """Return `count` distinct (name, short name) pairs of Vietnamese bodies, always the same."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    numbers = 40 if count <= 40_000 else count // 200  # 82,080 distinct names with 40: never 100,000
    while len(out) < count:
        body, short = rng.choice(_BODIES)
        unit, place = rng.choice(_UNITS), rng.choice(_PLACES)
        number = rng.randint(1, numbers)
        name = f"{body} {unit} {place} số {number}" if body.startswith(("Chi bộ", "Trường")) else \
            f"{body} {unit} {place} ({number})"
        if name in seen:
            continue
        seen.add(name)
        out.append((name, f"{short} {unit} {place} ({number})"))
    return out
