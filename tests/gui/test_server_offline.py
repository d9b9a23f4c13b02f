"""The office's server is away at start: the window still opens for drafting, says so in
Vietnamese, keeps drafts on this PC, and refuses numbers and shared edits with a clear message."""

from __future__ import annotations

import json
import os

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.server import ENV_DATABASE
from dnnd_drafter.ui import app
from tests.unit.pg_fixtures import pg_cluster  # noqa: F401 - fixtures


def test_an_unreachable_server_opens_the_window_offline(qtbot, presenter, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_DATABASE, f"postgresql://vanthu@/dnnd?host={tmp_path}&port=1")
    context = app.open_context(presenter)
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


def test_numbering_tries_the_server_again_and_uses_it_once_it_is_back(qtbot, presenter, monkeypatch,
                                                                        pg_cluster) -> None:  # type: ignore[no-untyped-def]
    from dnnd_drafter.store import open_store
    from dnnd_drafter.ui import dialogs
    from tests.gui.clerk import make_office
    from tests.gui.test_output_files import _cells, _fill
    from tests.unit.pg_fixtures import TEMPLATE

    name = f"dnnd_back_{os.getpid()}"
    monkeypatch.setenv(ENV_DATABASE, pg_cluster.url(name))  # not there yet: the app opens offline
    context = app.open_context(presenter)
    win = app.build_window(context, app.first_session(context))
    qtbot.addWidget(win)
    win.show()
    try:
        draft = win.session.draft  # without the server there is no profile: the clerk types the issuer
        draft.family, draft.issuer.name, draft.issuer.abbreviation = "nha_nuoc", "ỦY BAN NHÂN DÂN\nXÃ CÁT TIÊN", "UBND"
        draft.place, draft.signature.position = "Cát Tiên", "CHỦ TỊCH"
        _fill(win, "Về việc tổ chức Tết Trồng cây")
        letter = win.controller.create_letter()
        assert letter is not None, presenter.errors + [f.message for f in win.controller.findings_for_review()]
        win.review.buttons["register"].click()
        assert any("Không kết nối được máy chủ dữ liệu" in text for text in presenter.errors)
        pg_cluster.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")  # the server is back
        with open_store() as office:
            make_office(office)
        presenter.errors.clear()
        presenter.answers = [dialogs.NO]  # no PDF now
        win.review.buttons["register"].click()
        assert presenter.errors == [] and context.store.server_notice is None
        assert "Số: 01/UBND-VP" in _cells(letter)
        assert [e.number for e in context.store.register.entries()] == [1]
    finally:
        win.session.dirty = False
        win.preview.wait_idle()
        win.close()
        context.store.close()
        pg_cluster.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
