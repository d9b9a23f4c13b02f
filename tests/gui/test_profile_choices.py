"""Hồ sơ cơ quan shows the office choices (issue 15 point 9): each one its family offers, in Vietnamese."""

from __future__ import annotations

from dnnd_drafter.model.formats import OfficeChoices
from dnnd_drafter.ui.data.profile_dialog import ProfileDialog


def _items(combo) -> list[str]:  # type: ignore[no-untyped-def]
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_profile_dialog_offers_the_family_choices_and_saves_them(qtbot, office) -> None:  # type: ignore[no-untyped-def]
    store = office.store
    form = ProfileDialog(store, office.profile)
    qtbot.addWidget(form)
    assert form.minimumSizeHint().height() <= 540  # still fits a 1024×600 screen, title bar and panel aside
    state = form.choices
    assert _items(state["list_separator"]) == ["Theo khối (dấu chấm phẩy “;”)"]
    assert not state["list_separator"].isEnabled()  # NĐ 30 leaves no choice
    assert _items(state["closing_mark"]) == ["Theo khối (có “./.”)", "không có"]
    form.family.setCurrentIndex(form.family.findData("dang"))
    assert _items(state["list_separator"]) == ["Theo khối (dấu phẩy “,”)", "dấu chấm phẩy “;”"]
    state["list_separator"].setCurrentIndex(1)
    form.family.setCurrentIndex(form.family.findData("doan_tn"))  # ";" is Đoàn's own: back to "Theo khối"
    assert form.chosen().list_separator is None
    assert _items(state["cc_label_style"]) == ["Theo khối (cỡ 14, gạch chân)", "cỡ 12, đậm nghiêng"]
    state["cc_label_style"].setCurrentIndex(1)
    form.family.setCurrentIndex(form.family.findData("nha_nuoc"))
    form.accept()
    assert store.profiles.get(office.profile.id).choices == OfficeChoices()  # State: nothing to choose there
    again = ProfileDialog(store, store.profiles.get(office.profile.id))
    qtbot.addWidget(again)
    again.family.setCurrentIndex(again.family.findData("doan_the"))
    again.choices["closing_mark"].setCurrentIndex(1)
    again.accept()
    saved = store.profiles.get(office.profile.id)
    assert saved.family == "doan_the" and saved.choices == OfficeChoices(closing_mark="")
    shown = ProfileDialog(store, saved)
    qtbot.addWidget(shown)
    assert shown.choices["closing_mark"].currentText() == "không có"
