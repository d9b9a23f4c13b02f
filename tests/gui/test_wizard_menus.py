"""Check what a Windows clerk expects of the window: shortcuts, labels and tooltips, the register."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QPlainTextEdit

from dnnd_drafter.model import letter as model
from tests.gui.clerk import press, type_text, wait_settled




def _action(win, key: str):
    return next(a for a in win.findChildren(type(win.menuBar().actions()[0])) if a.objectName() == f"action_{key}")


def test_menus_carry_the_usual_shortcuts(qtbot, window) -> None:
    assert window.pages[0].isVisible()  # step 1 takes input at once; the shortcuts follow the first frame
    wait_settled(qtbot, window)
    assert window.next.shortcut() == QKeySequence("Alt+Right")
    expected = {"new": QKeySequence.StandardKey.New, "open": QKeySequence.StandardKey.Open,
                "save": QKeySequence.StandardKey.Save, "print": QKeySequence.StandardKey.Print}
    for key, standard in expected.items():
        assert _action(window, key).shortcut() == QKeySequence(standard)
    assert _action(window, "save_as").shortcut() == QKeySequence("Ctrl+Shift+S")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&Tệp", "&Dữ liệu", "Trợ &giúp"]


def test_ctrl_s_saves_the_draft_where_the_clerk_chose(qtbot, window, presenter, tmp_path: Path) -> None:
    wait_settled(qtbot, window)  # a fraction of a second after the window shows
    target = tmp_path / "ban-thao.json"
    presenter.save_file = lambda *a: str(target)
    type_text(window.pages[0].subject, "Về việc lưu bằng phím tắt")
    press(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert model.load(target).subject == "Về việc lưu bằng phím tắt"
    assert not window.session.dirty and window.windowTitle() == "DNND Drafter — ban-thao.json"
    type_text(window.pages[0].subject, " tiếp")
    press(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # the second time without asking
    assert model.load(target).subject == "Về việc lưu bằng phím tắt tiếp"


def test_every_field_has_a_label_and_a_tooltip(window) -> None:
    kinds = (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox, QListWidget)
    missing = []
    for page in window.pages:
        for widget in [w for kind in kinds for w in page.findChildren(kind)]:
            if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)) or widget.objectName() == "qt_spinbox_lineedit":
                continue
            holder = widget
            while holder is not None and not holder.toolTip() and holder is not page:
                holder = holder.parentWidget()
            if holder is None or holder is page:
                missing.append(f"{type(page).__name__}.{type(widget).__name__}")
    assert missing == []


def test_record_in_the_register_numbers_the_letter_and_rewrites_the_file(window, presenter, tmp_path: Path) -> None:
    draft = window.session.draft
    draft.subject, draft.recipients, draft.signature.name = "Về việc vào sổ", ["Công an xã"], "Nguyễn Văn An"
    draft.content.opening = "Nội dung."
    window.controller.load_session(window.session)
    window.controller.go_to(5)
    output = tmp_path / "vao-so.docx"
    window.review.output.setText(str(output))
    window.controller.create_letter()
    assert presenter.errors == []
    assert "Số:      /UBND-VP" in [p.text for t in docx.Document(str(output)).tables for c in t._cells for p in c.paragraphs]
    window.review.buttons["register"].click()
    assert presenter.errors == []
    assert presenter.questions[-1].startswith("Đã ghi vào sổ văn bản đi: số 01 ngày ")  # and offers the PDF
    cells = [p.text for t in docx.Document(str(output)).tables for c in t._cells for p in c.paragraphs]
    assert "Số: 01/UBND-VP" in cells
    entries = window.context.store.register.entries()
    assert [(e.number, e.subject, e.file_name) for e in entries] == [(1, "Về việc vào sổ", "vao-so.docx")]
    assert entries[0].file_hash


def test_tab_walks_the_header_fields_in_reading_order(window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    header = window.pages[0]
    window.activateWindow()
    header.family.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is header.family)
    order = [header.family]
    for _ in range(11):
        press(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    expected = [header.family, header.template, header.parent_body, header.issuer, header.abbreviation,
                header.blank, header.symbol, header.place]
    seen = [w for w in order if w in expected or w is header.date or (w is not None and w.parent() is header.date)]
    assert seen[:len(expected)] == expected
