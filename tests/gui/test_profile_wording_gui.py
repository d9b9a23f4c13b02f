"""The clerk sees and sets how the office words its letters: the subject of the opening (step 3
and the profile form), the unit in the ký hiệu, and the Khối of the first letter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.gui.clerk import type_text, wait_settled


def test_step_3_names_the_missing_subject_and_shows_the_usual_one(qtbot, window) -> None:
    wait_settled(qtbot, window)
    window.controller.go_to(2)
    tasks = window.pages[2]
    assert tasks.directing.placeholderText() == "Để trống: dùng “Ủy ban nhân dân xã”"
    tasks.task_list.item(0).setCheckState(Qt.CheckState.Checked)
    window.controller.go_to(0)
    header = window.pages[0]
    header.issuer.selectAll()
    type_text(header.issuer, "SỞ NỘI VỤ")  # a body with no usual subject
    window.controller.go_to(2)
    label = tasks.errors["content.directing_body"]
    qtbot.waitUntil(lambda: "required.directing_body" in {r.code for r in window.controller.results}, timeout=10_000)
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=10_000)
    assert "Cơ quan chỉ đạo" in label.text() and tasks.directing.placeholderText().startswith("Cần nhập")
    assert window.steps.item(2).text().startswith("!")
    type_text(tasks.directing, "Sở Nội vụ")
    qtbot.waitUntil(lambda: "required.directing_body" not in {r.code for r in window.controller.results}, timeout=10_000)
    assert label.isHidden()


def test_the_profile_form_offers_the_subject_and_the_unit_box(qtbot, office: AppContext, presenter) -> None:
    from dnnd_drafter.ui.data.profile_dialog import ProfileDialog

    form = ProfileDialog(office.store)
    qtbot.addWidget(form)
    form.family.setCurrentIndex(form.family.findData("dang"))
    type_text(form.name, "Đảng ủy xã Cát Tiên")
    type_text(form.issuer, "ĐẢNG ỦY XÃ CÁT TIÊN")
    type_text(form.abbreviation, "ĐU")
    type_text(form.unit, "VP")
    type_text(form.place, "Cát Tiên")
    assert form.directing.placeholderText() == "Để trống: dùng “Ban Thường vụ Đảng ủy”"
    assert not form.unit_in_symbol.isChecked()  # Party: CV/ĐU, the unit stays out
    form.family.setCurrentIndex(form.family.findData("nha_nuoc"))
    assert form.unit_in_symbol.isChecked()  # State: UBND-VP
    form.family.setCurrentIndex(form.family.findData("dang"))
    assert not form.unit_in_symbol.isChecked()
    type_text(form.directing, "Thường trực Đảng ủy")
    form.accept()
    saved = office.store.profiles.by_name("Đảng ủy xã Cát Tiên")
    assert saved.directing_body == "Thường trực Đảng ủy" and saved.symbol_for("cong_van") == "CV/ĐU"
    again = ProfileDialog(office.store, saved)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(again.unit_in_symbol.isVisible)
    assert again.directing.text() == "Thường trực Đảng ủy" and not again.unit_in_symbol.isChecked()
    qtbot.mouseClick(again.unit_in_symbol, Qt.MouseButton.LeftButton)
    again.accept()
    assert office.store.profiles.get(saved.id).symbol_for("cong_van") == "CV/ĐU-VP"


def test_closing_the_first_start_form_keeps_the_khoi_it_showed(qtbot, presenter, monkeypatch) -> None:
    from dnnd_drafter.store import open_store
    from dnnd_drafter.ui import app
    from dnnd_drafter.ui.data.profile_dialog import ProfileDialog

    shown: list[str] = []

    def close_at_once(dialog: ProfileDialog) -> QDialog.DialogCode:
        shown.append(dialog.family.currentData())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ProfileDialog, "exec", close_at_once)
    store = open_store()
    try:
        context = AppContext(store, None)
        app.ensure_profile(context)
        session = app.first_session(context)
        assert shown == ["dang"] and session.draft.family == "dang"
    finally:
        store.close()
