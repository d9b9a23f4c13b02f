"""Drive the Dữ liệu windows as a clerk would: search without marks, select rows, press buttons,
and check that the store changed and that bad input gives the Vietnamese message.

Sub-dialogs are never ``exec()``'d: :func:`dnnd_drafter.ui.data.windows.run_dialog` is replaced
by a clerk function that fills the sub-dialog and accepts it. Set ``DNND_DATA_SCREENSHOTS`` to a
folder to save a picture of every window at a realistic size.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from dnnd_drafter.store import Profile, Signer, Store, open_store
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui import data as data_menu
from dnnd_drafter.ui.data import windows as data_dialogs
from dnnd_drafter.ui.wizard.step_base import AppContext

TODAY = dt.date.today()


# -- helpers ---------------------------------------------------------------------------------
from tests.gui.clerk import RecordingPresenter as Recorder, press, type_text  # noqa: E402


def column(table, index: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Return the texts of one column (a QTableWidget's or a QTableView's, through its model)."""
    model = table.model()
    return [model.index(row, index).data() for row in range(model.rowCount())]


def row_of(table, text: str, index: int = 0) -> int:  # type: ignore[no-untyped-def]
    """Return the row whose cell in column `index` is `text`."""
    return column(table, index).index(text)


def shoot(widget: QWidget, name: str, size: tuple[int, int] | None = None) -> None:
    """Save a picture of `widget` when DNND_DATA_SCREENSHOTS names a folder."""
    folder = os.environ.get("DNND_DATA_SCREENSHOTS")
    if not folder:
        return
    if size:
        widget.resize(*size)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(Path(folder) / f"data_{name}.png"))


