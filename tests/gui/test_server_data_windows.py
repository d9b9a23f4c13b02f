"""The Dữ liệu windows on the office's server: a save waits for the server on a worker thread (the
window keeps painting and refuses a second command meanwhile), and a server that was away at start
is tried again when a window opens or a save is pressed, keeping what the clerk typed."""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from dnnd_drafter.store.addressbook import AddressBook
from dnnd_drafter.store.server import ENV_DATABASE
from dnnd_drafter.ui import server_calls
from dnnd_drafter.ui.data import DATA_WINDOWS, open_data_dialog
from dnnd_drafter.ui.data import windows as data_dialogs
from dnnd_drafter.ui.data.addressbook import EntryDialog
from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.gui.clerk import make_office
from tests.gui.test_server_window import on_server  # noqa: F401 - fixture
from tests.unit.pg_fixtures import TEMPLATE, pg_cluster, server_url  # noqa: F401 - fixtures

UNREACHABLE = "Không kết nối được máy chủ dữ liệu"


def _entry_dialog(store, name: str, presenter) -> EntryDialog:  # type: ignore[no-untyped-def]
    """Return the Thêm địa chỉ dialog with `name` typed in, showing its messages through `presenter`."""
    dialog = EntryDialog(store, Recipient(""))
    dialog.presenter = presenter  # as the address book opening it would
    dialog.name.setText(name)
    return dialog


def test_saving_an_address_waits_for_the_server_off_the_ui_thread(on_server, office, presenter, qtbot,  # type: ignore[no-untyped-def]
                                                                  monkeypatch) -> None:
    store = office.store
    assert store.on_server
    entered, release = threading.Event(), threading.Event()
    callers: list[threading.Thread] = []
    real = AddressBook.add

    def slow_add(self, entry):  # type: ignore[no-untyped-def]
        callers.append(threading.current_thread())
        entered.set()
        release.wait(10)  # the test releases it from the UI thread (a deadline, not a sleep)
        return real(self, entry)

    monkeypatch.setattr(AddressBook, "add", slow_add)
    first = _entry_dialog(store, "Hợp tác xã Nông nghiệp Tân Lập", presenter)
    second = _entry_dialog(store, "Quỹ Tín dụng Tân Lập", presenter)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    seen_meanwhile: list[object] = []

    def meanwhile() -> None:  # runs on the UI thread while the first save is out
        seen_meanwhile.append(entered.wait(10))
        second.accept()  # a second command meanwhile is refused, changing nothing
        seen_meanwhile.append(list(presenter.errors))
        release.set()

    QTimer.singleShot(0, meanwhile)
    first.accept()
    release.set()
    assert seen_meanwhile[:1] == [True], "the window processed no events while the server was asked"
    assert seen_meanwhile[1] == [server_calls.TEXT["one_at_a_time"]]
    assert callers and callers[0] is not threading.main_thread()
    assert first.saved is not None and second.saved is None and second.name.text() == "Quỹ Tín dụng Tân Lập"
    assert [e.name for e in store.addressbook.search("hop tac xa nong nghiep")] == ["Hợp tác xã Nông nghiệp Tân Lập"]
    assert store.addressbook.search("quy tin dung") == []


def test_data_windows_try_the_absent_server_again_and_keep_what_was_typed(qtbot, presenter, monkeypatch,  # type: ignore[no-untyped-def]
                                                                          pg_cluster) -> None:
    name = f"dnnd_data_back_{os.getpid()}"
    monkeypatch.setenv(ENV_DATABASE, pg_cluster.url(name))  # not there yet: both stores open offline
    saving, opening = open_store(offline_ok=True), open_store(offline_ok=True)
    monkeypatch.setattr(data_dialogs.DataDialog, "exec", lambda self: 0)
    window = QWidget()
    qtbot.addWidget(window)
    try:
        assert saving.server_notice and opening.server_notice
        context = AppContext(opening, presenter=presenter)
        open_data_dialog("addressbook", window, context)  # still away: said, naming the server
        assert len(presenter.errors) == 1 and UNREACHABLE in presenter.errors[0] and name in presenter.errors[0]
        dialog = _entry_dialog(saving, "Hợp tác xã Nông nghiệp Tân Lập", presenter)
        qtbot.addWidget(dialog)
        dialog.accept()
        assert UNREACHABLE in presenter.errors[-1] and name in presenter.errors[-1]
        assert dialog.saved is None and dialog.name.text() == "Hợp tác xã Nông nghiệp Tân Lập"  # kept, dialog still open

        pg_cluster.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")  # the server is back
        with open_store() as office:
            make_office(office)
        presenter.errors.clear()
        dialog.accept()  # pressing Lưu again tries the server again
        assert presenter.errors == [] and saving.server_notice is None and dialog.saved is not None
        assert [e.name for e in saving.addressbook.search("hop tac xa nong nghiep")] == ["Hợp tác xã Nông nghiệp Tân Lập"]
        open_data_dialog("signers", window, context)  # opening a window tries it again too
        assert presenter.errors == [] and opening.server_notice is None
        assert [e.name for e in opening.addressbook.search("hop tac xa nong nghiep")] == ["Hợp tác xã Nông nghiệp Tân Lập"]
    finally:
        saving.close()
        opening.close()
        pg_cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_data_windows_load_from_the_server_off_the_ui_thread(on_server, office, presenter, qtbot,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    from dnnd_drafter.store.lists import RecipientLists
    from dnnd_drafter.store.profiles import Profiles
    from dnnd_drafter.store.register import Register

    callers: dict[str, threading.Thread] = {}
    for cls, name in ((AddressBook, "entries"), (RecipientLists, "all"), (Profiles, "all"),
                      (Register, "entry_ids")):
        real = getattr(cls, name)
        monkeypatch.setattr(cls, name, lambda self, *a, _real=real, _key=f"{cls.__name__}.{name}", **k:
                            callers.setdefault(_key, threading.current_thread()) and _real(self, *a, **k))
    shown: list[QWidget] = []
    monkeypatch.setattr(data_dialogs.DataDialog, "exec", lambda self: shown.append(self) and 0)
    window = QWidget()
    qtbot.addWidget(window)
    for key in DATA_WINDOWS:
        open_data_dialog(key, window, office)
    assert presenter.errors == [] and len(shown) == 5
    assert sorted(callers) == ["AddressBook.entries", "Profiles.all", "RecipientLists.all", "Register.entry_ids"]
    assert all(thread is not threading.main_thread() for thread in callers.values()), callers
