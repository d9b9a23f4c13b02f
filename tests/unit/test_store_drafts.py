"""Test autosave for crash recovery and the recent draft files."""

from __future__ import annotations

import json
import time

from dnnd_drafter.store import open_store
from tests.unit.store_fixtures import home, run_python, store  # noqa: F401 - fixtures

CRASHING_SESSION = """
import json, os
from dnnd_drafter.store import open_store
store = open_store()
store.drafts.autosave("crashed", json.dumps({"subject": "Về việc đối ngoại nhân dân"}, ensure_ascii=False))
store.drafts.autosave("clean", "{}")
store.drafts.mark_closed("clean")
store.close()
os._exit(0)  # the window never said it closed the "crashed" session
"""


def test_autosave_of_a_crashed_process_is_offered_back(home):
    result = run_python(CRASHING_SESSION)
    assert result.returncode == 0, result.stderr
    with open_store() as store:
        pending = store.drafts.pending_autosaves()
        assert [(p.session_id, p.subject) for p in pending] == [("crashed", "Về việc đối ngoại nhân dân")]
        assert json.loads(pending[0].draft_json)["subject"] == "Về việc đối ngoại nhân dân"
        store.drafts.mark_closed("crashed")
        assert store.drafts.pending_autosaves() == []


def test_live_sessions_are_not_offered_and_autosave_replaces(store):
    store.drafts.autosave("s1", '{"subject": "Một"}')
    store.drafts.autosave("s1", '{"subject": "Hai"')  # half-written JSON is kept as it is
    assert store.drafts.pending_autosaves() == []  # this process is alive
    live = store.drafts.pending_autosaves(include_live=True)
    assert [(a.session_id, a.draft_json, a.subject) for a in live] == [("s1", '{"subject": "Hai"', "")]
    store.conn.execute("UPDATE autosave SET pid = 999999999")  # a pid that cannot run
    assert [a.session_id for a in store.drafts.pending_autosaves()] == ["s1"]


def test_recent_drafts_newest_first_with_subject(store, tmp_path):
    for name in ("a.json", "b.json", "c.json"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
        store.drafts.record_recent(tmp_path / name, f"Trích yếu {name}")
    store.drafts.record_recent(tmp_path / "a.json", "Trích yếu mới")
    recent = store.drafts.recent_drafts(limit=2)
    assert [(r.path.name, r.subject) for r in recent] == [("a.json", "Trích yếu mới"), ("c.json", "Trích yếu c.json")]
    assert recent[0].path.is_absolute() and recent[0].exists and recent[0].updated_at
    (tmp_path / "c.json").unlink()
    assert not store.drafts.recent_drafts()[1].exists
    store.drafts.forget_recent(tmp_path / "c.json")
    assert [r.path.name for r in store.drafts.recent_drafts()] == ["a.json", "b.json"]


def test_recent_list_is_capped(store, tmp_path, monkeypatch):
    from dnnd_drafter.store import drafts

    monkeypatch.setattr(drafts, "RECENT_KEEP", 5)
    for i in range(8):
        store.drafts.record_recent(tmp_path / f"{i}.json", str(i))
        time.sleep(0.001)
    assert [r.subject for r in store.drafts.recent_drafts(limit=50)] == ["7", "6", "5", "4", "3"]
