"""The letter's files from the wizard: unique names, no silent replacement, the register's file check,
numbering that stays on the step and renumbers the PDF, print to file, a trích yếu too long."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from pypdf import PdfReader

from dnnd_drafter.model import letter as model
from dnnd_drafter.base import paths
from dnnd_drafter.ui import dialogs
from tests.conftest import EXAMPLES
from tests.unit.test_long_subject import subject_of

REVIEW = 5


def _fill(window, subject: str) -> None:  # type: ignore[no-untyped-def]
    """Give the letter on screen a trích yếu, a recipient, a signer and a body; show the review step."""
    draft = window.session.draft
    draft.subject, draft.recipients, draft.signature.name = subject, ["Công an xã"], "Nguyễn Văn An"
    draft.content.opening = "Nội dung."
    window.controller.load_session(window.session)
    window.controller.go_to(REVIEW)


def _new_letter(window) -> None:  # type: ignore[no-untyped-def]
    """Begin another letter of the same office in the same window (Tệp → Mới)."""
    from dnnd_drafter.ui.wizard.start_dialog import session_for
    from dnnd_drafter.ui.wizard.start_dialog import StartChoice

    choice = StartChoice("new", window.session.draft.template, window.context.profile.id)
    window.controller.replace_session(session_for(choice, window.context))


def _cells(path: Path) -> str:
    return "\n".join(p.text for t in docx.Document(str(path)).tables for c in t._cells for p in c.paragraphs)


def test_a_second_letter_on_the_same_day_never_replaces_the_first(window, presenter) -> None:
    from dnnd_drafter.store.register import file_sha256

    register = window.context.store.register
    _fill(window, "Về việc tổ chức Tết Trồng cây")
    first = window.controller.create_letter()
    presenter.answers = [dialogs.NO]  # no PDF now
    window.review.buttons["register"].click()
    assert presenter.errors == []
    entry = register.entries()[0]
    assert "Số: 01/UBND-VP" in _cells(first) and file_sha256(first) == entry.file_hash
    _new_letter(window)
    _fill(window, "Về việc phòng chống thiên tai")
    second = window.controller.create_letter()
    _new_letter(window)
    _fill(window, "Về việc phòng chống thiên tai")
    third = window.controller.create_letter()
    assert len({first, second, third}) == 3 and first.parent == second.parent == third.parent
    assert second.name.endswith("Về việc phòng chống thiên tai.docx") and third.stem == f"{second.stem}-2"
    assert "Về việc tổ chức Tết Trồng cây" in _cells(first) and "Số: 01/UBND-VP" in _cells(first)
    assert file_sha256(first) == register.get(entry.id).file_hash  # the register still names the first letter
    assert [q for q in presenter.questions if "đã có" in q] == []  # nothing had to be replaced


def test_writing_over_another_file_asks_naming_it_and_no_keeps_it(window, presenter, tmp_path: Path) -> None:
    other = tmp_path / "công văn khác.docx"
    other.write_bytes(b"another letter")
    _fill(window, "Về việc thay tệp")
    window.review.output.setText(str(other))
    presenter.answers = [dialogs.NO]
    assert window.controller.create_letter() is None
    assert other.read_bytes() == b"another letter" and window.controller.created is None
    assert presenter.questions[-1].startswith(f"Tệp “công văn khác.docx” đã có trong thư mục “{tmp_path}”.")
    presenter.answers = [dialogs.YES]
    assert window.controller.create_letter() == other and "Về việc thay tệp" in _cells(other)
    asked = len(presenter.questions)
    assert window.controller.create_letter() == other and len(presenter.questions) == asked  # its own file: no question


def test_replacing_a_registered_file_says_so_and_the_register_window_shows_it(qtbot, window, presenter,
                                                                              tmp_path: Path) -> None:
    from dnnd_drafter.store.register import FILE_CHANGED, FILE_MISSING, file_state
    from dnnd_drafter.ui.data.register import RegisterDialog
    from tests.gui.test_data_dialogs import column

    _fill(window, "Về việc đã vào sổ")
    issued = window.controller.create_letter()
    presenter.answers = [dialogs.NO]
    window.review.buttons["register"].click()
    _new_letter(window)
    _fill(window, "Về việc khác")
    window.review.output.setText(str(issued))
    presenter.answers = [dialogs.YES]
    assert window.controller.create_letter() == issued
    assert "Tệp này là văn bản số 01/UBND-VP đã ghi vào sổ văn bản đi" in presenter.questions[-1]
    dialog = RegisterDialog(window.context, window)
    qtbot.addWidget(dialog)
    assert column(dialog.table, 8) == ["⚠ Tệp đã bị thay đổi"]
    assert file_state(window.context.store.register.entries()[0]) == FILE_CHANGED
    issued.unlink()
    dialog.refresh()
    assert column(dialog.table, 8) == ["⚠ Tệp không còn"]
    assert str(issued.resolve()) in dialog.table.model().index(0, 8).data(Qt.ItemDataRole.ToolTipRole)
    assert file_state(window.context.store.register.entries()[0]) == FILE_MISSING


def test_numbering_stays_on_the_step_and_exports_the_pdf_again_with_the_number(window, presenter,
                                                                             tmp_path: Path) -> None:
    _fill(window, "Về việc xuất PDF trước khi vào sổ")
    window.controller.create_letter()
    pdf = tmp_path / "cong-van.pdf"
    presenter.save_file = lambda *a: str(pdf)
    window.menus.use_libreoffice.setChecked(False)
    window.controller.export_pdf()
    assert "Văn bản chưa có số" in presenter.infos[-1]
    assert "/UBND-VP" in PdfReader(str(pdf)).pages[0].extract_text() and "01/UBND-VP" not in PdfReader(
        str(pdf)).pages[0].extract_text()
    window.review.buttons["register"].click()
    assert presenter.errors == []
    assert window.stack.currentIndex() == REVIEW and window.review.done_box.isVisible()
    assert "01/UBND-VP" in PdfReader(str(pdf)).pages[0].extract_text()
    assert presenter.infos[-1].endswith(f"PDF đã xuất trước đó cũng được xuất lại với số mới: {pdf}")
    assert window.pages[0].number.text() == "1" and window.session.dirty  # step 1 shows it when visited


def test_recreating_the_numbered_letter_keeps_its_register_entry_matching(window, presenter) -> None:
    from dnnd_drafter.store.register import FILE_OK, file_state

    _fill(window, "Về việc sửa sau khi vào sổ")
    created = window.controller.create_letter()
    presenter.answers = [dialogs.NO]
    window.review.buttons["register"].click()
    window.session.draft.content.opening = "Nội dung đã sửa lỗi chính tả."
    assert window.controller.create_letter() == created and "Số: 01/UBND-VP" in _cells(created)
    entry = window.context.store.register.entries()[0]
    assert file_state(entry) == FILE_OK and entry.file_path == str(created.resolve())
    window.review.buttons["register"].click()  # the form stays on the step: a second click gives no number
    assert presenter.errors == ["Văn bản này đã được ghi vào sổ văn bản đi (số 01/UBND-VP); không cấp số lần nữa."]
    assert len(window.context.store.register.entries()) == 1


def test_numbering_without_an_earlier_pdf_offers_one(window, presenter, tmp_path: Path) -> None:
    _fill(window, "Về việc xuất PDF sau khi vào sổ")
    window.controller.create_letter()
    pdf = tmp_path / "co-so.pdf"
    presenter.save_file = lambda *a: str(pdf)
    window.menus.use_libreoffice.setChecked(False)
    presenter.answers = [dialogs.YES]
    window.review.buttons["register"].click()
    assert presenter.questions[-1].endswith("Xuất PDF có số mới ngay bây giờ?")
    assert "01/UBND-VP" in PdfReader(str(pdf)).pages[0].extract_text()
    assert window.stack.currentIndex() == REVIEW


def test_print_to_file_suggests_a_writable_file_in_the_documents_folder(qtbot, window, presenter,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog, QLineEdit

    seen: list[tuple[str, str]] = []

    def look(dialog: QPrintDialog) -> int:
        box = dialog.findChild(QLineEdit, "filename")
        seen.append((box.text() if box is not None else "", dialog.printer().docName()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", look)
    _fill(window, "Về việc in ra tệp")
    window.controller.print_letter()
    suggested, doc_name = seen[-1]
    path = Path(suggested)
    assert "/" not in doc_name and path.name.endswith("Về việc in ra tệp.pdf") and path.parent.is_dir()
    assert path.parent == paths.documents_dir()
    assert presenter.errors == []


def test_a_long_trich_yeu_is_created_whole_and_one_too_long_is_refused_by_name(window, presenter,
                                                                            tmp_path: Path) -> None:
    _fill(window, subject_of(300))
    created = window.controller.create_letter()
    assert created is not None and presenter.errors == [] and subject_of(300)[:200] in _cells(created).replace("\n", " ")
    _fill(window, subject_of(2600))
    window.review.output.setText(str(tmp_path / "qua-dai.docx"))
    assert window.controller.create_letter() is None and not (tmp_path / "qua-dai.docx").exists()
    messages = [f.message for f in window.review.findings if f.field == "subject"]
    assert messages and messages[0].startswith("Trích yếu dài 2600 ký tự, quá giới hạn 500 ký tự")
    window.controller.guard(window.controller.print_letter)
    assert presenter.errors[-1].startswith("Trích yếu dài 2600 ký tự")


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_a_trich_yeu_at_the_limits_fits_on_the_page(qapp, example: str) -> None:
    from dnnd_drafter.model.formats import load_format
    from dnnd_drafter.render import laid_out
    from dnnd_drafter.writers.qt.pagination import mm, paginate

    draft = model.load(EXAMPLES / example)
    subject = load_format(draft.family, draft.rule_set).subject
    per_line = subject["max_chars"] // subject["max_lines"]
    wide = ("MƯỜNG ĐỒNG " * per_line)[:per_line].strip()  # capitals: the widest text a clerk types
    draft.subject = "\n".join([wide] * subject["max_lines"])
    letter = laid_out(draft)
    bottom = mm(letter.page.height_mm - letter.page.bottom_mm)
    overflow = [t.box.para.role for page in paginate(letter).pages for t in page.texts if t.bottom > bottom + 0.01]
    assert overflow == []


def test_the_letters_path_shows_its_beginning_after_the_letter_is_made(window) -> None:
    _fill(window, "Về việc tổ chức Tết Trồng cây")
    made = window.controller.create_letter()
    output = window.review.output
    assert output.text() == str(made)
    assert output.cursorPosition() == 0  # the folder is what the clerk reads first, not the file's end
    assert output.toolTip() == str(made)
