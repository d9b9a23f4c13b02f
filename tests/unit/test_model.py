"""Check the draft file contract: loading, refusals named in Vietnamese, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import DraftError
from tests.conftest import EXAMPLES

BASE = json.loads((EXAMPLES / "dang_cat_tien_492.json").read_text(encoding="utf-8"))


def _with(**changes: object) -> dict:
    data = json.loads(json.dumps(BASE))
    for key, value in changes.items():
        target = data
        *parents, last = key.split("__")
        for parent in parents:
            target = target[parent]
        if value is ...:
            target.pop(last, None)
        else:
            target[last] = value
    return data


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_every_example_loads_and_round_trips(path: Path) -> None:
    draft = model.load(path)
    again = model.loads(model.dumps(draft))
    assert again == draft


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"family": "quan_doi"}, "family", "khối văn bản"),
    ({"date": "14/02/2022"}, "date", "ngày hợp lệ"),
    ({"date": "2022-02-30"}, "date", "ngày hợp lệ"),
    ({"issuer__name": ""}, "issuer.name", "tên cơ quan ban hành"),
    ({"issuer__name": ...}, "issuer.name", "tên cơ quan ban hành"),
    ({"schema": "dnnd-drafter/draft@9"}, "schema", "phiên bản mới hơn"),
    ({"schema": "something-else"}, "schema", "dạng"),
    ({"signature__authority": "TM."}, "signature.authority", "không dùng cho khối Đảng"),
    ({"recipients": "not a list"}, None, None),
    ({"content__tasks": {"a": 1}}, "content.tasks", "danh sách"),
    ({"kind": "thu_moi"}, "kind", "loại văn bản"),
])
def test_a_broken_draft_is_refused_naming_the_field(changes, field, words) -> None:
    data = _with(**changes)
    if field is None:  # a single string where a list is expected is accepted as one entry
        assert model.from_dict(data).recipients == ["not a list"]
        return
    with pytest.raises(DraftError) as info:
        model.from_dict(data)
    assert info.value.field == field
    assert f"“{field}”" in info.value.message and words in info.value.message


def test_render_refuses_a_bad_draft_with_status_2_and_writes_nothing(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(_with(date="hôm qua")), encoding="utf-8")
    out = tmp_path / "out.docx"
    assert cli.main(["render", str(bad), "-o", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "Trường “date”" in err and "Traceback" not in err


@pytest.mark.parametrize("content", [b"{not json", "Ñ".encode("cp1258") * 3 + b"\xff\xfe\x00", b""])
def test_unreadable_files_get_a_message_not_a_traceback(tmp_path: Path, capsys, content: bytes) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert cli.main(["render", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and "Traceback" not in err
    assert not bad.with_suffix(".docx").exists()


def test_missing_draft_file_is_reported(tmp_path: Path, capsys) -> None:
    assert cli.main(["render", str(tmp_path / "none.json")]) == 2
    assert "Không đọc được tệp bản thảo" in capsys.readouterr().err


def test_render_writes_next_to_the_draft_by_default(tmp_path: Path) -> None:
    draft = tmp_path / "thu.json"
    draft.write_text(json.dumps(BASE, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["render", str(draft)]) == 0
    assert draft.with_suffix(".docx").stat().st_size > 5000


def test_an_empty_number_makes_a_draft() -> None:
    draft = model.from_dict(_with(number=""))
    assert not draft.is_numbered
    assert model.from_dict(_with(number=492)).number == "492"


def test_saved_file_is_utf8_json_with_the_schema_first(tmp_path: Path) -> None:
    draft = model.from_dict(BASE)
    path = model.save(draft, tmp_path / "d.json")
    text = path.read_text(encoding="utf-8")
    assert text.lstrip().startswith('{\n  "schema": "' + model.SCHEMA_PREFIX + str(model.SCHEMA_VERSION) + '"')
    assert "Đương Hùng Cường" in text  # not \u-escaped
