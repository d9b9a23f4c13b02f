"""Hostile input and a hostile file system: a Vietnamese message, exit 2, no traceback, data unchanged.

Issue 13, points 5–7, 9 and 10. Each case is tried twice: through the command line (a fresh
process, its memory capped at 1.5 GB so that a zip bomb or ``/dev/zero`` cannot take the
machine) and through the Python API (model, store, catalog). Cases: JSON nested 5 000 deep in
a draft and in a data import; ``/dev/zero`` and a 3 GB sparse file as a draft, as an import
and on standard input; two .docx zip bombs (a 600 MB picture, and a picture packed 1 000:1)
and XML nested 3 000 deep for both .docx readers (directive importer, checker); a full disk at start (a real 200 kB tmpfs when root, else
skipped), a write that fails with ENOSPC (strace); a read-only data folder (a read-only tmpfs
when root), a data folder that is a file, a log that cannot be written, and the database held
by another writer (BEGIN EXCLUSIVE) longer than the busy timeout, lowered through
``DNND_DRAFTER_BUSY_TIMEOUT_MS``.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from dnnd_drafter import model
from dnnd_drafter.errors import UserMessageError
from dnnd_drafter.store import Recipient, open_store
from tests.unit.store_fixtures import REPO, state_profile
from tests.unit.test_hardening_helpers import store_dump
from tests.unit.test_store_commands import DRAFT

MEMORY_CAP = 1536 * 1024 * 1024
DEEP = 5000
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_root = pytest.mark.skipif(not IS_ROOT, reason="mounting a tmpfs needs root")


def strace_works() -> bool:
    """Return whether strace is installed and may trace here (containers may forbid ptrace)."""
    if shutil.which("strace") is None:
        return False
    return subprocess.run(["strace", "-qq", "-o", os.devnull, "true"], capture_output=True,
                          check=False).returncode == 0


needs_strace = pytest.mark.skipif(not strace_works(), reason="needs a working strace (ptrace)")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def cli(*args: str, home: Path, env: dict[str, str] | None = None, stdin: str | None = None,
        prefix: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``dnnd-drafter ARGS`` in a fresh process with capped memory; return the result."""
    environment = dict(os.environ, DNND_DRAFTER_HOME=str(home), **(env or {}))
    with open(stdin or os.devnull, "rb") as source:
        return subprocess.run([*(prefix or []), sys.executable, "-m", "dnnd_drafter", *args],
                              capture_output=True, env=environment, cwd=REPO, timeout=120, check=False,
                              stdin=source, preexec_fn=_cap_memory, text=True)


def assert_clean_refusal(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Check exit 2, one Vietnamese ``Lỗi:`` message holding `words`, and no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr, result.stderr[-2000:]
    assert result.stderr.strip().splitlines()[-1].startswith("Lỗi: "), result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def api_refuses(call: Callable[[], object], *words: str) -> None:
    """Check that `call` raises a UserMessageError (exit status 2) whose message holds `words`."""
    with pytest.raises(UserMessageError) as caught:
        call()
    assert caught.value.exit_code == 2
    for word in words:
        assert word in caught.value.message, caught.value.message


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Return a data folder holding an office: a profile and an address-book entry."""
    folder = tmp_path / "home"
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(folder))
    with open_store() as store:
        state_profile(store)
        store.addressbook.add(Recipient("Ủy ban nhân dân xã Tân An", "UBND xã Tân An"))
    return folder


def dump(home: Path) -> list[str]:
    """Return every row of the office's database."""
    with open_store(home / "dnnd-drafter.sqlite3", auto_backup=False) as store:
        return store_dump(store)


# -- bad files: deep JSON, endless and huge files, zip bombs (points 9 and 10) -------------------

def _deep(kind: str) -> str:
    """Return JSON nested DEEP levels inside a draft or a data export."""
    nested = "[" * DEEP + "]" * DEEP
    if kind == "draft":
        return json.dumps(DRAFT, ensure_ascii=False)[:-1] + f', "extra": {nested}}}'
    return '{"schema": "dnnd-drafter/data@1", "recipients": [{"name": "A", "tags": ' + nested + "}]}"


def _sparse(path: Path) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024 ** 3)
    return path


def _zero(path: Path) -> Path:
    path.symlink_to("/dev/zero")
    return path


def _bomb(path: Path, size_mb: int) -> Path:
    """Write a real .docx whose document links a picture of `size_mb` MB of zeros (packed ~1 000:1)."""
    from dnnd_drafter.writers.docx_writer import write_docx

    letter = path.with_name("letter.docx")
    write_docx(model.load(REPO / "examples" / "dang_cat_tien_492.json"), letter)
    rels, types = "word/_rels/document.xml.rels", "[Content_Types].xml"
    with zipfile.ZipFile(letter) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == rels:
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdBomb" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/image" '
                                    b'Target="media/image9.png"/></Relationships>')
            elif info.filename == types and b'Extension="png"' not in data:
                data = data.replace(b"<Default ", b'<Default Extension="png" ContentType="image/png"/><Default ', 1)
            bomb.writestr(info, data)
        picture_info = zipfile.ZipInfo("word/media/image9.png")
        picture_info.compress_type = zipfile.ZIP_DEFLATED
        with bomb.open(picture_info, "w", force_zip64=True) as picture:
            chunk = b"\0" * (1 << 20)
            for _ in range(size_mb):
                picture.write(chunk)
    letter.unlink()
    return path


