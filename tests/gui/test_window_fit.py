"""Test that the wizard window fits the screen it opens on (issue 12, point 6).

Offscreen the screen is 800×600, smaller than the 1366×768 the window used to open at. The
real-window layer (tests/realwindow) checks the same under a window manager at 1024×600,
1366×768 and 1920×1080 with 100/125/150 % scaling.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QPushButton

from dnnd_drafter.base import paths
from dnnd_drafter.ui.wizard import window_fit
from dnnd_drafter.ui.app import build_window, first_session

SIDE_PREVIEW_MIN = window_fit.SIDE_PREVIEW_MIN  # read before any fixture changes it


@pytest.fixture(autouse=True)
def _real_narrow_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the real width below which the preview leaves the form's side (conftest turns it off)."""
    monkeypatch.setattr(window_fit, "SIDE_PREVIEW_MIN", SIDE_PREVIEW_MIN)


def _screen() -> QRect:
    return QApplication.primaryScreen().availableGeometry()


def _open(qtbot, office):  # type: ignore[no-untyped-def]
    window = build_window(office, first_session(office))
    qtbot.addWidget(window)
    window.offer_other_starts()
    window.show()
    qtbot.waitExposed(window)
    return window


def _close(window) -> None:  # type: ignore[no-untyped-def]
    window.session.dirty = False
    window.preview.wait_idle()
    window.close()


def _remember(geometry: QRect) -> None:
    """Store a window geometry as an earlier run on a bigger screen would have left it."""
    from PySide6.QtWidgets import QWidget

    probe = QWidget()
    probe.setGeometry(geometry)
    settings = QSettings(str(paths.data_dir() / "cua-so.ini"), QSettings.Format.IniFormat)
    settings.setValue("window/geometry", probe.saveGeometry())
    settings.sync()


def test_a_first_start_opens_within_the_screen(qtbot, office, presenter) -> None:
    window = _open(qtbot, office)
    assert _screen().contains(window.geometry()), (window.geometry(), _screen())
    _close(window)


def test_a_first_start_on_a_screen_smaller_than_the_usual_size_opens_maximised(qtbot, office, presenter) -> None:
    """Check the 800×600 screen gets a maximised window, and restoring it gives a size within the screen."""
    window = _open(qtbot, office)
    assert window.isMaximized()
    window.showNormal()
    qtbot.waitUntil(lambda: not window.isMaximized())
    assert _screen().contains(window.geometry()), (window.geometry(), _screen())
    _close(window)


def test_a_remembered_size_that_fits_opens_as_it_was_not_maximised(qtbot, office, presenter) -> None:
    """Check a remembered geometry that fits is shown as it is (showing never maximises it)."""
    _remember(QRect(40, 30, 700, 500))
    window = _open(qtbot, office)
    assert not window.isMaximized()
    window.hide()
    window.show()  # a second show (Tệp → Mới reuses windows) keeps the clerk's state
    assert not window.isMaximized()
    _close(window)


def test_a_remembered_size_larger_than_the_screen_or_off_it_is_not_restored(qtbot, office, presenter) -> None:
    for remembered in (QRect(0, 0, 1920, 1080), QRect(3000, 2000, 600, 400)):
        _remember(remembered)
        window = _open(qtbot, office)
        assert _screen().contains(window.geometry()), (remembered, window.geometry())
        _close(window)


def test_a_remembered_size_that_fits_is_restored(qtbot, office, presenter) -> None:
    _remember(QRect(40, 30, 700, 500))
    window = _open(qtbot, office)
    assert window.size().toTuple() == (700, 500)
    _close(window)


def test_every_step_fits_a_1024x600_screen_at_150_percent(qtbot, office, presenter, tmp_path) -> None:
    from dnnd_drafter.model import drafting
    from dnnd_drafter.model import letter as model

    for index in range(3):  # three recent drafts with long subjects in the start strip
        draft = drafting.new_draft(office.profile)
        draft.subject = f"Về việc tổng kết công tác đối ngoại nhân dân năm 202{index} của toàn xã"
        office.store.drafts.record_recent(model.save(draft, tmp_path / f"d{index}.json"), draft.subject)
    window = _open(qtbot, office)
    for index in range(len(window.pages)):
        window.controller.go_to(index)
        QApplication.processEvents()
        # 1024×600 at 150 % is 683×400 logical pixels, less the title bar
        assert window.minimumSizeHint().width() <= 683, (index, window.minimumSizeHint())
        assert window.minimumSizeHint().height() <= 360, (index, window.minimumSizeHint())
    _close(window)


def test_a_narrow_window_shows_the_preview_in_the_forms_place(qtbot, office, presenter) -> None:
    window = _open(qtbot, office)
    window.resize(700, 500)
    qtbot.waitUntil(lambda: window.preview_toggle.isVisible())
    assert not window.preview.isVisible() and window.stack.isVisible()
    window.preview_toggle.click()
    assert window.preview.isVisible() and not window.stack.isVisible()
    assert window.next.isVisible() and window.back.isVisible()  # the steps still move on
    window.preview_toggle.click()
    assert not window.preview.isVisible() and window.stack.isVisible()
    window.resize(window_fit.SIDE_PREVIEW_MIN + 50, 560)
    qtbot.waitUntil(lambda: window.preview.isVisible())
    assert window.stack.isVisible() and not window.preview_toggle.isVisible()
    assert all(button.isVisible() for button in (window.back, window.next))
    assert isinstance(window.preview_toggle, QPushButton)
    _close(window)
