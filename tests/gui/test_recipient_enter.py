"""Enter in the recipient search adds the entry the clerk means, offers a new name when nothing
matches, and an annotation such as "(để báo cáo)" stays in the letter, out of the address book."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.wizard.recipient_picker import RecipientPicker
from tests.gui.clerk import press, type_text

ON = dt.date(2026, 3, 2)


def _picker(qtbot, office, purpose: str = "kinh_gui") -> RecipientPicker:
    """Return a picker on the office's address book, as of the letter's date."""
    picker = RecipientPicker(purpose, office.store)
    picker.presenter = office.presenter  # type: ignore[attr-defined] # as the step holding it would
    qtbot.addWidget(picker)
    picker.set_date(ON)
    return picker


def test_enter_adds_the_closest_hit_not_the_first_alphabetical_one(qtbot, office, presenter) -> None:
    office.store.addressbook.add(Recipient("Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã",
                                           valid_from=dt.date(2025, 7, 1)))
    picker = _picker(qtbot, office)
    qtbot.keyClicks(picker.search, "mat tran")
    assert picker.results.item(0).text().startswith("Ban Thường trực")  # the list keeps its order
    press(picker.search, Qt.Key.Key_Return)
    assert picker.names() == ["Ủy ban Mặt trận Tổ quốc Việt Nam xã"]
    qtbot.keyClicks(picker.search, "ban thuong truc")
    press(picker.search, Qt.Key.Key_Return)
    assert picker.names()[-1] == "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã"
    qtbot.keyClicks(picker.search, "hoi nd xa")  # the short form, named exactly
    press(picker.search, Qt.Key.Key_Return)
    assert picker.names()[-1] == "Hội Nông dân xã" and presenter.questions == []


def test_enter_with_no_match_offers_to_add_the_new_name(qtbot, office, presenter) -> None:
    picker = _picker(qtbot, office)
    type_text(picker.search, "Hợp tác xã Phú Lộc")
    assert picker.results.count() == 0
    presenter.answers = [dialogs.NO]
    press(picker.search, Qt.Key.Key_Return)
    assert len(presenter.questions) == 1 and "Hợp tác xã Phú Lộc" in presenter.questions[0]
    assert picker.names() == [] and picker.search.text() == "Hợp tác xã Phú Lộc"  # nothing lost
    press(picker.search, Qt.Key.Key_Return)  # the next answer: Thêm tên mới
    assert picker.names() == ["Hợp tác xã Phú Lộc"]
    assert office.store.addressbook.match("Hợp tác xã Phú Lộc") is not None


def test_an_annotation_stays_in_the_letter_and_out_of_the_address_book(qtbot, office, presenter) -> None:
    picker = _picker(qtbot, office, "noi_nhan")
    book = office.store.addressbook
    before = len(book.entries())
    type_text(picker.search, "Ban Tuyên giáo Huyện ủy (để báo cáo)")
    qtbot.mouseClick(picker.new_button, Qt.MouseButton.LeftButton)
    type_text(picker.search, "Thường trực Đảng ủy xã (b/c)")  # already in the book, without “(b/c)”
    qtbot.mouseClick(picker.new_button, Qt.MouseButton.LeftButton)
    assert picker.names() == ["Ban Tuyên giáo Huyện ủy (để báo cáo)", "Thường trực Đảng ủy xã (b/c)"]
    names = [e.name for e in book.entries()]
    assert len(names) == before + 1 and "Ban Tuyên giáo Huyện ủy" in names
    assert not any("(" in name for name in names)
    office.store.lists.save_from_draft("Báo cáo", "noi_nhan", ["- Sở Nội vụ (để phối hợp);", "- Lưu: VT."], on=ON)
    assert "Sở Nội vụ" in [e.name for e in book.entries()]
    assert not any("(" in e.name for e in book.entries())


def test_a_list_saved_from_the_picker_loads_back_and_a_typed_name_joins_the_address_book(qtbot, office,
                                                                                       presenter) -> None:
    picker = _picker(qtbot, office, "noi_nhan")
    type_text(picker.search, "Hội Khuyến học xã (để biết)")
    picker.add_typed()
    assert picker.names() == ["Hội Khuyến học xã (để biết)"]
    assert office.store.addressbook.match("Hội Khuyến học xã") is not None  # the name, not its note
    picker.list_name.setText("Khuyến học")
    picker.save_list()
    assert presenter.errors == [] and picker.lists.currentText() == "Khuyến học"
    picker.set_names([])
    picker.load_list()
    assert picker.names() == ["Hội Khuyến học xã"]
