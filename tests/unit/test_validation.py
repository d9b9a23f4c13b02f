"""Check the wizard's rules without any widget: each returns the field, its part of the letter and a Vietnamese message."""

from __future__ import annotations

from dnnd_drafter.model import letter as model
from dnnd_drafter.model import validation
from dnnd_drafter.model.findings import Part
from dnnd_drafter.render import validate
from dnnd_drafter.model.letter import Content
from tests.conftest import EXAMPLES

STATE = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")


def _fields(draft: model.Draft) -> dict[str, str]:
    return {r.field: r.message for r in validate(draft)}


def test_every_example_passes_the_rules() -> None:
    for path in sorted(EXAMPLES.glob("*.json")):
        assert validation.blocking(validate(model.load(path))) == [], path.name


def test_empty_required_fields_are_named_in_vietnamese_with_their_part() -> None:
    draft = STATE.copy(place="", subject="", recipients=[])
    draft.signature.name = ""
    results = {r.field: r for r in validate(draft)}
    assert results["place"].message == "Chưa nhập địa danh (ví dụ: Lâm Đồng)."
    assert results["place"].part is Part.HEADER
    assert results["recipients"].part is Part.RECIPIENTS
    assert results["signature.name"].part is Part.SIGNATURE
    assert all(r.severity == validation.ERROR for r in results.values())


def test_a_letter_with_no_body_is_blocked() -> None:
    draft = STATE.copy(content=Content())
    assert _fields(draft)["content.tasks"].startswith("Văn bản chưa có nội dung")


def test_wrong_authority_form_and_odd_lines_are_reported() -> None:
    draft = STATE.copy(number="12a", cc=["Như trên", "UBND tỉnh"])
    draft.signature.authority = "T/M"
    fields = _fields(draft)
    assert "không dùng cho khối Nhà nước" in fields["signature.authority"]
    assert fields["number"].startswith("Số văn bản chỉ gồm chữ số")
    warning = next(r for r in validate(draft) if r.field == "cc")
    assert warning.severity == validation.WARNING and "Lưu" in warning.message


def test_errors_come_first_in_the_order_of_the_letter() -> None:
    draft = STATE.copy(place="", cc=["UBND tỉnh"])
    draft.signature.name = ""
    results = validate(draft)
    severities = [r.severity for r in results]
    assert severities == sorted(severities, key=lambda s: s != validation.ERROR)
    errors = [list(Part).index(r.part) for r in results if r.severity == validation.ERROR]
    assert errors == sorted(errors)


def test_a_cong_van_whose_kinh_gui_names_nobody_is_an_error_other_kinds_may_have_none() -> None:
    for names in ([], [""], ["  "], ["-"], [" - ", ";"], ["…"]):
        result = _fields(STATE.copy(recipients=names))
        assert result["recipients"].startswith("Chưa chọn nơi gửi (Kính gửi)"), names
    assert "recipients" not in _fields(STATE.copy(recipients=["UBND xã A"]))
    for stem in ("dang_phuong_lam_vien_ke_hoach", "dang_tinh_uy_lam_dong_chi_thi"):
        other = model.load(EXAMPLES / f"{stem}.json").copy(recipients=[])
        assert "recipients" not in _fields(other), stem


def test_render_refuses_a_cong_van_without_kinh_gui(tmp_path, capsys) -> None:
    import json

    from dnnd_drafter.cli import entry as cli

    data = json.loads((EXAMPLES / "nha_nuoc_ubnd_tinh.json").read_text(encoding="utf-8"))
    data["recipients"] = [" - "]
    source = tmp_path / "no-kinh-gui.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert cli.main(["render", str(source), "-o", str(tmp_path / "x.docx")]) == 2
    assert "Kính gửi" in capsys.readouterr().err and not (tmp_path / "x.docx").exists()
