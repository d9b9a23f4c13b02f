"""Build the corpus of Word letters for the Word reader: our own letters and hand-typed ones.

Every letter comes from an example draft, so the fields the reader must find are known: the
app's own .docx of each example, and copies typed "by hand" with python-docx the way clerks type
them (header in a borderless table or faked with tabs or spaces, the ``*`` on its own line or
missing, odd ``Số`` spacing, the date on its own line, a trích yếu with manual breaks,
``Kính gửi`` after tabs or in a table, Word's automatic numbering, empty spacing paragraphs, the
signature in a table, in right-aligned paragraphs or after tabs, several sections, a table in
the body, a BÁO CÁO). :func:`field_values` and :func:`body_words` give what is compared.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from dnnd_drafter.model import letter as model
from dnnd_drafter.model.formats import load_format
from dnnd_drafter.layout.engine import number_text
from dnnd_drafter.render import laid_out
from dnnd_drafter.layout.blocks import Para
from dnnd_drafter.model.vietnamese import date_line, upper
from dnnd_drafter.writers.docx.writer import to_bytes
from tests.conftest import REPO

EXAMPLES = sorted(p.stem for p in (REPO / "examples").glob("*.json"))
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def example(stem: str) -> model.Draft:
    """Return the example draft `stem`."""
    return model.load(REPO / "examples" / f"{stem}.json")


def field_values(draft: model.Draft) -> dict[str, str]:
    """Return the fields compared, as printed: number line, date line, each list item …"""
    fmt = load_format(draft.family, draft.rule_set)
    sig = draft.signature
    out = {"family": draft.family, "kind": draft.kind, "number": number_text(draft, fmt),
           "date": date_line(draft.place, draft.date), "issuer.parent": upper(draft.issuer.parent),
           "issuer.name": upper(draft.issuer.name),
           # the trích yếu as printed, line by line: a clerk's break where the layout would break
           # anyway (hand_subject_breaks) reads as the layout's and prints the same
           "subject": "\n".join(p.text for p in laid_out(draft).paragraphs() if p.role in ("subject", "doc_subject")),
           "authority": upper(f"{sig.authority} {sig.body}".strip()), "position": upper(sig.position),
           "signer": sig.name}
    out |= {f"recipients[{i}]": item for i, item in enumerate(draft.recipients)}
    out |= {f"cc[{i}]": item for i, item in enumerate(draft.cc)}
    return out


def body_words(draft: model.Draft) -> list[str]:
    """Return the words of the letter's body as laid out (items' dashes and notes included)."""
    return " ".join(p.text for p in laid_out(draft).find("body")).split()


def similarity(a: list[str], b: list[str]) -> float:
    """Return the word similarity of two bodies (1.0 when equal)."""
    return 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass(frozen=True)
class Typing:
    """Describe how a clerk typed a letter by hand."""

    header: str = "table"            # table | tabs | spaces | frames
    star: str = "cell"               # cell | missing
    number: str = ""                 # how the Số line is typed ("" = as printed)
    date: str = "column"             # column | own_line
    subject: str = "lines"           # lines | breaks
    recipients: str = "tabs"         # tabs | table | header_row | next_line
    numbering: bool = False          # Word's automatic numbering for "1." and "-" paragraphs
    spacing: bool = False            # empty paragraphs between the parts
    signature: str = "table"         # table | right | tabs
    sections: bool = False
    body_table: bool = False
    kind: str = ""                   # another kind than the example's (bao_cao)
    date_text: str = ""              # the date line as typed ("" = as printed)
    typed_rules: bool = False        # lines drawn by typing ____ under the motto and ----- under a title
    images: bool = False             # a signature and a seal picture in the signing space
    boxes: bool = False              # a text box and a framed paragraph after the first body paragraph


@dataclass
class Letter:
    """Hold one corpus letter: bytes, the draft it shows and how it was made."""

    name: str
    data: bytes
    expected: model.Draft
    group: str
    extra_words: list[str] = field(default_factory=list)   # typed after the first body paragraph
    tail_words: list[str] = field(default_factory=list)    # typed after the signature (an annex)

    def words(self) -> list[str]:
        """Return the body words the reader must give back, in order."""
        paras = [p.text.split() for p in laid_out(self.expected).find("body")]
        return paras[0] + self.extra_words + [w for p in paras[1:] for w in p] + self.tail_words


def _font(document: docx.document.Document) -> None:
    """Set Times New Roman 14 as the base font, as a clerk's Normal style."""
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin, section.top_margin = Mm(30), Mm(15), Mm(20)