@pytest.fixture
def presenter(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    """Record every message box instead of showing it."""
    return Recorder()


@pytest.fixture
def store() -> Iterator[Store]:
    """Yield an open store in the private test home."""
    opened = open_store()
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def office(store: Store, presenter: Recorder) -> AppContext:
    """Return a context with a State profile (active), a Party profile, signers and an address book."""
    ubnd = store.profiles.save(Profile(
        "UBND xã Cát Tiên", "nha_nuoc", "ỦY BAN NHÂN DÂN\nXÃ CÁT TIÊN", abbreviation="UBND",
        default_place="Cát Tiên", unit_abbreviations=["VP"], archive_line="Lưu: VT, VP"))
    store.profiles.save(Profile(
        "Đảng ủy xã Cát Tiên", "dang", "ĐẢNG ỦY XÃ CÁT TIÊN", parent_body="ĐẢNG BỘ TỈNH LÂM ĐỒNG",
        abbreviation="ĐU", default_place="Cát Tiên", term_start=dt.date(2025, 10, 1), term_end=dt.date(2030, 9, 30)))
    store.profiles.save_signer(Signer(ubnd.id, "Nguyễn Văn An", "CHỦ TỊCH", "TM.", "ỦY BAN NHÂN DÂN", True))
    store.profiles.save_signer(Signer(ubnd.id, "Trần Thị Bình", "PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH", False, 1))
    store.addressbook.add_many([
        Recipient("Ủy ban nhân dân xã Tân An", "UBND xã Tân An", ["xã"]),
        Recipient("Ủy ban nhân dân xã Phước Lộc", "UBND xã Phước Lộc", ["xã"]),
        Recipient("Ủy ban Mặt trận Tổ quốc Việt Nam xã Cát Tiên", "UBMTTQVN xã", ["đoàn thể"]),
        Recipient("Hội Liên hiệp Phụ nữ xã", "Hội LHPN xã", ["đoàn thể"], note="Trụ sở: thôn 3"),
        Recipient("Công an xã Cát Tiên", "CA xã", ["ngành"]),
        Recipient("Huyện ủy Cát Tiên", "HU Cát Tiên", ["huyện"], valid_to=dt.date(2025, 7, 1)),
    ])
    return AppContext(store=store, profile=ubnd, presenter=presenter)


@pytest.fixture
def clerk(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable[[QDialog], None]], list[QDialog]]:
    """Replace run_dialog: each sub-dialog goes to the next prepared clerk function, which fills it
    and presses its buttons; run_dialog returns whether it ended accepted. Returns the dialogs seen."""
    steps: list[Callable[[QDialog], None]] = []
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        dialog.setResult(QDialog.DialogCode.Rejected)
        steps.pop(0)(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(data_dialogs, "run_dialog", run)

    def prepare(step: Callable[[QDialog], None]) -> list[QDialog]:
        steps.append(step)
        return seen
    return prepare


# -- the entry point -------------------------------------------------------------------------
def test_open_data_dialog_opens_each_window_and_refreshes_the_wizard(
        qtbot, office: AppContext, presenter: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(data_dialogs.DataDialog, "exec", lambda self: shown.append(type(self).__name__) or 0)
    refreshed: list[bool] = []
    window = QWidget()
    qtbot.addWidget(window)
    for key in data_menu.DATA_WINDOWS:
        data_menu.open_data_dialog(key, window, office, lambda: refreshed.append(True))
    assert shown == ["AddressBookDialog", "ListsDialog", "ProfilesDialog", "SignersDialog", "RegisterDialog"]
    assert len(refreshed) == 5
    data_menu.open_data_dialog("register", window, AppContext(presenter=presenter))
    assert presenter.errors == [data_menu.TEXT["no_store"]]


# -- Sổ địa chỉ --------------------------------------------------------------------------------
def test_address_book_searches_as_you_type_without_marks(qtbot, office: AppContext, presenter: Recorder) -> None:
    from dnnd_drafter.ui.data.addressbook import AddressBookDialog

    dialog = AddressBookDialog(office)
    qtbot.addWidget(dialog)
    names = column(dialog.table, 0)
    assert "Huyện ủy Cát Tiên" not in names and len(names) == 5  # retired entries hidden
    qtbot.keyClicks(dialog.search, "uy ban nhan")
    assert column(dialog.table, 0) == ["Ủy ban nhân dân xã Phước Lộc", "Ủy ban nhân dân xã Tân An"]
    dialog.search.clear()
    type_text(dialog.search, "Hội LHPN")  # typed with marks, found by the short form
    assert column(dialog.table, 0) == ["Hội Liên hiệp Phụ nữ xã"]
    assert "Trụ sở: thôn 3" in dialog.table.item(0, 0).toolTip()
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "cat tien")
    assert "Huyện ủy Cát Tiên" not in column(dialog.table, 0)
    dialog.show_retired.setChecked(True)
    row = row_of(dialog.table, "Huyện ủy Cát Tiên")
    assert dialog.table.item(row, 5).text() == "Ngừng sử dụng"
    dialog.search.clear()
    dialog.tag.setCurrentIndex(dialog.tag.findData("đoàn thể"))
    assert len(column(dialog.table, 0)) == 2
    shoot(dialog, "addressbook", (1180, 640))
    assert presenter.errors == []
    dialog.show()
    press(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_address_book_shows_the_first_entries_of_a_big_book(qtbot, store: Store, presenter: Recorder) -> None:
    from dnnd_drafter.ui.data import addressbook as data_addressbook

    store.addressbook.add_many([Recipient(f"Chi bộ thôn {i}", f"CB thôn {i}") for i in range(520)]
                               + [Recipient(f"Chi bộ cũ {i}", valid_to=dt.date(2020, 1, 1)) for i in range(30)])
    dialog = data_addressbook.AddressBookDialog(AppContext(store=store, presenter=presenter))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == data_addressbook.SHOWN_LIMIT
    assert dialog.count.text().startswith(f"Hiện {data_addressbook.SHOWN_LIMIT} địa chỉ đầu tiên")
    qtbot.keyClicks(dialog.search, "thon 51")
    assert dialog.table.rowCount() == 11 and dialog.count.text() == "11 địa chỉ"
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "chi bo cu")
    assert dialog.table.rowCount() == 0
    dialog.show_retired.setChecked(True)
    assert dialog.table.rowCount() == 30


def test_address_book_add_edit_and_the_empty_name_message(qtbot, office: AppContext, presenter: Recorder,
                                                          clerk) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.ui.data.addressbook import AddressBookDialog, EntryDialog

    dialog = AddressBookDialog(office)
    qtbot.addWidget(dialog)
    kept: list[str] = []

    def empty_then_fixed(entry: QDialog) -> None:
        assert isinstance(entry, EntryDialog)
        type_text(entry.short, "Đoàn TN xã")
        entry.accept()  # no name: refused, the dialog stays open, the short form is kept
        assert entry.result() != QDialog.DialogCode.Accepted
        assert entry.errors["name"].text() == presenter.errors[-1]
        kept.append(entry.short.text())
        type_text(entry.name, "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã")
        type_text(entry.tags, "đoàn thể, xã")
        entry.accept()
        shoot(entry, "addressbook_entry")

    clerk(empty_then_fixed)
    dialog.buttons["add"].click()
    assert presenter.errors == ["Địa chỉ nhận cần có tên đầy đủ."]
    assert kept == ["Đoàn TN xã"]
    added = office.store.addressbook.search("doan thanh nien")
    assert [(e.short_name, e.tags) for e in added] == [("Đoàn TN xã", ["đoàn thể", "xã"])]
    assert dialog.selected_ids() == [added[0].id]  # the new entry is shown selected

    def fix_typo(entry: QDialog) -> None:
        entry.short.clear()
        type_text(entry.short, "Đoàn Thanh niên xã")
        entry.valid_to.check.setChecked(True)
        entry.valid_to.edit.setDate(data_dialogs.to_qdate(dt.date(2020, 1, 1)))
        entry.valid_from.check.setChecked(True)
        entry.valid_from.edit.setDate(data_dialogs.to_qdate(dt.date(2021, 1, 1)))
        entry.accept()  # ends before it starts: refused, message under the field
        assert entry.errors["valid_to"].isVisibleTo(entry)
        entry.valid_to.check.setChecked(False)
        entry.accept()

    clerk(fix_typo)
    press(dialog.table, Qt.Key.Key_Return)  # Enter on the selected row edits it
    entry = office.store.addressbook.get(added[0].id)
    assert (entry.short_name, entry.valid_from, entry.valid_to) == ("Đoàn Thanh niên xã", dt.date(2021, 1, 1), None)
    assert "ngày hết hiệu lực phải sau ngày bắt đầu" in presenter.errors[-1]


def test_address_book_rename_merge_and_retire_from_a_date(qtbot, office: AppContext, presenter: Recorder,
                                                          clerk) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.ui.data.addressbook import AddressBookDialog

    book = office.store.addressbook
    dialog = AddressBookDialog(office)
    qtbot.addWidget(dialog)
    on = dt.date(2025, 7, 1)
    qtbot.keyClicks(dialog.search, "cong an")
    dialog.table.selectRow(0)

    def rename(change: QDialog) -> None:
        change.accept()  # same name: refused
        change.name.selectAll()
        type_text(change.name, "Công an xã Cát Tiên mới")
        change.on.setDate(data_dialogs.to_qdate(on))
        shoot(change, "addressbook_rename")
        change.accept()

    clerk(rename)
    dialog.buttons["rename"].click()
    assert presenter.errors == ["Tên mới đang giống hệt tên cũ; hãy gõ tên mới."]
    old = book.search("cong an", include_retired=True)
    names = {e.name: e for e in old}
    assert names["Công an xã Cát Tiên"].valid_to == on
    assert book.name_on(names["Công an xã Cát Tiên"].id, dt.date(2025, 6, 30)) == "Công an xã Cát Tiên"
    assert book.name_on(names["Công an xã Cát Tiên"].id, on) == "Công an xã Cát Tiên mới"

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "uy ban nhan dan")
    assert dialog.buttons["merge"].isEnabled() is False
    dialog.table.selectAll()
    assert dialog.buttons["merge"].isEnabled()

    def merge(change: QDialog) -> None:
        change.accept()  # no name
        type_text(change.name, "Ủy ban nhân dân xã Tân Phước")
        type_text(change.short, "UBND xã Tân Phước")
        change.on.setDate(data_dialogs.to_qdate(on))
        change.accept()

    clerk(merge)
    dialog.buttons["merge"].click()
    assert presenter.errors[-1] == "Địa chỉ nhận cần có tên đầy đủ."
    merged = book.search("tan phuoc")
    assert [e.short_name for e in merged] == ["UBND xã Tân Phước"]
    assert column(dialog.table, 0)[dialog.table.currentRow()] == "Ủy ban nhân dân xã Tân Phước"
    olds = [e for e in book.search("uy ban nhan dan", include_retired=True) if e.replaced_by == merged[0].id]
    assert len(olds) == 2 and {e.valid_to for e in olds} == {on}

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "phu nu")
    dialog.table.selectRow(0)

    def retire(change: QDialog) -> None:
        change.on.setDate(data_dialogs.to_qdate(TODAY))
        change.accept()

    clerk(retire)
    dialog.buttons["retire"].click()
    assert book.search("phu nu") == []
    assert dialog.table.rowCount() == 0  # retired entries hidden again
    dialog.show_retired.setChecked(True)
    assert dialog.table.item(0, 5).text() == "Ngừng sử dụng" and dialog.buttons["retire"].isEnabled() is False


