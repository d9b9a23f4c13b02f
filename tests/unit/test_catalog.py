"""Test the directive catalog: shipped data, user files (user wins, broken ones skipped), saving."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.catalog import (Directive, DirectiveTask, catalog_warnings, directive_id,
                                  get_directive, load_catalog, save_directive)
from dnnd_drafter.catalog.tomlio import dumps, loads
from dnnd_drafter.model.citations import cite_full, cite_short
from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.model.vietnamese import clean


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Point the user data folder at a temporary folder and return the directives folder."""
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path))
    return tmp_path / "directives"


def _small(number: str = "05-CT/TU", **changes) -> Directive:
    """Return a small valid directive."""
    directive = Directive(
        id="", number=number, type_code="CT", type_name="Chỉ thị", date=dt.date(2023, 3, 9),
        issuer="Ban Thường vụ Tỉnh ủy", subject="về công tác thử nghiệm", lead_in="Yêu cầu:",
        tasks=[DirectiveTask(1, "Một", "Làm việc một."), DirectiveTask(2, "Hai", "Làm việc hai.")],
        implementation=["Văn phòng theo dõi."], source="kiểm thử")
    return dataclasses.replace(directive, **changes)


def test_shipped_file_is_listed_through_resources():
    assert "12-CT-TW.toml" in resources.list_names("data", "directives", ".toml")


def test_shipped_directive_header():
    d = get_directive("12-CT/TW")
    assert (d.id, d.number, d.type_code, d.type_name, d.date, d.issuer) == (
        "12-CT-TW", "12-CT/TW", "CT", "Chỉ thị", dt.date(2022, 1, 5), "Ban Bí thư")
    assert d.subject == ("về tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân "
                         "dân trong tình hình mới")
    assert d.lead_in.startswith("Thời gian tới,") and d.lead_in.endswith("các nhiệm vụ sau:")
    assert len(d.implementation) == 3
    assert d.style == "dang"


def test_shipped_tasks_have_titles_leads_and_sources():
    d = get_directive("12-CT-TW")
    assert [t.number for t in d.tasks] == list(range(1, 9))
    for task in d.tasks:
        assert task.title and len(task.title.split()) <= 8
        assert task.leads and task.source and task.leads_note
        for label in task.variants:
            assert task.variant_sources[label]
    assert d.task(1).title == "Quán triệt, nâng cao nhận thức"
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam" in d.task(2).leads
    assert "Ban Tuyên giáo" in d.task(6).leads
    assert "Ủy ban nhân dân" in d.task(7).leads and "Ủy ban nhân dân" in d.task(8).leads
    for key in ("number", "date", "issuer", "subject", "lead_in", "implementation"):
        assert d.sources[key]


def test_every_stored_text_is_nfc():
    d = get_directive("12-CT/TW")
    texts = [d.subject, d.lead_in, *d.implementation]
    for task in d.tasks:
        texts += [task.title, task.text, *task.variants.values(), *task.leads]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)


def test_text_for_falls_back_to_the_directive_text():
    task = get_directive("12-CT/TW").task(4)
    assert task.text_for("cấp huyện/cấp cơ sở") == task.text
    assert get_directive("12-CT/TW").task(1).text_for("cấp huyện/cấp cơ sở").startswith("Tổ chức")


def test_citations_of_the_shipped_directive():
    d = get_directive("12-CT/TW")
    assert cite_full(d) == ("Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “về tăng cường sự "
                            "lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới”")
    assert cite_short(d) == "Chỉ thị số 12-CT/TW"


@pytest.mark.parametrize("number", ["12-CT/TW", "12-ct/tw", " Số 12-CT/TW ", "12-CT-TW"])
def test_get_directive_accepts_number_and_id(number):
    assert get_directive(number).id == "12-CT-TW"


def test_unknown_directive_is_a_vietnamese_catalog_error():
    with pytest.raises(CatalogError, match="Không có văn bản “99-CT/TW” trong danh mục"):
        get_directive("99-CT/TW")
    with pytest.raises(CatalogError, match="không có nhiệm vụ số 9"):
        get_directive("12-CT/TW").task(9)


def test_directive_id():
    assert directive_id("12-CT/TW") == "12-CT-TW"
    assert directive_id("34-QĐ/TW") == "34-QD-TW"
    assert directive_id("Số: 15/QĐ-UBND") == "15-QD-UBND"


