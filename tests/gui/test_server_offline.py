"""The office's server is away at start: the window still opens for drafting, says so in
Vietnamese, keeps drafts on this PC, and refuses numbers and shared edits with a clear message."""

from __future__ import annotations

import json

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import Recipient
from dnnd_drafter.store.server import ENV_DATABASE
from dnnd_drafter.ui import app


def test_an_unreachable_server_opens_the_window_offline(qtbot, presenter, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_DATABASE, f"postgresql://vanthu@/dnnd?host={tmp_path}&port=1")
    context = app.open_context()
    store = context.store
    assert store is not None and presenter.errors == []
    assert any("Không kết nối được máy chủ dữ liệu" in text and "vẫn mở để soạn thảo" in text
               for text in presenter.infos)
    win = app.build_window(context, app.first_session(context))
    qtbot.addWidget(win)
    win.show()
    store.drafts.autosave("phien-offline", json.dumps({"subject": "Soạn khi máy chủ vắng"}))  # drafts stay here
    assert [a.subject for a in store.drafts.pending_autosaves(include_live=True)] == ["Soạn khi máy chủ vắng"]
    with pytest.raises(UserDataError, match="Không kết nối được máy chủ dữ liệu"):
        store.addressbook.add(Recipient("Hội Nông dân xã"))
    assert store.register.entries() == [] and store.addressbook.search("hoi") == []
    win.session.dirty = False
    win.preview.wait_idle()
    win.close()
    store.close()
