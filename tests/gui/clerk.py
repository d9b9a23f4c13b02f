"""Help GUI tests act as a clerk: type Vietnamese as an input method delivers it, record dialogs,
and set up an office with a profile, signers and an address book."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from dnnd_drafter.ui import dialogs


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget` key by key; works for any character (no Latin-1 limit)."""
    widget.setFocus()
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()


def press(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press and release one key on `widget`."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers))
    QApplication.processEvents()


def wait_settled(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Wait until the wizard has finished starting: first preview shown, shortcuts in place."""
    qtbot.waitUntil(lambda: window.settled, timeout=10_000)
    window.preview.wait_idle()
    qtbot.waitUntil(lambda: window.preview.pages.page_count() > 0, timeout=10_000)


@dataclass
class RecordingPresenter:
    """Record every message the app shows; answer questions with `answers` (default ``yes``)."""

    errors: list[str] = field(default_factory=list)
    infos: list[str] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)

    def error(self, parent: object, text: str, detail: str = "") -> None:
        """Record an error."""
        self.errors.append(text + (f" {detail}" if detail else ""))

    def info(self, parent: object, text: str) -> None:
        """Record an information message."""
        self.infos.append(text)

    def ask(self, parent: object, text: str, yes: str = "", no: str = "", cancel: str | None = None) -> str:
        """Record a question and give the next prepared answer."""
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else dialogs.YES


ADDRESS_BOOK = [
    ("Ủy ban nhân dân xã", "UBND xã"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "UBMTTQVN xã"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "Đoàn TN xã"),
    ("Hội Liên hiệp Phụ nữ xã", "Hội LHPN xã"),
    ("Hội Cựu chiến binh xã", "Hội CCB xã"),
    ("Hội Nông dân xã", "Hội ND xã"),
    ("Công an xã", "CA xã"),
    ("Thường trực Đảng ủy xã", "TT Đảng ủy"),
]


def make_office(store):  # type: ignore[no-untyped-def]
    """Fill `store` with a State profile, two signers and the address book; return the profile."""
    from dnnd_drafter.store import Profile, Signer
    from dnnd_drafter.store.addressbook import Recipient

    profile = store.profiles.save(Profile(
        name="UBND xã Cát Tiên", family="nha_nuoc", issuing_body="ỦY BAN NHÂN DÂN\nXÃ CÁT TIÊN",
        parent_body="", abbreviation="UBND", default_place="Cát Tiên", unit_abbreviations=["VP"],
        archive_line="Lưu: VT, VP"))
    store.profiles.save_signer(Signer(profile.id, "Nguyễn Văn An", "CHỦ TỊCH", "TM.", "ỦY BAN NHÂN DÂN", True))
    store.profiles.save_signer(Signer(profile.id, "Trần Thị Bình", "PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH", False, 1))
    for name, short in ADDRESS_BOOK:
        store.addressbook.add(Recipient(name, short, valid_from=dt.date(2025, 7, 1)))
    return profile


def no_file_chosen(*_args: object) -> str:
    """Answer a file chooser as a clerk who pressed Cancel."""
    return ""


RecordingPresenter.save_file = lambda self, *a: no_file_chosen(*a)  # type: ignore[attr-defined]
RecordingPresenter.open_file = lambda self, *a: no_file_chosen(*a)  # type: ignore[attr-defined]
