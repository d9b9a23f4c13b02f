"""Check the shipped body templates: the fields they use exist, and each letter reads right.

Every check reopens the .docx with python-docx and looks at what a văn thư would see: the
heading text and weight, the numbering, the ``+`` items, the document title, the Kính gửi,
the closing mark and the dates written with the zero rule.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from jinja2 import meta, nodes

from dnnd_drafter.compose import engine as compose
from dnnd_drafter.compose import context as compose_context
from dnnd_drafter.model import letter as model
from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.compose.context import CONTEXT_KEYS, Doc
from dnnd_drafter.model.content import DirectiveRef, Forwarded, Propaganda, PropagandaItem
from dnnd_drafter.model.content_file import content_from_dict, content_to_dict
from dnnd_drafter.model.letter import Content, Draft, Issuer, Signature, Task
from dnnd_drafter.model.formats import OfficeChoices
from tests.conftest import EXAMPLES
from tests.unit.docx_read import body_paragraphs, render

SHIPPED = resources.list_names("templates", suffix=".md.j2")
PARTIALS = ["_chung.md.j2"]
NEW = ["cong_van_sao_gui", "cong_van_tuyen_truyen", "ke_hoach_trien_khai", "chi_thi_trien_khai"]
KIND = {"ke_hoach_trien_khai": "ke_hoach", "chi_thi_trien_khai": "chi_thi"}
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))

SAO_GUI = model.load(EXAMPLES / "dang_huong_tra_189_sao_gui.json")
TUYEN_TRUYEN = model.load(EXAMPLES / "nha_nuoc_so_vhttdl_tuyen_truyen.json")
KE_HOACH = model.load(EXAMPLES / "dang_phuong_lam_vien_ke_hoach.json")
CHI_THI = model.load(EXAMPLES / "dang_tinh_uy_lam_dong_chi_thi.json")
CAT_TIEN = model.load(EXAMPLES / "dang_cat_tien_492.json")
FULL_12 = ("Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “về tăng cường sự lãnh đạo của Đảng, "
           "nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới”")


def as_family(draft: Draft, family: str) -> Draft:
    """Return `draft` moved to `family` with an authority form that family uses."""
    authority = {"dang": "T/M", "doan_tn": "TM."}.get(family, "TM.")
    out = draft.copy(family=family)
    out.signature.authority = authority
    return out


def texts(draft: Draft) -> list[str]:
    """Return the body paragraphs' text of the reopened .docx."""
    return [p.text for p in body_paragraphs(render(draft))]


def paragraph(draft: Draft, start: str):
    """Return the first body paragraph that starts with `start`."""
    return next(p for p in body_paragraphs(render(draft)) if p.text.startswith(start))


def set_content(draft: Draft, **keys: object) -> None:
    """Give `draft` content keys as a draft file writes them (None removes one), read by the loader."""
    data = {**content_to_dict(draft.content), **keys}
    draft.content = content_from_dict({k: v for k, v in data.items() if v is not None})


def bold_text(p) -> str:
    """Return the bold parts of a paragraph, each stripped, joined by one space."""
    return " ".join(r.text.strip() for r in p.runs if r.bold and r.text.strip())


# -- the fields a template uses exist ---------------------------------------------------------
ROOTS: dict[str, type] = {"draft": Draft, "content": Content, "issuer": Issuer, "signature": Signature,
                          "directive": Doc, "upper": Doc, "propaganda": Propaganda, "forwarded": Forwarded}
#: What a loop over an expression yields, by the expression written as ``root.attr``.
ELEMENTS: dict[str, type] = {"content.tasks": Task, "references": Doc, "propaganda.contents": PropagandaItem,
                             "content.implementation": str, "purpose": str, "propaganda.forms": str,
                             "item.subs": str, "recipients": str}


