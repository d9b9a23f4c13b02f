"""The wizard opens fast: only step 1 is built at first, the rest when the clerk goes there, and
the preview and the body check arrive just after the first frame; and a clerk can empty any
field while typing without the window failing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dnnd_drafter.model.vietnamese import fold
from tests.gui.clerk import press, type_text, wait_settled


def test_only_the_first_step_is_built_at_start_the_others_on_the_way(qtbot, window) -> None:
    assert [type(p).__name__ for p in window.pages.built()] == ["HeaderPage"]
    wait_settled(qtbot, window)
    window.controller.go_to(2)
    assert window.stack.currentWidget().widget() is window.pages[2]
    assert window.pages[2].directive.currentData() == "12-CT/TW"  # the catalog was read when needed
    assert [type(p).__name__ for p in window.pages.built()] == ["HeaderPage", "TasksPage"]


def test_asking_for_a_built_preview_never_builds_one(qtbot, window) -> None:
    assert window.built_preview() is None  # the benchmark's probe asks this at step 1, while the engine loads
    assert window.built_preview() is None  # … and asking did not build the pane on the UI thread
    wait_settled(qtbot, window)
    assert window.built_preview() is window.preview  # the first letter brought it


def test_a_new_letter_follows_the_catalog_directive_once_the_window_is_up(qtbot, window) -> None:
    wait_settled(qtbot, window)
    assert window.session.draft.content.directive.number == "12-CT/TW"
    assert "Chỉ thị số 12-CT/TW" in window.preview.letter.text().replace("\u2011", "-")


def test_the_body_check_comes_back_with_the_preview_and_marks_step_3(qtbot, window) -> None:
    wait_settled(qtbot, window)
    assert "required.content" in {r.code for r in window.controller.results}  # no task chosen yet
    assert window.steps.item(2).text().startswith("!")
    window.controller.go_to(2)
    tasks = window.pages[2]
    tasks.task_list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "required.content" not in {r.code for r in window.controller.results}, timeout=10_000)
    assert window.steps.item(2).text().startswith("✓")
    assert window.session.draft.content.tasks[0].source == "12-CT/TW:1"


def test_emptying_the_issuer_name_shows_the_message_and_keeps_the_window_working(qtbot, window, presenter) -> None:
    wait_settled(qtbot, window)
    issuer = window.pages[0].issuer
    issuer.setFocus()
    issuer.selectAll()
    press(issuer, Qt.Key.Key_Delete)
    window.preview.timer.timeout.emit()
    qtbot.waitUntil(lambda: window.pages[0].errors["issuer.name"].isVisible(), timeout=10_000)
    assert window.session.draft.issuer.name == ""
    assert "Chưa nhập tên cơ quan" in window.pages[0].errors["issuer.name"].text()
    assert not presenter.errors


def test_a_menu_opened_at_once_already_holds_its_commands(qtbot, window) -> None:
    from PySide6.QtGui import QAction

    assert window.findChild(QAction, "action_save") is None  # made just after the first frame …
    menu = window.menus.menus["file"]
    menu.popup(window.mapToGlobal(window.rect().topLeft()))  # … or when the clerk is quicker
    qtbot.waitUntil(menu.isVisible)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[:3] == ["&Mới", "&Mở…", "Từ văn bản &cũ…"] and "&Lưu" in texts
    menu.close()


def test_closing_at_once_leaves_nothing_running_and_no_error(qtbot, office, presenter, monkeypatch) -> None:
    import threading

    from dnnd_drafter.ui import deferred
    from dnnd_drafter.ui.app import build_window, first_session

    closed = threading.Event()
    monkeypatch.setattr(deferred, "load_engine", lambda: closed.wait(5))  # loading outlasts the window
    from dnnd_drafter.ui.wizard.preview_pane import PreviewPane

    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: not win._settle_pending)  # the first frame is up, the engine loading
    with qtbot.waitSignal(win.engine.loaded, timeout=10_000):  # "loaded" arrives after the window closed
        closed.set()
        win.close()
    assert not win.isVisible() and not win.settled
    assert win.findChild(PreviewPane) is None  # no preview was built or started for a closed window
    assert presenter.errors == []


def test_step_2_lists_the_address_book_before_anything_is_typed(qtbot, window) -> None:
    window.controller.go_to(1)
    picker = window.pages[1].picker
    shown = [picker.results.item(i).text() for i in range(picker.results.count())]
    assert {"Ủy ban nhân dân xã", "Hội Cựu chiến binh xã", "Hội Liên hiệp Phụ nữ xã"} <= set(shown)
    assert shown == sorted(shown, key=fold)  # A–Z, marks ignored

    type_text(picker.search, "hội")
    narrowed = [picker.results.item(i).text() for i in range(picker.results.count())]
    assert narrowed and all("Hội" in name for name in narrowed) and len(narrowed) < len(shown)


def _opened(qtbot, office):  # type: ignore[no-untyped-def]
    """Open the app's first window as the app does (start_window), shown."""
    from dnnd_drafter.ui.app import start_window

    win = start_window(office)
    qtbot.addWidget(win)
    win.show()
    return win


