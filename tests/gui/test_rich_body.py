"""The free letter body is edited as rich text and stored as the body markup, exactly."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QFont, QInputMethodEvent, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication

from dnnd_drafter.compose.markup import Run, escape_inline, write_inline
from dnnd_drafter.ui.rich_body import RichBodyEditor, document_markup, fill_document
from dnnd_drafter.ui.wizard.template_fields import TemplateFields
from dnnd_drafter.wordin import read_letter
from tests.gui.clerk import press, type_text, wait_settled
from tests.unit import wordin_corpus as corpus


@pytest.fixture(scope="module")
def corpus_bodies() -> dict[str, str]:
    """Return the body markup the Word reader gives for every corpus letter."""
    letters = corpus.app_letters() + corpus.hand_letters() + [corpus.real_huong_tra()]
    return {letter.name: read_letter(letter.data, name=letter.name).draft.content.body for letter in letters}


def test_every_body_the_word_reader_gives_reads_back_exactly(qapp, corpus_bodies: dict[str, str]) -> None:
    assert len(corpus_bodies) > 30 and any("**" in body for body in corpus_bodies.values())
    for name, body in corpus_bodies.items():
        editor = RichBodyEditor()
        editor.setText(body)
        assert editor.text() == body, name
        document = QTextDocument()
        fill_document(document, body)
        assert document_markup(document) == body, name  # written from the document, not kept lines


TEXT = "abc ăâđêôơưáàảãạếềệốồộớờợứừựíìịýỳ*_\\`[]<>&#-+.,:()"
RUNS = st.lists(st.builds(Run, st.text(alphabet=TEXT, min_size=1, max_size=10), st.booleans(), st.booleans()),
                min_size=1, max_size=5)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.sampled_from(["", "- ", "+ ", "## ", "1. ", "a) "]), RUNS), max_size=5))
def test_random_lines_with_stars_underscores_backslashes_and_marks_round_trip(qapp, lines) -> None:
    markup = []
    for marker, runs in lines:
        if marker == "## ":  # a heading prints bold whole: its runs carry italic only, as the reader writes them
            runs = [Run(run.text, False, run.italic) for run in runs]
        inline = write_inline(runs).strip()
        if inline and marker in ("- ", "+ ", "## ") and not inline.startswith("\\"):
            markup.append(marker + inline)
        elif inline:
            markup.append(("\\" if inline.startswith(("- ", "+ ", "## ")) else "") + inline)
    text = "\n".join(markup)
    document = QTextDocument()
    fill_document(document, text)
    assert document_markup(document) == text


@pytest.mark.parametrize("line", ["*##* :", "*## :*", "*- a*", "**+ b** c", "\\- a", "\\## x"])
def test_an_emphasised_line_starting_like_a_marker_reads_back_without_an_escape(qapp, line: str) -> None:
    """Check a line whose text starts with a marker but whose markup starts with a star keeps its markup.

    Hypothesis found ``*##* :`` coming back as ``\\*##* :`` (its first star escaped).
    """
    document = QTextDocument()
    fill_document(document, line)
    assert document_markup(document) == line


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None, derandomize=True)
@given(st.text(alphabet=TEXT, min_size=1, max_size=30).map(str.strip).filter(bool))
def test_a_plain_line_typed_with_markup_characters_stays_literal(qapp, typed: str) -> None:
    line = ("\\" if typed.startswith(("- ", "+ ", "## ")) else "") + escape_inline(typed)
    document = QTextDocument()
    fill_document(document, line)
    assert document.toPlainText() == typed and document_markup(document) == line


def _select(editor: RichBodyEditor, word: str) -> None:
    """Select the first `word` in the editor."""
    start = editor.edit.toPlainText().index(word)
    cursor = editor.edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    editor.edit.setTextCursor(cursor)


def _format_at(editor: RichBodyEditor, word: str):  # type: ignore[no-untyped-def]
    """Return the character format of the first character of `word`."""
    cursor = editor.edit.textCursor()
    cursor.setPosition(editor.edit.toPlainText().index(word) + 1)
    return cursor.charFormat()


def test_bold_and_italic_are_shown_not_their_stars(qtbot) -> None:
    editor = RichBodyEditor()
    qtbot.addWidget(editor)
    editor.setText("Việc **đậm** và *nghiêng*, 5 \\* 3")
    assert editor.edit.toPlainText() == "Việc đậm và nghiêng, 5 * 3"
    assert _format_at(editor, "đậm").fontWeight() == QFont.Weight.Bold
    assert _format_at(editor, "nghiêng").fontItalic() and not _format_at(editor, "Việc").fontItalic()


def test_the_buttons_and_ctrl_b_ctrl_i_toggle_the_selection(qtbot) -> None:
    editor = RichBodyEditor()
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    type_text(editor.edit, "Đề nghị các đơn vị thực hiện")
    _select(editor, "các đơn vị")
    assert not editor.bold.isChecked()
    editor.bold.click()
    assert editor.text() == "Đề nghị **các đơn vị** thực hiện"
    assert editor.bold.isChecked()  # the button shows the selection is bold
    _select(editor, "thực hiện")
    editor.italic.click()
    assert editor.text() == "Đề nghị **các đơn vị** *thực hiện*"
    _select(editor, "các đơn vị")
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "Đề nghị các đơn vị *thực hiện*"
    _select(editor, "Đề nghị")
    qtbot.keyClick(editor.edit, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "*Đề nghị* các đơn vị *thực hiện*"


def test_tieu_de_makes_the_line_a_heading_and_enter_starts_a_body_line(qtbot) -> None:
    editor = RichBodyEditor()
    qtbot.addWidget(editor)
    event = QInputMethodEvent()
    event.setCommitString("Nhiệm vụ trọng tâm")
    editor.edit.setFocus()
    QApplication.sendEvent(editor.edit, event)
    editor.heading.click()
    assert editor.text() == "## Nhiệm vụ trọng tâm" and editor.heading.isChecked()
    shown = _format_at(editor, "Nhiệm")
    assert shown.fontWeight() == QFont.Weight.Bold and shown.property(QTextFormat.Property.FontSizeAdjustment) == 1
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    press(editor.edit, Qt.Key.Key_Return)
    assert not editor.heading.isChecked()  # Enter after a heading starts a body line
    type_text(editor.edit, "1. Rà soát; - ý *một*")
    press(editor.edit, Qt.Key.Key_Return)
    type_text(editor.edit, "- Gạch đầu dòng")
    press(editor.edit, Qt.Key.Key_Return)
    type_text(editor.edit, "+ Ý nhỏ")
    assert editor.text() == "## Nhiệm vụ trọng tâm\n1. Rà soát; - ý \\*một\\*\n- Gạch đầu dòng\n+ Ý nhỏ"
    editor.edit.moveCursor(QTextCursor.MoveOperation.Start)
    editor.heading.click()
    assert editor.text().startswith("Nhiệm vụ trọng tâm\n")
    assert _format_at(editor, "Nhiệm").fontWeight() == QFont.Weight.Normal


def test_a_paste_from_word_brings_its_text_only(qtbot) -> None:
    editor = RichBodyEditor()
    qtbot.addWidget(editor)
    editor.setText("Trước")
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor.edit, " ")
    mime = QMimeData()
    mime.setHtml("<p><b style='font-size:30pt'>đậm</b> <i>nghiêng</i></p><p>dòng hai</p>")
    mime.setText("đậm nghiêng\r\ndòng hai")
    # what paste() and a drop hand the editor; the data stays Python's (the clipboard would take it
    # over and free it again at exit)
    editor.edit.insertFromMimeData(mime)
    assert editor.text() == "Trước đậm nghiêng\ndòng hai"
    assert _format_at(editor, "đậm").fontWeight() == QFont.Weight.Normal


def test_the_free_template_edits_its_body_as_rich_text_and_stores_the_markup(qtbot) -> None:
    fields = TemplateFields()
    qtbot.addWidget(fields)
    body = fields.widgets["body"]
    assert isinstance(body, RichBodyEditor)
    assert not isinstance(fields.widgets["situation"], RichBodyEditor)  # the other markup fields stay
    draft = corpus.example("doan_the_cong_doan")
    draft.template = "van_ban_tu_do"
    draft.content.body = "## I. MỤC ĐÍCH\n1. Việc **đậm**\n- ý a\\_b"
    fields.load(draft)
    assert "**" not in body.edit.toPlainText()
    draft.content.body = ""
    fields.apply(draft)
    assert draft.content.body == "## I. MỤC ĐÍCH\n1. Việc **đậm**\n- ý a\\_b"


def test_in_the_wizard_ctrl_b_bolds_the_free_body_and_the_draft_gets_the_markup(qtbot, window, presenter,
                                                                                  tmp_path) -> None:
    wait_settled(qtbot, window)
    path = tmp_path / "công văn.docx"
    path.write_bytes(corpus.typed("dang_phuong_lam_vien_ke_hoach", corpus.Typing(header="tabs")))
    presenter.open_file = lambda *a: str(path)
    window.menus.fill_menus()
    next(a for a in window.findChildren(type(window.menuBar().actions()[0]))
         if a.objectName() == "action_open_word").trigger()
    window.controller.go_to(2)
    body = window.pages[2].template_fields.widgets["body"]
    assert isinstance(body, RichBodyEditor) and body.isVisible()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    body.edit.setFocus()
    _select(body, "Thực hiện")
    qtbot.keyClick(body.edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert body.text().startswith("**Thực hiện** Kế hoạch số 45-KH/TU")
    window.pages[2].apply(window.session.draft)
    assert window.session.draft.content.body.startswith("**Thực hiện** Kế hoạch")