def _add(container, text: str, align=None, bold=False, italic=False, size=14, style=None):
    """Add a paragraph holding `text` (``\\n`` = soft line break) and return it."""
    para = container.add_paragraph(style=style)
    for index, piece in enumerate(text.split("\n")):
        run = para.add_run(piece)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        if index < len(text.split("\n")) - 1:
            run.add_break(WD_BREAK.LINE)
    if align is not None:
        para.alignment = align
    return para


def _two_columns(document, left: str, right: str, gap: str, left_bold: bool, right_bold: bool,
                 size: int = 14):
    """Add a paragraph faking two columns: `left`, then `gap` (tabs to a tab stop, or spaces), then `right`."""
    para = document.add_paragraph()
    if gap.startswith("\t"):
        para.paragraph_format.tab_stops.add_tab_stop(Mm(118), WD_TAB_ALIGNMENT.CENTER)
    for text, bold, pt in ((left, left_bold, size), (gap if right else "", False, 14), (right, right_bold, 14)):
        if text:
            run = para.add_run(text)
            run.bold, run.font.size = bold, Pt(pt)
    return para


def _texts(paras: tuple[Para, ...] | list[Para], role: str) -> list[str]:
    """Return the texts of the laid-out paragraphs playing `role`."""
    return [p.text for p in paras if p.role == role and p.text]