def _dotted(node: nodes.Node) -> str:
    """Return ``a.b`` for a Name or a Getattr on a Name (``""`` otherwise)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        return f"{node.node.name}.{node.attr}"
    if isinstance(node, nodes.Call):
        return _dotted(node.node).rsplit(".", 1)[0] + ".split" if _dotted(node.node).endswith(".split") else ""
    return ""


def _has(cls: type, attr: str) -> bool:
    """Return whether instances of `cls` have `attr` (a dataclass field, property or method)."""
    if dataclasses.is_dataclass(cls) and attr in {f.name for f in dataclasses.fields(cls)}:
        return True
    return hasattr(cls, attr)


def _unknown_attributes(node: nodes.Node, scope: dict[str, type]) -> list[str]:
    """Return ``name.attr`` uses under `node` that the model or the views do not have."""
    bad: list[str] = []
    if isinstance(node, nodes.For):
        inner = dict(scope)
        if isinstance(node.target, nodes.Name):
            source = _dotted(node.iter)
            inner[node.target.name] = ELEMENTS.get(source, str if source.endswith(".split") else object)
        bad += _unknown_attributes(node.iter, scope)
        for child in node.body + node.else_ + ([node.test] if node.test else []):
            bad += _unknown_attributes(child, inner)
        return bad
    if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
        cls = scope.get(node.node.name)
        if cls not in (None, object) and not _has(cls, node.attr):
            bad.append(f"{node.node.name}.{node.attr}")
    for child in node.iter_child_nodes():
        bad += _unknown_attributes(child, scope)
    return bad


@pytest.mark.parametrize("name", SHIPPED + PARTIALS)
def test_every_variable_a_shipped_template_uses_exists_in_the_draft_model(name: str) -> None:
    env = compose.builtin_environment()
    ast = env.parse(resources.read_text("templates", name))
    undeclared = meta.find_undeclared_variables(ast)
    assert undeclared <= set(CONTEXT_KEYS), sorted(undeclared - set(CONTEXT_KEYS))
    assert _unknown_attributes(ast, dict(ROOTS)) == []
    for included in meta.find_referenced_templates(ast):
        assert included in SHIPPED + PARTIALS


def test_the_attribute_check_catches_a_field_the_model_lacks() -> None:
    ast = compose.builtin_environment().parse(
        "{{ content.openning }}{% for task in content.tasks %}{{ task.leader }}{% endfor %}{{ directive.numbr }}")
    assert _unknown_attributes(ast, dict(ROOTS)) == ["content.openning", "task.leader", "directive.numbr"]


def test_the_context_holds_every_documented_key() -> None:
    assert set(compose.template_context(CAT_TIEN)) == set(CONTEXT_KEYS)
    assert set(NEW) | {"cong_van_trien_khai", "van_ban_tu_do"} == {n.removesuffix(".md.j2") for n in SHIPPED}


@pytest.mark.parametrize("family", sorted(model.FAMILIES))
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("template", sorted(n.removesuffix(".md.j2") for n in SHIPPED))
def test_every_template_renders_every_example_in_every_family(template: str, path: Path, family: str) -> None:
    draft = as_family(model.load(path), family).copy(template=template, kind=KIND.get(template, "cong_van"))
    body = texts(draft)
    assert body, "empty body"
    mark = compose.template_context(draft)["closing_mark"]
    if mark:
        assert body[-1].endswith("./.") or body[-1].startswith("(Kèm theo")
    assert not any(t.endswith("./../.") or ".." in t.replace("...", "") for t in body)


# -- cong_van_trien_khai -----------------------------------------------------------------------
def test_the_cat_tien_opening_is_composed_word_for_word_from_structured_keys() -> None:
    draft = CAT_TIEN.copy()
    written = draft.content.opening
    draft.content.opening = ""
    set_content(draft, **{
        "references": [{"type_code": "CV", "number": "1218-CV/TU", "date": "2022-01-25",
                        "issuer": "Ban Thường vụ Tỉnh ủy"}],
        "directive": "12-CT/TW", "directing_body": "Ban Thường vụ Huyện ủy",
        "directed": "Ủy ban nhân dân huyện, Ủy ban MTTQVN và các đoàn thể huyện, "
                    "các tổ chức cơ sở Đảng trực thuộc Huyện ủy"})
    assert compose.render_markup(draft).split("\n")[0] == written
    # the wizard's free-text upper_reference gives the same sentence
    set_content(draft, references=None)
    set_content(draft, upper_reference="Công văn số 1218-CV/TU ngày 25/01/2022 của Ban Thường vụ Tỉnh ủy")
    assert compose.render_markup(draft).split("\n")[0] == written
    opening = paragraph(draft, "Thực hiện Công văn số 1218-CV/TU")
    assert bold_text(opening).startswith("Ban Thường vụ Huyện ủy chỉ đạo")
    assert "".join(r.text for r in opening.runs if r.italic) == FULL_12.split("“")[1].rstrip("”")


def test_a_written_opening_wins_over_the_structured_keys() -> None:
    draft = CAT_TIEN.copy()
    set_content(draft, **{"directive": "12-CT/TW", "directing_body": "Ban X", "lead_in": "Câu khác."})
    assert compose.render_markup(draft).split("\n")[0] == CAT_TIEN.content.opening


def test_without_references_the_opening_cites_the_directive_and_asks_the_recipients() -> None:
    draft = as_family(CAT_TIEN, "nha_nuoc")
    draft.content.opening = ""
    set_content(draft, **{"directive": "12-CT/TW", "directing_body": "Ủy ban nhân dân tỉnh"})
    first = texts(draft)[0]
    assert first == (f"Thực hiện {FULL_12}; Ủy ban nhân dân tỉnh đề nghị Ủy ban nhân dân huyện, các cơ quan "
                     "tham mưu, giúp việc Huyện ủy, Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - "
                     "xã hội huyện, các tổ chức cơ sở Đảng trực thuộc Huyện ủy triển khai một số nhiệm vụ sau:")
    nothing = CAT_TIEN.copy(recipients=[])
    nothing.content.opening = ""
    # no directing body typed: the issuer's usual one is the subject, never a sentence without one
    assert texts(nothing)[0] == "Ban Thường vụ Huyện ủy chỉ đạo các cơ quan, đơn vị triển khai một số nhiệm vụ sau:"


# -- cong_van_sao_gui (Hương Trà 189-CV/BTG, seed 003) -----------------------------------------
def test_the_huong_tra_cover_letter_is_reproduced_word_for_word() -> None:
    seed = Path(__file__).resolve().parents[1] / "data" / "seed_003_huong_tra_letter.md"
    letter = seed.read_text(encoding="utf-8").split("-->", 1)[1]
    plain = " ".join(letter.replace("*", "").replace("<", "").replace(">", "").split())
    body = texts(SAO_GUI)
    assert len(body) == 3
    for text in body:
        assert " ".join(text.split()) in plain, text[:60]
    assert body[0].startswith("Căn cứ Công văn số 495-CV/BTGTU, ngày 24/6/2022 của Ban Tuyên giáo Tỉnh ủy về việc")
    assert body[-1].endswith("hiện nay./.")


def test_the_cover_letter_sets_the_cited_subject_and_the_title_in_italics() -> None:
    doc = render(SAO_GUI)
    first, second = body_paragraphs(doc)[:2]
    italic = "".join(r.text for r in first.runs if r.italic)
    assert italic.startswith("Sao gửi Tài liệu tuyên truyền") and italic.endswith("trong tình hình mới")
    assert "".join(r.text for r in second.runs if r.italic).startswith("Đề cương tuyên truyền")
    assert "tại địa chỉ: https://thiuyhuongtra.vn." in second.text
    assert not any(r.bold for p in body_paragraphs(doc) for r in p.runs)


def test_a_cover_letter_with_nothing_but_a_title_still_reads_and_closes_per_family() -> None:
    draft = SAO_GUI.copy(choices=OfficeChoices())  # each family's own closing mark
    draft.content = content_from_dict({**content_to_dict(draft.content), "forwarded": {
        "title": "Tài liệu hỏi - đáp về đối ngoại nhân dân."}})
    draft.content.directive, draft.content.references, draft.content.directing_body = DirectiveRef(), [], ""
    draft.content.closing = ""
    for family, end in (("dang", "tuyên truyền."), ("nha_nuoc", "tuyên truyền./.")):
        body = texts(as_family(draft, family))
        # no subject typed: the issuer's usual one (BAN TUYÊN GIÁO under THỊ ỦY HƯƠNG TRÀ)
        assert body[0] == ("Để phục vụ công tác tuyên truyền, Ban Tuyên giáo Thị ủy sao gửi “Tài liệu hỏi - "
                           "đáp về đối ngoại nhân dân”.")
        assert body[-1].startswith("Đề nghị các tổ chức cơ sở đảng trực thuộc Thị ủy, Ủy ban MTTQVN")
        assert body[-1].endswith(end)


# -- cong_van_tuyen_truyen --------------------------------------------------------------------
def test_propaganda_guidance_has_bold_numbered_parts_dash_and_plus_items() -> None:
    doc = render(TUYEN_TRUYEN)
    body = body_paragraphs(doc)
    headings = [p for p in body if p.text[:2] in ("1.", "2.", "3.") and p.text.split(". ", 1)[1][:1].isupper()
                and len(p.text) < 40]
    assert [p.text for p in headings] == ["1. Nội dung tuyên truyền", "2. Hình thức tuyên truyền",
                                          "3. Tổ chức thực hiện"]
    assert all(all(r.bold for r in p.runs if r.text.strip()) for p in headings)
    plus = [p.text for p in body if p.text.startswith("+ ")]
    assert plus[0] == ("+ Công tác đối ngoại nhân dân là nhiệm vụ của cả hệ thống chính trị, của từng cán bộ, "
                       "đảng viên và người dân;")
    assert len(plus) == 3
    items = [p.text for p in body if p.text.startswith("- ")]
    assert items[1] == "- Những nội dung cơ bản của Chỉ thị:"
    assert [t[:22] for t in items[4:8]] == ["- Tuyên truyền miệng t", "- Tuyên truyền trực qu",
                                           "- Tuyên truyền trên bá", "- Tuyên truyền trên mạ"]
    # the plus items follow the item they belong to
    texts_ = [p.text for p in body]
    assert texts_.index(items[1]) + 1 == texts_.index(plus[0])


@pytest.mark.parametrize(("day", "written"), [
    (dt.date(2026, 9, 5), "05/9/2026"), (dt.date(2026, 1, 5), "05/01/2026"),
    (dt.date(2026, 2, 28), "28/02/2026"), (dt.date(2026, 11, 20), "20/11/2026"),
])
def test_the_report_by_date_follows_the_zero_rule_and_the_state_mark(day: dt.date, written: str) -> None:
    draft = TUYEN_TRUYEN.copy()
    draft.content.propaganda.report_by = day
    last = texts(draft)[-1]
    assert last.endswith(f"báo cáo kết quả về Sở Văn hóa, Thể thao và Du lịch (qua Văn phòng Sở) trước ngày {written}./.")
    party = texts(as_family(draft, "dang"))[-1]
    assert party.endswith(f"trước ngày {written}.") and not party.endswith("./.")


def test_propaganda_contents_may_be_one_text_and_forms_given_by_the_user() -> None:
    draft = TUYEN_TRUYEN.copy()
    set_content(draft, propaganda={
        "contents": "- Ý nghĩa của Chỉ thị\n+ ý một\n+ ý hai\n- Trách nhiệm của cán bộ",
        "forms": ["- Sân khấu hóa tại nhà văn hóa khu dân cư."]})
    body = texts(draft)
    start = body.index("1. Nội dung tuyên truyền")
    assert body[start + 1:start + 5] == ["- Ý nghĩa của Chỉ thị", "+ ý một", "+ ý hai", "- Trách nhiệm của cán bộ"]
    assert body[body.index("2. Hình thức tuyên truyền") + 1] == "- Sân khấu hóa tại nhà văn hóa khu dân cư."
    assert not any("trước ngày" in t for t in body[-2:])


def test_without_contents_the_chosen_tasks_are_what_to_explain() -> None:
    draft = TUYEN_TRUYEN.copy()
    draft.content.propaganda = Propaganda()
    draft.content.tasks = [Task(title="Quán triệt.", text="Nội dung một."), Task(text="Nội dung hai.")]
    body = texts(draft)
    start = body.index("1. Nội dung tuyên truyền")
    assert body[start + 1:start + 3] == ["- Quán triệt. Nội dung một.", "- Nội dung hai."]


# -- ke_hoach_trien_khai -----------------------------------------------------------------------
def _title_lines(doc) -> list:
    return [p for p in doc.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.text.strip()]


@pytest.mark.parametrize(("draft", "title"), [(KE_HOACH, "KẾ HOẠCH"), (CHI_THI, "CHỈ THỊ")])
def test_plan_and_directive_carry_the_centred_bold_title_and_no_kinh_gui(draft: Draft, title: str) -> None:
    doc = render(draft)
    lines = _title_lines(doc)
    at = [p.text for p in lines].index(title)
    heading, after = lines[at], lines[at + 1]
    assert all(r.bold for r in heading.runs) and {r.font.size.pt for r in heading.runs} == {16}
    assert after.text == draft.subject.split("\n")[0] and all(r.bold for r in after.runs)
    assert not any(p.text.startswith("Kính gửi") for p in doc.paragraphs)
    header_text = " ".join(c.text for row in doc.tables[0].rows for c in row.cells)
    assert "V/v" not in header_text and "Về việc" not in header_text


@pytest.mark.parametrize(("family", "parts"), [
    ("dang", ["I- MỤC ĐÍCH, YÊU CẦU", "II- NỘI DUNG", "III- TỔ CHỨC THỰC HIỆN"]),
    ("nha_nuoc", ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN"]),
    ("doan_tn", ["I- MỤC ĐÍCH, YÊU CẦU", "II- NỘI DUNG", "III- TỔ CHỨC THỰC HIỆN"]),
    ("doan_the", ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN"]),
])
def test_plan_parts_follow_the_family_heading_style_in_bold(family: str, parts: list[str]) -> None:
    body = body_paragraphs(render(as_family(KE_HOACH, family)))
    found = [p for p in body if p.text in parts]
    assert [p.text for p in found] == parts
    assert all(all(r.bold for r in p.runs) for p in found)
    last = body[-1].text
    assert last.endswith("./.") == (family in ("nha_nuoc", "doan_the"))


def test_plan_tasks_name_their_lead_partners_and_deadline() -> None:
    body = texts(KE_HOACH)
    start = body.index("II- NỘI DUNG")
    assert body[start + 1].startswith("1. Tổ chức quán triệt Chỉ thị số 12-CT/TW")
    assert body[start + 2:start + 5] == [
        "- Cơ quan chủ trì: Ban Xây dựng Đảng Đảng ủy phường.",
        "- Cơ quan phối hợp: Ủy ban Mặt trận Tổ quốc Việt Nam phường, các chi bộ trực thuộc.",
        "- Thời gian thực hiện: Quý II/2026."]
    assert "- Thời gian thực hiện: trước ngày 31/12/2026." in body
    task2 = paragraph(KE_HOACH, "2. Đẩy mạnh")
    assert bold_text(task2) == "Đẩy mạnh thông tin đối ngoại."
    numbered = [t.split(".")[0] for t in body[start:body.index("III- TỔ CHỨC THỰC HIỆN")] if t[:1].isdigit()]
    assert numbered == ["1", "2", "3", "4"]
    tail = body[body.index("III- TỔ CHỨC THỰC HIỆN") + 1:]
    assert [t[:2] for t in tail] == ["1.", "2.", "3."]


def test_plan_cites_the_directive_in_full_first_and_short_after() -> None:
    draft = KE_HOACH.copy()
    set_content(draft, purpose=[])
    body = texts(draft)
    assert FULL_12 in body[0]
    assert body[0].startswith("Thực hiện Kế hoạch số 45-KH/TU ngày 20/02/2026 của Ban Thường vụ Tỉnh ủy về triển khai")
    assert body[0].endswith("Ban Thường vụ Đảng ủy phường xây dựng Kế hoạch triển khai thực hiện như sau:")
    purpose = body[body.index("I- MỤC ĐÍCH, YÊU CẦU") + 1]
    assert purpose.startswith("- Quán triệt sâu sắc, đầy đủ nội dung Chỉ thị số 12-CT/TW đến cán bộ")
    # with a written opening that already cites it in full, the template's citation is short too
    draft.content.opening = f"Căn cứ {FULL_12}, Ban Thường vụ ban hành Kế hoạch như sau:"
    assert texts(draft)[2].startswith("- Quán triệt sâu sắc, đầy đủ nội dung Chỉ thị số 12-CT/TW đến")


# -- chi_thi_trien_khai ------------------------------------------------------------------------
@pytest.mark.parametrize(("family", "marks"), [("dang", ("I-", "II-", "III-")), ("nha_nuoc", ("I.", "II.", "III."))])
def test_directive_parts_assessment_lead_in_tasks_and_implementation(family: str, marks: tuple) -> None:
    doc = render(as_family(CHI_THI, family))
    body = body_paragraphs(doc)
    first = body[0]
    assert first.text.startswith(f"{marks[0]} Sau hơn 04 năm thực hiện Chỉ thị số 12-CT/TW")
    assert first.runs[0].bold and first.runs[0].text.strip() == marks[0]
    assert not any(r.bold for r in first.runs[1:] if r.text.strip())
    lead = next(p for p in body if p.text.startswith(marks[1]))
    assert lead.text == (f"{marks[1]} Để tiếp tục triển khai thực hiện có hiệu quả Chỉ thị số 12-CT/TW, "
                         "Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng, chính quyền, Mặt trận Tổ quốc "
                         "và các đoàn thể chính trị - xã hội thực hiện tốt các nhiệm vụ sau:")
    texts_ = [p.text for p in body]
    at = texts_.index(lead.text)
    assert [t[:2] for t in texts_[at + 1:at + 6]] == ["1.", "2.", "3.", "4.", "5."]
    heading = body[at + 6]
    assert heading.text == f"{marks[2]} Tổ chức thực hiện" and all(r.bold for r in heading.runs)
    assert all(t.startswith("- ") for t in texts_[at + 7:at + 10])
    assert texts_[-1] == "Chỉ thị này được quán triệt đến các chi bộ đảng./."


def test_directive_lead_in_as_written_and_the_full_citation_when_not_cited_before() -> None:
    draft = CHI_THI.copy()
    set_content(draft, situation="Thời gian qua, công tác đối ngoại nhân dân có nhiều chuyển biến.")
    lead = next(t for t in texts(draft) if t.startswith("II-"))
    assert f"có hiệu quả {FULL_12}, Ban Thường vụ Tỉnh ủy yêu cầu" in lead
    set_content(draft, lead_in="**Thời gian tới,** Ban Thường vụ Tỉnh ủy yêu cầu làm tốt các nhiệm vụ sau:")
    p = paragraph(draft, "II-")
    assert p.text == "II- Thời gian tới, Ban Thường vụ Tỉnh ủy yêu cầu làm tốt các nhiệm vụ sau:"
    assert bold_text(p) == "II- Thời gian tới,"


def test_a_directive_without_an_assessment_starts_at_part_one() -> None:
    draft = CHI_THI.copy()
    set_content(draft, situation=None)
    body = texts(draft)
    assert body[0].startswith("I- Để tiếp tục triển khai thực hiện có hiệu quả Chỉ thị số 12-CT/TW ngày 05/01/2022")
    assert "II- Tổ chức thực hiện" in body


# -- escaping and the closing mark ------------------------------------------------------------
@pytest.mark.parametrize("template", NEW + ["cong_van_trien_khai"])
def test_plain_text_typed_by_the_user_prints_literally(template: str) -> None:
    typed = "Ban **X** {{ 7*7 }} {% if %} a_b <c> \\d"
    draft = KE_HOACH.copy(template=template, kind=KIND.get(template, "cong_van"))
    draft.content.opening = ""
    set_content(draft, **{
        "directing_body": typed, "directed": typed, "lead_in": "",
        "references": [{"number": "45-KH/TU", "date": "2026-02-20", "issuer": typed, "subject": "về *x* y"}],
        "forwarded": {"title": typed, "author": typed, "site": typed, "url": "https://a.vn/x_y"},
        "propaganda": {"report_by": "2026-09-05", "report_to": typed}})
    draft.content.tasks = [Task(text="Việc một.", lead=typed, partners=typed, deadline=typed)]
    joined = "\n".join(texts(draft))
    assert typed in joined  # stars, braces, underscores, angle brackets and backslashes as typed
    assert "49" not in joined  # {{ 7*7 }} is never evaluated
    assert "“về *x* y”" in joined


def test_markdown_fields_pass_as_they_are() -> None:
    draft = CHI_THI.copy()
    set_content(draft, situation="Đoạn **đậm** và *nghiêng*.\n- Ý gạch đầu dòng")
    body = body_paragraphs(render(draft))
    assert body[0].text == "I- Đoạn đậm và nghiêng." and bold_text(body[0]) == "I- đậm"
    assert body[1].text == "- Ý gạch đầu dòng"


@pytest.mark.parametrize("template", NEW + ["cong_van_trien_khai"])
def test_the_state_mark_is_added_once_and_never_for_the_party(template: str) -> None:
    for closing in ("Đề nghị thực hiện nghiêm túc.", "Đề nghị thực hiện nghiêm túc./.", ""):
        base = TUYEN_TRUYEN.copy(template=template, kind=KIND.get(template, "cong_van"))
        base.content.closing = closing
        state = texts(base)
        party = texts(as_family(base, "dang"))
        assert state[-1].endswith("./.") and not state[-1].endswith("./../.")
        assert party[-1].endswith("./.") == closing.endswith("./.")


# -- structured keys are checked ---------------------------------------------------------------
@pytest.mark.parametrize(("key", "value", "field", "words"), [
    ("references", [{"number": "45-KH/TU", "date": "20/02/2026"}], "content.references[1].date", "NNNN-TT-NN"),
    ("references", [{"number": "không phải số"}], "content.references[1].number", "số, ký hiệu"),
    ("references", [{"number": "45-KH/TU", "verb": "Theo"}], "content.references[1].verb", "Căn cứ"),
    ("references", [{"number": "45-KH/TU", "nguoi_ky": "A"}], "content.references[1].nguoi_ky", "không phải trường"),
    ("references", [{"issuer": "A"}], "content.references[1].number", "chưa có số"),
    ("propaganda", {"report_by": "tháng 9"}, "content.propaganda.report_by", "ngày hợp lệ"),
    ("propaganda", {"repot_by": "2026-09-05"}, "content.propaganda.repot_by", "report_by"),
    ("forwarded", {"title": 5}, "content.forwarded.title", "chuỗi"),
    ("directive", {"date": "2022-01-05"}, "content.directive.number", "số, ký hiệu"),
    ("purpose", [1, 2], "content.purpose", "danh sách"),
    ("variant", 3, "content.variant", "chuỗi"),
    ("body", ["Đoạn một."], "content.body", "chuỗi"),
    ("directing_body", {"ten": "Ban X"}, "content.directing_body", "chuỗi"),
    ("wordin", {"unsure": {"subject": 1}}, "content.wordin.unsure", "văn bản"),
    ("propaganda", {"contents": [{"text": "Ý", "sub": ["a"]}]}, "content.propaganda.contents[1].sub", "subs"),
    ("directing_bodies", "Ban X", "content.directing_bodies", "không phải trường đã biết"),
])
def test_a_broken_or_unknown_content_key_is_refused_on_load_naming_it(key, value, field, words) -> None:
    data = model.to_dict(KE_HOACH)
    data["content"][key] = value
    with pytest.raises(model.DraftError) as info:
        model.from_dict(data)
    assert info.value.field == field and f"“{field}”" in info.value.message and words in info.value.message


def test_a_directive_not_in_this_catalog_is_still_cited_from_its_number() -> None:
    draft = KE_HOACH.copy()
    set_content(draft, directive="05-CT/TU")
    set_content(draft, references=[])
    assert texts(draft)[0] == ("Thực hiện Chỉ thị số 05-CT/TU, Ban Thường vụ Đảng ủy phường xây dựng Kế hoạch "
                               "triển khai thực hiện như sau:")
    set_content(draft, directive={"number": "05-CT/TU", "date": "2026-01-09", "issuer": "Ban Thường vụ Tỉnh ủy",
                                  "subject": "về công tác đối ngoại nhân dân"})
    assert texts(draft)[0].startswith("Thực hiện Chỉ thị số 05-CT/TU ngày 09/01/2026 của Ban Thường vụ Tỉnh ủy "
                                      "“về công tác đối ngoại nhân dân”, Ban Thường vụ")


def test_citer_gives_full_then_short_and_counts_what_the_user_wrote_first() -> None:
    doc = compose_context._directive(DirectiveRef("12-CT/TW"))
    cite = compose_context.Citer()
    assert cite(doc) == FULL_12.replace("“", "“*").replace("”", "*”")
    assert cite(doc) == "Chỉ thị số 12-CT/TW"
    assert compose_context.Citer(f"Thực hiện {FULL_12}.")(doc) == "Chỉ thị số 12-CT/TW"
    assert cite(None) == ""
