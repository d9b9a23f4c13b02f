"""Test that a draft file changed by another window or process is never overwritten silently."""

from __future__ import annotations

import json
import os

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.store.conflicts import DraftConflict
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.store import open_store
from dnnd_drafter.model.content import DirectiveRef
from tests.unit.store_fixtures import home, run_python, state_profile  # noqa: F401 - fixtures
from tests.unit.test_store_commands import DRAFT

CLI = "import sys\nfrom dnnd_drafter.cli import entry as cli\nsys.exit(cli.main(sys.argv[1:]))\n"


@pytest.fixture
def draft_file(tmp_path):
    path = tmp_path / "cong-van.json"
    path.write_text(json.dumps(DRAFT, ensure_ascii=False), encoding="utf-8")
    return path


def _window(path) -> DraftSession:
    """Open the draft file as a window does."""
    return DraftSession(model.load(path), path)


def test_two_windows_saving_one_draft_the_second_is_stopped(draft_file):
    first, second = _window(draft_file), _window(draft_file)
    first.draft.subject = "Về việc triển khai Chỉ thị số 12-CT/TW (sửa ở cửa sổ 1)"
    first.save()
    second.draft.cc = ["Như trên", "Lưu: VT"]
    with pytest.raises(DraftConflict) as caught:
        second.save()
    conflict = caught.value
    assert (conflict.theirs_changed, conflict.mine_changed, conflict.both_changed) == (["subject"], ["cc"], [])
    assert "trích yếu" in conflict.message  # a UserMessageError everywhere it is not asked about
    assert model.load(draft_file).subject.endswith("(sửa ở cửa sổ 1)")  # nothing written
    assert model.load(draft_file).cc == []
    second.overwrite(conflict)  # "Ghi đè": mine, plus what only the other window changed
    saved = model.load(draft_file)
    assert saved.subject.endswith("(sửa ở cửa sổ 1)") and saved.cc == ["Như trên", "Lưu: VT"]
    assert second.draft.subject == saved.subject and not second.dirty
    first.draft.place = "Tân An"  # and now the first window is the one behind
    with pytest.raises(DraftConflict) as again:
        first.save()
    assert again.value.theirs_changed == ["cc"]


def test_both_windows_changing_one_field_is_named_and_mine_wins_only_when_asked(draft_file):
    first, second = _window(draft_file), _window(draft_file)
    first.draft.subject = "Của cửa sổ 1"
    first.save()
    second.draft.subject = "Của cửa sổ 2"
    with pytest.raises(DraftConflict) as caught:
        second.save()
    assert caught.value.both_changed == ["subject"]
    second.overwrite(caught.value)
    assert model.load(draft_file).subject == "Của cửa sổ 2"


def test_saving_again_without_a_change_elsewhere_and_saving_elsewhere_are_not_conflicts(draft_file, tmp_path):
    window = _window(draft_file)
    for text in ("một", "hai"):
        window.draft.subject = text
        window.save()
    os.utime(draft_file, ns=(0, 0))  # touched (a backup tool, a copy back) but the same content
    window.draft.subject = "ba"
    window.save()
    same = json.dumps(json.loads(draft_file.read_text(encoding="utf-8")), ensure_ascii=True, indent=4)
    draft_file.write_text(same, encoding="utf-8")  # another layout of the same fields
    window.draft.subject = "ba rưỡi"
    window.save()
    other = DraftSession.open(draft_file)
    other.draft.subject = "bốn"
    other.save()
    window.draft.subject = "năm"
    elsewhere = window.save(tmp_path / "ban-khac.json")  # "Lưu thành tệp khác"
    assert model.load(elsewhere).subject == "năm" and model.load(draft_file).subject == "bốn"
    draft_file.unlink()  # deleted meanwhile: saving puts it back, nothing of the other side to lose
    other.draft.subject = "sáu"
    other.save()
    assert model.load(draft_file).subject == "sáu"


