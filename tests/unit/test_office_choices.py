"""Office choices (issue 15 points 9 and 15): list punctuation, ./. and the Nơi nhận label style.

The family's default lives in the format files; an office profile may set another value the
family offers; the draft carries it into the letter; the checker measures a letter against the
office's setting, or the family's default when none is given, and says which it assumed.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.checker import check_bytes, check_draft
from dnnd_drafter.model.drafting import new_draft, switch_family
from dnnd_drafter.base.errors import DraftError, UserDataError
from dnnd_drafter.model.formats import OfficeChoices, load_format
from dnnd_drafter.render import laid_out
from dnnd_drafter.store import db, open_store
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.conftest import EXAMPLES
from tests.unit.docx_read import body_paragraphs, render
from tests.unit.store_fixtures import home, party_profile, state_profile, store  # noqa: F401 - fixtures

CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"
UBND = EXAMPLES / "nha_nuoc_ubnd_tinh.json"
DOAN = EXAMPLES / "doan_tn_tinh_doan.json"


def _texts(letter, role: str) -> list[str]:
    return [p.text for p in letter.find(role)]


# -- the family defaults, with their source, in the format data ------------------------------------

@pytest.mark.parametrize("family, separator, closing, label", [
    ("dang", ",", "", "underline"), ("nha_nuoc", ";", "./.", "bold_italic"),
    ("doan_the", ";", "./.", "bold_italic"), ("doan_tn", ";", "", "underline")])
def test_each_family_has_its_default_choices_with_a_source(family, separator, closing, label) -> None:
    fmt = load_format(family)
    assert [fmt.default_choice(c) for c in ("list_separator", "closing_mark", "cc_label_style")] == \
        [separator, closing, label]
    assert fmt.choices["source"]
    assert fmt.style("cc_label") == fmt.cc_label_styles[label].__class__(**{
        **vars(fmt.cc_label_styles[label]), "source": fmt.style("cc_label").source})


def test_the_choices_an_office_may_make_are_the_ones_the_spec_names() -> None:
    assert load_format("dang").options("list_separator") == [",", ";"]        # Party Kính gửi and Nơi nhận
    assert load_format("nha_nuoc").options("list_separator") == [";"]         # NĐ 30: no choice
    assert load_format("doan_tn").options("cc_label_style") == ["underline", "bold_italic"]
    assert load_format("dang").options("cc_label_style") == ["underline"]
    for family in ("dang", "nha_nuoc", "doan_the", "doan_tn"):
        assert sorted(load_format(family).options("closing_mark")) == ["", "./."]


def test_a_choice_the_family_does_not_offer_is_refused_naming_it() -> None:
    with pytest.raises(DraftError) as info:
        load_format("nha_nuoc").with_choices(OfficeChoices(list_separator=","))
    assert info.value.field == "choices.list_separator" and "“;”" in info.value.message


# -- the letter follows the draft's (the office's) choices ------------------------------------------

def test_a_party_office_that_writes_semicolons_gets_them_in_kinh_gui_and_noi_nhan() -> None:
    draft = model.load(CAT_TIEN)
    default = laid_out(draft)
    assert _texts(default, "cc_item")[0] == "- Thường trực Huyện ủy,"
    semicolons = laid_out(draft.copy(choices=OfficeChoices(list_separator=";")))
    assert _texts(semicolons, "cc_item") == ["- Thường trực Huyện ủy;", "- Như kính gửi;", "- Lưu VPHU."]
    assert all(t.endswith(";") for t in _texts(semicolons, "recipients")[:-1])
    assert _texts(semicolons, "recipients")[-1].endswith(".")


def test_the_closing_mark_follows_the_office_choice() -> None:
    state = model.load(UBND)
    assert body_paragraphs(render(state))[-1].text.endswith("./.")
    without = state.copy(choices=OfficeChoices(closing_mark=""))
    assert not any(p.text.endswith("./.") for p in body_paragraphs(render(without)))
    party = model.load(CAT_TIEN).copy(choices=OfficeChoices(closing_mark="./."))
    assert body_paragraphs(render(party))[-2].text.endswith("./.")  # the attachment line follows it


def test_a_doan_office_may_write_the_noi_nhan_label_in_the_state_style() -> None:
    draft = model.load(DOAN)
    label = laid_out(draft).find("cc_label")[0].runs[0]
    assert (label.size, label.underline, label.bold, label.italic) == (14, True, False, False)
    state = laid_out(draft.copy(choices=OfficeChoices(cc_label_style="bold_italic"))).find("cc_label")[0].runs[0]
    assert (state.size, state.underline, state.bold, state.italic) == (12, False, True, True)


def test_the_draft_file_keeps_the_choices_and_refuses_one_the_family_lacks(tmp_path) -> None:
    draft = model.load(CAT_TIEN).copy(choices=OfficeChoices(list_separator=";", closing_mark="./."))
    again = model.load(model.save(draft, tmp_path / "d.json"))
    assert again.choices == OfficeChoices(list_separator=";", closing_mark="./.")
    raw = json.loads(UBND.read_text(encoding="utf-8")) | {"choices": {"list_separator": ","}}
    with pytest.raises(DraftError) as info:
        model.from_dict(raw)
    assert info.value.field == "choices.list_separator"


def test_a_draft_of_the_previous_version_opens_with_the_family_defaults() -> None:
    raw = json.loads(CAT_TIEN.read_text(encoding="utf-8")) | {"schema": "dnnd-drafter/draft@2"}
    draft = model.from_dict(raw)
    assert draft.choices == OfficeChoices() and draft.cc_notes == []
    assert laid_out(draft).paragraphs() == laid_out(model.load(CAT_TIEN)).paragraphs()


def test_switching_family_drops_choices_the_new_family_does_not_offer() -> None:
    draft = model.load(CAT_TIEN).copy(choices=OfficeChoices(list_separator=","))
    switch_family(draft, "nha_nuoc")
    assert draft.choices == OfficeChoices()
    laid_out(draft)  # renders


# -- the profile keeps them -------------------------------------------------------------------------

def test_a_profile_keeps_its_choices_and_a_new_draft_takes_them(store) -> None:
    profile = party_profile(store)
    assert profile.choices == OfficeChoices()
    profile.choices = OfficeChoices(list_separator=";", closing_mark="./.")
    store.profiles.save(profile)
    again = store.profiles.get(profile.id)
    assert again.choices == OfficeChoices(list_separator=";", closing_mark="./.")
    draft = new_draft(again)
    assert draft.choices == again.choices


def test_a_profile_refuses_a_choice_its_family_does_not_offer(store) -> None:
    profile = state_profile(store)
    profile.choices = OfficeChoices(cc_label_style="underline")
    with pytest.raises(UserDataError) as info:
        store.profiles.save(profile)
    assert info.value.field == "choices.cc_label_style" and "Hồ sơ" in info.value.message
    assert store.profiles.get(profile.id).choices == OfficeChoices()  # nothing changed


def test_a_database_of_the_previous_version_gains_the_choice_columns_empty(home) -> None:
    with open_store() as opened:
        party_profile(opened)
    path = home / "dnnd-drafter.sqlite3"
    if not path.exists():
        path = next(home.rglob("*.sqlite3"))
    conn = sqlite3.connect(path)
    for column in ("list_separator", "closing_mark", "cc_label_style"):
        conn.execute(f"ALTER TABLE profile DROP COLUMN {column}")
    conn.execute("ALTER TABLE register_entry DROP COLUMN pending_host")  # version 11, after the choices
    conn.execute("PRAGMA user_version = 9")  # the version before the choices (10)
    conn.commit()
    conn.close()
    with open_store() as opened:
        assert [p.choices for p in opened.profiles.all()] == [OfficeChoices()]
        assert db.user_version(opened.conn) == db.SCHEMA_VERSION


def test_the_choices_travel_with_a_data_export(store, tmp_path) -> None:
    profile = party_profile(store)
    profile.choices = OfficeChoices(list_separator=";")
    store.profiles.save(profile)
    written = store.export(tmp_path / "du-lieu.json")
    data = json.loads(written[0].read_text(encoding="utf-8"))
    assert data["profiles"][0]["choices"] == {"list_separator": ";"}
    store.profiles.delete(profile.id)
    store.import_file(written[0])
    assert store.profiles.by_name(profile.name).choices == OfficeChoices(list_separator=";")


# -- the checker reads them --------------------------------------------------------------------------

def _docx(draft: model.Draft) -> bytes:
    return to_bytes(laid_out(draft))


def test_the_checker_says_which_setting_it_assumed() -> None:
    report = check_bytes(_docx(model.load(CAT_TIEN)))
    assert report.choices["from"] == "mặc định của khối Đảng"
    assert "Lựa chọn của cơ quan: theo mặc định của khối Đảng" in report.text()
    assert report.to_dict()["choices"]["list_separator"].startswith("dấu phẩy")
    office = check_bytes(_docx(model.load(CAT_TIEN)), choices=OfficeChoices(list_separator=";"),
                         choices_from="hồ sơ “Huyện ủy Hương Trà”")
    assert "theo hồ sơ “Huyện ủy Hương Trà”" in office.text()


def test_a_letter_with_semicolons_is_a_warning_by_default_and_fine_for_an_office_that_chose_them() -> None:
    data = _docx(model.load(CAT_TIEN).copy(choices=OfficeChoices(list_separator=";")))
    default = check_bytes(data)
    assert default.ok and "choices.list_separator" in default.codes()
    assert "recipients.punctuation" not in default.codes() and "cc.punctuation" not in default.codes()
    finding = next(f for f in default.findings if f.code == "choices.list_separator")
    assert "mặc định của khối Đảng" in finding.expected and "--profile" in finding.expected
    office = check_bytes(data, choices=OfficeChoices(list_separator=";"), choices_from="hồ sơ “Hương Trà”")
    assert not office.findings
    commas = check_bytes(_docx(model.load(CAT_TIEN)), choices=OfficeChoices(list_separator=";"),
                         choices_from="hồ sơ “Hương Trà”")
    assert not commas.ok and "choices.list_separator" in commas.codes()


def test_the_closing_mark_and_the_label_style_are_reported_against_the_setting() -> None:
    without = _docx(model.load(UBND).copy(choices=OfficeChoices(closing_mark="")))
    assert "choices.closing_mark" in check_bytes(without).codes()
    assert check_bytes(without).ok  # against the family default: a warning
    assert not check_bytes(without, choices=OfficeChoices(closing_mark=""), choices_from="hồ sơ “Công đoàn”").findings
    state_label = _docx(model.load(DOAN).copy(choices=OfficeChoices(cc_label_style="bold_italic")))
    report = check_bytes(state_label)
    assert "choices.cc_label_style" in report.codes() and not [c for c in report.codes() if c.startswith("cc_label.")]
    assert not check_bytes(state_label, choices=OfficeChoices(cc_label_style="bold_italic"),
                           choices_from="hồ sơ “Tỉnh Đoàn”").findings


def test_the_review_check_measures_the_draft_against_its_own_choices() -> None:
    draft = model.load(CAT_TIEN).copy(choices=OfficeChoices(list_separator=";", closing_mark="./."))
    report = check_draft(draft)
    assert report.ok and not report.findings, report.text()
    assert report.choices["from"].startswith("bản thảo")


def test_check_profile_on_the_command_line(home, tmp_path, capsys) -> None:
    with open_store() as opened:
        profile = party_profile(opened, "Ban Tuyên giáo Hương Trà")
        profile.choices = OfficeChoices(list_separator=";")
        opened.profiles.save(profile)
    path = tmp_path / "ht.docx"
    path.write_bytes(_docx(model.load(CAT_TIEN).copy(choices=OfficeChoices(list_separator=";"))))
    assert cli.main(["check", str(path), "--profile", "Ban Tuyên giáo Hương Trà"]) == 0
    out = capsys.readouterr().out
    assert "theo hồ sơ “Ban Tuyên giáo Hương Trà”" in out and "choices.list_separator" not in out
    assert cli.main(["check", str(path)]) == 0
    assert "choices.list_separator" in capsys.readouterr().out
    assert cli.main(["check", str(path), "--profile", "Không có"]) == 2
    err = capsys.readouterr().err
    assert "Không có hồ sơ cơ quan tên “Không có”" in err and "Ban Tuyên giáo Hương Trà" in err
    assert "Traceback" not in err


def test_a_letter_whose_two_lists_end_differently_is_reported_against_the_setting() -> None:
    """The real Hương Trà letter ends its Kính gửi items with ';' and its Nơi nhận items with ','."""
    import io

    import docx

    document = docx.Document(io.BytesIO(_docx(model.load(CAT_TIEN).copy(choices=OfficeChoices(list_separator=";")))))
    for paragraph in (p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs):
        if paragraph.text.startswith("- ") and paragraph.text.endswith(";"):
            paragraph.runs[-1].text = paragraph.runs[-1].text[:-1] + ","
    out = io.BytesIO()
    document.save(out)
    mixed = out.getvalue()
    office = check_bytes(mixed, choices=OfficeChoices(list_separator=";"), choices_from="hồ sơ “Hương Trà”")
    finding = next(f for f in office.findings if f.code == "choices.list_separator")
    assert finding.is_error and "dấu phẩy" in finding.found
    default = check_bytes(mixed)
    assert [f.found for f in default.findings if f.code == "choices.list_separator"] == ["dấu chấm phẩy “;” cuối mỗi dòng"]
