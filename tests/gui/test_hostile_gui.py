"""The app starts on a read-only data folder (a write-protected USB stick) and says so (issue 13, point 6).

Root only: the folder is a tmpfs remounted read-only, since root ignores chmod.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from dnnd_drafter.base import crashlog
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from tests.gui.clerk import make_office

pytestmark = pytest.mark.skipif(not (hasattr(os, "geteuid") and os.geteuid() == 0),
                                reason="mounting a read-only tmpfs needs root")


@pytest.fixture
def read_only_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Yield a data folder with an office in it, on a file system mounted read-only."""
    usb = tmp_path / "usb"
    usb.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(usb)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:  # root in a container without CAP_SYS_ADMIN
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        home = usb / "home"
        monkeypatch.setenv("DNND_DRAFTER_HOME", str(home))
        with open_store() as store:
            make_office(store)
            store.drafts.autosave("crashed-session", '{"subject": "Bản thảo còn dở"}')  # a crash left it
            store.conn.execute("UPDATE autosave SET pid = 999999999")
        for name in ("logs", "templates", "directives"):
            subprocess.run(["rm", "-rf", str(home / name)], check=True)
        subprocess.run(["mount", "-o", "remount,ro", str(usb)], check=True)
        yield home
    finally:
        subprocess.run(["umount", str(usb)], check=True)


def test_the_app_opens_on_a_read_only_folder_and_says_what_it_cannot_do(qtbot, presenter, read_only_home,
                                                                         tmp_path) -> None:
    from dnnd_drafter.model import drafting
    from dnnd_drafter.model import letter as model
    from dnnd_drafter.ui.app import open_context, start_window
    from dnnd_drafter.ui.wizard.start_dialog import StartChoice, session_for

    presenter.answers = ["no"]  # do not bring back the crashed draft

    crashlog.setup_logging()  # as run_app does first: the log cannot be opened there
    context = open_context(presenter)
    try:
        assert context.store is not None and context.store.read_only
        assert context.profile is not None and presenter.errors == []
        assert any("chỉ cho phép đọc" in text for text in presenter.infos)
        win = start_window(context)
        qtbot.addWidget(win)
        win.show()
        assert win.session.draft.issuer.name == context.profile.issuing_body
        assert win.session.autosave() is False  # refused quietly, editing goes on
        with pytest.raises(Exception, match="chỉ cho phép đọc"):
            context.store.addressbook.add(Recipient("Mới"))
        win.session.dirty = False
        win.close()
        draft = tmp_path / "cv.json"  # a draft elsewhere opens from the start choices
        model.save(drafting.new_draft(context.profile), draft)
        opened = session_for(StartChoice("open", path=draft), context)
        assert opened.path == draft and opened.draft.issuer.name == context.profile.issuing_body
    finally:
        context.store.close()
