"""Each window shows its messages through its own context's presenter: no module state chooses it."""

from __future__ import annotations

from dnnd_drafter import __version__
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.app import build_window
from dnnd_drafter.ui.wizard.controller import TEXT
from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.gui.clerk import RecordingPresenter


def _refuse() -> None:
    raise UserMessageError("Chưa nhập trích yếu.")


def test_two_contexts_with_two_recorders_each_record_only_their_own_windows_messages(qtbot, office) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.model import drafting

    first, second = RecordingPresenter(), RecordingPresenter()
    windows = []
    for recorder in (first, second):
        context = AppContext(office.store, office.profile, office.catalog, presenter=recorder)
        win = build_window(context, DraftSession(drafting.new_draft(office.profile), None, office.store))
        qtbot.addWidget(win)
        windows.append(win)
    one, two = windows
    assert one.controller.create_letter() is None  # a new letter: errors block it
    assert first.errors and first.errors[0].startswith("Còn ") and second.errors == []
    two.controller.about()
    assert second.infos == [TEXT["about_text"].format(__version__)] and first.infos == []
    assert not dialogs.guarded(two.pages[0].subject, _refuse)  # a field deep inside the second window
    assert second.errors == ["Chưa nhập trích yếu."] and len(first.errors) == 1
    assert dialogs.presenter_of(one.pages[0]) is first and dialogs.presenter_of(two.review) is second
    for win in windows:
        win.session.dirty = False
        win.close()