def _no_borders(table) -> None:
    """Remove every border of a python-docx table (a clerk's borderless table)."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _header(document, draft: model.Draft, letter, typing: Typing) -> None:
    """Type the header: issuer block left, motto and date right."""
    grid = letter.grid("header")
    paras = grid.paragraphs()
    left = _texts(paras, "parent") + _texts(paras, "issuer")
    bold_from = len(_texts(paras, "parent"))
    if typing.star != "missing":
        left += _texts(paras, "issuer_mark")
    number = _texts(paras, "number")[0]
    if typing.number:
        number = typing.number
    subject = _texts(paras, "subject")
    right = _texts(paras, "motto1") + _texts(paras, "motto2")
    date = typing.date_text or _texts(paras, "place_date")[0]
    if typing.header == "table":
        table = document.add_table(rows=1, cols=2)
        _no_borders(table)
        lcell, rcell = table.rows[0].cells
        lcell.paragraphs[0].text = ""
        for i, text in enumerate(left + [number]):
            _add(lcell, text, CENTER, bold=bold_from <= i < len(left) and text != "*")
        if typing.subject == "breaks":
            _add(lcell, "\n".join(subject), CENTER, size=12, italic=draft.family == "dang")
        else:
            for text in subject:
                _add(lcell, text, CENTER, size=12)
        for text in right:
            _add(rcell, text, CENTER, bold=True)
        if typing.typed_rules:
            _add(rcell, "_______________________", CENTER, bold=True)
        if typing.date == "column":
            _add(rcell, date, CENTER, italic=True)
    elif typing.header == "frames":   # two frames side by side at the top of the page
        for i, text in enumerate(left + [number] + subject):
            _framed(_add(document, text, CENTER, bold=bold_from <= i < len(left) and text != "*",
                         size=12 if i > len(left) else 14), "left", 80)
        for text in right + ([date] if typing.date == "column" else []):
            _framed(_add(document, text, CENTER, bold=text != date, italic=text == date), "right", 95)
    else:
        gap = "\t" if typing.header == "tabs" else "          "
        rows = max(len(left) + 1, len(right))
        column = left + [number]
        for i in range(rows):
            lt = column[i] if i < len(column) else ""
            rt = right[i] if i < len(right) else (date if i == len(right) and typing.date == "column" else "")
            _two_columns(document, lt, rt, gap, bold_from <= i < len(left) and lt != "*", rt != date)
        if typing.subject == "breaks" and subject:
            _add(document, "\n".join(subject), size=12)
        else:
            for text in subject:
                _add(document, text, size=12)
    if typing.date == "own_line":
        _add(document, date, RIGHT, italic=True)


def _framed(para, side: str, width_mm: int) -> None:
    """Set `para` in a frame on the `side` of the page, `width_mm` wide, at the top margin."""
    from docx.oxml import parse_xml

    para._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:framePr {_W} w:w="{width_mm * 1440 * 10 // 254}" w:hSpace="180" w:wrap="around" '
        f'w:vAnchor="margin" w:hAnchor="margin" w:xAlign="{side}" w:y="1"/>'))


def _title(document, letter, typing: Typing) -> None:
    """Type the document title and its trích yếu (KẾ HOẠCH, CHỈ THỊ, BÁO CÁO)."""
    for text in _texts(letter.blocks, "doc_title"):
        _add(document, text, CENTER, bold=True, size=16)
    for text in _texts(letter.blocks, "doc_subject"):
        _add(document, text, CENTER, bold=True)
    if typing.typed_rules and _texts(letter.blocks, "doc_subject"):
        _add(document, "-----", CENTER)


def _recipients(document, draft: model.Draft, letter, typing: Typing) -> None:
    """Type Kính gửi after tabs or in a two-column table."""
    texts = _texts(letter.blocks, "recipients")
    if not texts:
        return
    if typing.recipients in ("table", "header_row") and len(texts) > 1:
        if typing.recipients == "table":
            table = document.add_table(rows=1, cols=2)
            _no_borders(table)
            row = table.rows[0]
        else:  # the header table's last row, as Word joins two tables that touch
            row = document.tables[0].add_row()
        row.cells[0].paragraphs[0].text = "Kính gửi:"
        cell = row.cells[1]
        cell.paragraphs[0].text = texts[0].split("\t", 1)[1]
        for text in texts[1:]:
            _add(cell, text)
        return
    if typing.recipients == "next_line" and len(texts) == 1:  # "Kính gửi:" alone, the recipient under it
        label, item = texts[0].split(" ", 2)[:2], texts[0].split(":", 1)[1].strip()
        _add(document, " ".join(label), CENTER)
        _add(document, item, CENTER)
        return
    for i, text in enumerate(texts):
        _add(document, text if i == 0 else "\t\t" + text, CENTER if len(texts) == 1 else None)


def _body(document, letter, typing: Typing) -> None:
    """Type the body: justified, runs in bold and italic; numbered items by Word when asked."""
    paras = [p for p in letter.blocks if isinstance(p, Para) and p.role == "body"]
    for index, para in enumerate(paras):
        text = para.text
        style = None
        runs = list(para.runs)
        if typing.numbering and re.match(r"^\d+\. ", runs[0].text):
            style, runs = "List Number", [replace(runs[0], text=re.sub(r"^\d+\. ", "", runs[0].text))] + runs[1:]
        elif typing.numbering and text.startswith("- ") and runs[0].text == "- ":
            style, runs = "List Bullet", runs[1:]
        out = document.add_paragraph(style=style)
        out.alignment = JUSTIFY
        out.paragraph_format.first_line_indent = Mm(12.7)
        for run in runs:
            added = out.add_run(run.text.replace("\u2011", "-"))
            added.bold, added.italic = run.bold or None, run.italic or None
        if typing.spacing:
            document.add_paragraph()
        if typing.sections and index == len(paras) // 2:
            document.add_section(WD_SECTION.CONTINUOUS)
        if typing.boxes and index == 0:
            _add_box_and_frame(document)
        if typing.body_table and index == 0:
            table = document.add_table(rows=2, cols=2)
            for r, row in enumerate((("Nội dung", "Thời gian"), ("Tuyên truyền", "Quý II"))):
                for c, value in enumerate(row):
                    table.rows[r].cells[c].paragraphs[0].text = value


BOX_TEXTS = ("Lưu ý: đăng ký tham gia trước ngày 15/5/2026.", "Liên hệ: Văn phòng, số điện thoại 0263.3822.123.")
FRAME_TEXT = "Nội dung này được gửi kèm bản điện tử trên hệ thống."
BOX_WORDS = " ".join(BOX_TEXTS + (FRAME_TEXT,)).split()
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _add_box_and_frame(document) -> None:
    """Add a paragraph holding a text box of two paragraphs, then a paragraph set in a frame."""
    from docx.oxml import parse_xml

    paras = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in BOX_TEXTS)
    box = (f'<w:r {_W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" '
           'distR="0" simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
           '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>'
           '</wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
           '<wp:extent cx="5400000" cy="720000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
           '<wp:docPr id="90" name="Khung chữ"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
           'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/>'
           '<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="720000"/></a:xfrm><a:prstGeom prst="rect">'
           f'<a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{paras}</w:txbxContent></wps:txbx>'
           '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
           '</mc:AlternateContent></w:r>')
    document.add_paragraph()._p.append(parse_xml(box))
    framed = _add(document, FRAME_TEXT, JUSTIFY)
    framed._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:framePr {_W} w:w="4000" w:hSpace="180" w:wrap="around" w:vAnchor="text" w:hAnchor="margin" '
        'w:xAlign="right" w:y="1"/>'))


def _signature(document, letter, typing: Typing) -> None:
    """Type Nơi nhận and the signature block in a table, in right-aligned paragraphs or after tabs."""
    paras = letter.grid("signature").paragraphs()
    cc = _texts(paras, "cc_label") + [p.text for p in paras if p.role in ("cc_item", "cc_item_more") and p.text]
    sig = _texts(paras, "authority") + _texts(paras, "position")
    name = _texts(paras, "signer")
    if typing.signature == "table":
        table = document.add_table(rows=1, cols=2)
        _no_borders(table)
        lcell, rcell = table.rows[0].cells
        for text in cc:
            _add(lcell, text, size=12)
        for text in sig + ["", "", ""] + name:
            _add(rcell, text, CENTER, bold=True)
        if typing.images:
            for _ in range(2):  # the signature, then the seal, in the first blank line of the signing space
                rcell.paragraphs[len(sig) + 1].add_run().add_picture(io.BytesIO(PIXEL_PNG), width=Mm(30))
    elif typing.signature == "right":
        for text in sig + ["", "", ""] + name:
            _add(document, text, RIGHT, bold=True)
        for text in cc:
            _add(document, text, size=12)
    else:
        right = sig + ["", "", ""] + name
        for i in range(max(len(cc), len(right))):
            lt = cc[i] if i < len(cc) else ""
            rt = right[i] if i < len(right) else ""
            _two_columns(document, lt, rt, "\t", False, True, size=12)


def typed(stem: str, typing: Typing) -> bytes:
    """Return the example `stem` typed by hand as `typing` says."""
    draft = example(stem)
    draft.kind = typing.kind or draft.kind
    letter = laid_out(draft)
    document = docx.Document()
    _font(document)
    _header(document, draft, letter, typing)
    if typing.spacing:
        document.add_paragraph()
    _title(document, letter, typing)
    _recipients(document, draft, letter, typing)
    _body(document, letter, typing)
    if typing.spacing:
        document.add_paragraph()
    _signature(document, letter, typing)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


HAND_TYPED: dict[str, tuple[str, Typing]] = {
    "table_party": ("dang_cat_tien_492", Typing()),
    "table_state": ("nha_nuoc_ubnd_tinh", Typing()),
    "tabs_party": ("dang_cat_tien_492", Typing(header="tabs")),
    "spaces_state": ("nha_nuoc_ubnd_tinh", Typing(header="spaces")),
    "frames_party": ("dang_cat_tien_492", Typing(header="frames")),
    "star_missing": ("dang_cat_tien_492", Typing(star="missing")),
    "odd_number_party": ("dang_cat_tien_492", Typing(number="Số  492 - CV/HU")),
    "odd_number_state": ("nha_nuoc_ubnd_tinh", Typing(number="Số :1234 /UBND-NC")),
    "date_own_line": ("doan_the_cong_doan", Typing(date="own_line")),
    "date_zeros_wrong": ("nha_nuoc_ubnd_tinh", Typing(date_text="Lâm Đồng , ngày 5 tháng 03 năm 2026")),
    "subject_breaks": ("nha_nuoc_so_vhttdl_tuyen_truyen", Typing(subject="breaks")),
    "recipients_table": ("dang_cat_tien_492", Typing(recipients="table")),
    "recipients_header_row": ("nha_nuoc_ubnd_tinh", Typing(recipients="header_row")),
    "auto_numbering": ("dang_cat_tien_492", Typing(numbering=True)),
    "spacing_paragraphs": ("doan_tn_tinh_doan", Typing(spacing=True)),
    "recipient_next_line": ("doan_tn_tinh_doan", Typing(recipients="next_line")),
    "signature_right": ("dang_huong_tra_189_sao_gui", Typing(signature="right")),
    "signature_tabs": ("nha_nuoc_ubnd_tinh", Typing(signature="tabs")),
    "sections": ("nha_nuoc_so_vhttdl_tuyen_truyen", Typing(sections=True)),
    "body_table": ("doan_the_cong_doan", Typing(body_table=True)),
    "body_boxes": ("doan_the_cong_doan", Typing(boxes=True)),
    "signature_images": ("dang_cat_tien_492", Typing(images=True)),
    "ke_hoach": ("dang_phuong_lam_vien_ke_hoach", Typing()),
    "typed_rules": ("dang_phuong_lam_vien_ke_hoach", Typing(typed_rules=True)),
    "typed_rules_state": ("nha_nuoc_ubnd_tinh", Typing(typed_rules=True)),
    "chi_thi": ("dang_tinh_uy_lam_dong_chi_thi", Typing(spacing=True)),
    "bao_cao": ("dang_phuong_lam_vien_ke_hoach", Typing(kind="bao_cao")),
}
PIXEL_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
TABLE_WORDS = "Nội dung Thời gian Tuyên truyền Quý II".split()


ANNEX = ("ĐỀ CƯƠNG", "Tuyên truyền, phổ biến, quán triệt Chỉ thị 12-CT/TW, ngày 05/01/2022 của Ban Bí thư",
         "I. VỀ KHÁI NIỆM ĐỐI NGOẠI NHÂN DÂN",
         "Đối ngoại nhân dân là một trong ba trụ cột, cùng đối ngoại Đảng và ngoại giao Nhà nước tạo nên "
         "sức mạnh tổng hợp của đối ngoại Việt Nam.")


def real_huong_tra() -> Letter:
    """Return the Hương Trà letter 189-CV/BTG (seed 003) typed as the real one is: a bullet before
    “Kính gửi:” and before each recipient (Word's bullets), the outline it forwards after the
    signature, in a section of its own."""
    stem = "dang_huong_tra_189_sao_gui"
    draft = example(stem)
    letter = laid_out(draft)
    document = docx.Document()
    _font(document)
    _header(document, draft, letter, Typing())
    items = _texts(letter.blocks, "recipients")
    _add(document, "Kính gửi:", style="List Bullet")
    for text in [items[0].split("\t- ", 1)[1]] + [t[2:] for t in items[1:]]:
        _add(document, text, style="List Bullet")
    _body(document, letter, Typing())
    _signature(document, letter, Typing())
    document.add_section(WD_SECTION.NEW_PAGE)
    for index, text in enumerate(ANNEX):
        _add(document, text, CENTER if index < 2 else JUSTIFY, bold=index < 3)
    out = io.BytesIO()
    document.save(out)
    return Letter("real_huong_tra_189", out.getvalue(), draft, "hand", tail_words=" ".join(ANNEX).split())


def app_letters() -> list[Letter]:
    """Return the app's own letter of every example."""
    return [Letter(f"app_{stem}", to_bytes(laid_out(example(stem))), example(stem), "app") for stem in EXAMPLES]


def hand_letters() -> list[Letter]:
    """Return every hand-typed letter with the draft it shows."""
    out = []
    for name, (stem, typing) in HAND_TYPED.items():
        draft = example(stem)
        draft.kind = typing.kind or draft.kind
        out.append(Letter(f"hand_{name}", typed(stem, typing), draft, "hand",
                          (TABLE_WORDS if typing.body_table else []) + (BOX_WORDS if typing.boxes else [])))
    return out + [real_huong_tra()]


def resave_with_libreoffice(letters: list[Letter], folder: Path, timeout: float = 300) -> list[Letter]:
    """Return `letters` opened and saved again as .docx by LibreOffice (one run, private profile)."""
    command = shutil.which("soffice") or shutil.which("libreoffice")
    if command is None:
        raise FileNotFoundError("soffice")
    source, out = folder / "in", folder / "out"
    source.mkdir(parents=True, exist_ok=True)
    for letter in letters:
        (source / f"{letter.name}.docx").write_bytes(letter.data)
    profile = (folder / "lo-profile").as_uri()
    subprocess.run([command, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    *(str(source / f"{x.name}.docx") for x in letters)],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=timeout, check=False)
    return [replace(x, name=f"lo_{x.name}", data=(out / f"{x.name}.docx").read_bytes(), group="libreoffice")
            for x in letters if (out / f"{x.name}.docx").is_file()]


def letter_with_blank_day() -> "docx.document.Document":
    """Return the UBND letter with the day of its date left blank, as a clerk might send it."""
    letter = next(x for x in app_letters() if x.name == "app_nha_nuoc_ubnd_tinh")
    document = docx.Document(io.BytesIO(letter.data))
    date = document.tables[0].cell(1, 1).paragraphs[0]
    date.runs[0].text = "Lâm Đồng, ngày     tháng 3 năm 2026"
    for run in date.runs[1:]:
        run.text = ""
    return document
