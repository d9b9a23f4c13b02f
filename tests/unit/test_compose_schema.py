"""Check the draft schema: every @1 and @2 file still opens and renders as before; saving writes @3,
and nothing an older file held is lost (what @3 does not know is kept under ``kept``)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from dnnd_drafter.compose import engine as compose
from dnnd_drafter.compose import markup
from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import DraftError
from dnnd_drafter.model.content import DirectiveRef
from tests.conftest import EXAMPLES, REPO
from tests.unit.docx_read import body_paragraphs, render

V1 = REPO / "tests" / "fixtures" / "drafts_v1"
V1_FILES = sorted(V1.glob("*.json"))
#: A draft as the previous release (@2) saved it, with keys of the clerk's own in every object.
V2_FREE_KEYS = REPO / "tests" / "fixtures" / "drafts_v2" / "previous_release_with_free_keys.json"
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


@pytest.mark.parametrize("path", V1_FILES + sorted(EXAMPLES.glob("*.json")) + [V2_FREE_KEYS], ids=lambda p: p.stem)
def test_saving_writes_version_3_and_reopens_to_the_same_letter(path: Path, tmp_path: Path) -> None:
    draft = model.load(path)
    saved = model.save(draft, tmp_path / "again.json")
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["schema"] == f"dnnd-drafter/draft@{model.SCHEMA_VERSION}" == "dnnd-drafter/draft@3"
    again = model.load(saved)
    assert again == draft
    assert compose.render_markup(again) == compose.render_markup(draft)


def test_the_keys_the_wizard_wrote_in_version_1_stay_where_the_wizard_reads_them() -> None:
    draft = model.load(V1 / "wizard_keys_and_free_keys.json")
    content = draft.content
    assert content.directive == DirectiveRef("12-CT/TW") and content.directing_body == "Ủy ban nhân dân tỉnh"
    assert content.upper_reference.startswith("Kế hoạch số 45-KH/TU") and content.variant == ""
    assert "content.opening_auto" not in draft.kept  # the @1 wizard's flag means nothing since @2


def test_free_version_1_keys_that_clash_with_structured_names_are_kept_aside() -> None:
    draft = model.load(V1 / "wizard_keys_and_free_keys.json")
    assert draft.kept == {"content.v1_purpose": 3, "content.v1_propaganda": "ghi chú tự do của phiên bản 1",
                          "content.v1_references": "xem hồ sơ", "content.v1_situation": ["không phải chuỗi"],
                          "content.ghi_chu": {"a": 1}}  # a free key with a free name is kept as it was
    assert draft.content.purpose == [] and draft.content.references == []
    # the letter is the one of @1: its written opening is used as written
    plain = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
    assert compose.compose_blocks(draft) == compose.compose_blocks(plain)


def test_migrate_runs_in_order_and_never_changes_its_input() -> None:
    raw = json.loads((V1 / "wizard_keys_and_free_keys.json").read_text(encoding="utf-8"))
    before = copy.deepcopy(raw)
    migrated = model.migrate(raw)
    assert raw == before
    assert migrated["schema"] == "dnnd-drafter/draft@3" and migrated["kept"]["content.v1_purpose"] == 3
    assert "v1_purpose" not in migrated["content"]
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


def test_a_draft_of_the_previous_release_keeps_every_key_it_held_and_prints_the_same(tmp_path: Path) -> None:
    raw = json.loads(V2_FREE_KEYS.read_text(encoding="utf-8"))
    assert raw["schema"] == "dnnd-drafter/draft@2"
    draft = model.load(V2_FREE_KEYS)
    assert draft.kept == {"so_luu_tru": "HS-2026/15", "issuer.ma_dinh_danh": "H37.13", "signature.ky_so": True,
                          "content.ghi_chu": {"người soạn": "Chị Lan", "lần sửa": 3},
                          "content.tasks[1].ghi_chu": "việc của Ban Tuyên giáo"}
    saved = json.loads(model.save(draft, tmp_path / "again.json").read_text(encoding="utf-8"))
    assert saved["kept"] == draft.kept and "ghi_chu" not in saved["content"]
    plain = model.load(EXAMPLES / "dang_phuong_lam_vien_ke_hoach.json")
    assert compose.compose_blocks(draft) == compose.compose_blocks(plain)
    assert draft.copy(kept={}) == plain


@pytest.mark.parametrize(("where", "field"), [
    ((), "so_luu_tru"), (("issuer",), "issuer.so_luu_tru"), (("signature",), "signature.so_luu_tru"),
    (("content",), "content.so_luu_tru"), (("content", "tasks", 0), "content.tasks[1].so_luu_tru"),
])
def test_a_current_draft_with_a_key_nobody_knows_is_refused_naming_it(where: tuple, field: str) -> None:
    data = model.to_dict(model.load(EXAMPLES / "dang_phuong_lam_vien_ke_hoach.json"))
    target = data
    for step in where:
        target = target[step]
    target["so_luu_tru"] = "HS-2026/15"
    with pytest.raises(DraftError) as info:
        model.from_dict(data)
    assert info.value.field == field and f"“{field}”" in info.value.message
    assert "không phải trường đã biết" in info.value.message


def test_a_draft_with_every_part_of_the_body_set_saves_and_reopens_the_same(tmp_path: Path) -> None:
    import datetime as dt

    from dnnd_drafter.model.content import Forwarded, Propaganda, PropagandaItem, Reference, WordNotes

    draft = model.load(EXAMPLES / "dang_phuong_lam_vien_ke_hoach.json")
    content = draft.content
    content.directive = DirectiveRef("05-CT/TU", from_catalog=False, type_name="Chỉ thị", date=dt.date(2026, 1, 9),
                                     issuer="Ban Thường vụ Tỉnh ủy", subject="về đối ngoại", lead_in="Câu dẫn.")
    content.references = [Reference("45-KH/TU", type_code="KH", date=dt.date(2026, 2, 20), issuer="Tỉnh ủy",
                                    subject="về triển khai", verb="Căn cứ", subject_style="italic",
                                    comma_before_date=True, with_so=False), Reference(text="Công văn của Sở")]
    content.variant, content.upper_reference, content.body = "cấp huyện/cấp cơ sở", "Kế hoạch số 45-KH/TU", "Đoạn."
    content.directing_verb, content.directed, content.situation = "yêu cầu", "các chi bộ", "Tình hình **tốt**."
    content.lead_in, content.purpose = "Câu dẫn phần II.", ["Mục đích một.", "Mục đích hai."]
    content.propaganda = Propaganda([PropagandaItem("Ý một", ["ý nhỏ"]), PropagandaItem("- Ý hai")], ["Pano"],
                                    dt.date(2026, 9, 5), "Ban Tuyên giáo")
    content.forwarded = Forwarded("Đề cương", "Ban Tuyên giáo", "Trang tin", "https://a.vn", "Ghi *chú*.",
                                  "Để học tập", "sao gửi")
    content.wordin = WordNotes({"subject": "không chắc"}, {"subject": draft.subject}, ["Đoạn lạc."])
    draft.kept = {"content.ghi_chu": {"a": 1}}
    again = model.load(model.save(draft, tmp_path / "full.json"))
    assert again == draft