def _close(win) -> None:  # type: ignore[no-untyped-def]
    """Close `win` without the unsaved-changes question."""
    win.session.dirty = False
    win.close()


def test_the_app_opens_on_a_new_letter_with_the_other_starts_above_step_1(qtbot, office, presenter, tmp_path) -> None:
    from dnnd_drafter.model import drafting
    from dnnd_drafter.model import letter as model
    earlier = drafting.new_draft(office.profile)
    earlier.subject = "Về việc tổng kết công tác đối ngoại nhân dân năm 2025"
    saved = model.save(earlier, tmp_path / "tong-ket.json")
    office.store.drafts.record_recent(saved, earlier.subject)
    win = _opened(qtbot, office)
    assert win.stack.currentIndex() == 0 and win.session.path is None  # step 1 of a new letter
    assert win.session.draft.issuer.name == office.profile.issuing_body
    strip = win.start_strip
    from dnnd_drafter.ui.wizard.start_strip import RECENT_LABEL_CHARS

    shown = "↻ " + earlier.subject[:RECENT_LABEL_CHARS - 1] + "…"  # long subjects are cut with "…"
    assert strip.isVisible() and [b.text() for b in strip.recent_buttons] == [shown]
    assert earlier.subject in strip.recent_buttons[0].toolTip()
    strip.recent_buttons[0].click()  # reopen yesterday's draft
    assert win.session.path == saved and win.session.draft.subject == earlier.subject
    assert not strip.isVisible()
    assert presenter.errors == []
    _close(win)


def test_typing_in_step_1_puts_the_other_starts_away(qtbot, office, presenter) -> None:
    win = _opened(qtbot, office)
    assert win.start_strip.isVisible()
    type_text(win.pages[0].subject, "Về việc")
    assert not win.start_strip.isVisible()
    _close(win)


def test_with_two_offices_the_strip_begins_a_letter_of_the_other_one(qtbot, office, presenter) -> None:
    from dnnd_drafter.store import Profile
    party = office.store.profiles.save(Profile(
        name="Đảng ủy xã Cát Tiên", family="dang", issuing_body="ĐẢNG ỦY XÃ CÁT TIÊN",
        parent_body="ĐẢNG BỘ TỈNH LÂM ĐỒNG", abbreviation="ĐU", default_place="Cát Tiên"))
    win = _opened(qtbot, office)
    combo = win.start_strip.profile
    assert sorted(combo.itemText(i) for i in range(combo.count())) == ["UBND xã Cát Tiên", "Đảng ủy xã Cát Tiên"]
    assert combo.currentText() == "UBND xã Cát Tiên"  # the office the letter is for
    other = combo.findText("Đảng ủy xã Cát Tiên")
    combo.setCurrentIndex(other)
    combo.activated.emit(other)  # what choosing it with the mouse does
    draft = win.session.draft
    assert (draft.family, draft.issuer.name, draft.symbol) == ("dang", "ĐẢNG ỦY XÃ CÁT TIÊN", "CV/ĐU")
    assert win.pages[0].issuer.text() == "ĐẢNG ỦY XÃ CÁT TIÊN" and office.profile.id == party.id
    _close(win)


def test_a_new_letter_opens_with_the_cursor_in_the_trich_yeu(qtbot, office, presenter) -> None:
    win = _opened(qtbot, office)
    win.activateWindow()
    qtbot.waitUntil(lambda: win.isActiveWindow())
    assert win.focusWidget() is win.pages[0].subject
    type_text(win.focusWidget(), "Về việc chuẩn bị hội nghị")
    assert win.session.draft.subject == "Về việc chuẩn bị hội nghị"
    _close(win)


def test_the_shortcuts_come_after_the_first_page_of_the_preview(qtbot, window) -> None:
    """Check Alt+→ works once the preview has shown its first page (the shortcuts wait for it)."""
    qtbot.waitUntil(lambda: window.preview.pages.page_count() > 0, timeout=10_000)
    qtbot.waitUntil(lambda: window.settled, timeout=10_000)
    assert window.next.shortcut().toString() == "Alt+Right"


def test_the_first_page_of_the_preview_is_painted_before_the_shortcuts_are_made(qtbot, window) -> None:
    """Check the shortcuts (which build PySide6's Qt namespace) wait until the page is on screen."""
    settled_at_paint: list[bool] = []
    window.preview.pages.painted.connect(lambda: settled_at_paint.append(window.settled))  # (builds the pane now)
    qtbot.waitUntil(lambda: window.settled, timeout=10_000)
    assert settled_at_paint and settled_at_paint[0] is False


def test_the_shortcuts_come_even_when_the_first_preview_never_does(qtbot, window, monkeypatch) -> None:
    """Check a preview that never shows a page does not leave the clerk without shortcuts."""
    monkeypatch.setattr(window.preview, "refresh_now", lambda draft: None)
    qtbot.waitUntil(lambda: window.settled, timeout=10_000)
    assert window.preview.pages.page_count() == 0
    assert window.next.shortcut().toString() == "Alt+Right"