def test_address_book_delete_asks_and_explains_a_refusal(qtbot, office: AppContext, presenter: Recorder) -> None:
    from dnnd_drafter.ui.data.addressbook import AddressBookDialog

    store = office.store
    used = store.addressbook.search("cong an")[0]
    store.lists.save_from_draft("Nơi nhận UBND", "noi_nhan", [used.short_name])
    dialog = AddressBookDialog(office)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.search, "phuoc loc")
    dialog.table.selectRow(0)
    presenter.answers = [dialogs.NO]
    press(dialog.table, Qt.Key.Key_Delete)
    assert store.addressbook.search("phuoc loc") != []  # “Không xóa”
    dialog.buttons["delete"].click()
    assert store.addressbook.search("phuoc loc") == []
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "cong an")
    dialog.table.selectRow(0)
    dialog.buttons["delete"].click()
    assert len(presenter.questions) == 3
    assert "Không xóa được “Công an xã Cát Tiên”" in presenter.errors[-1]
    assert "hết hiệu lực" in presenter.errors[-1]


def test_address_book_export_and_import_csv(qtbot, office: AppContext, presenter: Recorder,
                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.ui.data import addressbook as data_addressbook

    target = tmp_path / "so-dia-chi.csv"
    monkeypatch.setattr(data_addressbook, "choose_file", lambda parent, title, start, save: str(target))
    dialog = data_addressbook.AddressBookDialog(office)
    qtbot.addWidget(dialog)
    dialog.buttons["export"].click()
    assert target.exists() and presenter.infos[-1].startswith("Đã xuất dữ liệu ra:")
    text = target.read_text(encoding="utf-8-sig")
    target.write_text(text + "\n,Ban Chỉ huy Quân sự xã,BCHQS xã,ngành,,,,\n", encoding="utf-8-sig")
    dialog.buttons["import"].click()
    assert presenter.infos[-1].startswith("Đã nhập “so-dia-chi.csv”.\nSổ địa chỉ: thêm 1")
    qtbot.keyClicks(dialog.search, "chi huy quan su")
    assert column(dialog.table, 1) == ["BCHQS xã"]
    target.write_text("Mã,Tên đầy đủ,Hiệu lực từ ngày\n,Xã A,31/02/2024\n", encoding="utf-8-sig")
    dialog.buttons["import"].click()
    assert presenter.errors[-1].startswith("Tệp “so-dia-chi.csv”, dòng 2, cột “Hiệu lực từ ngày”")
    monkeypatch.setattr(data_addressbook, "choose_file", lambda parent, title, start, save: "")
    dialog.buttons["import"].click()  # cancelled: nothing happens
    assert len(presenter.errors) == 1


# -- Danh sách nơi nhận ---------------------------------------------------------------------------
def test_lists_edit_order_and_members_and_save(qtbot, office: AppContext, presenter: Recorder) -> None:
    from dnnd_drafter.ui.data.lists import ListsDialog

    store = office.store
    book = store.addressbook
    store.lists.save_from_draft("Các xã", "kinh_gui", ["Ủy ban nhân dân xã Tân An", "Ủy ban nhân dân xã Phước Lộc"])
    store.lists.save_from_draft("Đoàn thể", "noi_nhan", ["UBMTTQVN xã", "Hội LHPN xã"])
    tan_an = book.search("tan an")[0]
    book.rename(tan_an.id, "Ủy ban nhân dân phường Tân An", dt.date(2025, 7, 1))
    dialog = ListsDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()  # shown: Enter in the search box must add, not press a default button
    assert column(dialog.table, 0) == ["Các xã", "Đoàn thể"]
    assert column(dialog.table, 1) == ["Kính gửi", "Nơi nhận"]
    assert dialog.name.text() == "Các xã"
    assert dialog.members.items() == ["Ủy ban nhân dân phường Tân An", "Ủy ban nhân dân xã Phước Lộc"]  # today
    dialog.table.selectRow(1)
    assert dialog.members.items() == ["UBMTTQVN xã", "Hội LHPN xã"]  # Nơi nhận: short forms
    qtbot.keyClicks(dialog.search, "cong an")
    assert dialog.results.item(0).text() == "CA xã"
    press(dialog.search, Qt.Key.Key_Return)
    assert dialog.members.items()[-1] == "CA xã" and dialog.search.text() == ""
    assert dialog.buttons["save"].isEnabled()
    dialog.members.up.click()
    dialog.members.list.setCurrentRow(0)
    dialog.members.remove.click()
    assert dialog.members.items() == ["CA xã", "Hội LHPN xã"]
    shoot(dialog, "lists", (1180, 660))
    dialog.buttons["save"].click()
    assert store.lists.names("Đoàn thể") == ["CA xã", "Hội LHPN xã"]
    assert not dialog.buttons["save"].isEnabled()
    assert presenter.errors == [] and presenter.questions == []


def test_lists_rename_duplicate_delete_and_unsaved_changes(qtbot, office: AppContext, presenter: Recorder) -> None:
    from dnnd_drafter.ui.data.lists import ListsDialog

    store = office.store
    store.lists.save_from_draft("Đoàn thể", "noi_nhan", ["UBMTTQVN xã", "Hội LHPN xã"])
    dialog = ListsDialog(office)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.selectAll()
    type_text(dialog.name, "Khối đoàn thể")
    presenter.answers = [dialogs.CANCEL]
    dialog.close()  # unsaved: asked; “Hủy” keeps the window and the typed name
    assert presenter.questions and dialog.name.text() == "Khối đoàn thể"
    dialog.buttons["save"].click()
    assert [x.name for x in store.lists.all()] == ["Khối đoàn thể"]

    dialog.buttons["duplicate"].click()
    assert column(dialog.table, 0) == ["Khối đoàn thể", "Khối đoàn thể (bản sao)"]
    assert dialog.name.selectedText() == "Khối đoàn thể (bản sao)"
    type_text(dialog.name, "Đoàn thể (gửi báo cáo)")
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("kinh_gui"))
    assert dialog.members.items()[0] == "Ủy ban Mặt trận Tổ quốc Việt Nam xã Cát Tiên"  # full names now
    presenter.answers = [dialogs.YES]
    dialog.table.selectRow(row_of(dialog.table, "Khối đoàn thể"))  # switching asks to save first
    copy = store.lists.get("Đoàn thể (gửi báo cáo)")
    assert copy.purpose == "kinh_gui" and len(copy.entry_ids) == 2
    assert dialog.name.text() == "Khối đoàn thể"

    dialog.buttons["new"].click()
    qtbot.keyClicks(dialog.search, "cong an")
    press(dialog.search, Qt.Key.Key_Return)
    dialog.buttons["save"].click()  # no name: the message, the member stays
    assert presenter.errors == ["Danh sách nơi nhận cần có tên."]
    assert dialog.errors["name"].text() == "Danh sách nơi nhận cần có tên."
    assert dialog.members.items() == ["CA xã"]
    type_text(dialog.name, "Khối đoàn thể")
    dialog.buttons["save"].click()  # a name already used
    assert "Đã có danh sách nơi nhận tên “Khối đoàn thể”" in presenter.errors[-1]
    dialog.name.clear()
    type_text(dialog.name, "Công an")
    dialog.buttons["save"].click()
    assert store.lists.names("Công an") == ["CA xã"]

    dialog.table.selectRow(row_of(dialog.table, "Khối đoàn thể"))
    presenter.answers = [dialogs.NO]
    dialog.buttons["delete"].click()
    assert len(store.lists.all()) == 3
    dialog.buttons["delete"].click()
    assert [x.name for x in store.lists.all()] == ["Công an", "Đoàn thể (gửi báo cáo)"]
    dialog.name.selectAll()
    type_text(dialog.name, "x")
    presenter.answers = [dialogs.NO]
    dialog.close()  # “Không lưu” closes and drops the change
    assert not dialog.isVisible() and [x.name for x in store.lists.all()] == ["Công an", "Đoàn thể (gửi báo cáo)"]


