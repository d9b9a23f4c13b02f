"""The painter's PDF and the wizard survive failed writes and broken files: message, draft kept, retry.

The PDF writer meets the faults of tests/unit/write_faults.py like every other writer.
In the wizard, a clerk who saves, creates the .docx or exports the PDF onto a locked or
read-only file, a vanished folder or a full disk gets one Vietnamese message; the letter on
screen stays exactly as it was (and unsaved); fixing the problem and trying again works.
Opening a broken draft file or importing a broken address book changes nothing either.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import OutputError
from dnnd_drafter.ui.app import build_window, first_session
from tests.unit.write_faults import (FAULT_WORDS, FAULTS, OLD_BYTES, check_write_survives, fault,
                                               leftovers, store_dump)
from tests.unit.test_broken_input_files import BROKEN

REPO = Path(__file__).resolve().parents[2]
CAT_TIEN = REPO / "examples" / "dang_cat_tien_492.json"


@pytest.mark.parametrize("kind", FAULTS)
def test_pdf_export(kind: str, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.render import laid_out
    from dnnd_drafter.writers.qt.pdf import export_pdf

    letter = laid_out(model.load(CAT_TIEN))
    target = tmp_path / "pdf" / "cat_tien.pdf"
    check_write_survives(kind, target, lambda: export_pdf(letter, target), monkeypatch, OutputError,
                         lambda data: data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"))


@pytest.mark.parametrize("kind", ("disk_full_write", "read_only", "folder_gone"))
def test_pdf_command(kind: str, qapp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                     capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out" / "cv.pdf"
    target.parent.mkdir()
    target.write_bytes(OLD_BYTES)
    with fault(kind, target, monkeypatch):
        status = cli.main(["pdf", str(CAT_TIEN), "-o", str(target)])
    out, err = capsys.readouterr()
    assert status == 2 and err.startswith("Lỗi: ") and FAULT_WORDS[kind] in err, err
    assert "Traceback" not in err and "Đã tạo" not in out
    assert (target.read_bytes() == OLD_BYTES) if kind != "folder_gone" else not target.exists()
    assert leftovers(target.parent) == []
    assert cli.main(["pdf", str(CAT_TIEN), "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")


# -- the wizard -----------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, office, presenter):
    """Open the wizard on the Cát Tiên letter (saved nowhere yet)."""
    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.show()
    win.controller.open_path(CAT_TIEN)
    win.session.path = None
    win.session.mark_changed()
    win.controller.update_title()
    yield win
    win.session.dirty = False
    win.preview.wait_idle()


def _snapshot(win) -> str:  # type: ignore[no-untyped-def]
    win.current_page().apply(win.session.draft)
    return model.dumps(win.session.draft)


def _answer_files(presenter, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(type(presenter), "save_file", lambda self, *a: str(path))
    monkeypatch.setattr(type(presenter), "open_file", lambda self, *a: str(path))


@pytest.mark.parametrize("kind", ("target_locked", "read_only", "folder_gone", "disk_full_fsync"))
def test_saving_the_draft_fails_cleanly_and_works_again(kind: str, window, presenter, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "usb" / "ban-thao.json"
    target.parent.mkdir()
    target.write_bytes(OLD_BYTES)
    _answer_files(presenter, monkeypatch, target)
    before = _snapshot(window)
    with fault(kind, target, monkeypatch):
        window.controller.guard(window.controller.save)
    assert len(presenter.errors) == 1 and FAULT_WORDS[kind] in presenter.errors[0]
    assert _snapshot(window) == before and window.session.dirty and window.session.path is None
    assert window.windowTitle().endswith("*")
    assert (target.read_bytes() == OLD_BYTES) if kind != "folder_gone" else not target.exists()
    assert leftovers(target.parent) == []
    window.controller.guard(window.controller.save)
    assert len(presenter.errors) == 1
    assert model.load(target) == window.session.draft and not window.session.dirty


@pytest.mark.parametrize("kind", ("target_locked", "read_only", "disk_full_write"))
def test_creating_the_docx_fails_cleanly_and_works_again(kind: str, window, presenter, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    target = tmp_path / "van-ban" / "cv.docx"
    target.parent.mkdir()
    target.write_bytes(OLD_BYTES)
    before = _snapshot(window)
    with fault(kind, target, monkeypatch):
        assert window.controller.write_docx(target) is None
    assert len(presenter.errors) == 1 and FAULT_WORDS[kind] in presenter.errors[0]
    assert window.controller.created is None and _snapshot(window) == before and window.session.dirty
    assert target.read_bytes() == OLD_BYTES and leftovers(target.parent) == []
    assert window.controller.write_docx(target) == target
    assert window.controller.created == target and "Ủy ban nhân dân huyện" in "\n".join(
        p.text for p in docx.Document(str(target)).paragraphs)


@pytest.mark.parametrize("kind", ("disk_full_fsync", "folder_gone"))
def test_exporting_the_pdf_fails_cleanly_and_works_again(kind: str, window, presenter, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "pdf" / "cv.pdf"
    target.parent.mkdir()
    target.write_bytes(OLD_BYTES)
    _answer_files(presenter, monkeypatch, target)
    window.menus.use_libreoffice.setChecked(False)
    before = _snapshot(window)
    with fault(kind, target, monkeypatch):
        window.controller.guard(window.controller.export_pdf)
    assert len(presenter.errors) == 1 and FAULT_WORDS[kind] in presenter.errors[0]
    assert _snapshot(window) == before and not any(i.startswith("Đã xuất PDF") for i in presenter.infos)
    window.controller.guard(window.controller.export_pdf)
    assert len(presenter.errors) == 1 and target.read_bytes().startswith(b"%PDF")


def test_an_autosave_that_cannot_be_written_never_interrupts_the_clerk(window, presenter,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    from dnnd_drafter.store.drafts import Drafts

    monkeypatch.setattr(Drafts, "autosave", full)  # the writer thread has its own connection
    before = _snapshot(window)
    window.controller.go_to(1)
    window.controller.go_to(0)
    assert window.session.autosave() is False
    assert presenter.errors == [] and _snapshot(window) == before


@pytest.mark.parametrize("broken", ["empty", "truncated_json", "tcvn3", "utf16", "zip_of_something_else",
                                    "random_bytes", "zeros_50mb"])
def test_opening_a_broken_draft_keeps_the_letter_on_screen(broken: str, window, presenter, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "hong.json"
    BROKEN[broken](path)
    _answer_files(presenter, monkeypatch, path)
    before = _snapshot(window)
    session = window.session
    presenter.answers.append("no")  # "save the changes first?" – no
    window.controller.guard(window.controller.open)
    assert len(presenter.errors) == 1 and presenter.errors[0].strip(), presenter.errors
    assert "Traceback" not in presenter.errors[0]
    assert window.session is session and _snapshot(window) == before


def test_a_template_escape_shows_in_the_preview_and_blocks_nothing_else(window, presenter, qtbot) -> None:
    from dnnd_drafter.base import paths

    (paths.user_templates_dir() / "cong_van_trien_khai.md.j2").write_text(
        "A\n{{ cycler.__init__.__globals__.os.popen('id').read() }}\n", encoding="utf-8")
    with qtbot.waitSignal(window.preview.updated, timeout=10_000):
        window.preview.refresh_now(window.session.draft)
    assert window.preview.status.isVisible()
    assert "Chưa xem trước được" in window.preview.status.text() and "dòng 2" in window.preview.status.text()
    assert "uid=" not in window.preview.status.text()


def test_importing_a_broken_address_book_in_its_window_changes_nothing(qtbot, office, presenter, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.ui.data import addressbook as data_addressbook

    dialog = data_addressbook.AddressBookDialog(office)
    qtbot.addWidget(dialog)
    for broken in ("truncated_json", "vni", "zeros_50mb", "random_bytes"):
        path = tmp_path / f"{broken}.csv"
        BROKEN[broken](path)
        monkeypatch.setattr(data_addressbook, "choose_file", lambda *a, p=path, **k: str(p))
        before = store_dump(office.store)
        presenter.errors.clear()
        dialog.import_file()
        assert len(presenter.errors) == 1 and "Traceback" not in presenter.errors[0], presenter.errors
        assert store_dump(office.store) == before


def test_exporting_from_the_data_windows_onto_a_read_only_file_says_so(qtbot, office, presenter, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.ui.data import addressbook as data_addressbook
    from dnnd_drafter.ui.data import register as data_register

    target = tmp_path / "so.csv"
    target.write_bytes(OLD_BYTES)
    monkeypatch.setattr(data_addressbook, "choose_file", lambda *a, **k: str(target))
    monkeypatch.setattr(data_register, "choose_save_path", lambda *a, **k: str(target))
    book = data_addressbook.AddressBookDialog(office)
    register = data_register.RegisterDialog(office)
    qtbot.addWidget(book)
    qtbot.addWidget(register)
    for action in (book.export_file, register.export_csv):
        presenter.errors.clear()
        with fault("read_only", target, monkeypatch):
            action()
        assert len(presenter.errors) == 1 and "chỉ đọc" in presenter.errors[0], presenter.errors
        assert target.read_bytes() == OLD_BYTES and leftovers(tmp_path) == []


def test_a_disk_full_during_pdf_drawing_is_reported_by_name(qapp, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """ENOSPC raised from the write call itself (not the flush) names the full disk."""
    from dnnd_drafter.render import laid_out
    from dnnd_drafter.writers.qt.pdf import export_pdf

    target = tmp_path / "x.pdf"
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, real):  # type: ignore[no-untyped-def]
            self.real = real

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def __enter__(self):  # type: ignore[no-untyped-def]
            return self

        def __exit__(self, *exc: object) -> None:
            self.real.close()

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: Full(real_fdopen(fd, *a, **k)))
    with pytest.raises(OutputError, match="Ổ đĩa đã đầy"):
        export_pdf(laid_out(model.load(CAT_TIEN)), target)
    assert not target.exists() and leftovers(tmp_path) == []
