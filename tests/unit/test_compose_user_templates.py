"""Check templates a user puts in the data folder: override, add, errors that name file/line/field,
the sandbox, and the built-in template that stays usable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.compose import engine as compose
from dnnd_drafter.model import letter as model
from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import TemplateError
from dnnd_drafter.render import laid_out
from dnnd_drafter.model.content import DirectiveRef
from tests.conftest import EXAMPLES
from tests.unit.docx_read import body_paragraphs, render

CAT_TIEN = model.load(EXAMPLES / "dang_cat_tien_492.json")
BUILTIN_BODY = compose.render_markup(CAT_TIEN, builtin=True)


def user_template(name: str, text: str) -> Path:
    """Write a template into the user's folder and return its path."""
    path = paths.user_templates_dir() / f"{name}.md.j2"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(draft: model.Draft) -> TemplateError:
    """Return the TemplateError that rendering `draft` raises."""
    with pytest.raises(TemplateError) as info:
        compose.render_markup(draft)
    assert info.value.field == "template"
    return info.value


def test_a_user_template_of_the_same_name_overrides_the_shipped_one() -> None:
    assert compose.render_markup(CAT_TIEN) == BUILTIN_BODY  # loaded and cached before the user adds one
    user_template("cong_van_trien_khai", "Mẫu riêng của {{ directing_body or 'văn phòng' }}.\n"
                  "{% for task in content.tasks %}{{ loop.index }}) {{ task.text }}\n{% endfor %}")
    body = [p.text for p in body_paragraphs(render(CAT_TIEN))]
    assert body[0] == "Mẫu riêng của văn phòng." and body[1].startswith("1) Tổ chức quán triệt")
    assert compose.template_path("cong_van_trien_khai").endswith("cong_van_trien_khai.md.j2")
    assert compose.available_templates()["cong_van_trien_khai"] == "user"
    # the built-in stays usable: by argument, or by the builtin: prefix (also through the layout)
    assert compose.render_markup(CAT_TIEN, builtin=True) == BUILTIN_BODY
    assert compose.render_markup(CAT_TIEN.copy(template="builtin:cong_van_trien_khai")) == BUILTIN_BODY
    laid = laid_out(CAT_TIEN.copy(template="builtin:cong_van_trien_khai"))
    assert any("Thực hiện Công văn số 1218" in getattr(b, "text", "") for b in laid.blocks)


def test_a_changed_or_removed_user_template_is_read_again() -> None:
    path = user_template("cong_van_trien_khai", "Bản một.")
    assert compose.render_markup(CAT_TIEN).strip() == "Bản một."
    path.write_text("Bản hai, dài hơn.", encoding="utf-8")
    assert compose.render_markup(CAT_TIEN).strip() == "Bản hai, dài hơn."
    path.unlink()
    assert compose.render_markup(CAT_TIEN) == BUILTIN_BODY


def test_a_new_user_template_adds_a_name_and_may_use_the_shipped_pieces() -> None:
    user_template("thu_cam_on", '{% from "_chung.md.j2" import can_cu with context %}\n'
                  "{{ can_cu() }}, {{ directing_body | md }} trân trọng cảm ơn {{ directed | md }}.\n")
    draft = CAT_TIEN.copy(template="thu_cam_on")
    draft.content.directive = DirectiveRef("12-CT/TW")
    draft.content.directing_body, draft.content.directed = "Ban *Thường vụ*", "các đồng chí"
    assert compose.available_templates()["thu_cam_on"] == "user"
    text = body_paragraphs(render(draft))[0].text
    assert text.startswith("Thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “về tăng cường")
    assert text.endswith("Ban *Thường vụ* trân trọng cảm ơn các đồng chí.")
    with pytest.raises(TemplateError) as info:
        compose.render_markup(draft, builtin=True)
    assert "Không tìm thấy mẫu văn bản “thu_cam_on”" in info.value.message


def test_a_missing_field_names_the_file_the_line_and_the_field() -> None:
    path = user_template("cong_van_trien_khai", "Dòng một.\n{{ content.opening }}\nDòng ba {{ content.ngay_ky }}.\n")
    message = error_of(CAT_TIEN).message
    assert f"“{path}”" in message and "dòng 3" in message and "“ngay_ky”" in message
    assert "không có trong bản thảo" in message and "“builtin:cong_van_trien_khai”" in message
    user_template("cong_van_trien_khai", "\n\n\n\n{{ nguoi_ky }}")
    message = error_of(CAT_TIEN).message
    assert "dòng 5" in message and "“nguoi_ky”" in message
    assert compose.render_markup(CAT_TIEN, builtin=True) == BUILTIN_BODY


def test_a_missing_field_inside_a_loop_and_inside_an_included_file_is_placed_right() -> None:
    user_template("cong_van_trien_khai", "Mở đầu.\n{% for task in content.tasks %}\n{{ task.nguoi_chu_tri }}\n"
                  "{% endfor %}\n")
    message = error_of(CAT_TIEN).message
    assert "dòng 3" in message and "“nguoi_chu_tri”" in message
    part = user_template("_phan_rieng", "A\nB {{ content.khong_co }}\n")
    user_template("cong_van_trien_khai", 'Mở đầu.\n{% include "_phan_rieng.md.j2" %}\n')
    message = error_of(CAT_TIEN).message
    assert f"“{part}”" in message and "dòng 2" in message and "“khong_co”" in message