# -- Hồ sơ cơ quan -----------------------------------------------------------------------------------
def test_profiles_add_edit_use_and_delete(qtbot, office: AppContext, presenter: Recorder, clerk) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.ui.data.profiles import ProfilesDialog
    from dnnd_drafter.ui.data.profile_dialog import ProfileDialog

    store = office.store
    dialog = ProfilesDialog(office)
    qtbot.addWidget(dialog)
    assert column(dialog.table, 1) == ["Đảng ủy xã Cát Tiên", "UBND xã Cát Tiên"]
    assert column(dialog.table, 0) == ["", "✓"] and dialog.selected_id() == office.profile.id
    assert column(dialog.table, 5)[1] == "Nguyễn Văn An — CHỦ TỊCH"
    shoot(dialog, "profiles", (1040, 520))

    def add(form: QDialog) -> None:
        assert isinstance(form, ProfileDialog)
        form.accept()  # empty: the form shows “Bắt buộc nhập.” under the fields
        assert form.result() != QDialog.DialogCode.Accepted
        type_text(form.name, "MTTQ xã Cát Tiên")
        form.family.setCurrentIndex(form.family.findData("doan_the"))
        type_text(form.issuer, "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ CÁT TIÊN")
        type_text(form.abbreviation, "MTTQ")
        type_text(form.place, "Cát Tiên")
        form.accept()

    clerk(add)
    dialog.buttons["add"].click()
    added = store.profiles.by_name("MTTQ xã Cát Tiên")
    assert added is not None and added.family == "doan_the"
    assert dialog.selected_id() == added.id and office.profile.name == "UBND xã Cát Tiên"
    dialog.buttons["use"].click()
    assert office.profile.id == added.id and not dialog.buttons["use"].isEnabled()
    assert "Đang dùng: MTTQ xã Cát Tiên" in dialog.status.text()
    from dnnd_drafter.model import drafting

    assert drafting.new_draft(office.profile).issuer.abbreviation == "MTTQ"  # what Tệp → Mới does

    def rename(form: QDialog) -> None:
        form.name.selectAll()
        type_text(form.name, "Mặt trận xã Cát Tiên")
        form.accept()

    clerk(rename)
    dialog.buttons["edit"].click()
    assert office.profile.name == "Mặt trận xã Cát Tiên"  # the active profile follows the edit

    store.register.issue(office.profile.id, "cong_van", subject="Về việc A")
    dialog.buttons["delete"].click()
    assert "sổ văn bản đi đã có văn bản" in presenter.errors[-1]
    dialog.table.selectRow(row_of(dialog.table, "Đảng ủy xã Cát Tiên", 1))
    dialog.buttons["delete"].click()
    assert [p.name for p in store.profiles.all()] == ["Mặt trận xã Cát Tiên", "UBND xã Cát Tiên"]


