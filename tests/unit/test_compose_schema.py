"""Check the draft schema @2: every @1 file still opens and renders as before; saving writes @2."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from dnnd_drafter.compose import engine as compose
from dnnd_drafter.compose import markup
from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import DraftError
from tests.conftest import EXAMPLES, REPO
from tests.unit.docx_read import body_paragraphs, render

V1 = REPO / "tests" / "fixtures" / "drafts_v1"
V1_FILES = sorted(V1.glob("*.json"))
#: The @1 letters of the core issue, with the body the @1 template gave them (golden files).
GOLDEN = [p for p in V1_FILES if p.with_suffix(".expected.md").exists()]


def test_the_fixtures_really_are_version_1() -> None:
    assert len(GOLDEN) == 4
    for path in V1_FILES:
        assert json.loads(path.read_text(encoding="utf-8"))["schema"] == "dnnd-drafter/draft@1"


@pytest.mark.parametrize("path", GOLDEN, ids=lambda p: p.stem)
def test_a_version_1_letter_opens_and_renders_its_old_body_block_for_block(path: Path) -> None:
    draft = model.load(path)
    expected = markup.parse_blocks(path.with_suffix(".expected.md").read_text(encoding="utf-8"))
    assert compose.compose_blocks(draft) == expected
    # the shipped example of the same name (still @1) gives the same .docx body
    shipped = EXAMPLES / path.name
    if shipped.exists():
        ours = [(p.text, [(r.text, r.bold, r.italic) for r in p.runs]) for p in body_paragraphs(render(draft))]
        theirs = [(p.text, [(r.text, r.bold, r.italic) for r in p.runs])
                  for p in body_paragraphs(render(model.load(shipped)))]
        assert ours == theirs


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.stem)
def test_saving_writes_the_current_version_and_reopens_to_the_same_letter(path: Path, tmp_path: Path) -> None:
    draft = model.load(path)
    saved = model.save(draft, tmp_path / "again.json")
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["schema"] == f"dnnd-drafter/draft@{model.SCHEMA_VERSION}" == "dnnd-drafter/draft@3"
    again = model.load(saved)
    assert again == draft
    assert compose.render_markup(again) == compose.render_markup(draft)


def test_the_keys_the_wizard_wrote_in_version_1_stay_where_the_wizard_reads_them() -> None:
    draft = model.load(V1 / "wizard_keys_and_free_keys.json")
    extra = draft.content.extra
    assert extra["directive"] == "12-CT/TW" and extra["directing_body"] == "Ủy ban nhân dân tỉnh"
    assert extra["upper_reference"].startswith("Kế hoạch số 45-KH/TU") and extra["opening_auto"] is False
    assert extra["variant"] == ""


def test_free_version_1_keys_that_clash_with_structured_names_are_kept_aside() -> None:
    draft = model.load(V1 / "wizard_keys_and_free_keys.json")
    extra = draft.content.extra
    assert extra["v1_purpose"] == 3 and extra["v1_propaganda"] == "ghi chú tự do của phiên bản 1"
    assert extra["v1_references"] == "xem hồ sơ" and extra["v1_situation"] == ["không phải chuỗi"]
    assert "purpose" not in extra and "references" not in extra
    assert extra["ghi_chu"] == {"a": 1}  # a free key with a free name is untouched
    # the letter is the one of @1: its written opening is used as written
    plain = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
    assert compose.compose_blocks(draft) == compose.compose_blocks(plain)


def test_migrate_runs_in_order_and_never_changes_its_input() -> None:
    raw = json.loads((V1 / "wizard_keys_and_free_keys.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(raw)
    migrated = model.migrate(raw)
    assert raw == before
    assert migrated["schema"] == "dnnd-drafter/draft@3" and migrated["content"]["v1_purpose"] == 3
    assert sorted(model.MIGRATIONS) == list(range(1, model.SCHEMA_VERSION))
    assert model.migrate(migrated) == migrated  # a current file goes through unchanged


def test_a_file_without_a_schema_is_read_as_version_1() -> None:
    raw = json.loads((V1 / "dang_cat_tien_492.json").read_text(encoding="utf-8"))
    del raw["schema"]
    assert model.from_dict(raw) == model.load(V1 / "dang_cat_tien_492.json")


def test_a_newer_schema_is_refused_naming_the_field() -> None:
    raw = json.loads((V1 / "dang_cat_tien_492.json").read_text(encoding="utf-8"))
    raw["schema"] = f"dnnd-drafter/draft@{model.SCHEMA_VERSION + 1}"
    with pytest.raises(DraftError) as info:
        model.from_dict(raw)
    assert info.value.field == "schema" and "phiên bản mới hơn" in info.value.message
