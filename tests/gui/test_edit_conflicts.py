"""Drive two windows editing one draft, one address-book entry and one list: the window that
saves second is asked (Ghi đè / Lưu thành tệp khác or Giữ bản kia / Hủy) and does what the clerk
answers; the other side's change is never dropped silently."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog

from dnnd_drafter.model import letter as model
from dnnd_drafter.store import open_store
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.data import windows as data_dialogs
from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.gui.clerk import type_text

REPO = Path(__file__).resolve().parents[2]
TODAY = dt.date.today()


@pytest.fixture
def draft_file(office: AppContext, tmp_path: Path) -> Path:
    """Save a new letter of the office (not numbered yet) as a draft file."""
    from dnnd_drafter.model import drafting

    draft = drafting.new_draft(office.profile, office.store.profiles.default_signer(office.profile.id))
    draft.subject, draft.recipients = "Về việc trực Tết", ["Công an xã"]
    path = tmp_path / "truc-tet.json"
    model.save(draft, path)
    return path


def _open(qtbot, office: AppContext, path: Path):  # type: ignore[no-untyped-def]
    """Open a wizard window on the draft file, as Tệp → Mở does."""
    from dnnd_drafter.ui.app import build_window, first_session

    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.show()
    win.controller.open_path(path)
    return win


@pytest.fixture
def two_windows(qtbot, office: AppContext, presenter, draft_file: Path):  # type: ignore[no-untyped-def]
    """Open the same draft file in two windows; close them without asking at the end."""
    wins = [_open(qtbot, office, draft_file) for _ in range(2)]
    yield wins
    for win in wins:
        win.session.dirty = False
        win.preview.wait_idle()
        win.close()


def _type_subject(win, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` at the end of the trích yếu."""
    win.pages[0].subject.moveCursor(QTextCursor.MoveOperation.End)
    type_text(win.pages[0].subject, text)


def test_saving_over_a_draft_another_window_saved_asks_and_keeps_both_changes(
        two_windows, presenter, draft_file: Path) -> None:
    first, second = two_windows
    _type_subject(second, " năm 2027")
    assert second.controller.save() and presenter.questions == []
    type_text(first.pages[0].place, " mới")
    presenter.answers = [dialogs.YES]  # "Ghi đè"
    assert first.controller.save()
    (question,) = presenter.questions
    assert "truc-tet.json" in question and "đã được thay đổi ở cửa sổ hoặc chương trình khác" in question
    assert "Nơi khác đã sửa: trích yếu “Về việc trực Tết năm 2027”" in question
    assert "Bạn đã sửa: địa danh" in question and "Ghi đè" in question and "Lưu thành tệp khác" in question
    saved = model.load(draft_file)
    assert saved.subject == "Về việc trực Tết năm 2027" and saved.place.endswith(" mới")  # both kept
    assert first.pages[0].subject.text() == "Về việc trực Tết năm 2027"  # the window shows what it saved
    assert not first.session.dirty and not first.windowTitle().endswith("*")


def test_cancel_writes_nothing_and_save_elsewhere_leaves_the_other_file(
        two_windows, presenter, draft_file: Path, tmp_path: Path) -> None:
    first, second = two_windows
    _type_subject(second, " (cửa sổ 2)")
    second.controller.save()
    theirs = draft_file.read_bytes()
    _type_subject(first, " (cửa sổ 1)")
    presenter.answers = [dialogs.CANCEL]  # "Hủy"
    assert not first.controller.save()
    assert draft_file.read_bytes() == theirs and first.session.dirty and first.windowTitle().endswith("*")
    assert first.pages[0].subject.text() == "Về việc trực Tết (cửa sổ 1)"  # nothing typed is lost
    elsewhere = tmp_path / "truc-tet-ban-2.json"
    presenter.save_file = lambda *a: str(elsewhere)
    presenter.answers = [dialogs.NO]  # "Lưu thành tệp khác"
    assert first.controller.save()
    assert model.load(elsewhere).subject == "Về việc trực Tết (cửa sổ 1)"
    assert draft_file.read_bytes() == theirs and first.session.path == elsewhere
    assert len(presenter.questions) == 2


def test_a_number_issued_on_the_command_line_stays_when_the_window_saves(
        qtbot, office: AppContext, presenter, draft_file: Path) -> None:
    win = _open(qtbot, office, draft_file)
    issued = subprocess.run([sys.executable, "-m", "dnnd_drafter", "register", "issue", str(draft_file)],
                            capture_output=True, text=True, timeout=120, env=dict(os.environ), cwd=REPO)
    assert issued.returncode == 0, issued.stderr
    _type_subject(win, " và Nguyên đán")
    presenter.answers = [dialogs.YES]
    assert win.controller.save()
    assert "số, ký hiệu" in presenter.questions[0] and "được cấp số 01" in presenter.questions[0]
    saved = model.load(draft_file)
    assert (saved.number, saved.subject) == ("01", "Về việc trực Tết và Nguyên đán")
    assert win.pages[0].number.text() == "01"
    (entry,) = office.store.register.entries(TODAY.year)
    assert entry.number == 1
    win.session.dirty = False
    win.preview.wait_idle()


# -- the address book and the lists ---------------------------------------------------------------
@pytest.fixture
def other_window(office: AppContext):  # type: ignore[no-untyped-def]
    """Open the same database a second time, as another window or computer does."""
    second = open_store(office.store.path)
    yield second
    second.close()