@pytest.mark.parametrize(("source", "line", "words"), [
    ("Dòng một.\n{% for task in content.tasks %}\n{{ task.text }}\n", 3, "lỗi cú pháp"),
    ("A\nB\n{{ content.opening | khong_co_bo_loc }}", 3, "lỗi cú pháp"),
    ("{{ content.tasks[ }}", 1, "lỗi cú pháp"),
    ("A\n{% if %}{% endif %}", 2, "lỗi cú pháp"),
])
def test_a_syntax_error_names_the_file_and_the_line(source: str, line: int, words: str) -> None:
    path = user_template("cong_van_trien_khai", source)
    message = error_of(CAT_TIEN).message
    assert f"Mẫu “{path}”, dòng {line}: {words}" in message


@pytest.mark.parametrize(("payload", "field"), [
    ("{{ ''.__class__.__mro__ }}", "__class__"),
    ("{{ cycler.__init__.__globals__ }}", "__init__"),
    ("{{ draft.__class__.__init__.__globals__['os'] }}", "__class__"),
    ("{{ lipsum.__globals__ }}", "__globals__"),
    ("{{ content.tasks.__class__.__subclasses__() }}", "__class__"),
    ("{{ joiner.__init__.__globals__.__builtins__.open('/etc/passwd').read() }}", "__init__"),
    ("{{ draft.copy.__func__.__globals__ }}", "__func__"),
    ("{{ cite.__call__ }}", "__call__"),
    ("{{ part.__closure__ }}", "__closure__"),
    ("{{ namespace.__init__ }}", "__init__"),
    ("{{ content.wordin.read.clear() }}", "clear"),
    ("{{ content.tasks.append(1) }}", "append"),
    ("{{ recipients.pop() }}", "pop"),
])
def test_sandbox_escapes_are_refused_with_a_message(payload: str, field: str) -> None:
    path = user_template("cong_van_trien_khai", f"Mở đầu.\n{payload}\n")
    draft = CAT_TIEN.copy()
    message = error_of(draft).message
    assert f"Mẫu “{path}”, dòng 2: thao tác không được phép" in message
    assert field in message or "không được phép" in message
    assert draft == CAT_TIEN  # nothing was changed by the template
    assert compose.render_markup(draft, builtin=True) == BUILTIN_BODY


@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../etc/passwd", "..\\..\\secret.md.j2",
                                    "C:/Windows/win.ini", "templates/../../pyproject.toml", ".hidden.md.j2",
                                    "__init__.py"])
def test_a_template_cannot_read_files_outside_the_two_template_folders(target: str) -> None:
    secret = paths.data_dir() / "secret.md.j2"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    user_template("cong_van_trien_khai", "Mở đầu.\n{% include " + json.dumps(target) + " %}\n")
    message = error_of(CAT_TIEN).message
    assert "dòng 2" in message and "BÍ MẬT" not in message
    assert "không tìm thấy hoặc không được phép" in message or "lỗi" in message


def test_huge_outputs_are_refused() -> None:
    """More in test_template_budget.py: loops, recursion and every amplifying operation."""
    for source in ("{{ 'x' * 1000000000 }}", "{{ 10 ** 1000000 }}", "{% for i in range(10**9) %}{% endfor %}"):
        user_template("cong_van_trien_khai", source)
        assert "dòng 1: mẫu chạy quá lâu hoặc tạo văn bản quá dài (" in error_of(CAT_TIEN).message


def test_a_runtime_error_in_a_user_template_is_a_message_too() -> None:
    path = user_template("cong_van_trien_khai", "A\n{{ 1 / 0 }}")
    message = error_of(CAT_TIEN).message
    assert f"Mẫu “{path}”, dòng 2: lỗi khi chạy mẫu (ZeroDivisionError" in message


def test_user_text_that_looks_like_jinja_stays_text_in_a_user_template() -> None:
    user_template("cong_van_trien_khai", "{{ content.opening }}\n{{ directing_body | md }}")
    draft = CAT_TIEN.copy()
    draft.content.opening = "{{ draft.copy() }} {% include '/etc/passwd' %}"
    draft.content.directing_body = "{{ 7*7 }} **đậm**"
    body = [p.text for p in body_paragraphs(render(draft))]
    assert body == ["{{ draft.copy() }} {% include '/etc/passwd' %}", "{{ 7*7 }} **đậm**"]


def test_a_template_that_is_not_utf8_is_named() -> None:
    path = paths.user_templates_dir() / "cong_van_trien_khai.md.j2"
    path.write_bytes(b"M\xe1u \xff\xfe")
    message = error_of(CAT_TIEN).message
    assert f"“{path}”" in message and "UTF-8" in message


def test_the_render_command_reports_a_broken_user_template_without_a_traceback(tmp_path: Path, capsys) -> None:
    user_template("cong_van_trien_khai", "A\n{{ content.ngay_ky }}")
    out = tmp_path / "out.docx"
    assert cli.main(["render", str(EXAMPLES / "dang_cat_tien_492.json"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "dòng 2" in err and "ngay_ky" in err and "Traceback" not in err
    assert not out.exists()


def test_an_unknown_template_name_is_a_message() -> None:
    message = error_of(CAT_TIEN.copy(template="khong_co_mau")).message
    assert message == "Không tìm thấy mẫu văn bản “khong_co_mau”."
    assert "Không tìm thấy" in error_of(CAT_TIEN.copy(template="../cong_van_trien_khai")).message