def test_deleting_the_active_profile_picks_another(qtbot, office: AppContext, presenter: Recorder) -> None:
    from dnnd_drafter.ui.data.profiles import ProfilesDialog

    dialog = ProfilesDialog(office)
    qtbot.addWidget(dialog)
    dialog.buttons["delete"].click()
    assert office.profile is not None and office.profile.name == "Đảng ủy xã Cát Tiên"
    dialog.buttons["delete"].click()
    assert office.profile is None and dialog.table.rowCount() == 0
    assert dialog.status.text().startswith("Chưa chọn hồ sơ")


# -- Người ký ------------------------------------------------------------------------------------------
def test_signers_add_edit_default_and_delete(qtbot, office: AppContext, presenter: Recorder, clerk) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.ui.data.signers import SignerDialog, SignersDialog

    store = office.store
    dialog = SignersDialog(office)
    qtbot.addWidget(dialog)
    assert dialog.profile_box.currentText() == "UBND xã Cát Tiên (đang dùng)"
    assert column(dialog.table, 1) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert column(dialog.table, 0) == ["✓", ""]
    shoot(dialog, "signers", (960, 480))

    def add(form: QDialog) -> None:
        assert isinstance(form, SignerDialog)
        forms = [form.authority.itemData(i) for i in range(form.authority.count())]
        assert forms == ["", "TM.", "KT.", "TL.", "TUQ.", "Q."]
        type_text(form.position, "PHÓ CHỦ TỊCH")
        form.accept()  # no name
        assert form.errors["name"].text() == "Người ký cần có họ tên."
        type_text(form.name, "Lê Văn Cường")
        form.authority.setCurrentIndex(form.authority.findData("KT."))
        type_text(form.body, "CHỦ TỊCH")
        shoot(form, "signer_form")
        form.accept()

    clerk(add)
    dialog.buttons["add"].click()
    assert presenter.errors == ["Người ký cần có họ tên."]
    signers = store.profiles.signers(office.profile.id)
    added = next(s for s in signers if s.name == "Lê Văn Cường")
    assert (added.position, added.authority, added.body, added.is_default) == ("PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH", False)
    assert dialog.selected_id() == added.id
    dialog.buttons["default"].click()
    assert store.profiles.default_signer(office.profile.id).name == "Lê Văn Cường"
    assert column(dialog.table, 0)[0] == "✓"

    dialog.table.selectRow(row_of(dialog.table, "Trần Thị Bình", 1))

    def edit(form: QDialog) -> None:
        form.name.clear()
        type_text(form.name, "Trần Thị Bình An")
        form.accept()

    clerk(edit)
    press(dialog.table, Qt.Key.Key_Delete)  # asks, the recorder says yes
    assert [s.name for s in store.profiles.signers(office.profile.id)] == ["Lê Văn Cường", "Nguyễn Văn An"]
    dialog.table.selectRow(1)
    dialog.buttons["edit"].click()
    assert [s.name for s in store.profiles.signers(office.profile.id)] == ["Lê Văn Cường", "Trần Thị Bình An"]

    dialog.profile_box.setCurrentIndex(dialog.profile_box.findText("Đảng ủy xã Cát Tiên"))
    assert dialog.table.rowCount() == 0

    def party(form: QDialog) -> None:
        assert [form.authority.itemData(i) for i in range(form.authority.count())] == ["", "T/M", "K/T", "T/L"]
        assert form.is_default.isChecked()  # the first signer of a profile is its default
        type_text(form.name, "Phạm Văn Dũng")
        form.accept()

    clerk(party)
    dialog.buttons["add"].click()
    party_profile = store.profiles.by_name("Đảng ủy xã Cát Tiên")
    assert store.profiles.default_signer(party_profile.id).name == "Phạm Văn Dũng"


