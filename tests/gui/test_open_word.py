"""Open a Word letter from the Tệp menu: the wizard shows it as a draft, doubtful fields marked."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from tests.gui.clerk import wait_settled
from tests.unit import wordin_corpus as corpus


def _action(win, key: str):  # type: ignore[no-untyped-def]
    win.menus.fill_menus()
    return next(a for a in win.findChildren(type(win.menuBar().actions()[0])) if a.objectName() == f"action_{key}")


def _letter_with_unreadable_date(path: Path) -> Path:
    """Write the UBND letter with a date the clerk left blank, and return its path."""
    corpus.letter_with_blank_day().save(path)
    return path


def test_the_file_menu_opens_a_word_letter_as_an_unsaved_draft(qtbot, window, presenter, tmp_path: Path) -> None:
    wait_settled(qtbot, window)
    path = tmp_path / "công văn.docx"
    path.write_bytes(corpus.typed("dang_phuong_lam_vien_ke_hoach", corpus.Typing(header="tabs")))
    presenter.open_file = lambda *a: str(path)
    action = _action(window, "open_word")
    assert action in window.menus.menus["file"].actions() and action.text() == "Mở văn bản &Word…"
    action.trigger()
    draft = window.session.draft
    assert (draft.kind, draft.number, draft.template) == ("ke_hoach", "18", "van_ban_tu_do")
    assert window.session.dirty and window.session.path is None and window.windowTitle().endswith(" *")
    assert presenter.infos and "Đã đọc “công văn.docx”" in presenter.infos[-1]
    header = window.pages[0]
    assert header.template.currentData() == "van_ban_tu_do"
    window.controller.go_to(2)
    tasks = window.pages[2]
    body = tasks.template_fields.widgets["body"]
    assert body.isVisible() and body.text().startswith("Thực hiện Kế hoạch số 45-KH/TU")
    assert not tasks.task_list.isVisible() and not tasks.opening_box.isVisible()  # one box holds the body
    assert tasks.closing.isVisible() and tasks.attachment.isVisible()
    window.controller.go_to(0)
    header.apply(draft)
    assert draft.kind == "ke_hoach"  # the free template keeps the kind read from the letter


def test_a_field_read_with_doubt_is_marked_next_to_it(qtbot, window, presenter, tmp_path: Path) -> None:
    wait_settled(qtbot, window)
    path = _letter_with_unreadable_date(tmp_path / "ngày trống.docx")
    presenter.open_file = lambda *a: str(path)
    _action(window, "open_word").trigger()
    qtbot.waitUntil(lambda: "hãy kiểm tra" in window.pages[0].errors["date"].text(), timeout=5000)
    assert "ngày tháng" in presenter.infos[-1]


def test_a_file_that_is_not_a_letter_is_refused_and_the_draft_stays(qtbot, window, presenter, tmp_path: Path) -> None:
    wait_settled(qtbot, window)
    before = window.session
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a word file")
    presenter.open_file = lambda *a: str(path)
    _action(window, "open_word").trigger()
    assert presenter.errors and "Không mở được tệp “x.docx”" in presenter.errors[-1]
    assert window.session is before and path.read_bytes() == b"not a word file"


def test_a_word_file_dropped_on_the_window_opens(qtbot, window, presenter, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    wait_settled(qtbot, window)
    window.menus.fill_menus()
    path = tmp_path / "thả.docx"
    path.write_bytes(corpus.typed("nha_nuoc_ubnd_tinh", corpus.Typing()))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(window.rect().center()), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    assert window.session.draft.number == "1234" and window.session.draft.symbol == "UBND-NC"
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "ảnh.png"))])
    refused = QDragEnterEvent(window.rect().center(), Qt.DropAction.CopyAction, other,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    refused.ignore()
    QApplication.sendEvent(window, refused)
    assert not refused.isAccepted()


def test_the_start_strip_offers_to_open_a_word_letter(qtbot, office, presenter, tmp_path: Path) -> None:
    from dnnd_drafter.ui.app import start_window
    from dnnd_drafter.ui.wizard.start_strip import TEXT

    win = start_window(office)
    qtbot.addWidget(win)
    win.show()
    path = tmp_path / "từ strip.docx"
    path.write_bytes(corpus.typed("doan_tn_tinh_doan", corpus.Typing()))
    presenter.open_file = lambda *a: str(path)
    button = next(b for b in win.start_strip.findChildren(type(win.next)) if b.text() == TEXT["word"])
    button.click()
    assert win.session.draft.number == "29" and win.session.draft.family == "doan_tn"
    assert not win.start_strip.isVisible()
    win.session.dirty = False
    win.preview.wait_idle()
    win.close()


def test_the_review_step_lists_what_to_check_and_fix_jumps_to_the_body(qtbot, window, presenter, tmp_path: Path) -> None:
    wait_settled(qtbot, window)
    letter = next(x for x in corpus.app_letters() if x.name == "app_nha_nuoc_ubnd_tinh")
    document = docx.Document(io.BytesIO(letter.data))
    document.tables[0].cell(1, 1).add_paragraph("Bản dự thảo lần 2")
    path = tmp_path / "dư.docx"
    document.save(path)
    presenter.open_file = lambda *a: str(path)
    _action(window, "open_word").trigger()
    review_index = len(window.pages) - 1
    window.controller.go_to(review_index)
    review = window.pages[review_index]
    qtbot.waitUntil(lambda: any(f.code == "wordin.unplaced" for f in review.findings), timeout=5000)
    finding = next(f for f in review.findings if f.code == "wordin.unplaced")
    assert "Bản dự thảo lần 2" in finding.message
    review.jump.emit(finding.field)
    qtbot.waitUntil(lambda: window.stack.currentIndex() == 2, timeout=5000)
    assert window.pages[2].template_fields.widgets["body"].isVisible()


def test_a_file_without_a_header_can_become_the_body_of_a_new_office_letter(qtbot, window, presenter, tmp_path: Path) -> None:
    wait_settled(qtbot, window)
    document = docx.Document()
    for text in ("Tuyên truyền về đối ngoại nhân dân", "Các đơn vị tổ chức quán triệt trong tháng 6."):
        document.add_paragraph(text)
    path = tmp_path / "ghi chép.docx"
    document.save(path)
    presenter.open_file = lambda *a: str(path)
    presenter.answers = ["no"]
    before = window.session
    _action(window, "open_word").trigger()
    assert window.session is before and "không thấy phần đầu" in presenter.errors[-1]
    presenter.answers = ["yes"]
    _action(window, "open_word").trigger()
    draft = window.session.draft
    assert draft.issuer.name == window.context.profile.issuing_body and draft.family == "nha_nuoc"
    assert draft.content.body.split("\n") == ["Tuyên truyền về đối ngoại nhân dân",
                                                        "Các đơn vị tổ chức quán triệt trong tháng 6."]
    assert "không có phần đầu" in presenter.infos[-1]
