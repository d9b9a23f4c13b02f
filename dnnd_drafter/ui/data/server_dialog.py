"""Dữ liệu → Máy chủ dữ liệu của cơ quan…: where this PC finds the office's PostgreSQL server.

Host, port, database, user, TLS mode and CA file are kept per user; the password goes to the
operating system's credential store (:mod:`dnnd_drafter.store.server_settings`). "Kiểm tra kết
nối" connects on a worker thread, so a slow or absent server never freezes the window; the
answer comes back through a signal. The new server is used from the next start.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.store import server_settings
from dnnd_drafter.store.server_settings import SSL_MODES, ServerSettings
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.widgets import add_field, dialog_buttons, show_error

TEXT = {
    "title": "Máy chủ dữ liệu của cơ quan",
    "intro": "Dùng chung hồ sơ cơ quan, sổ địa chỉ, danh sách nơi nhận và sổ văn bản đi với các máy khác qua "
             "máy chủ PostgreSQL của cơ quan. Bản thảo vẫn lưu trên máy này. Người quản trị có hướng dẫn "
             "trong docs/server.md.",
    "host": "Máy chủ:", "host_tip": "Tên hoặc địa chỉ IP của máy chủ, ví dụ 192.168.1.10.",
    "port": "Cổng:", "port_tip": "Cổng của PostgreSQL, thường là 5432.",
    "database": "Cơ sở dữ liệu:", "database_tip": "Tên cơ sở dữ liệu người quản trị đã tạo, ví dụ dnnd.",
    "user": "Tài khoản:", "user_tip": "Tài khoản người quản trị cấp cho bạn.",
    "password": "Mật khẩu:", "password_tip": "Được cất trong kho mật khẩu của hệ điều hành, không ghi ra tệp. "
                                           "Để trống nếu đã cất trước đó.",
    "sslmode": "Mã hóa (TLS):", "sslmode_tip": "Nên dùng “kiểm tra chứng chỉ và tên máy” cùng tệp chứng chỉ CA.",
    "sslrootcert": "Tệp chứng chỉ CA:", "sslrootcert_tip": "Tệp .crt của CA cơ quan, để kiểm tra máy chủ.",
    "browse": "Chọn…", "browse_title": "Chọn tệp chứng chỉ CA", "browse_filter": "Chứng chỉ (*.crt *.pem);;Mọi tệp (*)",
    "check": "Kiểm tra kết nối", "checking": "Đang kết nối…",
    "local": "Dùng dữ liệu trên máy này",
    "ok": "Lưu", "cancel": "Hủy",
    "saved": "Đã lưu thiết lập máy chủ dữ liệu. Hãy mở lại chương trình để dùng dữ liệu chung của cơ quan.",
    "saved_local": "Máy này sẽ dùng lại dữ liệu riêng của máy từ lần mở sau.",
}


class _CheckResult(QObject):
    """Carry the answer of a connection check from the worker thread to the window."""

    done = Signal(str, bool)  # message, ok


class ServerDialog(QDialog):
    """Edit this user's server setting, check it, save it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT["title"])
        self.checker: threading.Thread | None = None
        self._result = _CheckResult(self)
        self._result.done.connect(self._show_check)
        layout = QVBoxLayout(self)
        intro = QLabel(TEXT["intro"])
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.host, self.database, self.user = QLineEdit(), QLineEdit(), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        for mode, label in SSL_MODES.items():
            self.sslmode.addItem(label, mode)
        self.sslrootcert = QLineEdit()
        browse = QPushButton(TEXT["browse"])
        browse.clicked.connect(self._browse)
        ca_row = QWidget()
        row = QHBoxLayout(ca_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sslrootcert, 1)
        row.addWidget(browse)
        self.errors: dict[str, QLabel] = {}
        for key, widget in (("host", self.host), ("port", self.port), ("database", self.database),
                            ("user", self.user), ("password", self.password), ("sslmode", self.sslmode),
                            ("sslrootcert", ca_row)):
            self.errors[key] = add_field(form, TEXT[key], widget, TEXT[f"{key}_tip"])
        self.check_button = QPushButton(TEXT["check"])
        self.check_button.clicked.connect(self.check)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.check_button)
        layout.addWidget(self.status)
        self.local_button = QPushButton(TEXT["local"])
        self.local_button.clicked.connect(self.use_local)
        layout.addWidget(self.local_button)
        buttons = dialog_buttons(self, TEXT["ok"], TEXT["cancel"])
        layout.addWidget(buttons)
        self._fill(server_settings.load() or ServerSettings())

    def _fill(self, settings: ServerSettings) -> None:
        """Show `settings` in the form."""
        self.host.setText(settings.host)
        self.port.setValue(settings.port)
        self.database.setText(settings.database)
        self.user.setText(settings.user)
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(settings.sslmode)))
        self.sslrootcert.setText(settings.sslrootcert)

    def settings(self) -> ServerSettings:
        """Return the settings as typed."""
        return ServerSettings(self.host.text(), self.port.value(), self.database.text(), self.user.text(),
                              str(self.sslmode.currentData()), self.sslrootcert.text())

    def _browse(self) -> None:
        """Choose the CA file."""
        path, _ = QFileDialog.getOpenFileName(self, TEXT["browse_title"], "", TEXT["browse_filter"])
        if path:
            self.sslrootcert.setText(path)

    def _show_field_error(self, exc: UserMessageError) -> bool:
        """Show a field's error beside it; return whether it named a field of this form."""
        for label in self.errors.values():
            show_error(label, "")
        if exc.field in self.errors:
            show_error(self.errors[exc.field], exc.message)
            return True
        return False

    def check(self) -> None:
        """Connect with the typed settings on a worker thread; the answer shows below the button."""
        settings, password = self.settings(), self.password.text() or None
        self.check_button.setEnabled(False)
        self.status.setText(TEXT["checking"])

        def work() -> None:
            try:
                message, ok = server_settings.check(settings, password), True
            except UserMessageError as exc:
                message, ok = exc.message, False
            self._result.done.emit(message, ok)

        self.checker = threading.Thread(target=work, name="dnnd-server-check", daemon=True)
        self.checker.start()

    def _show_check(self, message: str, ok: bool) -> None:
        """Show the answer of a connection check."""
        self.check_button.setEnabled(True)
        self.status.setText(message)
        self.status.setProperty("ok", ok)

    def use_local(self) -> None:
        """Forget the server: this PC uses its own data again from the next start."""
        server_settings.save(None)
        dialogs.presenter_of(self).info(self, TEXT["saved_local"])
        super().reject()

    def accept(self) -> None:
        """Save the settings (password to the credential store) or show what is wrong."""
        try:
            server_settings.save(self.settings(), self.password.text() or None)
        except UserMessageError as exc:
            if not self._show_field_error(exc):
                dialogs.presenter_of(self).error(self, exc.message)
            return
        dialogs.presenter_of(self).info(self, TEXT["saved"])
        super().accept()


def edit_server_settings(parent: Any) -> None:
    """Open the dialog (Dữ liệu → Máy chủ dữ liệu của cơ quan…)."""
    ServerDialog(parent).exec()
