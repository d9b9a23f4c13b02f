"""Bind every wizard step to a Draft both ways: a full draft loaded into a step and applied back is
the same draft, and applied to a blank draft it gives the fields the step edits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dnnd_drafter.model import drafting
from dnnd_drafter.model import letter as model
from dnnd_drafter.model.content import (DirectiveRef, Forwarded, Propaganda, PropagandaItem, Reference,
                                        WordNotes)
from dnnd_drafter.ui.wizard.step_recipients import CcPage
from dnnd_drafter.ui.wizard.step_header import HeaderPage
from dnnd_drafter.ui.wizard.step_recipients import RecipientsPage
from dnnd_drafter.ui.wizard.step_review import ReviewPage
from dnnd_drafter.ui.wizard.step_signature import SignaturePage
from dnnd_drafter.ui.wizard.step_tasks import TasksPage
from tests.conftest import EXAMPLES

#: Each step, and the draft fields it edits (dotted), which it must write into a blank draft.
STEPS = {
    "header": (HeaderPage, ("family", "kind", "template", "issuer", "number", "symbol", "place", "date", "subject",
                            "content.upper_reference")),
    "recipients": (RecipientsPage, ("recipients",)),
    "tasks": (TasksPage, ("content.tasks", "content.directive", "content.variant", "content.directing_body",
                          "content.opening", "content.implementation", "content.closing", "content.attachment",
                          "content.purpose", "content.situation", "content.lead_in", "content.propaganda",
                          "content.body")),
    "signature": (SignaturePage, ("signature.authority", "signature.body", "signature.position", "signature.name")),
    "cc": (CcPage, ("cc",)),
    "review": (ReviewPage, ()),
}
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.json"))


def full_draft(path: Path) -> model.Draft:
    """Return the example at `path` with every part a file can hold filled, shown by a step or not."""
    draft = model.load(path)
    content = draft.content
    content.variant = content.variant or ("cấp huyện/cấp cơ sở" if content.directive.number else "")
    content.directing_verb, content.directed = "yêu cầu", "các chi bộ trực thuộc"
    content.references = content.references or [Reference("45-KH/TU", date=dt.date(2026, 2, 20), verb="Căn cứ",
                                                           comma_before_date=True, with_so=False)]
    content.upper_reference = content.upper_reference or "Kế hoạch số 45-KH/TU ngày 20/02/2026 của Tỉnh ủy"
    content.forwarded.purpose = content.forwarded.purpose or "Để phục vụ công tác học tập"
    content.forwarded.action = content.forwarded.action or "sao gửi"
    content.wordin = WordNotes({"subject": "không chắc"}, {"subject": draft.subject}, [])
    draft.signature.image, draft.signature.seal, draft.signature.show_images = "ky.png", "dau.png", True
    draft.kept = {"content.ghi_chu": {"người soạn": "Chị Lan"}}
    return draft


def blank_like(draft: model.Draft) -> model.Draft:
    """Return an empty draft of the same family, template and kind (what a step may not change)."""
    return model.Draft(family=draft.family, kind=draft.kind, template=draft.template, date=dt.date(2000, 1, 1))


def value(draft: model.Draft, dotted: str) -> object:
    """Return the field `dotted` (``content.tasks``) of `draft`."""
    out: object = draft
    for part in dotted.split("."):
        out = getattr(out, part)
    return out


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("step", list(STEPS))
def test_a_step_loads_a_full_draft_and_applies_it_back_unchanged(qtbot, office, presenter, step: str,
                                                                 path: Path) -> None:
    page_class, edited = STEPS[step]
    page = page_class(office)
    qtbot.addWidget(page)
    draft = full_draft(path)
    drafting.follow_directive(draft, office.catalog)  # as the window does when it opens a draft
    page.load(draft)
    again = draft.copy()
    page.apply(again)
    assert again == draft
    blank = blank_like(draft)
    page.apply(blank)
    for dotted in edited:
        assert value(blank, dotted) == value(draft, dotted), dotted


def test_the_cover_letter_fields_the_step_does_not_show_stay_as_the_file_has_them(qtbot, office, presenter) -> None:
    page = TasksPage(office)
    qtbot.addWidget(page)
    draft = model.load(EXAMPLES / "dang_huong_tra_189_sao_gui.json")
    draft.content.forwarded = Forwarded(title="Đề cương", purpose="Để phục vụ học tập", action="sao gửi lại")
    page.load(draft)
    page.template_fields.widgets["fw_title"].setText("Đề cương tuyên truyền")
    page.apply(draft)
    assert draft.content.forwarded == Forwarded(title="Đề cương tuyên truyền", purpose="Để phục vụ học tập",
                                                action="sao gửi lại")


def test_a_directive_described_in_the_file_stays_until_the_clerk_picks_another(qtbot, office, presenter) -> None:
    page = TasksPage(office)
    qtbot.addWidget(page)
    draft = model.load(EXAMPLES / "dang_phuong_lam_vien_ke_hoach.json")
    outside = DirectiveRef("05-CT/TU", from_catalog=False, date=dt.date(2026, 1, 9), issuer="Ban Thường vụ Tỉnh ủy")
    draft.content.directive = outside
    page.load(draft)
    page.apply(draft)
    assert draft.content.directive == outside
    page.directive.setCurrentIndex(page.directive.findData(""))
    page.apply(draft)
    assert draft.content.directive == DirectiveRef()


def test_propaganda_typed_in_the_step_is_read_like_the_file(qtbot, office, presenter) -> None:
    page = TasksPage(office)
    qtbot.addWidget(page)
    draft = model.load(EXAMPLES / "nha_nuoc_so_vhttdl_tuyen_truyen.json")
    page.load(draft)
    page.template_fields.widgets["contents"].setText("- Ý nghĩa\n+ ý một\n+ ý hai\nTrách nhiệm")
    page.template_fields.widgets["forms"].setText("- Sân khấu hóa\n\nPano, áp phích")
    page.template_fields.has_report.setChecked(False)
    page.apply(draft)
    assert draft.content.propaganda == Propaganda([PropagandaItem("Ý nghĩa", ["ý một", "ý hai"]),
                                                   PropagandaItem("Trách nhiệm")],
                                                  ["Sân khấu hóa", "Pano, áp phích"], None,
                                                  draft.content.propaganda.report_to)


def test_text_typed_in_a_step_is_tidied_as_a_file_s_would_be(qtbot, office, presenter) -> None:
    header, tasks = HeaderPage(office), TasksPage(office)
    qtbot.addWidget(header)
    qtbot.addWidget(tasks)
    draft = model.load(EXAMPLES / "dang_tinh_uy_lam_dong_chi_thi.json")
    header.load(draft)
    tasks.load(draft)
    header.upper.setText("Kế hoạch  số\u00a045-KH/TU ")
    tasks.directing.setText(" Ban Thường vụ\tTỉnh ủy")
    tasks.template_fields.widgets["situation"].setText("Dòng  một\r\nDòng hai ")
    header.apply(draft)
    tasks.apply(draft)
    assert draft.content.upper_reference == "Kế hoạch số 45-KH/TU"
    assert draft.content.directing_body == "Ban Thường vụ Tỉnh ủy"
    assert draft.content.situation == "Dòng một\nDòng hai"
