"""Check that a draft back from a crash cannot be lost, and that typing is autosaved within seconds
on a thread of its own (issue 12, points 3 and 4)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction

from dnnd_drafter.model import drafting
from dnnd_drafter.model import letter as model
from dnnd_drafter.store.drafts import Drafts
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.app import TEXT as APP
from dnnd_drafter.ui.app import build_window, first_session, start_window
from dnnd_drafter.ui.wizard.autosave_schedule import AUTOSAVE_MS
from dnnd_drafter.ui.wizard.controller import TEXT as CONTROLLER
from dnnd_drafter.ui.wizard.file_commands import TEXT as ACTIONS
from tests.gui.clerk import type_text

DEAD_PID = 999_999_999
SUBJECT = "Về việc tuyên truyền đối ngoại nhân dân"


def _crashed_draft(office, path: Path | None) -> str:  # type: ignore[no-untyped-def]
    """Leave an autosave as a process killed while editing would; return its session id."""
    draft = drafting.new_draft(office.profile)
    draft.subject = SUBJECT
    if path is not None:
        model.save(draft, path)
        draft.subject += " — sửa sau khi lưu"
    office.store.drafts.autosave("da-mat", model.dumps(draft), *([path] if path else []))
    office.store.conn.execute("UPDATE autosave SET pid = ?", (DEAD_PID,))
    return "da-mat"


def _pending(office) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Return the subjects of the autosaves left, by session id (live ones too)."""
    return {a.session_id: a.subject for a in office.store.drafts.pending_autosaves(include_live=True)}


def _quit(window) -> None:  # type: ignore[no-untyped-def]
    """Choose Tệp → Thoát (Ctrl+Q)."""
    window.menus.fill_menus()
    window.findChild(QAction, "action_quit").trigger()


def test_a_recovered_draft_stays_unsaved_with_its_file_until_saved_or_discarded(qtbot, office, presenter,
                                                                             tmp_path: Path) -> None:
    path = tmp_path / "cong-van.json"
    session_id = _crashed_draft(office, path)
    presenter.answers = [dialogs.YES]
    win = start_window(office)
    qtbot.addWidget(win)
    win.show()
    assert "đóng đột ngột" in presenter.questions[0] and str(path) in presenter.questions[0]
    assert win.session.session_id == session_id and win.session.path == path
    assert win.pages[0].subject.text() == SUBJECT + " — sửa sau khi lưu"
    assert win.session.dirty
    title = win.windowTitle()
    assert "cong-van.json" in title and "bản khôi phục, chưa lưu" in title and title.endswith("*")
    # Ctrl+Q asks; "Hủy" keeps the window, and the draft stays recoverable
    presenter.answers = [dialogs.CANCEL]
    _quit(win)
    assert presenter.questions[-1] == ACTIONS["ask_save"] and win.isVisible() and not win.closed
    assert session_id in _pending(office)
    # the computer goes off now: the next start offers the draft again, with its file
    office.store.conn.execute("UPDATE autosave SET pid = ?", (DEAD_PID,))
    presenter.answers = [dialogs.CANCEL]  # "Để lần sau": kept for the start after
    presenter.questions.clear()
    later = first_session(office)
    assert len(presenter.questions) == 1 and str(path) in presenter.questions[0]
    assert later.session_id != session_id and session_id in _pending(office)
    # saving it to its file ends the recovery: a clean quit then asks nothing and forgets the autosave
    win.controller.save()
    assert model.load(path).subject == SUBJECT + " — sửa sau khi lưu"
    assert not win.session.dirty and "khôi phục" not in win.windowTitle()
    presenter.questions.clear()
    _quit(win)
    assert presenter.questions == [] and win.closed
    assert session_id not in _pending(office)


def test_a_recovered_draft_is_forgotten_only_when_the_clerk_says_so(qtbot, office, presenter) -> None:
    session_id = _crashed_draft(office, None)
    presenter.answers = [dialogs.YES]
    win = build_window(office, first_session(office))
    qtbot.addWidget(win)
    win.show()
    assert win.session.path is None and win.session.dirty
    assert win.windowTitle() == CONTROLLER["window"].format(CONTROLLER["recovered"].format(CONTROLLER["untitled"])) + " *"
    presenter.answers = [dialogs.NO]  # "Không lưu" in the quit question: discarded on purpose
    _quit(win)
    assert presenter.questions[-1] == ACTIONS["ask_save"] and win.closed
    assert session_id not in _pending(office)


