"""The profile words every letter the way the office does: the subject of the opening sentence
("Ban Thường vụ Huyện ủy chỉ đạo …"), never a sentence without one, and a Party ký hiệu without
the drafting unit unless the profile asks for it."""

from __future__ import annotations

import sqlite3

import pytest

from dnnd_drafter.compose import engine as compose
from dnnd_drafter.model import drafting
from dnnd_drafter.model import letter as model
from dnnd_drafter.model import validation
from dnnd_drafter.model.findings import Part
from dnnd_drafter.render import validate
from dnnd_drafter.store import Profile, open_store
from dnnd_drafter.store import db as store_db
from dnnd_drafter.model.content import DirectiveRef, Forwarded
from tests.conftest import EXAMPLES
from tests.unit.store_fixtures import home, party_profile, state_profile, store  # noqa: F401 - fixtures

CAT_TIEN = model.load(EXAMPLES / "dang_cat_tien_492.json")
UPPER = "Công văn số 1218-CV/TU ngày 25/01/2022 của Ban Thường vụ Tỉnh ủy"
SHIPPED = ("cong_van_trien_khai", "cong_van_tuyen_truyen", "chi_thi_trien_khai", "ke_hoach_trien_khai",
           "cong_van_sao_gui")


def _opening_draft(template: str, issuer: str, family: str = "dang", directing: str = "") -> model.Draft:
    """Return the Cát Tiên letter with a composed opening: upper document, directive, no subject typed."""
    draft = CAT_TIEN.copy(template=template, kind=drafting.KIND_OF_TEMPLATE.get(template, "cong_van"),
                          family=family)
    draft.issuer.name, draft.issuer.parent = issuer, ""
    draft.content.opening = ""
    draft.content.directive, draft.content.upper_reference = DirectiveRef("12-CT/TW"), UPPER
    draft.content.forwarded = Forwarded(title="Tài liệu tuyên truyền")
    draft.content.directing_body = directing
    if family != "dang":
        draft.signature.authority = "TM."
    return draft


def test_the_reported_sentence_gets_the_usual_subject_of_the_issuer() -> None:
    first = compose.render_markup(_opening_draft("cong_van_trien_khai", "HUYỆN ỦY CÁT TIÊN")).split("\n")[0]
    assert "”; chỉ đạo" not in first
    assert "”; **Ban Thường vụ Huyện ủy chỉ đạo Ủy ban nhân dân huyện" in first


@pytest.mark.parametrize("template", SHIPPED)
def test_no_shipped_template_writes_an_opening_without_a_subject(template: str) -> None:
    draft = _opening_draft(template, "CHI BỘ THÔN 1")  # no usual subject for a chi bộ
    body = "\n".join(block.text for block in compose.compose_blocks(draft))
    assert "[Cơ quan chỉ đạo]" in body
    for bare in ("; chỉ đạo", "; đề nghị", ", yêu cầu", ", xây dựng Kế hoạch", ", sao gửi", "\nChỉ đạo", "\nĐề nghị các"):
        assert bare not in body, (template, bare)
    problems = validation.blocking(validate(draft))
    assert [(p.field, p.part) for p in problems] == [("content.directing_body", Part.CONTENT)]
    assert "Cơ quan chỉ đạo" in problems[0].message
    draft.content.directing_body = "Chi ủy"
    assert "Chi ủy" in compose.render_markup(draft) and "Cơ quan chỉ đạo" not in compose.render_markup(draft)
    assert not validation.blocking(validate(draft))


@pytest.mark.parametrize(("issuer", "parent", "subject"), [
    ("HUYỆN ỦY CÁT TIÊN", "", "Ban Thường vụ Huyện ủy"),
    ("ĐẢNG ỦY PHƯỜNG\nLÂM VIÊN - ĐÀ LẠT", "ĐẢNG BỘ TỈNH LÂM ĐỒNG", "Ban Thường vụ Đảng ủy"),
    ("BAN THƯỜNG VỤ TỈNH UỶ", "", "Ban Thường vụ Tỉnh ủy"),
    ("BAN TUYÊN GIÁO", "THỊ ỦY HƯƠNG TRÀ", "Ban Tuyên giáo Thị ủy"),
    ("CHI BỘ THÔN 1", "ĐẢNG ỦY XÃ", ""),
    ("ỦY BAN NHÂN DÂN\nXÃ CÁT TIÊN", "", "Ủy ban nhân dân xã"),
    ("UBND THÀNH PHỐ ĐÀ LẠT", "", "Ủy ban nhân dân thành phố"),
    ("SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH", "UBND TỈNH", ""),
    ("BCH TỈNH ĐOÀN LÂM ĐỒNG", "", "Ban Thường vụ Tỉnh Đoàn"),
])
def test_the_usual_subject_of_each_body(issuer: str, parent: str, subject: str) -> None:
    assert drafting.default_directing_body(issuer, parent) == subject