def test_a_number_issued_by_the_command_line_survives_a_save_from_the_window(home, draft_file):
    with open_store() as store:
        state_profile(store)
    window = _window(draft_file)
    result = run_python(CLI, "register", "issue", str(draft_file), "--date", "14/02/2026")
    assert result.returncode == 0, result.stderr
    window.draft.subject = "Về việc triển khai Chỉ thị số 12-CT/TW (bản cuối)"
    window.draft.number = ""  # the window never saw the number
    with pytest.raises(DraftConflict) as caught:
        window.save()
    conflict = caught.value
    assert conflict.numbered_meanwhile and {"number", "symbol", "date"} <= set(conflict.theirs_changed)
    assert model.load(draft_file).number == "01"  # nothing written yet
    window.overwrite(conflict)
    saved = model.load(draft_file)
    assert (saved.number, saved.symbol, saved.date.isoformat()) == ("01", "UBND-VP", "2026-02-14")
    assert saved.subject.endswith("(bản cuối)")
    with open_store() as store:
        (entry,) = store.register.entries(2026)
        assert entry.number == 1


def test_the_body_is_compared_part_by_part(draft_file):
    first, second = _window(draft_file), _window(draft_file)
    first.draft.content.tasks = [model.Task(text="Tổ chức trực 24/24.")]
    first.draft.content.upper_reference = "Công văn số 5-CV/HU"
    first.save()
    second.draft.content.directive = DirectiveRef("12-CT/TW")  # the window fills the directive it follows
    second.draft.content.closing = "Đề nghị các ấp thực hiện nghiêm túc."
    with pytest.raises(DraftConflict) as caught:
        second.save()
    conflict = caught.value
    assert conflict.theirs_changed == ["content.tasks", "content.upper_reference"]
    assert conflict.mine_changed == ["content.closing", "content.directive"]
    assert "các nhiệm vụ, văn bản cấp trên" in conflict.message
    second.overwrite(conflict)
    content = model.load(draft_file).content
    assert [t.text for t in content.tasks] == ["Tổ chức trực 24/24."]
    assert content.closing == "Đề nghị các ấp thực hiện nghiêm túc."
    assert (content.upper_reference, content.directive) == ("Công văn số 5-CV/HU", DirectiveRef("12-CT/TW"))


def test_noi_nhan_notes_and_office_choices_made_in_another_window_are_kept(draft_file):
    from dnnd_drafter.model.formats import OfficeChoices

    first, second = _window(draft_file), _window(draft_file)
    first.draft.cc = ["Như trên", "Thường trực Tỉnh ủy", "UBND tỉnh", "Lưu: VT, VP"]
    first.draft.cc_notes = [model.CcNote(2, 3, "(để báo cáo)")]
    first.draft.choices = OfficeChoices(closing_mark="")
    first.save()
    second.draft.subject = "Về việc của cửa sổ 2"
    with pytest.raises(DraftConflict) as caught:
        second.save()
    assert sorted(caught.value.theirs_changed) == ["cc", "choices"]
    second.overwrite(caught.value)
    saved = model.load(draft_file)  # the notes came with their lines: the file opens
    assert saved.cc_notes == [model.CcNote(2, 3, "(để báo cáo)")] and saved.choices == OfficeChoices(closing_mark="")
    assert saved.subject == "Về việc của cửa sổ 2"
    third, fourth = _window(draft_file), _window(draft_file)
    third.draft.cc = ["Như trên"]  # fewer lines: a note on lines 2–3 would not open again
    third.draft.cc_notes = []
    third.save()
    fourth.draft.subject = "Về việc của cửa sổ 4"
    with pytest.raises(DraftConflict) as again:
        fourth.save()
    assert again.value.both_changed == [] and "cc" in again.value.theirs_changed
    fourth.overwrite(again.value)
    final = model.load(draft_file)
    assert final.cc == ["Như trên"] and final.cc_notes == []


def test_every_part_of_a_letter_is_compared_and_named() -> None:
    from dataclasses import fields

    from dnnd_drafter.model.content import Content
    from dnnd_drafter.store.conflicts import DRAFT_FIELDS

    parts = {f"content.{f.name}" for f in fields(Content)}
    parts |= {f.name for f in fields(model.Draft)} - {"content", "cc_notes"}  # notes go with their lines ("cc")
    assert parts == set(DRAFT_FIELDS)
