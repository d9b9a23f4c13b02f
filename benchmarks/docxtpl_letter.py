"""Build the docxtpl baseline: a Word template of the Cát Tiên letter and its rendering.

docxtpl is the generic way to fill a Word template from Python. The template built here has
the same parts as our .docx of the letter: an A4 section with the family's margins, a
borderless two-column header table (parent body, issuer, star, number and trích yếu on the
left; motto and date on the right), the Kính gửi list, the justified body paragraphs with a
first-line indent and bold/italic runs, and a borderless signature table (Nơi nhận list on the
left; authority, position, signing space and name on the right). Only the layout work that
our writer does on top (widow control, keep-with-next, drawn lines, exact tab stops) is
missing, which favours docxtpl.

:func:`render` is what the benchmark times: open the template, build the context from the
draft (including the bold/italic runs of the Markdown subset), render, save.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dnnd_drafter.model.letter import Draft

FONT = "Times New Roman"
_EMPHASIS = re.compile(r"(\*\*.+?\*\*|\*.+?\*)")


def _paragraph(container, text: str, size: float = 14, bold: bool = False, italic: bool = False,  # type: ignore[no-untyped-def]
               align=WD_ALIGN_PARAGRAPH.CENTER, underline: bool = False, first_mm: float = 0.0,
               existing=None):  # type: ignore[no-untyped-def]
    """Add (or fill `existing`) a one-run paragraph in the letter's font."""
    paragraph = existing if existing is not None else container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    if first_mm:
        fmt.first_line_indent = Mm(first_mm)
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    return paragraph


def _borderless(table) -> None:  # type: ignore[no-untyped-def]
    """Remove the borders of `table`."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def build_template(path: Path) -> Path:
    """Write the docxtpl template of a Party công văn (the Cát Tiên letter's layout) to `path`."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    header = document.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.LEFT
    _borderless(header)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    _paragraph(left, "{{ parent }}", existing=left.paragraphs[0])
    _paragraph(left, "{{ issuer }}", bold=True)
    _paragraph(left, "*")
    _paragraph(left, "Số {{ number }}")
    _paragraph(left, "{%p for line in subject_lines %}")
    _paragraph(left, "{{ line }}", size=12, italic=True)
    _paragraph(left, "{%p endfor %}")
    _paragraph(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True, existing=right.paragraphs[0])
    _paragraph(right, "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True)
    _paragraph(document, "{%p for item in recipients %}")
    _paragraph(document, "{{ item.label }}\t- {{ item.name }}", align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p for para in body %}")
    _paragraph(document, "{{r para }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_mm=10)
    _paragraph(document, "{%p endfor %}")
    signature = document.add_table(rows=1, cols=2)
    _borderless(signature)
    left, right = signature.rows[0].cells
    left.width, right.width = Mm(75), Mm(90)
    _paragraph(left, "Nơi nhận:", size=12, underline=True, align=WD_ALIGN_PARAGRAPH.LEFT,
               existing=left.paragraphs[0])
    _paragraph(left, "{%p for item in cc %}")
    _paragraph(left, "- {{ item }}", size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(left, "{%p endfor %}")
    _paragraph(right, "{{ authority }}", bold=True, existing=right.paragraphs[0])
    _paragraph(right, "{{ position }}")
    for _ in range(4):
        _paragraph(right, "")
    _paragraph(right, "{{ signer }}", bold=True)
    document.save(str(path))
    return path


def _rich(text: str):  # type: ignore[no-untyped-def]
    """Return the docxtpl RichText of one Markdown-subset line (``**bold**``, ``*italic*``)."""
    from docxtpl import RichText

    rich = RichText()
    for piece in _EMPHASIS.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            rich.add(piece[2:-2], bold=True, font=FONT, size=28)
        elif piece.startswith("*") and piece.endswith("*"):
            rich.add(piece[1:-1], italic=True, font=FONT, size=28)
        else:
            rich.add(piece, font=FONT, size=28)
    return rich


def context_of(draft: Draft) -> dict[str, object]:
    """Return the docxtpl context of `draft`: the same text our writer puts in the letter."""
    content = draft.content
    body = [_rich(content.opening)]
    for number, task in enumerate(content.tasks, start=1):
        title = f"**{task.title}** " if task.title else ""
        body.append(_rich(f"{number}. {title}{task.text}"))
    if content.implementation:
        body.append(_rich(f"**{len(content.tasks) + 1}. Tổ chức thực hiện**"))
        body += [_rich(f"- {item}") for item in content.implementation]
    if content.closing:
        body.append(_rich(content.closing))
    if content.attachment:
        body.append(_rich(f"*({content.attachment}).*"))
    last = len(draft.recipients) - 1
    recipients = [{"label": "Kính gửi:" if i == 0 else "", "name": name + ("." if i == last else ",")}
                  for i, name in enumerate(draft.recipients)]
    cc = [name + ("." if i == len(draft.cc) - 1 else ",") for i, name in enumerate(draft.cc)]
    sig = draft.signature
    return {
        "parent": draft.issuer.parent.upper(), "issuer": draft.issuer.name.upper(),
        "number": f"{draft.number}-{draft.symbol}", "subject_lines": draft.subject.split("\n"),
        "place": draft.place, "day": f"{draft.date.day:02d}", "month": f"{draft.date.month:02d}",
        "year": draft.date.year, "recipients": recipients, "body": body, "cc": cc,
        "authority": f"{sig.authority} {sig.body}".strip().upper(), "position": sig.position.upper(),
        "signer": sig.name,
    }


def render(template: Path, draft: Draft, target: Path) -> Path:
    """Fill `template` with `draft` through docxtpl and save it at `target` (the timed work)."""
    from docxtpl import DocxTemplate

    document = DocxTemplate(str(template))
    document.render(context_of(draft))
    document.save(str(target))
    return target


def text_of(path: Path) -> str:
    """Return all paragraph text of a .docx, table cells included (to check both outputs)."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)