BAD_FILES: dict[str, tuple[Callable[[Path], Path], list[str], tuple[str, ...]]] = {
    # name: (make the file in a folder, command line before the file, words of the message)
    "deep_draft": (lambda d: _write(d / "sau.json", _deep("draft")), ["render"], ("lồng nhau quá sâu", "sau.json")),
    "deep_draft_issue": (lambda d: _write(d / "sau.json", _deep("draft")), ["register", "issue"],
                         ("lồng nhau quá sâu",)),
    "deep_import": (lambda d: _write(d / "sau.json", _deep("data")), ["data", "import"], ("lồng nhau quá sâu",)),
    "zero_draft": (lambda d: _zero(d / "zero.json"), ["render"], ("không phải một tệp thông thường",)),
    "zero_import": (lambda d: _zero(d / "zero.json"), ["data", "import"], ("không phải một tệp thông thường",)),
    "huge_draft": (lambda d: _sparse(d / "lon.json"), ["render"], ("quá lớn", "lon.json")),
    "huge_import": (lambda d: _sparse(d / "lon.csv"), ["data", "import"], ("quá lớn", "lon.csv")),
    "huge_directive": (lambda d: _sparse(d / "lon.txt"), ["catalog", "import"], ("quá dài",)),
    "bomb_600mb": (lambda d: _bomb(d / "bom.docx", 600), ["catalog", "import"], ("quá lớn", "bom.docx")),
    "bomb_ratio": (lambda d: _bomb(d / "bom.docx", 40), ["catalog", "import"], ("bom nén", "bom.docx")),
    "bomb_600mb_check": (lambda d: _bomb(d / "bom.docx", 600), ["check"], ("quá lớn", "bom.docx")),
    "bomb_ratio_check": (lambda d: _bomb(d / "bom.docx", 40), ["check"], ("bom nén", "bom.docx")),
    "deep_xml": (lambda d: _deep_docx(d / "sau.docx"), ["catalog", "import"], ("sau.docx",)),
    "deep_xml_check": (lambda d: _deep_docx(d / "sau.docx"), ["check"], ("Excessive depth", "sau.docx")),
}


def _deep_docx(path: Path) -> Path:
    """Write a .docx whose body nests 3 000 content controls (XML deeper than libxml2 allows)."""
    from dnnd_drafter.writers.docx_writer import write_docx

    letter = path.with_name("letter.docx")
    write_docx(model.load(REPO / "examples" / "dang_cat_tien_492.json"), letter)
    deep = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
            b'2006/main"><w:body>' + b"<w:sdt><w:sdtContent>" * 3000 + b"</w:sdtContent></w:sdt>" * 3000
            + b"</w:body></w:document>")
    with zipfile.ZipFile(letter) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, deep if info.filename == "word/document.xml" else source.read(info))
    letter.unlink()
    return path


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _api_for(command: list[str]) -> Callable[[Path], object]:
    """Return the API call that does what `command` does with a file."""
    if command[0] in ("render", "register"):
        return model.load
    if command[0] == "data":
        def import_file(path: Path) -> object:
            with open_store() as store:
                return store.import_file(path)
        return import_file
    if command[0] == "check":
        from dnnd_drafter.checker.check import check_docx
        return check_docx
    from dnnd_drafter.catalog import import_file as import_directive
    return import_directive


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_by_the_command_line_and_the_api(case: str, home: Path, tmp_path: Path) -> None:
    make, command, words = BAD_FILES[case]
    path = make(tmp_path)
    before = dump(home)
    assert_clean_refusal(cli(*command, str(path), home=home), *words)
    api_refuses(lambda: _api_for(command)(path), *words)
    assert dump(home) == before


def test_dev_zero_on_standard_input_is_refused(home: Path) -> None:
    assert_clean_refusal(cli("catalog", "import", "-", home=home, stdin="/dev/zero"))


# -- a hostile file system: full disk, read-only folder, a file for a folder, a lock ----------

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


def test_a_deeply_nested_catalog_file_is_skipped_with_a_warning(home: Path) -> None:
    from dnnd_drafter.catalog.store import user_directives

    folder = home / "directives"
    folder.mkdir(exist_ok=True)
    (folder / "sau.toml").write_text("x = " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    result = cli("catalog", "list", home=home)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "sau.toml" in result.stdout + result.stderr
    warnings: list[str] = []
    user_directives(warnings)
    assert any("sau.toml" in w and "lồng nhau quá sâu" in w for w in warnings)


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
