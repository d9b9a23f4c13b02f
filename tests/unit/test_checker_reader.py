"""Test the checker's reader: unreadable files, effective formatting, text across runs, layout pieces."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from dnnd_drafter.checker import CheckerFileError, check_bytes, check_docx
from dnnd_drafter.checker.page import PageBuilder
from dnnd_drafter.checker.paragraphs import ParagraphReader
from dnnd_drafter.checker.reader import W_NS, open_package, w
from dnnd_drafter.checker.regions import build_page
from dnnd_drafter.checker.styles import StyleSheet
from dnnd_drafter.base.errors import UserMessageError

W = f'xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' \
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
CT = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>')
RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>')
DOC_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'styles" Target="styles.xml"/></Relationships>')
STYLES = f'''<?xml version="1.0"?><w:styles {W}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"
 w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="24"/></w:rPr></w:rPrDefault>
 <w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="both"/>
 <w:ind w:firstLine="720"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Child"><w:basedOn w:val="Base"/><w:rPr><w:i/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="table" w:styleId="Grid"><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="26"/>
 </w:rPr></w:style>
</w:styles>'''


def make_docx(body: str, styles: str = STYLES) -> bytes:
    """Return a minimal .docx whose body is `body` (WordprocessingML without the body element)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", CT)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/_rels/document.xml.rels", DOC_RELS)
        archive.writestr("word/styles.xml", styles)
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {W}><w:body>{body}'
                         '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:bottom="1134" '
                         'w:left="1701" w:right="850"/></w:sectPr></w:body></w:document>')
    return out.getvalue()


def first_para(data: bytes, index: int = 0):
    """Return the `index`-th paragraph read from `data`."""
    package = open_package(data, "t.docx")
    reader = ParagraphReader(StyleSheet(package))
    return reader.read(package.document.find(w("body")).findall(w("p"))[index], 165.0)


# -- files the checker must refuse, in Vietnamese and without a traceback ---------------------------

@pytest.mark.parametrize("data, words", [
    (b"hello, not a word file", "không phải tệp Word"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64, "mật khẩu"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".doc"),
    (b"{\\rtf1 hello}", "RTF"),
    (b"", "rỗng"),
])
def test_unreadable_bytes_raise_a_vietnamese_user_error(data: bytes, words: str) -> None:
    with pytest.raises(CheckerFileError) as info:
        check_bytes(data, name="x.docx")
    assert words in info.value.message
    assert isinstance(info.value, UserMessageError) and info.value.exit_code == 2


