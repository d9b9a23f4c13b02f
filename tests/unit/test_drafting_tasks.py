"""Check the task rules the Nhiệm vụ step uses (Qt-free, in model/drafting.py): the one parser of
task sources, the rows of the task list, the wording per variant and the lead sentence."""

from __future__ import annotations

import pytest

from dnnd_drafter.catalog import load_catalog
from dnnd_drafter.model import drafting
from dnnd_drafter.model.content import DirectiveRef
from dnnd_drafter.model.letter import Draft, Task

CATALOG = load_catalog()
CT12 = CATALOG["12-CT-TW"]
VARIANT = "cấp huyện/cấp cơ sở"


@pytest.mark.parametrize(("source", "parsed"), [
    ("12-CT/TW:3", ("12-CT/TW", 3)), ("05-CT/TU:12", ("05-CT/TU", 12)), ("", ("", None)),
    ("12-CT/TW", ("12-CT/TW", None)), ("12-CT/TW:ba", ("12-CT/TW:ba", None)),
])
def test_a_task_source_is_read_in_one_place(source: str, parsed: tuple) -> None:
    assert drafting.parse_task_source(source) == parsed
    if parsed[1] is not None:
        assert drafting.task_source(*parsed) == source


def test_the_rows_show_the_chosen_tasks_first_then_the_directive_s_others_in_the_variant_wording() -> None:
    own = Task(title="Việc riêng", text="Tổ chức hội nghị.")
    chosen = [Task("12-CT/TW:3", text="Lời đã sửa."), own]
    rows = drafting.task_rows(chosen, CT12, VARIANT)
    assert [r.task.source for r in rows] == ["12-CT/TW:3", "", "12-CT/TW:1", "12-CT/TW:2", *(
        f"12-CT/TW:{n}" for n in range(4, 9))]
    assert rows[0].original == CT12.task(3).text_for(VARIANT) and rows[0].edited
    assert rows[0].label == f"3. {CT12.task(3).title}" and rows[1].label == "Việc riêng"
    assert rows[2].task.text == rows[2].original == CT12.task(1).text_for(VARIANT) and not rows[2].edited
    assert rows[0].task is not chosen[0]  # editing a row never changes the draft before apply


def test_a_variant_rewords_the_tasks_left_as_worded_and_keeps_an_edited_one() -> None:
    rows = drafting.task_rows([Task("12-CT/TW:1", text="Lời đã sửa.")], CT12, None)
    drafting.reword(rows, CT12, VARIANT)
    assert rows[0].task.text == "Lời đã sửa." and rows[0].original == CT12.task(1).text_for(VARIANT)
    assert rows[1].task.text == CT12.task(2).text_for(VARIANT)


def test_a_task_of_another_directive_or_an_unknown_number_has_no_original_wording() -> None:
    assert drafting.directive_task(CT12, "05-CT/TU:1") is None
    assert drafting.directive_task(CT12, "12-CT/TW:99") is None
    assert drafting.directive_task(None, "12-CT/TW:1") is None
    long = Task(text="x" * 60)
    assert drafting.task_label(long, CT12) == "x" * 50 + "…" and drafting.task_label(Task(), CT12) == ""


def test_the_lead_sentence_is_written_by_the_model() -> None:
    lines = drafting.with_lead(["Văn phòng theo dõi.", " "], "Ban Tuyên giáo")
    assert lines == ["Văn phòng theo dõi.", "Ban Tuyên giáo chủ trì, phối hợp với các cơ quan, đơn vị liên quan "
                     "triển khai thực hiện các nhiệm vụ trên."]
    assert drafting.with_lead(["Văn phòng theo dõi."], "  ") == ["Văn phòng theo dõi."]


def test_a_draft_follows_the_directive_it_names_or_that_of_its_first_task() -> None:
    draft = Draft()
    draft.content.tasks = [Task("12-CT/TW:2")]
    assert drafting.followed_directive(draft, CATALOG) == "12-CT/TW"
    drafting.follow_directive(draft, CATALOG)
    assert draft.content.directive == DirectiveRef("12-CT/TW")
    assert drafting.followed_directive(Draft(), {}) == ""
