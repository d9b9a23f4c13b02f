"""Dữ liệu → Máy chủ dữ liệu của cơ quan…: type the server, check it off the UI thread, save it
with the password in the credential store; a missing field is named beside it."""

from __future__ import annotations

from PySide6.QtGui import QAction

from dnnd_drafter.store import server_settings
from dnnd_drafter.ui.data.server_dialog import ServerDialog
from tests.unit.pg_fixtures import pg_cluster, server_url  # noqa: F401 - fixtures
from tests.unit.test_store_server_settings import _from_url, credentials  # noqa: F401 - fixtures


def _fill(dialog: ServerDialog, settings) -> None:  # type: ignore[no-untyped-def]
    dialog.host.setText(settings.host)
    dialog.port.setValue(settings.port)
    dialog.database.setText(settings.database)
    dialog.user.setText(settings.user)
    dialog.sslmode.setCurrentIndex(dialog.sslmode.findData("disable"))


def test_the_data_menu_opens_the_server_setting(window) -> None:  # type: ignore[no-untyped-def]
    window.menus.fill_menus()
    action = window.findChild(QAction, "action_server")
    assert action is not None and action.text() == "&Máy chủ dữ liệu của cơ quan…"


def test_check_runs_off_the_ui_thread_and_save_keeps_the_password_out_of_files(
        qtbot, presenter, server_url, credentials) -> None:  # type: ignore[no-untyped-def]
    dialog = ServerDialog()
    dialog.presenter = presenter  # as the wizard opening it would
    qtbot.addWidget(dialog)
    _fill(dialog, _from_url(server_url, "vt_user"))
    dialog.password.setText("mat-khau-rieng")
    dialog.check_button.click()
    assert dialog.checker is not None and dialog.checker.name == "dnnd-server-check"
    qtbot.waitUntil(lambda: "Kết nối được máy chủ dữ liệu" in dialog.status.text(), timeout=10_000)
    assert dialog.check_button.isEnabled()
    dialog.accept()
    assert any("mở lại chương trình" in text for text in presenter.infos)
    assert "mat-khau-rieng" not in server_settings.settings_file().read_text(encoding="utf-8")
    assert list(credentials.secrets.values()) == ["mat-khau-rieng"]
    assert server_settings.load().user == "vt_user"


def test_a_missing_host_is_named_beside_the_field(qtbot, presenter) -> None:  # type: ignore[no-untyped-def]
    dialog = ServerDialog()
    dialog.presenter = presenter  # as the wizard opening it would
    qtbot.addWidget(dialog)
    dialog.user.setText("vt")
    dialog.accept()
    assert dialog.errors["host"].text() == "Hãy điền ô “Máy chủ”." and not server_settings.settings_file().exists()


def test_without_a_credential_store_saving_a_password_says_so_and_keeps_nothing(qtbot, presenter, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import keyring

    def refuse(*_args: object) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    monkeypatch.setattr(keyring, "set_password", refuse)
    dialog = ServerDialog()
    dialog.presenter = presenter  # as the wizard opening it would
    qtbot.addWidget(dialog)
    dialog.host.setText("192.168.1.10")
    dialog.user.setText("tranthib")
    dialog.password.setText("mat-khau")
    dialog.accept()
    assert presenter.errors and "không có kho mật khẩu" in presenter.errors[-1]
    assert not server_settings.settings_file().exists()
