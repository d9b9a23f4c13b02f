"""Import a directive in the wizard: paste, split, correct, save; its tasks appear in step 3."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidgetItem

from dnnd_drafter.catalog import get_directive, load_catalog
from dnnd_drafter.ui.app import build_window, first_session
from dnnd_drafter.ui.wizard.import_directive import ImportDirectiveDialog
from tests.gui.clerk import type_text


def _directive_text() -> str:
    """Return Chỉ thị 12-CT/TW as a clerk would paste it, rebuilt from the shipped catalog."""
    d = get_directive("12-CT/TW")
    lines = ["BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM", f"Số {d.number}",
             "Hà Nội, ngày 05 tháng 01 năm 2022", "CHỈ THỊ", "CỦA BAN BÍ THƯ", d.subject,
             "I- Sau 10 năm thực hiện Chỉ thị số 04-CT/TW, công tác đối ngoại nhân dân đạt nhiều kết quả.",
             f"II- {d.lead_in}"]
    lines += [f"{t.number}. {t.text}" for t in d.tasks]
    lines += ["III- Tổ chức thực hiện"] + [f"- {item}" for item in d.implementation]
    return "\n".join(lines)


def test_a_pasted_directive_is_split_corrected_saved_and_offered(qtbot, office, presenter) -> None:
    dialog = ImportDirectiveDialog()
    dialog.presenter = presenter  # type: ignore[attr-defined] # as the window opening it would
    qtbot.addWidget(dialog)
    dialog.accept()
    assert presenter.errors[-1].startswith("Hãy dán văn bản")
    dialog.source.setPlainText(_directive_text())
    dialog.parse_button.click()
    shipped = get_directive("12-CT/TW")
    assert dialog.tasks.rowCount() == 8
    assert [dialog.tasks.item(r, 1).text() for r in range(8)] == [t.text for t in shipped.tasks]
    assert dialog.number.text() == "12-CT/TW" and dialog.date.date().toString("dd/MM/yyyy") == "05/01/2022"
    dialog.number.clear()
    type_text(dialog.number, "99-CT/TW")
    dialog.tasks.setItem(0, 0, QTableWidgetItem("Quán triệt sâu rộng"))
    dialog.accept()
    assert dialog.saved is not None and presenter.infos[-1].startswith("Đã lưu “Chỉ thị 99-CT/TW”")
    saved = load_catalog()["99-CT-TW"]
    assert saved.tasks[0].title == "Quán triệt sâu rộng" and len(saved.tasks) == 8

    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.controller.refresh_catalog()
    page = win.pages[2]
    assert page.directive.findData("99-CT/TW") > 0
    page.directive.setCurrentIndex(page.directive.findData("99-CT/TW"))
    assert page.task_list.item(0).text() == "1. Quán triệt sâu rộng"
    win.session.dirty = False
    win.close()


def test_garbage_gets_a_vietnamese_message_and_keeps_the_text(qtbot, presenter) -> None:
    dialog = ImportDirectiveDialog()
    dialog.presenter = presenter  # type: ignore[attr-defined] # as the window opening it would
    qtbot.addWidget(dialog)
    dialog.source.setPlainText("không có nhiệm vụ nào ở đây")
    dialog.parse_button.click()
    assert presenter.errors and dialog.tasks.rowCount() == 0
    assert dialog.source.text() == "không có nhiệm vụ nào ở đây"
