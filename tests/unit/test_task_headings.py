"""Test that a task whose text is a list of items keeps its title as a heading of its own.

The trade-union guidance letters write "1. Nội dung tuyên truyền" on its own line, then "- …"
and "+ …" items; running the title into the first item (``1. Nội dung tuyên truyền - Tuyên
truyền…``) reads like one sentence.
"""

from __future__ import annotations

import json

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.compose.engine import compose_blocks
from dnnd_drafter.render import laid_out
from tests.conftest import EXAMPLES

ITEMS = "- Tuyên truyền về Chỉ thị số 12-CT/TW.\n+ Vai trò của công tác đối ngoại nhân dân.\n- Gương điển hình."
TEMPLATES = {"cong_van_trien_khai": "doan_the_cong_doan", "chi_thi_trien_khai": "dang_tinh_uy_lam_dong_chi_thi",
             "ke_hoach_trien_khai": "dang_phuong_lam_vien_ke_hoach"}


def draft_with_tasks(example: str, tasks: list[dict[str, str]]) -> model.Draft:
    """Return the draft of `example` with its tasks replaced by `tasks`."""
    data = json.loads((EXAMPLES / f"{example}.json").read_text(encoding="utf-8"))
    data["content"]["tasks"] = tasks
    return model.from_dict(data)


@pytest.mark.parametrize("template", sorted(TEMPLATES))
def test_a_title_followed_by_items_stays_its_own_paragraph(template: str) -> None:
    draft = draft_with_tasks(TEMPLATES[template], [{"title": "Nội dung tuyên truyền", "text": ITEMS},
                                                   {"title": "Hình thức", "text": "Tuyên truyền miệng."}])
    assert draft.template == template
    blocks = compose_blocks(draft)
    at = next(i for i, b in enumerate(blocks) if "Nội dung tuyên truyền" in b.text)
    assert blocks[at].kind == "heading" and blocks[at].text == "1. Nội dung tuyên truyền"
    assert [b.kind for b in blocks[at + 1:at + 4]] == ["dash", "plus", "dash"]
    assert any(b.text.startswith("2. Hình thức Tuyên truyền miệng") for b in blocks)  # a sentence stays run in
    heading = next(p for p in laid_out(draft).find("body") if p.text == "1. Nội dung tuyên truyền")
    assert all(run.bold for run in heading.runs) and heading.keep_next


def test_a_word_letter_of_that_shape_opens_on_its_template_with_the_task_and_items() -> None:
    from dnnd_drafter.wordin import read_letter
    from dnnd_drafter.writers.docx.writer import to_bytes

    tasks = [{"title": "Nội dung tuyên truyền", "text": ITEMS}, {"title": "", "text": "Báo cáo kết quả."}]
    draft = draft_with_tasks("doan_the_cong_doan", tasks)
    read = read_letter(to_bytes(laid_out(draft))).draft
    assert read.template == "cong_van_trien_khai", read.content.body
    assert [(t.title, t.text) for t in read.content.tasks] == [(t["title"], t["text"]) for t in tasks]
