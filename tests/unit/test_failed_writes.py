"""Every file the app writes survives a failure in the middle: the old file stays, a message says why.

Each writer (.docx, draft, data export JSON and CSV, register CSV, catalog file, LibreOffice's
PDF) meets each fault of tests/unit/write_faults.py: disk full during the write and at
the final flush, the target held open by another program, a read-only target, its folder gone.
The command line says the same in one ``Lỗi: …`` line with exit status 2, and a second try works.
The painter's PDF is in tests/gui/test_wizard_failed_writes.py (it needs Qt).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import zipfile
from pathlib import Path

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from tests.unit.store_fixtures import state_profile
from tests.unit.write_faults import (FAULTS, OLD_BYTES, check_write_survives, fault, leftovers,
                                               store_dump)

REPO = Path(__file__).resolve().parents[2]
CAT_TIEN = REPO / "examples" / "dang_cat_tien_492.json"


def _is_docx(data: bytes) -> bool:
    return "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def _is_json(data: bytes) -> bool:
    return isinstance(json.loads(data.decode("utf-8-sig")), dict)


def _is_csv(data: bytes) -> bool:
    return data.startswith(b"\xef\xbb\xbf") and len(list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))) >= 1


@pytest.fixture
def store():
    """Yield a store with a State profile, a signer-free office and two address-book entries."""
    opened = open_store()
    state_profile(opened)
    opened.addressbook.add_many([Recipient("Ủy ban nhân dân xã", "UBND xã"), Recipient("Công an xã", "CA xã")])
    yield opened
    opened.close()


@pytest.mark.parametrize("kind", FAULTS)
def test_docx_writer(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.render import write_docx

    draft = model.load(CAT_TIEN)
    target = tmp_path / "out" / "cat_tien.docx"
    check_write_survives(kind, target, lambda: write_docx(draft, target), monkeypatch, OutputError, _is_docx)


@pytest.mark.parametrize("kind", FAULTS)
def test_draft_save_keeps_the_session_unsaved(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    draft = model.load(CAT_TIEN)
    session = DraftSession(draft, None)
    session.mark_changed()
    target = tmp_path / "drafts" / "ban-thao.json"
    before = model.dumps(draft)

    def save() -> None:
        try:
            session.save(target)
        finally:  # the draft in memory is never touched by a failed save
            assert model.dumps(session.draft) == before

    def check(data: bytes) -> bool:
        return model.loads(data.decode("utf-8")) == draft

    check_write_survives(kind, target, save, monkeypatch, OutputError, check)
    assert session.path == target and not session.dirty


def test_a_failed_save_leaves_the_session_dirty_and_where_it_was(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    first = tmp_path / "a.json"
    session = DraftSession(model.load(CAT_TIEN), None)
    session.save(first)
    session.draft.subject = "Trích yếu mới"
    session.mark_changed()
    other = tmp_path / "gone" / "b.json"
    other.parent.mkdir()
    with fault("folder_gone", other, monkeypatch), pytest.raises(OutputError):
        session.save(other)
    assert session.path == first and session.dirty
    assert model.load(first).subject != "Trích yếu mới"


@pytest.mark.parametrize("kind", FAULTS)
def test_data_export_json(kind: str, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "xuat" / "du-lieu.json"
    before = store_dump(store)
    check_write_survives(kind, target, lambda: store.export(target), monkeypatch, OutputError, _is_json)
    assert store_dump(store) == before


@pytest.mark.parametrize("kind", FAULTS)
def test_data_export_csv_both_files(kind: str, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.store.fileformats import lists_file

    store.lists.save_from_draft("Kính gửi thường dùng", "kinh_gui", ["Ủy ban nhân dân xã", "Công an xã"])
    target = tmp_path / "xuat" / "so-dia-chi.csv"
    companion = lists_file(target)
    for path in (target, companion):  # the fault hits the address book, then the lists file
        for other in (target, companion):
            other.parent.mkdir(parents=True, exist_ok=True)
            other.write_bytes(OLD_BYTES)
        check_write_survives(kind, path, lambda: store.export(target), monkeypatch, OutputError, _is_csv)
        assert _is_csv(target.read_bytes()) and _is_csv(companion.read_bytes())


@pytest.mark.parametrize("kind", FAULTS)
def test_register_csv_export(kind: str, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = store.profiles.all()[0]
    store.register.issue(profile.id, "cong_van", subject="Về việc thử")
    target = tmp_path / "so" / "van-ban-di.csv"
    before = store_dump(store)
    check_write_survives(kind, target, lambda: store.register.export_csv(target), monkeypatch, OutputError, _is_csv)
    assert store_dump(store) == before


@pytest.mark.parametrize("kind", [k for k in FAULTS if k != "folder_gone"])
def test_catalog_save(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.catalog import get_directive, save_directive
    from dnnd_drafter.catalog.store import user_file_for
    from dnnd_drafter.catalog.tomlio import loads

    directive = copy.deepcopy(get_directive("12-CT/TW"))
    target = user_file_for(directive)

    def valid(data: bytes) -> bool:
        return loads(data.decode("utf-8"), target.name).number == "12-CT/TW"

    check_write_survives(kind, target, lambda: save_directive(directive, overwrite=True), monkeypatch,
                         OutputError, valid)


def test_catalog_save_makes_its_own_folder_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.catalog import get_directive, save_directive
    from dnnd_drafter.catalog.store import user_file_for

    directive = copy.deepcopy(get_directive("12-CT/TW"))
    target = user_file_for(directive)
    with fault("folder_gone", target, monkeypatch):
        assert save_directive(directive, overwrite=True) == target  # the app's own folder
    assert target.read_text(encoding="utf-8").count("12-CT/TW") >= 1 and leftovers(target.parent) == []


@pytest.mark.parametrize("kind", FAULTS)
def test_libreoffice_pdf_is_written_atomically(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.render import laid_out
    from dnnd_drafter.writers import libreoffice

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: Path("/usr/bin/soffice"))
    monkeypatch.setattr(libreoffice, "docx_to_pdf_bytes", lambda data, timeout=0: b"%PDF-1.4 converted\n%%EOF\n")
    letter = laid_out(model.load(CAT_TIEN))
    target = tmp_path / "pdf" / "cat_tien.pdf"
    check_write_survives(kind, target, lambda: libreoffice.export_pdf(letter, target), monkeypatch, OutputError,
                         lambda data: data.startswith(b"%PDF"))


BACKUP_WORDS = {"target_locked": "Không ghi được bản sao lưu", "folder_gone": "Không có thư mục",
                "disk_full": "Ổ đĩa đã đầy"}


@pytest.mark.parametrize("kind", BACKUP_WORDS)
def test_database_backup(kind: str, store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The backup goes through its own temporary file; SQLite writes it, so a full disk is
    simulated by a page limit on the copy."""
    import sqlite3

    from dnnd_drafter.base.errors import UserDataError

    target = tmp_path / "sao-luu" / "du-lieu.sqlite3"
    target.parent.mkdir()
    target.write_bytes(OLD_BYTES)
    real_connect = sqlite3.connect

    def tiny_disk(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        conn = real_connect(path, *args, **kwargs)
        if str(path).endswith(".tmp"):
            conn.execute("PRAGMA max_page_count = 2")
        return conn

    with monkeypatch.context() as patch, pytest.raises(UserDataError) as caught:
        if kind == "disk_full":
            patch.setattr(sqlite3, "connect", tiny_disk)
            store.backup(target)
        else:
            with fault(kind, target, monkeypatch):
                store.backup(target)
    assert BACKUP_WORDS[kind] in caught.value.message, caught.value.message
    assert (target.read_bytes() == OLD_BYTES) if kind != "folder_gone" else not target.exists()
    assert [p.name for p in target.parent.iterdir() if p.name.endswith(".tmp")] == []
    store.backup(target)
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM recipient").fetchone()[0] == 2


# -- the same through the command line ----------------------------------------------------------
def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _refused(status: int, err: str, words: str) -> None:
    assert status == 2, err
    assert err.startswith("Lỗi: ") and words in err, err
    assert "Traceback" not in err and "không mong muốn" not in err


@pytest.mark.parametrize("kind", ("disk_full_fsync", "target_locked", "read_only", "folder_gone"))
def test_render_command(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        capsys: pytest.CaptureFixture[str]) -> None:
    from tests.unit.write_faults import FAULT_WORDS

    target = tmp_path / "out" / "cv.docx"
    target.parent.mkdir()
    target.write_bytes(OLD_BYTES)
    with fault(kind, target, monkeypatch):
        status, out, err = _run(capsys, "render", str(CAT_TIEN), "-o", str(target))
    _refused(status, err, FAULT_WORDS[kind])
    assert out == ""
    assert leftovers(target.parent) == []
    assert (target.read_bytes() == OLD_BYTES) if kind != "folder_gone" else not target.exists()
    status, out, err = _run(capsys, "render", str(CAT_TIEN), "-o", str(target))
    assert status == 0 and _is_docx(target.read_bytes()), err


def test_data_and_register_export_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with open_store() as opened:
        profile = state_profile(opened)
        opened.register.issue(profile.id, "cong_van", subject="Về việc thử")
        before = store_dump(opened)
    for argv, target in ((("data", "export"), tmp_path / "x" / "du-lieu.json"),
                         (("register", "export"), tmp_path / "y" / "so.csv")):
        target.parent.mkdir()
        target.write_bytes(OLD_BYTES)
        with fault("read_only", target, monkeypatch):
            status, _, err = _run(capsys, *argv, str(target))
        _refused(status, err, "chỉ đọc")
        assert target.read_bytes() == OLD_BYTES
        with fault("disk_full_fsync", target, monkeypatch):
            status, _, err = _run(capsys, *argv, str(target))
        _refused(status, err, "Ổ đĩa đã đầy")
        assert target.read_bytes() == OLD_BYTES and leftovers(target.parent) == []
        status, _, err = _run(capsys, *argv, str(target))
        assert status == 0 and target.read_bytes() != OLD_BYTES, err
    with open_store() as opened:
        assert store_dump(opened) == before


def test_register_issue_writes_nothing_anywhere_when_the_draft_cannot_be_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    with open_store() as opened:
        state_profile(opened)
        before = store_dump(opened)
    draft = model.load(REPO / "examples" / "nha_nuoc_ubnd_tinh.json").copy(number="")
    path = model.save(draft, tmp_path / "ban-thao.json")
    old = path.read_bytes()
    with fault("target_locked", path, monkeypatch):
        status, _, err = _run(capsys, "register", "issue", str(path))
    _refused(status, err, "đang mở trong chương trình khác")
    assert path.read_bytes() == old and leftovers(tmp_path) == []
    with open_store() as opened:
        assert store_dump(opened) == before  # no number was used up
    status, out, err = _run(capsys, "register", "issue", str(path))
    assert status == 0, err
    assert model.load(path).number == "01"


def test_catalog_import_save_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from dnnd_drafter.catalog.store import user_file_for
    from dnnd_drafter.catalog import get_directive

    source = tmp_path / "ct12.md"
    shipped = get_directive("12-CT/TW")
    lines = ["BAN CHẤP HÀNH TRUNG ƯƠNG", "Số 99-CT/TW", "Hà Nội, ngày 05 tháng 01 năm 2022", "CHỈ THỊ",
             "CỦA BAN BÍ THƯ", "về một việc để thử", "I- Tình hình", "II- Nhiệm vụ"]
    lines += [f"{t.number}. {t.text}" for t in shipped.tasks[:3]]
    lines += ["III- Tổ chức thực hiện", "- Các cấp ủy thực hiện.", "T/M BAN BÍ THƯ"]
    source.write_text("\n".join(lines), encoding="utf-8")
    directive = copy.deepcopy(shipped)
    directive.number, directive.id = "99-CT/TW", ""
    target = user_file_for(directive)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(OLD_BYTES)
    with fault("disk_full_write", target, monkeypatch):
        status, _, err = _run(capsys, "catalog", "import", str(source), "--save", "--overwrite")
    _refused(status, err, "Ổ đĩa đã đầy")
    assert target.read_bytes() == OLD_BYTES and leftovers(target.parent) == []
    status, out, err = _run(capsys, "catalog", "import", str(source), "--save", "--overwrite")
    assert status == 0 and "99-CT/TW" in target.read_text(encoding="utf-8"), err