@pytest.fixture
def clerk(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Replace run_dialog by the prepared clerk functions (each fills and accepts one sub-dialog)."""
    steps: list = []

    def run(dialog: QDialog) -> bool:
        dialog.setResult(QDialog.DialogCode.Rejected)
        steps.pop(0)(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(data_dialogs, "run_dialog", run)
    return steps.append


def _address_book(qtbot, office: AppContext, name: str):  # type: ignore[no-untyped-def]
    from dnnd_drafter.ui.data.addressbook import AddressBookDialog

    dialog = AddressBookDialog(office)
    qtbot.addWidget(dialog)
    entry = office.store.addressbook.match(name)
    dialog.table.selectRow([dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())].index(entry.name))
    return dialog, entry


def test_a_note_saved_while_another_window_renamed_the_entry_keeps_the_rename(
        qtbot, office: AppContext, presenter, clerk, other_window) -> None:
    dialog, entry = _address_book(qtbot, office, "Công an xã")

    def add_note_meanwhile_renamed(form: QDialog) -> None:
        other_window.addressbook.rename(entry.id, "Công an phường Cát Tiên", TODAY, "CA phường")
        type_text(form.note, "Trực ban: 0263 3884 113")
        form.accept()

    clerk(add_note_meanwhile_renamed)
    dialog.buttons["edit"].click()
    book = office.store.addressbook
    assert [e.name for e in book.search("cong an")] == ["Công an phường Cát Tiên"]  # one current name
    old = book.get(entry.id)
    assert old.note == "Trực ban: 0263 3884 113" and old.valid_to == TODAY and old.replaced_by is not None
    assert presenter.infos == ["Trong lúc bạn sửa, “Công an xã” đã được đổi tên thành “Công an phường Cát Tiên” "
                               "ở cửa sổ khác. Thay đổi của bạn được lưu vào tên cũ (dùng cho văn bản trước ngày "
                               "đổi tên); hãy sửa cả “Công an phường Cát Tiên” nếu cần."]


@pytest.mark.parametrize(("answers", "short_name", "note"), [
    ([dialogs.CANCEL, dialogs.YES], "CA xã Cát Tiên", "ghi chú của tôi"),  # Hủy, then Ghi đè
    ([dialogs.NO], "Công an xã CT", "ghi chú của tôi"),  # Giữ bản kia: my note still saved
])
def test_the_same_field_changed_in_two_windows_asks_before_saving(
        qtbot, office: AppContext, presenter, clerk, other_window, answers, short_name, note) -> None:
    dialog, entry = _address_book(qtbot, office, "Công an xã")
    results: list[bool] = []

    def change_short_name(form: QDialog) -> None:
        theirs = other_window.addressbook.get(entry.id)
        theirs.short_name = "Công an xã CT"
        other_window.addressbook.update(theirs)
        form.short.clear()
        type_text(form.short, "CA xã Cát Tiên")
        type_text(form.note, "ghi chú của tôi")
        for _ in answers:
            form.accept()
            results.append(form.result() == QDialog.DialogCode.Accepted)

    presenter.answers = list(answers)
    clerk(change_short_name)
    dialog.buttons["edit"].click()
    assert results[-1] and results[:-1] == [False] * (len(answers) - 1)  # Hủy keeps the form open
    assert len(presenter.questions) == len(answers)
    assert "Tên ở Nơi nhận: nơi khác đã sửa thành “Công an xã CT”, bạn sửa thành “CA xã Cát Tiên”" \
        in presenter.questions[0]
    stored = office.store.addressbook.get(entry.id)
    assert (stored.short_name, stored.note) == (short_name, note)


def test_a_list_renamed_in_another_window_keeps_its_new_name_when_members_are_saved(
        qtbot, office: AppContext, presenter, other_window) -> None:
    from dnnd_drafter.ui.data.lists import ListsDialog

    office.store.lists.save_from_draft("Đoàn thể", "noi_nhan", ["UBMTTQVN xã", "Hội LHPN xã"])
    dialog = ListsDialog(office)
    qtbot.addWidget(dialog)
    other_window.lists.rename("Đoàn thể", "Khối đoàn thể xã")
    dialog.add_entry(office.store.addressbook.match("Hội CCB xã").id)
    assert dialog.save()
    (saved,) = office.store.lists.all()
    assert saved.name == "Khối đoàn thể xã" and office.store.lists.names(saved.id) == [
        "UBMTTQVN xã", "Hội LHPN xã", "Hội CCB xã"]
    assert dialog.name.text() == "Khối đoàn thể xã" and presenter.questions == []
    other_window.lists.rename(saved.id, "Đoàn thể xã")
    dialog.name.selectAll()
    type_text(dialog.name, "Các đoàn thể")
    presenter.answers = [dialogs.CANCEL]
    assert not dialog.save()
    assert "Tên danh sách: nơi khác đã sửa thành “Đoàn thể xã”, bạn sửa thành “Các đoàn thể”" \
        in presenter.questions[0]
    assert office.store.lists.get(saved.id).name == "Đoàn thể xã" and dialog.dirty
    presenter.answers = [dialogs.YES]  # "Ghi đè"
    assert dialog.save()
    assert office.store.lists.get(saved.id).name == "Các đoàn thể" and not dialog.dirty
    assert office.store.lists.names(saved.id) == ["UBMTTQVN xã", "Hội LHPN xã", "Hội CCB xã"]
