"""Open every example in the wizard: nothing is lost on the way, and each template's own fields show."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.render import laid_out
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui.app import build_window
from dnnd_drafter.ui.wizard.step_base import AppContext
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.conftest import EXAMPLES
from tests.gui.clerk import type_text


def _text(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs] + [p.text for t in document.tables for c in t._cells for p in c.paragraphs]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_an_example_goes_through_every_step_unchanged(qtbot, presenter, path: Path, tmp_path: Path) -> None:
    from dnnd_drafter.catalog import load_catalog

    draft = model.load(path)
    expected = _text(to_bytes(laid_out(draft)))
    win = build_window(AppContext(None, None, load_catalog()), DraftSession(draft.copy(), path))
    qtbot.addWidget(win)
    for index in range(len(win.pages)):
        win.controller.go_to(index)
    output = tmp_path / "out.docx"
    win.review.output.setText(str(output))
    win.controller.create_letter()
    assert [e for e in presenter.errors if "lỗi cần sửa" in e] == [], [f.message for f in win.review.findings]
    assert _text(output.read_bytes()) == expected
    win.session.dirty = False
    win.close()


def test_plan_and_propaganda_fields_appear_only_for_their_templates(qtbot, presenter, tmp_path: Path) -> None:
    from dnnd_drafter.catalog import load_catalog

    plan = model.load(EXAMPLES / "dang_phuong_lam_vien_ke_hoach.json")
    win = build_window(AppContext(None, None, load_catalog()), DraftSession(plan, None))
    qtbot.addWidget(win)
    win.controller.go_to(2)
    tasks = win.pages[2]
    assert tasks.task_lead.isVisibleTo(tasks) and tasks.template_fields.isVisibleTo(tasks)
    assert tasks.task_lead.text() == plan.content.tasks[0].lead
    tasks.task_lead.clear()
    type_text(tasks.task_lead, "Ủy ban Mặt trận Tổ quốc Việt Nam phường")
    assert win.session.draft.content.tasks[0].lead == "Ủy ban Mặt trận Tổ quốc Việt Nam phường"
    body = _text(to_bytes(laid_out(win.session.draft)))
    assert any("Ủy ban Mặt trận Tổ quốc Việt Nam phường" in line for line in body)
    guidance = model.load(EXAMPLES / "nha_nuoc_so_vhttdl_tuyen_truyen.json")
    win.controller.load_session(DraftSession(guidance, None))
    win.controller.go_to(2)
    assert not tasks.task_lead.isVisibleTo(tasks)
    fields = tasks.template_fields
    assert fields.widgets["contents"].isVisibleTo(fields) and not fields.widgets["purpose"].isVisibleTo(fields)
    fields.has_report.setChecked(True)
    fields.report_date.setDate(fields.report_date.date().fromString("05/12/2026", "dd/MM/yyyy"))
    assert win.session.draft.content.propaganda.report_by == dt.date(2026, 12, 5)
    assert any("05/12/2026" in line for line in _text(to_bytes(laid_out(win.session.draft))))
    win.session.dirty = False
    win.close()