def _zip(entries: dict[str, bytes | str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize("entries, words", [
    ({"a.txt": "x"}, "không chứa văn bản Word"),
    ({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, "OpenDocument"),
    ({"xl/workbook.xml": "<x/>"}, "Excel"),
    ({"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": "<w:document"}, "bị hỏng"),
    ({"[Content_Types].xml": CT, "_rels/.rels": RELS, "word/document.xml": "<a/>"}, "không chứa phần nội dung"),
    ({"EncryptionInfo": "x", "EncryptedPackage": "y"}, "mật khẩu"),
])
def test_zips_that_are_not_word_documents_are_refused(entries: dict, words: str) -> None:
    with pytest.raises(CheckerFileError) as info:
        check_bytes(_zip(entries), name="x.docx")
    assert words in info.value.message


def test_a_file_over_50_mb_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.docx"
    with big.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    with pytest.raises(CheckerFileError) as info:
        check_docx(big)
    assert "quá lớn" in info.value.message


def test_a_missing_file_and_a_folder_are_refused(tmp_path: Path) -> None:
    for target, words in ((tmp_path / "none.docx", "không tìm thấy"), (tmp_path, "thư mục")):
        with pytest.raises(CheckerFileError) as info:
            check_docx(target)
        assert words in info.value.message


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    body = '<w:p><w:r><w:t>&x;</w:t></w:r></w:p>'
    data = make_docx(body).replace(b'<?xml version="1.0"?><w:document',
                                   f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]><w:document'.encode())
    try:
        para = first_para(data)
    except CheckerFileError:
        return
    assert "BÍ MẬT" not in para.text


def test_an_unknown_family_is_refused() -> None:
    with pytest.raises(CheckerFileError):
        check_bytes(make_docx("<w:p/>"), family="khong_co")


# -- effective formatting ---------------------------------------------------------------------------

def test_formatting_resolves_through_run_character_paragraph_styles_and_defaults() -> None:
    body = ('<w:p><w:pPr><w:pStyle w:val="Child"/></w:pPr>'
            '<w:r><w:t>kế thừa </w:t></w:r>'
            '<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>đậm </w:t></w:r>'
            '<w:r><w:rPr><w:i w:val="0"/><w:sz w:val="26"/><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>'
            '<w:t>trực tiếp</w:t></w:r></w:p>')
    para = first_para(make_docx(body))
    inherited, strong, direct = para.runs
    assert (inherited.fmt.size, inherited.fmt.italic, inherited.fmt.bold) == (14, True, False)
    assert inherited.fmt.font("ascii") == "Times New Roman"
    assert strong.fmt.bold and strong.fmt.italic and strong.fmt.size == 14
    assert (direct.fmt.size, direct.fmt.italic) == (13, False)
    assert direct.fmt.font("ascii") == "Arial" and direct.fmt.font("eastAsia") == "Times New Roman"
    assert para.fmt.align == "justify" and round(para.fmt.first_mm, 1) == 12.7
    assert para.fmt.after_pt == 8


def test_a_paragraph_without_style_gets_the_default_style_and_document_defaults() -> None:
    para = first_para(make_docx('<w:p><w:r><w:t>x</w:t></w:r></w:p>'))
    assert para.runs[0].fmt.size == 12 and para.fmt.align == "left"


def test_table_style_formats_paragraphs_below_their_own_style() -> None:
    body = ('<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/>'
            '<w:gridCol w:w="5000"/></w:tblGrid><w:tr><w:tc><w:p><w:r><w:t>Số: 15/UBND-VP</w:t></w:r></w:p></w:tc>'
            '<w:tc><w:p><w:pPr><w:pStyle w:val="Base"/></w:pPr><w:r><w:t>CỘNG HÒA</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            '<w:p/>')
    package = open_package(make_docx(body), "t.docx")
    table = PageBuilder(package).table(package.document.find(w("body")).find(w("tbl")))
    left, right = table.rows[0][0][2][0], table.rows[0][1][2][0]
    assert left.runs[0].fmt.size == 13 and left.fmt.align == "center"
    assert right.runs[0].fmt.size == 14 and right.fmt.align == "justify"


def test_theme_fonts_are_named() -> None:
    styles = STYLES.replace('w:ascii="Times New Roman" w:hAnsi="Times New Roman"',
                            'w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"')
    para = first_para(make_docx('<w:p><w:r><w:t>x</w:t></w:r></w:p>', styles))
    assert para.runs[0].fmt.font("ascii") == "(minorHAnsi)"


# -- text across runs ---------------------------------------------------------------------------------

def test_text_is_gathered_across_runs_links_fields_and_insertions_but_not_deletions() -> None:
    body = ('<w:p><w:r><w:t xml:space="preserve">Số: 1</w:t></w:r><w:hyperlink><w:r><w:t>5/UBND</w:t></w:r>'
            '</w:hyperlink><w:r><w:noBreakHyphen/></w:r><w:ins><w:r><w:t>VP</w:t></w:r></w:ins>'
            '<w:del><w:r><w:delText>XX</w:delText></w:r></w:del><w:r><w:tab/></w:r>'
            '<w:fldSimple w:instr=" PAGE "><w:r><w:t>2</w:t></w:r></w:fldSimple>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> NUMPAGES </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    para = first_para(make_docx(body))
    assert para.text == "Số: 15/UBND-VP\t23"
    assert [f.strip() for f in para.fields] == ["PAGE", "NUMPAGES"]


def test_decomposed_vietnamese_is_read_as_nfc() -> None:
    para = first_para(make_docx('<w:p><w:r><w:t>Ha\u0300 Nô\u0323i</w:t></w:r></w:p>'))
    assert para.text == "Hà Nội"


def test_a_drawing_is_read_once_not_from_its_fallback_copy() -> None:
    box = ('<w:txbxContent><w:p><w:r><w:t>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p></w:txbxContent>')
    body = ('<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx>'
            f'{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape '
            f'xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>{box}</v:textbox></v:shape></w:pict>'
            '</mc:Fallback></mc:AlternateContent></w:r></w:p>')
    para = first_para(make_docx(body))
    assert para.text == ""
    assert len(para.textboxes) == 1
    assert para.textboxes[0].paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


# -- pieces on the line: tabs and spaces instead of a table -------------------------------------------

def test_pieces_are_placed_by_centre_and_left_tab_stops_and_by_spaces() -> None:
    body = ('<w:p><w:pPr><w:tabs><w:tab w:val="center" w:pos="1928"/><w:tab w:val="center" w:pos="6520"/>'
            '</w:tabs></w:pPr><w:r><w:tab/><w:t>HUYỆN ỦY CÁT TIÊN</w:t><w:tab/><w:t>ĐẢNG CỘNG SẢN VIỆT NAM</w:t>'
            '</w:r></w:p>'
            '<w:p><w:r><w:t xml:space="preserve">       *                                   Cát Tiên, ngày 14 tháng 02 năm 2022</w:t></w:r></w:p>')
    page = build_page(open_package(make_docx(body), "t.docx"))
    assert page.header_kind == "tabs"
    columns = [(line.text, line.column) for line in page.header if line.text]
    assert columns == [("HUYỆN ỦY CÁT TIÊN", "left"), ("ĐẢNG CỘNG SẢN VIỆT NAM", "right"), ("*", "left"),
                       ("Cát Tiên, ngày 14 tháng 02 năm 2022", "right")]
    centre = next(line for line in page.header if line.text == "HUYỆN ỦY CÁT TIÊN")
    assert abs((centre.x0 + centre.x1) / 2 - 34.0) < 0.5


def test_a_letter_typed_with_tabs_is_checked_like_one_in_a_table() -> None:
    def para(text: str, size: int, bold: bool = False, italic: bool = False) -> str:
        props = f'<w:sz w:val="{size * 2}"/>' + ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        runs = "".join(f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{piece}</w:t></w:r>' if piece
                       else '<w:r><w:tab/></w:r>' for piece in text.split("\t"))
        return (f'<w:p><w:pPr><w:tabs><w:tab w:val="center" w:pos="1928"/><w:tab w:val="center" w:pos="6520"/>'
                f'</w:tabs></w:pPr>{runs}</w:p>')
    body = (para("\tHUYỆN ỦY CÁT TIÊN\t", 14, bold=True) + para("\t*", 14) + para("\tSố 492-CV/HU", 14)
            + para("\t\tCát Tiên, ngày 5 tháng 02 năm 2022", 14, italic=True))
    report = check_bytes(make_docx(body), family="dang")
    codes = set(report.codes())
    assert "date.zero_rule" in codes and "number.pattern" not in codes and "issuer.mark" not in codes
    assert "issuer.missing" not in codes and "date.column" not in codes
