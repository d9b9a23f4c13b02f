"""Qt's own dialogs speak Vietnamese: the shipped .qm matches its .ts, and the file and print
dialogs show Vietnamese labels and buttons once the app has installed the translation."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

from dnnd_drafter.ui import app as app_module
from dnnd_drafter.ui.translation import install_qt_translation, remove_qt_translation
from tests.conftest import REPO

TS_FILE = REPO / "resources" / "translations" / "qtbase_vi.ts"
ENGLISH = {"Look in:", "&Look in:", "Save", "&Save", "Open", "&Open", "Cancel", "&Cancel",
           "File &name:", "Files of &type:", "&Options >>", "&Print", "Print", "OK", "&OK"}


@pytest.fixture
def vietnamese(qapp):
    """Install the app's Qt translation for one test, then take it out again."""
    assert install_qt_translation(qapp) is not None
    yield qapp
    remove_qt_translation(qapp)


def _texts(widget) -> set[str]:
    """Return the visible texts of the labels and buttons inside `widget`."""
    labels = {w.text() for w in widget.findChildren(QLabel)}
    buttons = {w.text() for w in widget.findChildren(QAbstractButton)}
    return {t for t in labels | buttons if t}


def test_every_translation_of_the_ts_file_is_in_the_shipped_qm(vietnamese) -> None:
    messages = 0
    for context in ET.parse(TS_FILE).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source, wanted = message.findtext("source"), message.findtext("translation")
            assert QCoreApplication.translate(name, source) == wanted, (name, source)
            messages += 1
    assert messages > 250


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen])
def test_the_file_dialog_shows_vietnamese_labels_and_buttons(vietnamese, qtbot, mode) -> None:
    dialog = QFileDialog(None, "Lưu văn bản")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isVisible)
    texts = _texts(dialog)
    assert not texts & ENGLISH, texts & ENGLISH
    assert "&Tìm trong:" in texts and "&Tên tệp:" in texts and "Hủy" in texts
    assert ("&Lưu" if mode == QFileDialog.AcceptMode.AcceptSave else "&Mở") in texts


def test_the_print_dialog_shows_vietnamese_buttons(vietnamese, qtbot) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer)
    try:
        dialog.show()
        qtbot.waitUntil(dialog.isVisible)
        texts = _texts(dialog)
    finally:
        dialog.close()
        del dialog  # before the printer it reads
    assert not texts & ENGLISH, texts & ENGLISH
    assert "&Tùy chọn >>" in texts and "&In" in texts


def test_the_app_installs_the_translation_before_its_first_dialog(qapp, monkeypatch) -> None:
    seen: list[str] = []

    def first_dialog(*_presenter: object) -> None:
        seen.append(QCoreApplication.translate("QPlatformTheme", "Cancel"))
        raise KeyboardInterrupt

    monkeypatch.setattr(app_module, "open_context", first_dialog)
    monkeypatch.setattr(app_module.crashlog, "setup_logging", lambda: None)
    monkeypatch.setattr(app_module.excepthook, "install", lambda rescue: None)
    try:
        with pytest.raises(KeyboardInterrupt):
            app_module.run_app(["dnnd-drafter"])
    finally:
        remove_qt_translation(qapp)
    assert seen == ["Hủy"]


def test_the_print_preview_and_the_right_click_menu_are_vietnamese(vietnamese, qtbot) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
    from PySide6.QtWidgets import QLineEdit

    printer = QPrinter()
    preview = QPrintPreviewDialog(printer)
    try:
        preview.show()
        qtbot.waitUntil(preview.isVisible)
        actions = {a.text() for a in preview.findChildren(QAction) if a.text()}
        title = preview.windowTitle()
    finally:
        preview.close()
        del preview  # before the printer it reads
    assert title == "Xem trước khi in" and {"Phóng to", "Thu nhỏ", "Trang sau", "Thiết lập trang"} <= actions
    assert not actions & {"Zoom in", "Zoom out", "Next page", "Page setup", "Print"}
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert texts == ["&Hoàn tác", "&Làm lại", "&Cắt", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"]