def test_the_profile_remembers_the_subject_and_every_new_letter_uses_it(store) -> None:  # noqa: F811
    party = party_profile(store)
    party.directing_body = "Thường trực Huyện ủy"
    store.profiles.save(party)
    loaded = store.profiles.get(party.id)
    assert loaded.directing_body == "Thường trực Huyện ủy"
    draft = drafting.new_draft(loaded, template="cong_van_trien_khai")
    draft.content.directive, draft.content.upper_reference = DirectiveRef("12-CT/TW"), UPPER
    draft.content.tasks = CAT_TIEN.content.tasks[:1]
    assert "**Thường trực Huyện ủy chỉ đạo" in compose.render_markup(draft)


def test_a_version_4_database_gains_the_profile_wording_columns(tmp_path) -> None:
    path = tmp_path / "v4.sqlite3"
    conn = sqlite3.connect(path)
    for step in store_db.MIGRATIONS[:4]:
        step(conn)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO profile (name, family, issuing_body, abbreviation, unit_abbreviations) "
                 "VALUES ('Đảng ủy xã', 'dang', 'ĐẢNG ỦY XÃ CÁT TIÊN', 'ĐU', '[\"VP\"]')")
    conn.commit()
    conn.close()
    with open_store(path) as opened:
        profile = opened.profiles.by_name("Đảng ủy xã")
        assert profile.directing_body == "" and profile.unit_in_symbol is None
        assert profile.symbol_for("cong_van") == "CV/ĐU"


def test_a_party_unit_stays_out_of_the_symbol_unless_the_profile_asks(store) -> None:  # noqa: F811
    party = store.profiles.save(Profile("Đảng ủy xã", "dang", "ĐẢNG ỦY XÃ CÁT TIÊN", abbreviation="ĐU",
                                        unit_abbreviations=["VP"]))
    assert party.symbol_for("cong_van") == "CV/ĐU"
    assert drafting.new_draft(party).symbol == "CV/ĐU"
    assert party.symbol_for("cong_van", "VP") == "CV/ĐU-VP"  # a unit given for one letter is used
    party.unit_in_symbol = True
    store.profiles.save(party)
    assert store.profiles.get(party.id).symbol_for("cong_van") == "CV/ĐU-VP"
    state = state_profile(store)
    assert state.symbol_for("cong_van") == "UBND-VP"
    state.unit_in_symbol = False
    store.profiles.save(state)
    assert store.profiles.get(state.id).symbol_for("cong_van") == "UBND"


def test_a_new_letter_without_a_profile_takes_the_family_it_is_given() -> None:
    draft = drafting.new_draft(None, family="dang")
    assert draft.family == "dang" and draft.cc == drafting.default_cc("dang")


def test_the_wording_choices_travel_with_an_export(store, tmp_path) -> None:  # noqa: F811
    from dnnd_drafter.store.fileformats import export_data
    from dnnd_drafter.store.transfer import import_data

    party = store.profiles.save(Profile("Đảng ủy xã", "dang", "ĐẢNG ỦY XÃ CÁT TIÊN", abbreviation="ĐU",
                                        unit_abbreviations=["VP"], directing_body="Thường trực Đảng ủy",
                                        unit_in_symbol=True))
    export_data(store, tmp_path / "du-lieu.json")
    with open_store(tmp_path / "khac.sqlite3") as other:
        import_data(other, tmp_path / "du-lieu.json")
        copy = other.profiles.by_name(party.name)
        assert (copy.directing_body, copy.unit_in_symbol) == ("Thường trực Đảng ủy", True)
        assert copy.symbol_for("cong_van") == "CV/ĐU-VP"