# -- Sổ văn bản đi -------------------------------------------------------------------------------------
def test_register_year_filter_cancel_with_reason_and_export(qtbot, office: AppContext, presenter: Recorder,
                                                            clerk, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from dnnd_drafter.ui.data import register as data_register

    store, pid = office.store, office.profile.id
    store.register.issue(pid, "cong_van", on=dt.date(2024, 12, 30), subject="Về việc năm cũ")
    first = store.register.issue(pid, "cong_van", on=TODAY, subject="Về việc tổ chức Tết Trồng cây",
                                 recipients=["Các thôn", "Lưu: VT, VP"], signer="Nguyễn Văn An",
                                 file_name="cv-01.docx")
    store.register.issue(pid, "ke_hoach", on=TODAY, subject="Kế hoạch phòng chống thiên tai")
    dialog = data_register.RegisterDialog(office)
    qtbot.addWidget(dialog)
    assert dialog.year.currentData() == TODAY.year and dialog.year.findData(2024) >= 0
    assert column(dialog.table, 0) == ["01", "01"]
    assert column(dialog.table, 1) == ["UBND-VP", "KH-UBND"]
    assert column(dialog.table, 4)[0] == "Các thôn; Lưu: VT, VP"
    assert column(dialog.table, 6)[0] == "cv-01.docx" and column(dialog.table, 7) == ["Đã cấp", "Đã cấp"]
    dialog.year.setCurrentIndex(dialog.year.findData(2024))
    assert column(dialog.table, 3) == ["Về việc năm cũ"]
    dialog.year.setCurrentIndex(dialog.year.findData(TODAY.year))
    dialog.table.selectRow(0)

    def cancel(form: QDialog) -> None:
        assert isinstance(form, data_register.CancelDialog)
        form.accept()  # empty reason: refused with the message, still open
        assert form.result() != QDialog.DialogCode.Accepted
        assert form.errors["reason"].text() == "Cần ghi lý do hủy số văn bản."
        type_text(form.reason, "Văn bản bị thu hồi để sửa nội dung")
        shoot(form, "register_cancel")
        form.accept()

    clerk(cancel)
    dialog.buttons["cancel"].click()
    assert presenter.errors == ["Cần ghi lý do hủy số văn bản."]
    entry = store.register.get(first.id)
    assert entry.cancelled and entry.cancel_reason == "Văn bản bị thu hồi để sửa nội dung"
    assert column(dialog.table, 7)[0] == "Đã hủy: Văn bản bị thu hồi để sửa nội dung"
    assert not dialog.buttons["cancel"].isEnabled()
    assert dialog.summary.text() == f"Năm {TODAY.year}: 1 số đã cấp, 1 số đã hủy."
    assert store.register.next_number(pid, "cong_van") == 2  # the cancelled number is never reused
    shoot(dialog, "register", (1240, 620))

    target = tmp_path / "so.csv"
    monkeypatch.setattr(data_register, "choose_save_path", lambda parent, title, start: str(target))
    dialog.buttons["export"].click()
    text = target.read_text(encoding="utf-8-sig")
    assert "Về việc tổ chức Tết Trồng cây" in text and "Về việc năm cũ" not in text
    assert presenter.infos == [f"Đã xuất sổ văn bản đi năm {TODAY.year} ra tệp:\n{target}"]
    dialog.profile.setCurrentIndex(dialog.profile.findText("Đảng ủy xã Cát Tiên"))
    assert dialog.table.model().rowCount() == 0 and dialog.year.count() == 1


# -- from the wizard's Dữ liệu menu --------------------------------------------------------------------
def test_the_menu_opens_the_profiles_window_and_new_letters_use_the_chosen_profile(
        qtbot, office: AppContext, presenter: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtGui import QAction

    from dnnd_drafter.ui.app import build_window, first_session

    def choose_the_party_profile(dialog: QDialog) -> int:
        dialog.table.selectRow(row_of(dialog.table, "Đảng ủy xã Cát Tiên", 1))
        dialog.buttons["use"].click()
        dialog.accept()
        return int(dialog.result())

    monkeypatch.setattr(data_dialogs.DataDialog, "exec", choose_the_party_profile)
    window = build_window(office, first_session(office))
    qtbot.addWidget(window)
    try:
        menu = window.menus.menus["data"]
        menu.popup(window.mapToGlobal(window.rect().topLeft()))  # the clerk opens Dữ liệu
        window.findChild(QAction, "action_profiles").trigger()
        menu.close()
        assert office.profile.name == "Đảng ủy xã Cát Tiên"
        from dnnd_drafter.model import drafting  # what Tệp → Mới does with the context

        draft = drafting.new_draft(office.profile)
        assert (draft.family, draft.issuer.abbreviation, draft.symbol) == ("dang", "ĐU", "CV/ĐU")
        assert presenter.errors == []
    finally:
        window.session.dirty = False
        window.preview.wait_idle()


# -- the one place user errors are shown -------------------------------------------------------
def test_a_user_error_is_shown_once_under_its_field_and_other_errors_go_on(qtbot, presenter: Recorder) -> None:
    from PySide6.QtWidgets import QLabel

    from dnnd_drafter.base.errors import DraftError

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.presenter = presenter  # type: ignore[attr-defined] # a window holds its context's presenter
    labels = {"place": QLabel("old message"), "subject": QLabel()}
    for label in labels.values():
        label.setParent(parent)

    def refuse() -> None:
        raise DraftError("Chưa nhập trích yếu.", field="subject")

    assert not dialogs.guarded(parent, refuse, labels)
    assert presenter.errors == ["Chưa nhập trích yếu."]
    assert labels["subject"].text() == "Chưa nhập trích yếu." and labels["place"].text() == ""
    with dialogs.user_errors_shown(parent) as outcome:
        pass
    assert not outcome.failed and presenter.errors == ["Chưa nhập trích yếu."]
    with pytest.raises(ZeroDivisionError):  # a bug is not a message for the clerk: the crash handler takes it
        dialogs.guarded(parent, lambda: 1 / 0)
