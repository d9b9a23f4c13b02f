"""Check that the wizard never loses the clerk's work: unsaved changes, unexpected errors, window size."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from dnnd_drafter.base import paths
from dnnd_drafter.ui import dialogs, excepthook
from dnnd_drafter.ui.app import build_window, first_session
from tests.gui.clerk import type_text


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(qtbot, office, presenter) -> None:
    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.show()
    type_text(win.pages[0].subject, "Về việc chưa lưu")
    presenter.answers = [dialogs.CANCEL]
    assert not win.close()
    assert presenter.questions == ["Văn bản có thay đổi chưa lưu. Lưu lại trước khi đóng?"]
    assert win.isVisible() and win.pages[0].subject.text() == "Về việc chưa lưu"
    presenter.answers = [dialogs.NO]
    assert win.close()
    win.preview.wait_idle()


def test_a_clean_window_closes_without_asking_and_remembers_its_size(qtbot, office, presenter) -> None:
    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.show()
    win.resize(760, 560)
    assert win.close()
    assert presenter.questions == []
    assert (paths.data_dir() / "cua-so.ini").exists()
    again = build_window(office, first_session(office))
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (760, 560)
    again.close()


def test_an_unexpected_error_saves_the_draft_logs_it_and_says_where(qtbot, office, presenter) -> None:
    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.show()
    type_text(win.pages[0].subject, "Về việc không được mất")
    win.session.store.drafts.mark_closed(win.session.session_id)
    try:
        raise RuntimeError("lỗi lập trình giả định")
    except RuntimeError as exc:
        excepthook.CrashRescue(lambda: win.session.autosave(), presenter).handle(type(exc), exc, exc.__traceback__)
    assert len(presenter.errors) == 1
    message = presenter.errors[0]
    assert "Bản thảo đang soạn đã được lưu tự động" in message
    assert str(paths.log_file()) in message
    assert "RuntimeError: lỗi lập trình giả định" in paths.log_file().read_text(encoding="utf-8")
    pending = office.store.drafts.pending_autosaves(include_live=True)
    assert any("Về việc không được mất" in p.draft_json for p in pending)
    win.session.dirty = False
    win.close()


def test_an_error_inside_a_qt_slot_reaches_the_hook(qtbot, office, presenter, monkeypatch) -> None:
    win = build_window(office, first_session(office))
    monkeypatch.setattr("sys.excepthook", excepthook.CrashRescue(lambda: win.session.autosave(), presenter).handle)
    qtbot.addWidget(win)

    def broken() -> None:
        raise ValueError("hỏng trong một nút bấm")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: bool(presenter.errors), timeout=3000)
    assert "Đã xảy ra lỗi không mong muốn" in presenter.errors[0]
    win.session.dirty = False
    win.close()


def test_pdf_export_from_the_wizard_with_our_painter_and_the_libreoffice_choice(qtbot, office, presenter,
                                                                             tmp_path, monkeypatch) -> None:
    from pypdf import PdfReader

    from dnnd_drafter.writers import libreoffice

    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    type_text(win.pages[0].subject, "Về việc xuất PDF")
    target = tmp_path / "thu.pdf"
    presenter.save_file = lambda *a: str(target)
    win.controller.export_pdf()
    assert "Về việc xuất PDF" in PdfReader(str(target)).pages[0].extract_text()
    assert presenter.infos[-1].startswith(f"Đã xuất PDF: {target}\n\nVăn bản chưa có số")  # says so
    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    win.menus.use_libreoffice.trigger()  # the clerk ticks "Xuất PDF bằng LibreOffice"
    assert not win.menus.use_libreoffice.isChecked() and not win.controller.pdf_through_libreoffice
    assert "Không tìm thấy LibreOffice" in presenter.errors[-1]
    win.session.dirty = False
    win.close()
