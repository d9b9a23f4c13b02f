"""Test that the free body keeps the rich text of a Word letter: emphasis, Word's numbering and bullets."""

from __future__ import annotations

import io

import docx
from docx.oxml import OxmlElement

from dnnd_drafter.compose import markup
from dnnd_drafter.checker.paragraphs import Para, Run
from dnnd_drafter.checker.styles import ParaFormat, RunFormat
from dnnd_drafter.wordin import read_letter
from dnnd_drafter.wordin.body import paragraph_lines
from tests.unit import wordin_corpus as corpus


def _with_paragraphs(build) -> bytes:
    """Return the hand-typed UBND letter with the paragraphs `build(document)` returns after its body."""
    document = docx.Document(io.BytesIO(corpus.typed("nha_nuoc_ubnd_tinh", corpus.Typing())))
    last = [p for p in document.paragraphs if p.alignment == corpus.JUSTIFY][-1]
    for para in reversed(build(document)):
        last._p.addnext(para._p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _bullets(document) -> int:
    """Add Word's usual bullet list (a dot, then a circle on the second level) and return its numId."""
    from docx.oxml import parse_xml

    numbering = document.part.numbering_part.element
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="{c}"/>'
                     '</w:lvl>' for i, c in enumerate(("\uf0b7", "o", "\uf0a7")))
    numbering.insert(0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def _level(para, num_id: int, level: int) -> None:
    """Put `para` on numbering level `level` of list `num_id`."""
    num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_numId().val = num_id
    num_pr.get_or_add_ilvl().val = level


def test_words_numbering_labels_take_the_paragraphs_emphasis_and_bullets_their_level() -> None:
    def build(document):
        heading = document.add_paragraph(style="List Number")
        heading.add_run("Kết quả thực hiện").bold = True
        mark = OxmlElement("w:rPr")
        mark.append(OxmlElement("w:b"))
        heading._p.get_or_add_pPr().append(mark)     # the paragraph mark is bold, as Word sets it
        bullets = _bullets(document)
        item = document.add_paragraph("Tuyên truyền trên Cổng thông tin")
        sub = document.add_paragraph("Đăng 12 tin, bài")
        _level(item, bullets, 0)
        _level(sub, bullets, 1)
        return [heading, item, sub]

    body = read_letter(_with_paragraphs(build)).draft.content.body.split("\n")
    at = body.index("## 1. Kết quả thực hiện")
    assert body[at + 1:at + 3] == ["- Tuyên truyền trên Cổng thông tin", "+ Đăng 12 tin, bài"]


def _para(*runs: tuple[str, bool, bool]) -> Para:
    """Return a paragraph of the given (text, bold, italic) runs."""
    return Para([Run(t, RunFormat(14.0, b, i, False, False, ())) for t, b, i in runs], ParaFormat(), 160.0)


def test_emphasis_that_ends_on_punctuation_before_a_word_is_kept() -> None:
    line = paragraph_lines(_para(("Nhiệm vụ 1:", True, False), ("thực hiện tốt", False, False)))[0]
    runs = markup.parse_inline(line)
    assert "".join(r.text for r in runs) == "Nhiệm vụ 1:thực hiện tốt"
    assert runs[0] == markup.Run("Nhiệm vụ 1", bold=True)
    line = paragraph_lines(_para(("Về ", False, False), ("(Chỉ thị)", False, True), ("của", False, False)))[0]
    assert markup.Run("Chỉ thị", italic=True) in markup.parse_inline(line)