def test_user_file_wins_over_shipped(home):
    shipped = get_directive("12-CT/TW")
    shipped.tasks[0].title = "Tên riêng của tỉnh"
    save_directive(shipped)
    assert load_catalog()["12-CT-TW"].tasks[0].title == "Tên riêng của tỉnh"
    assert catalog_warnings() == []


def test_broken_user_files_are_skipped_with_warnings(home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "hong.toml").write_text("number = \"1-CT/TU\"\n[[tasks]\n", encoding="utf-8")
    (home / "thieu.toml").write_text('number = "2-CT/TU"\ndate = 2022-01-01\n', encoding="utf-8")
    (home / "nhiphan.toml").write_bytes(b"\xff\xfe\x00\x81garbage")
    (home / "moi.toml").write_text('schema = "dnnd-drafter/directive@9"\n', encoding="utf-8")
    save_directive(_small())
    catalog = load_catalog()
    assert set(catalog) == {"12-CT-TW", "05-CT-TU"}
    warnings = catalog_warnings()
    assert len(warnings) == 4
    assert all(w.startswith("Bỏ qua tệp “") for w in warnings)
    assert any("hong.toml" in w and "TOML" in w for w in warnings)
    assert any("thieu.toml" in w for w in warnings)
    assert any("phiên bản mới hơn" in w for w in warnings)


def test_catalog_is_sorted_newest_first():
    save_directive(_small("05-CT/TU"))
    save_directive(_small("01-CT/TU", date=dt.date(2010, 1, 1)))
    assert list(load_catalog()) == ["05-CT-TU", "12-CT-TW", "01-CT-TU"]


def test_save_refuses_missing_fields_and_existing_file():
    with pytest.raises(CatalogError, match="còn thiếu: số, ký hiệu, ngày ban hành"):
        save_directive(_small(number="", date=None))
    save_directive(_small())
    with pytest.raises(CatalogError, match="Danh mục đã có tệp"):
        save_directive(_small(), overwrite=False)


def test_saved_file_round_trips(home):
    directive = _small(lead_in='Dòng có "ngoặc", \\ gạch chéo,\nvà xuống dòng\ttab.')
    directive.tasks[0].variants["cấp xã"] = "Biến thể “cấp xã”."
    directive.tasks[0].variant_sources["cấp xã"] = "nguồn"
    directive.tasks[0].leads = ["Ủy ban nhân dân", "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ban Tổ chức"]
    directive.implementation_variants["cấp xã"] = ["Một.", "Hai."]
    path = save_directive(directive)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Chỉ thị 05-CT/TU")
    loaded = load_catalog()["05-CT-TU"]
    assert loaded.lead_in == directive.lead_in.replace("\t", " ")  # tabs are tidied to spaces
    assert loaded.tasks == directive.tasks
    assert loaded.implementation_variants == directive.implementation_variants


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_any_text_survives_dumps_and_loads(text):
    assume(clean(text, multiline=True))
    directive = _small()
    directive.tasks[0].text = text
    result = loads(dumps(directive), "kiểm thử")
    assert result.tasks[0].text == clean(text, multiline=True)


def test_loads_reports_the_field_in_vietnamese():
    with pytest.raises(CatalogError, match="trường “tasks”"):
        loads('number = "1-CT/TU"\ndate = 2022-01-01\nissuer = "A"\nsubject = "về b"\n', "x.toml")
    with pytest.raises(CatalogError, match="trường “number”.*không phải số, ký hiệu"):
        loads('number = "abc"\n', "x.toml")
    with pytest.raises(CatalogError, match="trường “date”"):
        loads('number = "1-CT/TU"\ndate = "hôm qua"\n', "x.toml")


def test_empty_type_is_filled_in_from_the_number():
    directive = _small("05/KH-UBND", type_code="", type_name="")
    loaded = loads(dumps(directive), "x.toml")
    assert (loaded.type_code, loaded.type_name, loaded.id, loaded.style) == (
        "KH", "Kế hoạch", "05-KH-UBND", "nha_nuoc")


def test_the_warnings_follow_the_user_folder_not_the_last_load(home):
    home.mkdir(parents=True, exist_ok=True)
    broken = home / "hong.toml"
    broken.write_text("number = \"1-CT/TU\"\n[[tasks]\n", encoding="utf-8")
    load_catalog()
    assert len(catalog_warnings()) == 1
    broken.unlink()  # the clerk removed the broken file: nothing is skipped any more
    assert catalog_warnings() == []
