"""A hostile file system: a Vietnamese message, exit 2, no traceback, data unchanged (issue 13, 5–7).

A full disk at start (a real tmpfs when root; ENOSPC injected by strace otherwise) and during a
write; a read-only data folder (a tmpfs remounted read-only when root, chmod for a clerk
without rights), where reading still works; a data folder that is a file; a log that cannot
be written; the database held by another writer (BEGIN EXCLUSIVE) longer than the busy
timeout, lowered through ``DNND_DRAFTER_BUSY_TIMEOUT_MS``; exports from an empty stand-in.
Each through the command line and the API.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from tests.unit.store_fixtures import state_profile
from tests.unit.write_faults import store_dump
from tests.unit.test_hostile_inputs import (IS_ROOT, _write, api_refuses, assert_clean_refusal, cli, dump,
                                            home, needs_root, needs_strace)  # noqa: F401 - fixture
from tests.unit.test_store_commands import DRAFT


@contextmanager
def tmpfs(folder: Path, size: str = "200k") -> Iterator[Path]:
    """Mount a small tmpfs on `folder` for the block (root only)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:  # root in a container without CAP_SYS_ADMIN
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(folder)], check=False)
        subprocess.run(["umount", str(folder)], check=True)


def _office_in(folder: Path) -> list[str]:
    """Create an office in `folder` and return its rows."""
    os.environ["DNND_DRAFTER_HOME"] = str(folder)
    with open_store() as store:
        state_profile(store)
        store.addressbook.add(Recipient("Công an xã", "CA xã"))
        rows = store_dump(store)
    shutil.rmtree(folder / "logs", ignore_errors=True)
    return rows


