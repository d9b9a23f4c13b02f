"""The address book on the office's server: typing in the recipient picker runs no statement of
the server on the UI thread (this PC's copy answers, followed from a thread of its own), a
colleague's new entry shows without a keystroke, and when the server is away a new window still
finds the entries in the read-only copy, says so, and refuses edits in Vietnamese keeping what
was typed."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt

from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.lists import RecipientList
from dnnd_drafter.store import open_store
from dnnd_drafter.store.server import ENV_DATABASE
from dnnd_drafter.ui import app
from dnnd_drafter.ui.wizard.recipient_picker import RecipientPicker
from tests.gui.clerk import make_office, press, type_text
from tests.gui.test_server_register_window import on_ui_thread, spy_on_server_statements
from tests.unit.pg_fixtures import pg_cluster, server_url  # noqa: F401 - fixtures

COPY_NOTE = re.compile(r"^Sổ địa chỉ: bản sao chỉ đọc lúc \d\d:\d\d \d\d/\d\d/\d{4} – máy chủ không kết nối được$")


def _shown(picker: RecipientPicker) -> list[str]:
    """Return the names the picker's results list shows."""
    return [picker.results.item(row).text() for row in range(picker.results.count())]


def _app_store(qtbot, presenter):  # type: ignore[no-untyped-def]
    """Open the store as the app does and wait until its copy followed the server once."""
    store = app.open_context(presenter).store
    assert store is not None
    copy = getattr(store, "server_copy", None)
    if copy is not None:
        qtbot.waitUntil(copy.synced.is_set, timeout=10_000)
    return store


def test_typing_in_the_picker_runs_no_server_statement_on_the_ui_thread(server_url, monkeypatch, qtbot,  # type: ignore[no-untyped-def]
                                                                        presenter) -> None:
    from dnnd_drafter.ui.data.addressbook import AddressBookDialog
    from dnnd_drafter.ui.wizard.step_base import AppContext

    monkeypatch.setenv(ENV_DATABASE, server_url)
    with open_store() as office:
        make_office(office)
    store = _app_store(qtbot, presenter)
    try:
        picker = RecipientPicker("kinh_gui", store)
        qtbot.addWidget(picker)
        picker.show()
        picker.set_date(dt.date.today())
        seen = spy_on_server_statements(monkeypatch)  # from here on: keystrokes only
        type_text(picker.search, "Ủy ban mặt")
        assert _shown(picker) == ["Ủy ban Mặt trận Tổ quốc Việt Nam xã"]
        for _ in "mặt":
            press(picker.search, Qt.Key.Key_Backspace)
        assert "Ủy ban nhân dân xã" in _shown(picker)
        book = AddressBookDialog(AppContext(store=store, presenter=presenter))  # the Sổ địa chỉ window: the same
        qtbot.addWidget(book)
        book.show()
        seen.clear()
        type_text(book.search, "Hội Nông")
        assert [book.table.item(r, 0).text() for r in range(book.table.rowCount())] == ["Hội Nông dân xã"]
        assert on_ui_thread(seen) == [], on_ui_thread(seen)[:5]
        with open_store(auto_backup=False) as colleague:  # another PC adds an entry: it shows, no key pressed
            monkeypatch.undo()
            colleague.addressbook.add(Recipient("Ủy ban Kiểm tra Đảng ủy xã", "UBKT xã"))
        qtbot.waitUntil(lambda: "Ủy ban Kiểm tra Đảng ủy xã" in _shown(picker), timeout=1_000)
        assert not picker.copy_note.isVisible()
    finally:
        store.close()