def test_the_recovery_offer_says_plainly_which_answer_discards_the_draft(office, presenter) -> None:
    session_id = _crashed_draft(office, None)
    presenter.answers = [dialogs.NO]
    first_session(office)
    assert APP["recover_no"] == "Bỏ bản thảo này" and session_id not in _pending(office)


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Record each autosave written: the subject and whether it was written on the UI thread."""
    seen: list[tuple[str, bool]] = []
    original = Drafts.autosave

    def recording(self, session_id, draft_json, path=None):  # type: ignore[no-untyped-def]
        original(self, session_id, draft_json, path)
        seen.append((model.loads(draft_json).subject, threading.current_thread() is threading.main_thread()))

    monkeypatch.setattr(Drafts, "autosave", recording)
    return seen


def test_typing_is_autosaved_soon_after_a_pause_on_another_thread(qtbot, window, office, writes) -> None:
    type_text(window.pages[0].subject, "Về việc gấp")
    assert window.controller.autosaves.backstop.remainingTime() > 20_000  # far from the 30-second timer
    qtbot.waitUntil(lambda: _pending(office).get(window.session.session_id) == "Về việc gấp", timeout=5_000)
    assert ("Về việc gấp", False) in writes
    assert "vài giây sau mỗi thay đổi" in CONTROLLER["guide_text"]  # the help says so, not "every 30 s"


def test_typing_without_a_pause_is_still_autosaved_every_two_seconds(qtbot, window, office, writes) -> None:
    text = iter("Về việc triển khai thực hiện chỉ thị của Ban Bí thư về công tác đối ngoại nhân dân " * 3)
    typist = QTimer()
    typist.setInterval(100)  # a key every 0.1 s: never a pause of even half the idle delay
    typist.timeout.connect(lambda: type_text(window.pages[0].subject, next(text)))
    typist.start()
    try:
        qtbot.waitUntil(lambda: len(_pending(office).get(window.session.session_id, "")) >= 3, timeout=6_000)
        assert typist.isActive() and AUTOSAVE_MS > 6_000
    finally:
        typist.stop()


def test_a_step_change_autosaves_at_once_on_another_thread(qtbot, window, office, writes) -> None:
    type_text(window.pages[0].subject, "Về việc chuyển bước")
    window.controller.autosaves.soon.stop()  # only the step change may save it
    window.controller.go_to(1)
    window.session.store.autosaver.flush()
    assert _pending(office)[window.session.session_id] == "Về việc chuyển bước"
    assert writes[-1] == ("Về việc chuyển bước", False)


def test_a_crash_after_saving_offers_nothing_the_file_does_not_already_hold(qtbot, window, office, presenter,
                                                                         tmp_path: Path) -> None:
    path = tmp_path / "da-luu.json"
    presenter.save_file = lambda *args: str(path)  # type: ignore[method-assign]
    type_text(window.pages[0].subject, "Về việc")
    qtbot.waitUntil(lambda: _pending(office).get(window.session.session_id) == "Về việc", timeout=5_000)
    type_text(window.pages[0].subject, " đã lưu")
    window.controller.save()  # Ctrl+S straight after typing, before the autosave's pause is over
    window.controller.autosaves.soon.stop()
    window.session.store.autosaver.flush()
    office.store.conn.execute("UPDATE autosave SET pid = ?", (DEAD_PID,))  # the power goes off
    presenter.questions.clear()
    first_session(office)
    assert presenter.questions == [] and _pending(office) == {}


def test_an_untouched_letter_is_never_offered_back(qtbot, window, office, presenter) -> None:
    window.controller.autosaves.backstop.timeout.emit()  # half a minute later, nothing typed
    window.session.store.autosaver.flush()
    assert _pending(office) == {}