def _fill(folder: Path) -> Path:
    """Fill the disk of `folder` to the last byte; return the file that fills it."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 512, 1):
            try:
                while os.write(fd, b"\0" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


@needs_root
def test_a_full_disk_at_start_leaves_the_database_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with tmpfs(tmp_path / "disk", "400k") as disk:
        home = disk / "home"
        monkeypatch.setenv("DNND_DRAFTER_HOME", str(home))
        rows = _office_in(home)
        filler = _fill(disk)
        export = tmp_path / "xuat.json"
        for command in (["data", "export", str(export)], ["register", "list"], ["data", "import", str(export)]):
            assert_clean_refusal(cli(*command, home=home), "ổ đĩa đã đầy")
        api_refuses(open_store, "ổ đĩa đã đầy")
        assert not export.exists()
        assert sorted(p.name for p in home.iterdir() if "hong" in p.name) == []
        filler.unlink()
        with open_store() as store:  # space freed: everything is still there, nothing to notice
            assert store.recovery_notice is None and store_dump(store) == rows


@needs_strace
def test_a_full_disk_at_start_under_strace_leaves_the_database_in_place(home: Path, tmp_path: Path) -> None:
    before = dump(home)
    export = tmp_path / "xuat.json"
    full = ["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=pwrite64,ftruncate,fallocate",
            "-e", "inject=pwrite64,ftruncate,fallocate:error=ENOSPC"]
    assert_clean_refusal(cli("data", "export", str(export), home=home, prefix=full), "ổ đĩa")
    assert not export.exists()
    assert [p.name for p in home.iterdir() if "hong" in p.name] == []
    with open_store() as store:  # the next start without the fault: everything there, no notice
        assert store.recovery_notice is None and store_dump(store) == before


@needs_strace
def test_a_write_that_finds_the_disk_full_is_a_message(home: Path, tmp_path: Path) -> None:
    source = tmp_path / "nhap.json"
    source.write_text(json.dumps({"schema": "dnnd-drafter/data@1", "recipients": [{"name": "Mới"}]}),
                      encoding="utf-8")
    before = dump(home)
    full = ["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=write,pwrite64",
            "-e", "inject=pwrite64:error=ENOSPC:when=1+"]
    result = cli("data", "import", str(source), home=home, prefix=full)
    assert_clean_refusal(result, "ổ đĩa")
    assert dump(home) == before


@needs_root
def test_a_read_only_data_folder_still_allows_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with tmpfs(tmp_path / "usb", "4m") as usb:
        home = usb / "home"
        monkeypatch.setenv("DNND_DRAFTER_HOME", str(home))
        rows = _office_in(home)
        subprocess.run(["mount", "-o", "remount,ro", str(usb)], check=True)
        out = tmp_path / "out"
        out.mkdir()
        draft = _write(out / "cv.json", json.dumps(DRAFT, ensure_ascii=False))
        for command in (["register", "list"], ["data", "export", str(out / "xuat.json")],
                        ["render", str(draft), "-o", str(out / "cv.docx")]):
            result = cli(*command, home=home)
            assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
            assert command[0] == "render" or "chỉ cho phép đọc" in result.stderr  # the clerk is told
        assert "Công an xã" in (out / "xuat.json").read_text(encoding="utf-8")
        assert_clean_refusal(cli("data", "import", str(out / "xuat.json"), home=home), "chỉ cho phép đọc")
        assert_clean_refusal(cli("register", "issue", str(draft), home=home), "chỉ cho phép đọc")
        assert model.load(draft).number == ""
        with open_store() as store:
            assert store.read_only and store_dump(store) == rows
            api_refuses(lambda: store.addressbook.add(Recipient("Mới")), "chỉ cho phép đọc")
            api_refuses(lambda: store.restore(home / "dnnd-drafter.sqlite3"), "chỉ cho phép đọc")
        api_refuses(lambda: model.save(model.load(draft), usb / "moi.json"), "chỉ")


def test_a_data_folder_that_is_a_file_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(home))
    for command in (["register", "list"], ["data", "export", str(tmp_path / "x.json")]):
        assert_clean_refusal(cli(*command, home=home), "là một tệp, không phải thư mục")
    api_refuses(open_store, "là một tệp, không phải thư mục")
    assert home.read_text(encoding="utf-8") == "not a folder"


def test_a_log_that_cannot_be_written_never_shows(home: Path) -> None:
    log = home / "logs" / "dnnd-drafter.log"
    shutil.rmtree(log.parent, ignore_errors=True)
    log.mkdir(parents=True)  # the log file's place is taken by a folder: it cannot be opened
    (home / "dnnd-drafter.sqlite3").write_bytes(b"garbage, not a database " * 100)  # recovery logs
    result = cli("register", "list", home=home)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr, result.stderr


def test_a_database_locked_too_long_is_a_message(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = dump(home)
    source = tmp_path / "nhap.json"
    source.write_text(json.dumps({"schema": "dnnd-drafter/data@1", "recipients": [{"name": "Mới"}]}),
                      encoding="utf-8")
    draft = _write(tmp_path / "cv.json", json.dumps(DRAFT, ensure_ascii=False))
    holder = sqlite3.connect(home / "dnnd-drafter.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        fast = {"DNND_DRAFTER_BUSY_TIMEOUT_MS": "200"}
        for command in (["data", "import", str(source)], ["register", "issue", str(draft)]):
            assert_clean_refusal(cli(*command, home=home, env=fast), "một cửa sổ hoặc máy khác đang ghi dữ liệu")
        monkeypatch.setenv("DNND_DRAFTER_BUSY_TIMEOUT_MS", "200")
        with open_store(auto_backup=False) as store:
            api_refuses(lambda: store.addressbook.add(Recipient("Mới")), "đang ghi dữ liệu; hãy thử lại")
    finally:
        holder.rollback()
        holder.close()
    assert dump(home) == before
    assert model.load(draft).number == ""


def test_exports_refuse_an_empty_stand_in(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.store import recovery

    (home / "dnnd-drafter.sqlite3").write_bytes(b"garbage " * 1000)
    monkeypatch.setattr(recovery, "_move_aside", lambda path: None)  # cannot move it: runs in memory
    with open_store() as store:
        assert store.in_memory
        for export in (lambda: store.export(tmp_path / "x.json"), lambda: store.register.export_csv(tmp_path / "s.csv"),
                       lambda: store.backup(tmp_path / "b.sqlite3")):
            api_refuses(export, "không phải dữ liệu thật")
    assert list(tmp_path.glob("x.json")) == [] and list(tmp_path.glob("s.csv")) == []


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """Yield a folder under /tmp that an unprivileged user can reach (pytest's is root's only)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="dnnd-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_write_protected_data_folder_for_a_clerk_without_rights(shared_tmp: Path) -> None:
    """The same as the read-only mount, by chmod: run as ``nobody`` when root (root ignores chmod)."""
    prefix: list[str] = []
    if IS_ROOT:
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv to drop root")
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    home = shared_tmp / "home"
    rows = _office_in(home)
    for path in [home, *home.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    out = shared_tmp / "out"
    out.mkdir(mode=0o777)
    out.chmod(0o777)
    draft = _write(out / "cv.json", json.dumps(DRAFT, ensure_ascii=False))
    draft.chmod(0o666)
    env = {"PYTHONDONTWRITEBYTECODE": "1", "HOME": str(out)}
    for command in (["register", "list"], ["data", "export", str(out / "xuat.json")]):
        result = cli(*command, home=home, env=env, prefix=prefix)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        assert "chỉ cho phép đọc" in result.stderr
    assert "Công an xã" in (out / "xuat.json").read_text(encoding="utf-8")
    assert_clean_refusal(cli("data", "import", str(out / "xuat.json"), home=home, env=env, prefix=prefix),
                         "chỉ cho phép đọc")
    assert_clean_refusal(cli("register", "issue", str(draft), home=home, env=env, prefix=prefix),
                         "chỉ cho phép đọc")
    assert model.load(draft).number == ""
    os.environ["DNND_DRAFTER_HOME"] = str(home)
    with open_store(auto_backup=False) as store:
        assert store_dump(store) == rows


def test_after_a_recovery_exports_wait_for_real_data(home: Path, tmp_path: Path) -> None:
    (home / "dnnd-drafter.sqlite3").write_bytes(b"garbage " * 1000)  # really damaged: moved aside
    with open_store() as store:
        assert store.recovery_notice and not store.in_memory
        api_refuses(lambda: store.export(tmp_path / "trong.json"), "không phải dữ liệu thật")
        store.addressbook.add(Recipient("Mục nhập lại sau khi hỏng"))
        assert store.export(tmp_path / "moi.json")  # the clerk's new data may leave
    assert not (tmp_path / "trong.json").exists()


def test_asking_where_the_data_folder_is_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.base import paths

    home = tmp_path / "not-yet"
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(home))
    assert paths.data_dir() == home
    assert not home.exists()  # a look (a preview, a template list) leaves the disk as it was
    assert paths.ensure_data_dir() == home and home.is_dir()  # what writes there makes it