def test_without_the_server_a_new_window_searches_the_read_only_copy(server_url, pg_cluster, monkeypatch,  # type: ignore[no-untyped-def]
                                                                     qtbot, presenter) -> None:
    from dnnd_drafter.ui.data.addressbook import AddressBookDialog
    from dnnd_drafter.ui.data.addressbook_forms import EntryDialog
    from dnnd_drafter.ui.wizard.step_base import AppContext

    monkeypatch.setenv(ENV_DATABASE, server_url)
    with open_store() as office:
        make_office(office)
        farmers = office.addressbook.search("hoi nong dan")[0]
        office.lists.save(RecipientList("Các hội", "noi_nhan", [farmers.id]))
    store = _app_store(qtbot, presenter)  # the server is up: the app keeps its copy
    picker = RecipientPicker("noi_nhan", store)
    qtbot.addWidget(picker)
    type_text(picker.search, "Hội nông")
    assert _shown(picker) == ["Hội ND xã"]
    store.close()
    pg_cluster.stop()
    try:
        presenter.infos.clear()
        store = app.open_context(presenter).store  # the server is away at start
        assert store is not None and store.server_notice
        picker = RecipientPicker("noi_nhan", store)  # a new window finds the entries in the copy
        picker.presenter = presenter  # type: ignore[attr-defined] # as the step holding it would
        qtbot.addWidget(picker)
        picker.show()
        type_text(picker.search, "Hội nông")
        assert _shown(picker) == ["Hội ND xã"]
        assert picker.copy_note.isVisible() and COPY_NOTE.match(picker.copy_note.text()), picker.copy_note.text()
        assert [picker.lists.itemText(i) for i in range(picker.lists.count())] == ["Các hội"]
        picker.search.clear()
        type_text(picker.search, "Hội Người cao tuổi xã")  # not in the book: added to the letter only
        picker.new_button.click()
        assert picker.names() == ["Hội Người cao tuổi xã"]
        assert any("chưa ghi được vào sổ địa chỉ" in e and "Không kết nối được máy chủ dữ liệu" in e
                   for e in presenter.errors), presenter.errors
        book = AddressBookDialog(AppContext(store=store, presenter=presenter))
        qtbot.addWidget(book)
        book.show()
        type_text(book.search, "Hội Cựu")
        assert book.table.rowCount() == 1 and book.table.item(0, 0).text() == "Hội Cựu chiến binh xã"
        assert book.copy_note.isVisible() and COPY_NOTE.match(book.copy_note.text())
        presenter.errors.clear()
        entry = EntryDialog(store, Recipient(""), book)  # opened from the Sổ địa chỉ window
        qtbot.addWidget(entry)
        entry.show()
        type_text(entry.name, "Hội Chữ thập đỏ xã")
        entry.accept()  # an edit: the server is unreachable, said in Vietnamese; the form keeps the text
        assert any("Không kết nối được máy chủ dữ liệu" in e for e in presenter.errors), presenter.errors
        assert entry.isVisible() and entry.name.text() == "Hội Chữ thập đỏ xã" and entry.saved is None
        entry.close()
        store.close()
    finally:
        pg_cluster.start()


def test_the_pickers_lists_and_a_typed_name_run_no_server_statement_on_the_ui_thread(  # type: ignore[no-untyped-def]
        server_url, monkeypatch, qtbot, presenter) -> None:
    """Check opening a picker (its saved lists), loading a list, saving one and adding a typed name."""
    monkeypatch.setenv(ENV_DATABASE, server_url)
    with open_store() as office:
        make_office(office)
        farmers = office.addressbook.search("hoi nong dan")[0]
        office.lists.save(RecipientList("Các hội", "noi_nhan", [farmers.id]))
    store = _app_store(qtbot, presenter)
    try:
        seen = spy_on_server_statements(monkeypatch)
        picker = RecipientPicker("noi_nhan", store)  # a new step: its saved lists are read
        picker.presenter = presenter  # type: ignore[attr-defined] # as the step holding it would
        qtbot.addWidget(picker)
        picker.show()
        picker.set_date(dt.date.today())
        assert [picker.lists.itemText(i) for i in range(picker.lists.count())] == ["Các hội"]
        picker.load_list()
        assert picker.names() == ["Hội ND xã"]
        type_text(picker.search, "Hội Khuyến học xã")
        picker.add_typed()
        assert picker.names() == ["Hội ND xã", "Hội Khuyến học xã"]
        picker.list_name.setText("Các hội mới")
        picker.save_list()
        assert seen and on_ui_thread(seen) == [], on_ui_thread(seen)[:5]
        assert presenter.errors == []
        assert store.addressbook.match("Hội Khuyến học xã") is not None
    finally:
        store.close()
