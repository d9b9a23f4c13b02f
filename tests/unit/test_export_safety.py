"""The data exports and backups are safe to write and safe to open in a spreadsheet.

Three gaps of issue 8 closed here: the CSV export writes its two files (``FILE.csv`` and
``FILE.danh-sach.csv``) both or neither; a read-only file chosen as the target of any writer is
refused with a Vietnamese message naming it (the rename would replace it anyway, and root may
write anything, so the mode bits decide); and cells a spreadsheet would run as formulas are
written with a ``'`` in front, which the import takes off again.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dnnd_drafter.files import atomic
from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import Store, open_store
from dnnd_drafter.store.fileformats import FORMULA_STARTS, guard_cell, lists_file, unguard_cell
from tests.unit.store_fixtures import state_profile
from tests.unit.write_faults import leftovers, store_dump

OLD_BOOK = b"old address book, must survive\n"
OLD_LISTS = b"old lists file, must survive too\n"
REPO = Path(__file__).resolve().parents[2]
TRICKY = ['=HYPERLINK("http://evil.example/?q=1","Bấm vào đây")', "-Phòng Tổ chức", "+84 270 3822 123",
          "@x", "- Lưu VT", "'=đã có nháy", "''-hai nháy", "'không nguy hiểm", "=1+2", "Xã Tân An"]


@pytest.fixture
def store() -> Iterator[Store]:
    """Yield a store with a profile, two entries and one list (in the test's private home)."""
    opened = open_store()
    state_profile(opened)
    opened.addressbook.add_many([Recipient("Ủy ban nhân dân xã", "UBND xã"), Recipient("Công an xã", "CA xã")])
    opened.lists.save_from_draft("Kính gửi thường dùng", "kinh_gui", ["Ủy ban nhân dân xã", "Công an xã"])
    yield opened
    opened.close()


def _old_pair(folder: Path, lists_too: bool = True) -> tuple[Path, Path]:
    """Return the export target and its lists file in `folder`, holding old bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "so-dia-chi.csv"
    target.write_bytes(OLD_BOOK)
    if lists_too:
        lists_file(target).write_bytes(OLD_LISTS)
    return target, lists_file(target)


# -- 1. the two CSV files, both or neither -------------------------------------------------------
def _fail_replace_onto(name_end: str) -> Callable[[pytest.MonkeyPatch], None]:
    """Return a fault: renaming onto a file whose name ends with `name_end` fails (file locked)."""
    def apply(patch: pytest.MonkeyPatch) -> None:
        real = os.replace

        def replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
            if str(dst).endswith(name_end):
                raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
            return real(src, dst, *a, **k)

        patch.setattr(os, "replace", replace)
    return apply


def _fail_nth_fsync(n: int) -> Callable[[pytest.MonkeyPatch], None]:
    """Return a fault: the `n`-th flush to disk (1-based) finds the disk full."""
    def apply(patch: pytest.MonkeyPatch) -> None:
        real, calls = os.fsync, []

        def fsync(fd: int) -> None:
            calls.append(fd)
            if len(calls) == n:
                raise OSError(errno.ENOSPC, "No space left on device")
            real(fd)

        patch.setattr(os, "fsync", fsync)
    return apply


def _no_hard_links(*args: object, **kwargs: object) -> None:
    """Fail as ``os.link`` does on a file system without hard links."""
    raise OSError(errno.EPERM, "Operation not permitted")


PAIR_FAULTS = {
    "lists_file_locked": (_fail_replace_onto(".danh-sach.csv"), "đang mở trong chương trình khác"),
    "address_book_locked": (_fail_replace_onto("so-dia-chi.csv"), "đang mở trong chương trình khác"),
    "disk_full_on_the_lists_file": (_fail_nth_fsync(2), "Ổ đĩa đã đầy"),
    "disk_full_on_the_address_book": (_fail_nth_fsync(1), "Ổ đĩa đã đầy"),
}


@pytest.mark.parametrize("lists_existed", [True, False])
@pytest.mark.parametrize("no_hard_links", [False, True])
@pytest.mark.parametrize("kind", PAIR_FAULTS)
def test_csv_export_changes_both_files_or_neither(kind: str, no_hard_links: bool, lists_existed: bool, store: Store,
                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target, companion = _old_pair(tmp_path / "xuat", lists_existed)
    apply, words = PAIR_FAULTS[kind]
    with monkeypatch.context() as patch, pytest.raises(OutputError) as caught:
        if no_hard_links:  # a FAT32 USB stick: the old file is kept as a copy instead
            patch.setattr(os, "link", _no_hard_links)
        apply(patch)
        store.export(target)
    assert words in caught.value.message and "so-dia-chi" in caught.value.message, caught.value.message
    assert target.read_bytes() == OLD_BOOK
    assert companion.read_bytes() == OLD_LISTS if lists_existed else not companion.exists()
    assert leftovers(target.parent) == []
    assert store.export(target) == [target, companion]  # a second try writes both
    assert b"UBND x" in target.read_bytes() and "Kính gửi thường dùng" in companion.read_text("utf-8-sig")
    assert leftovers(target.parent) == []


def test_a_new_pair_is_not_left_half_written(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "moi.csv"
    with monkeypatch.context() as patch, pytest.raises(OutputError):
        _fail_replace_onto(".danh-sach.csv")(patch)
        store.export(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_old_file_that_cannot_be_put_back_is_kept_and_named(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "a.danh-sach.csv"
    first.write_bytes(OLD_BOOK)
    real = os.replace

    def replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
        if Path(dst) == second or str(src).endswith(".cu.tmp"):  # the second file and the way back fail
            raise PermissionError(errno.EACCES, "locked", str(dst))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError) as caught:
        atomic.write_all([(first, b"new a"), (second, b"new b")])
    (kept,) = leftovers(tmp_path)
    assert (tmp_path / kept).read_bytes() == OLD_BOOK and kept.endswith(".cu.tmp")
    assert f"bản cũ được giữ ở “{tmp_path / kept}”" in caught.value.message
    assert first.read_bytes() == b"new a" and not second.exists()


def test_write_all_writes_every_file(tmp_path: Path) -> None:
    files = [(tmp_path / f"{n}.txt", f"tệp {n}".encode()) for n in range(3)]
    (tmp_path / "1.txt").write_bytes(b"old")
    assert atomic.write_all(files) == [p for p, _ in files]
    assert [p.read_bytes() for p, _ in files] == [d for _, d in files] and leftovers(tmp_path) == []


# -- 2. a read-only target is refused by every writer --------------------------------------------
def _writers(store: Store) -> dict[str, tuple[str, Callable[[Path], object]]]:
    """Return, per writer, the file name it writes and how to write it."""
    draft = model.load(REPO / "examples" / "dang_cat_tien_492.json")
    return {
        "write_bytes": ("x.bin", lambda p: atomic.write_bytes(p, b"new")),
        "write_text": ("x.txt", lambda p: atomic.write_text(p, "mới")),
        "write_all": ("x.csv", lambda p: atomic.write_all([(p.with_name("khac.csv"), b"a"), (p, b"b")])),
        "backup": ("sao-luu.sqlite3", store.backup),
        "export_json": ("du-lieu.json", store.export),
        "export_csv": ("so-dia-chi.csv", store.export),
        "export_csv_lists_file": ("so-dia-chi.danh-sach.csv", lambda p: store.export(p.with_name("so-dia-chi.csv"))),
        "register_csv": ("so-van-ban-di.csv", store.register.export_csv),
        "draft_save": ("ban-thao.json", lambda p: model.save(draft, p)),
    }


WRITERS = ("write_bytes", "write_text", "write_all", "backup", "export_json", "export_csv", "export_csv_lists_file",
           "register_csv", "draft_save")


@pytest.mark.parametrize("writer", WRITERS)
def test_a_read_only_target_is_refused_by_name(writer: str, store: Store, tmp_path: Path) -> None:
    name, write = _writers(store)[writer]
    folder = tmp_path / "dich"
    folder.mkdir()
    target = folder / name
    target.write_bytes(OLD_BOOK)
    target.chmod(0o444)
    before = sorted(p.name for p in folder.iterdir())
    try:
        with pytest.raises(OutputError) as caught:
            write(target)
        message = caught.value.message
        assert f"Tệp “{target}” chỉ cho phép đọc" in message and "bỏ thuộc tính chỉ đọc" in message, message
        assert target.read_bytes() == OLD_BOOK and stat.S_IMODE(target.stat().st_mode) == 0o444
        assert sorted(p.name for p in folder.iterdir()) == before  # nothing else written, no leftovers
    finally:
        target.chmod(0o644)
    write(target)  # the clerk clears the attribute and tries again
    assert target.read_bytes() != OLD_BOOK and leftovers(folder) == []


def test_the_windows_read_only_attribute_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "cv.docx"
    target.write_bytes(OLD_BOOK)
    real_stat = os.stat

    def windows_stat(path, *a, **k):  # type: ignore[no-untyped-def]
        info = real_stat(path, *a, **k)
        if Path(path) != target:
            return info
        return SimpleNamespace(st_mode=info.st_mode, st_file_attributes=stat.FILE_ATTRIBUTE_READONLY)

    monkeypatch.setattr(os, "stat", windows_stat)
    assert atomic.is_read_only(target)
    with pytest.raises(OutputError, match="chỉ cho phép đọc"):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == OLD_BOOK


def test_only_existing_read_only_files_are_refused(tmp_path: Path) -> None:
    assert not atomic.is_read_only(tmp_path / "chua-co.docx")
    assert not atomic.is_read_only(tmp_path)  # a folder is not a read-only target
    (tmp_path / "ghi-duoc.docx").write_bytes(b"")
    assert not atomic.is_read_only(tmp_path / "ghi-duoc.docx")


def test_the_backup_command_refuses_a_read_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dnnd_drafter.cli import entry as cli

    with open_store() as opened:
        state_profile(opened)
        before = store_dump(opened)
    target = tmp_path / "sao-luu.sqlite3"
    target.write_bytes(OLD_BOOK)
    target.chmod(0o444)
    assert cli.main(["data", "backup", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and "chỉ cho phép đọc" in err and str(target) in err, err
    assert target.read_bytes() == OLD_BOOK
    with open_store() as opened:
        assert store_dump(opened) == before


# -- 3. no formula runs when a clerk opens an export in Excel or Calc -----------------------------
@pytest.mark.parametrize(("text", "guarded"), [
    ("=SUM(A1:A9)", "'=SUM(A1:A9)"), ("+84", "'+84"), ("-Phòng", "'-Phòng"), ("- Lưu VT", "'- Lưu VT"),
    ("@x", "'@x"), ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("'=1", "''=1"), ("''-1", "'''-1"),
    ("'abc", "'abc"), ("'", "'"), ("", ""), ("Xã A", "Xã A"), ("Số 5-CV", "Số 5-CV"), (" =1", " =1"),
])
def test_guard_cell(text: str, guarded: str) -> None:
    assert guard_cell(text) == guarded
    assert unguard_cell(guarded) == text


@given(st.text(alphabet=st.sampled_from("'=+-@\t\r aĐ\n;,\""), max_size=8) | st.text(max_size=12))
def test_guard_cell_round_trips_and_never_starts_a_formula(text: str) -> None:
    guarded = guard_cell(text)
    assert unguard_cell(guarded) == text
    assert not guarded.startswith(FORMULA_STARTS)


def _cells(path: Path) -> list[str]:
    """Return every cell of a CSV export, read as a spreadsheet would."""
    rows = csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""))
    return [cell for row in rows for cell in row]


def _snapshot(store: Store) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Return the address book and the lists as comparable tuples."""
    book = store.addressbook
    entries = sorted((e.uid, e.name, e.short_name, tuple(e.tags), e.note) for e in book.entries())
    lists = sorted((lst.uid, lst.name, lst.purpose, tuple(book.get(i).uid for i in lst.entry_ids))
                   for lst in store.lists.all())
    return entries, lists


def test_csv_export_is_formula_free_and_imports_back_unchanged(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store() as opened:
        for n, name in enumerate(TRICKY):
            opened.addressbook.add(Recipient(name, TRICKY[-n - 1], [TRICKY[n - 1], "xã"], note=f"{name}\n-dòng 2"))
        entries = opened.addressbook.entries()
        opened.lists.save_from_draft("=Danh sách", "noi_nhan", [])
        lst = opened.lists.all()[0]
        lst.entry_ids = [e.id or 0 for e in entries]
        opened.lists.save(lst)
        before = _snapshot(opened)
        written = opened.export(tmp_path / "so-dia-chi.csv")
    for path in written:
        cells = _cells(path)
        assert not [c for c in cells if c.startswith(FORMULA_STARTS)], path
        assert "'=HYPERLINK(" in path.read_text("utf-8-sig") and "'- Lưu VT" in cells
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path / "may-khac"))
    with open_store() as fresh:
        fresh.import_file(written[0])
        assert _snapshot(fresh) == before


def test_register_csv_is_formula_free(store: Store, tmp_path: Path) -> None:
    profile = store.profiles.all()[0]
    store.register.issue(profile.id, "cong_van", subject="=1+1", recipients=["- Như trên", "+Lưu VT"])
    rows = list(csv.reader(io.StringIO(store.register.export_csv(tmp_path / "so.csv").read_text("utf-8-sig"),
                                       newline="")))
    assert rows[1][4:6] == ["'=1+1", "'- Như trên\n+Lưu VT"]
    assert not [c for row in rows for c in row if c.startswith(FORMULA_STARTS)]
