"""Test the Word reader on bad input, on text it cannot place, and the free-body template."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import docx
import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.compose.engine import compose_blocks
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.wordin import FREE_TEMPLATE, read_letter
from tests.unit import wordin_corpus as corpus

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _bomb() -> bytes:
    """Return a small zip whose document part unpacks to more than the reader accepts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (65 * 1024 * 1024))
    return out.getvalue()


def _saved(document: docx.document.Document) -> bytes:
    """Return the bytes of a python-docx document."""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _no_header() -> bytes:
    """Return a Word file with a few paragraphs and nothing of a letter's header."""
    document = docx.Document()
    for text in ("Danh sách việc cần làm", "Mua giấy in", "Gọi điện cho phòng tổ chức"):
        document.add_paragraph(text)
    return _saved(document)


@pytest.mark.parametrize("data, words", [
    (b"hello, not a word file", "không phải tệp Word"),
    (OLE + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64, "mật khẩu"),
    (OLE + b"\0" * 600, ".doc"),
    (b"PK\x03\x04 damaged", "không phải tệp Word"),
    (b"", "rỗng"),
    (_bomb(), "quá lớn"),
    (_no_header(), "phần đầu"),
])
def test_bad_input_gets_a_vietnamese_message_and_leaves_the_file_as_it_was(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: bytes, words: str) -> None:
    from dnnd_drafter.writers import libreoffice

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)  # a .doc is not converted here
    path = tmp_path / "thư.docx"
    path.write_bytes(data)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(UserMessageError) as info:
        read_letter(path)
    assert words in info.value.message and "thư.docx" in info.value.message
    assert info.value.exit_code == 2
    assert "kiểm tra được" not in info.value.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_reading_a_letter_never_changes_the_source(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(corpus.hand_letters()[0].data)
    stamp, before = path.stat().st_mtime_ns, path.read_bytes()
    read_letter(path)
    assert path.read_bytes() == before and path.stat().st_mtime_ns == stamp


def test_text_that_fits_no_part_goes_into_the_body_and_is_listed() -> None:
    letter = next(x for x in corpus.app_letters() if x.name == "app_dang_cat_tien_492")
    document = docx.Document(io.BytesIO(letter.data))
    document.tables[0].cell(0, 1).add_paragraph("Bản dự thảo lần 2")
    read = read_letter(_saved(document))
    assert read.unplaced == ["Bản dự thảo lần 2"]
    assert read.draft.content.body.endswith("Bản dự thảo lần 2")
    assert any("Bản dự thảo lần 2" in note for note in read.notes())
    assert read.draft.content.wordin.unplaced == ["Bản dự thảo lần 2"]


def test_a_date_that_cannot_be_read_is_marked_unsure() -> None:
    read = read_letter(_saved(corpus.letter_with_blank_day()))
    assert "date" in read.unsure and read.draft.place == "Lâm Đồng"


def _free(body: str, family: str = "nha_nuoc") -> model.Draft:
    """Return a free-body draft holding the Markdown `body`."""
    draft = model.Draft(family=family, template=FREE_TEMPLATE, issuer=model.Issuer(name="UBND"))
    draft.content.body = body
    return draft


def test_the_free_body_template_prints_the_stored_markdown_as_it_is() -> None:
    blocks = compose_blocks(_free("Mở đầu **đậm** và {{ draft }}\n## 1. Phần\n- mục một\n+ ý", "dang"))
    assert [(b.kind, b.text) for b in blocks] == [
        ("para", "Mở đầu đậm và {{ draft }}"), ("heading", "1. Phần"), ("dash", "mục một"), ("plus", "ý")]
    assert blocks[0].runs[1].bold


def test_the_free_body_ends_with_the_familys_mark_once_and_keeps_closing_and_attachment() -> None:
    draft = _free("Nội dung.")
    draft.content.closing = "Trân trọng."
    draft.content.attachment = "Kèm theo danh sách"
    texts = [b.text for b in compose_blocks(draft)]
    assert texts == ["Nội dung.", "Trân trọng./.", "(Kèm theo danh sách)."]
    draft.content.closing = "Trân trọng./."
    assert [b.text for b in compose_blocks(draft)][1] == "Trân trọng./."


def test_a_letter_read_from_word_has_no_blocking_problem_in_the_wizard() -> None:
    from dnnd_drafter.model.validation import blocking
    from dnnd_drafter.render import validate

    for letter in corpus.hand_letters()[:4] + corpus.app_letters()[:2]:
        draft = read_letter(letter.data).draft
        assert blocking(validate(draft)) == [], letter.name


def test_fields_read_with_doubt_are_warned_on_until_the_clerk_changes_them() -> None:
    from dnnd_drafter.model.findings import Part
    from dnnd_drafter.model.validation import WARNING
    from dnnd_drafter.render import validate

    letter = next(x for x in corpus.app_letters() if x.name == "app_nha_nuoc_ubnd_tinh")
    document = docx.Document(io.BytesIO(letter.data))
    document.tables[0].cell(1, 1).add_paragraph("Bản dự thảo lần 2")
    date = document.tables[0].cell(1, 1).paragraphs[0]
    date.runs[0].text = "Lâm Đồng, ngày     tháng 3 năm 2026"
    for run in date.runs[1:]:
        run.text = ""
    draft = read_letter(_saved(document)).draft
    warned = {r.field: r for r in validate(draft) if r.code.startswith("wordin.")}
    assert set(warned) == {"date", "content.body"}
    assert warned["date"].severity == WARNING and warned["date"].part is Part.HEADER
    assert "hãy kiểm tra" in warned["date"].message and warned["content.body"].part is Part.CONTENT
    assert "Bản dự thảo lần 2" in warned["content.body"].message
    draft.date = draft.date.replace(day=1) if draft.date.day != 1 else draft.date.replace(day=2)
    assert "date" not in {r.field for r in validate(draft) if r.code == "wordin.unsure"}
    draft.content.body = draft.content.body.replace("Bản dự thảo lần 2", "")
    assert [r for r in validate(draft) if r.code == "wordin.unplaced"] == []


def test_a_letter_moved_to_the_free_template_keeps_what_was_typed() -> None:
    draft = corpus.example("dang_cat_tien_492").copy(template=FREE_TEMPLATE)
    texts = [b.text for b in compose_blocks(draft)]
    assert texts[0] == model.load(corpus.REPO / "examples" / "dang_cat_tien_492.json").content.opening.replace(
        "*", "")
    assert all(any(task.text.replace("*", "") in t for t in texts) for task in draft.content.tasks)
    assert all(any(item in t for t in texts) for item in draft.content.implementation)


def test_an_old_doc_without_libreoffice_gets_a_message_saying_what_to_do(monkeypatch, tmp_path: Path) -> None:
    from dnnd_drafter.writers import libreoffice

    monkeypatch.setattr(libreoffice, "find_soffice", lambda: None)
    path = tmp_path / "cũ.doc"
    path.write_bytes(OLE + b"\0" * 600)
    with pytest.raises(UserMessageError) as info:
        read_letter(path)
    assert "Cần LibreOffice" in info.value.message and ".docx" in info.value.message


def test_a_signed_mark_in_the_signing_space_is_not_taken_for_the_position() -> None:
    letter = next(x for x in corpus.app_letters() if x.name == "app_nha_nuoc_ubnd_tinh")
    document = docx.Document(io.BytesIO(letter.data))
    document.tables[-1].cell(0, 1).paragraphs[2].text = "(Đã ký)"
    read = read_letter(_saved(document))
    assert read.draft.signature.position == "PHÓ CHỦ TỊCH"
    assert "(Đã ký)" in read.unsure["signature.name"]


def test_letters_with_parts_cut_out_give_a_draft_or_a_message_never_a_traceback() -> None:
    import random

    from dnnd_drafter.render import laid_out

    rng = random.Random(16)
    letters = corpus.app_letters()[:4] + corpus.hand_letters()[:6]
    for _ in range(40):
        letter = rng.choice(letters)
        document = docx.Document(io.BytesIO(letter.data))
        blocks = [b for b in document.element.body.iterchildren() if b.tag.endswith(("}p", "}tbl"))]
        for block in rng.sample(blocks, k=min(len(blocks), rng.randint(1, 6))):
            inner = list(block.iter(docx.oxml.ns.qn("w:p")))
            cut = rng.choice(inner) if inner and rng.random() < 0.5 else block
            if cut.getparent() is not None:
                cut.getparent().remove(cut)
        try:
            read = read_letter(_saved(document))
        except UserMessageError as exc:
            assert exc.exit_code == 2 and exc.message
            continue
        again = model.loads(model.dumps(read.draft))
        assert laid_out(again).paragraphs()


def test_a_stamp_typed_above_the_header_table_is_listed_and_the_header_still_read() -> None:
    letter = next(x for x in corpus.app_letters() if x.name == "app_nha_nuoc_ubnd_tinh")
    document = docx.Document(io.BytesIO(letter.data))
    stamp = document.add_paragraph("DỰ THẢO")
    document.element.body.remove(stamp._p)
    document.element.body.insert(0, stamp._p)
    read = read_letter(_saved(document))
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    assert read.unplaced == ["DỰ THẢO"]


@pytest.mark.parametrize("stem, typed, form", [
    ("nha_nuoc_ubnd_tinh", "KT CHỦ TỊCH", "KT."), ("nha_nuoc_ubnd_tinh", "K.T. CHỦ TỊCH", "KT."),
    ("dang_cat_tien_492", "TM BAN THƯỜNG VỤ", "T/M"), ("dang_cat_tien_492", "T.M BAN THƯỜNG VỤ", "T/M"),
])
def test_an_authority_typed_loosely_is_read_in_the_familys_form_and_marked(stem: str, typed: str, form: str) -> None:
    letter = next(x for x in corpus.app_letters() if x.name == f"app_{stem}")
    document = docx.Document(io.BytesIO(letter.data))
    cell = document.tables[-1].cell(0, 1).paragraphs[0]
    cell.runs[0].text = typed
    read = read_letter(_saved(document))
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    assert read.draft.signature.authority == form and "signature.authority" in read.unsure


def _in_old_font(data: bytes, encoding: str) -> bytes:
    """Return the letter `data` retyped in an old font: every run's text in that font's characters."""
    import tomllib

    from dnnd_drafter.base import shipped_files as resources

    table = {v: k for k, v in tomllib.loads(resources.read_text("data", "text/legacy-vietnamese.toml"))[encoding].items()}
    document = docx.Document(io.BytesIO(data))
    runs = [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    for run in runs + [r for p in document.paragraphs for r in p.runs]:
        text = run.text
        if encoding == "tcvn3" and text.strip() and text == text.upper() and any(ch.lower() in table for ch in text):
            run.text, run.font.name = "".join(table.get(ch, ch) for ch in text.lower()), ".VnTimeH"
        else:
            run.text = "".join(table.get(ch, ch) for ch in text)
            run.font.name = ".VnTime" if encoding == "tcvn3" else "VNI-Times"
    return _saved(document)


@pytest.mark.parametrize("encoding, font", [("tcvn3", ".VnTime"), ("vni", "VNI-Times")])
def test_a_letter_typed_in_an_old_font_is_converted_to_unicode_and_says_so(encoding: str, font: str) -> None:
    letter = next(x for x in corpus.hand_letters() if x.name == "hand_table_party")
    old = _in_old_font(letter.data, encoding)
    assert "Đảng" not in docx.Document(io.BytesIO(old)).tables[0].cell(0, 0).paragraphs[1].text
    read = read_letter(old)
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    assert corpus.body_words(read.draft) == letter.words()
    assert font in read.unsure["text"] and "đã được chuyển sang Unicode" in read.unsure["text"]
    assert any("chữ của văn bản" in note for note in read.notes())


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_the_checker_reads_a_letter_in_an_old_font_as_its_letters_and_still_reports_the_font(encoding: str) -> None:
    from dnnd_drafter.checker import check_bytes

    letter = next(x for x in corpus.hand_letters() if x.name == "hand_table_party")
    plain, old = check_bytes(letter.data), check_bytes(_in_old_font(letter.data, encoding))
    assert old.family == "dang" and "family.unknown" not in {f.code for f in old.findings}
    assert {f.code for f in old.findings} - {f.code for f in plain.findings} == {"font.family"}


def test_the_old_font_tables_give_the_words_clerks_typed() -> None:
    from dnnd_drafter.checker.legacy_fonts import convert, encoding_of

    assert convert("B¸o c¸o kÕt qu¶ ®èi ngo¹i nh©n d©n", "tcvn3") == "Báo cáo kết quả đối ngoại nhân dân"
    assert convert("céng hßa x· héi chñ nghÜa viÖt nam", "tcvn3", capitals=True) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert convert("Ñoaøn Thanh nieân Coäng saûn Hoà Chí Minh", "vni") == "Đoàn Thanh niên Cộng sản Hồ Chí Minh"
    assert convert("VIEÄT NAM, naêm, kyø hoïp thöù ba", "vni") == "VIỆT NAM, năm, kỳ họp thứ ba"
    assert [encoding_of(f) for f in (".VnTime", ".VnTimeH", "VNI-Times", "Times New Roman", "VNItimes")] == [
        "tcvn3", "tcvn3", "vni", "", ""]


def test_a_file_without_a_header_is_refused_unless_read_as_a_body_only() -> None:
    with pytest.raises(UserMessageError) as info:
        read_letter(_no_header())
    assert info.value.no_header
    read = read_letter(_no_header(), headerless=True)
    assert read.draft.issuer.name == "" and "issuer.name" in read.unsure
    assert read.draft.content.body.split("\n") == [
        "Danh sách việc cần làm", "Mua giấy in", "Gọi điện cho phòng tổ chức"]
    assert read.source_words == "Danh sách việc cần làm Mua giấy in Gọi điện cho phòng tổ chức".split()


def test_plain_letters_in_an_old_font_are_not_reported_as_converted() -> None:
    letter = next(x for x in corpus.app_letters() if x.name == "app_dang_cat_tien_492")
    document = docx.Document(io.BytesIO(letter.data))
    number = next(p for p in document.tables[0].cell(0, 0).paragraphs if p.text.startswith("Số"))
    for run in number.runs:
        run.font.name = ".VnTime"          # "Số 492-CV/HU": only the "ố" would change …
        run.text = run.text.replace("Số", "So")   # … and a clerk typed it without the mark
    read = read_letter(_saved(document))
    assert "text" not in read.unsure


def test_a_text_box_anchored_in_a_header_line_typed_with_tabs_is_kept_and_listed() -> None:
    from docx.oxml import parse_xml

    document = docx.Document(io.BytesIO(corpus.typed("dang_cat_tien_492", corpus.Typing(header="tabs"))))
    box = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:pict><v:shape '
           'xmlns:v="urn:schemas-microsoft-com:vml" style="width:120pt;height:30pt"><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>Bản gửi kèm thư điện tử</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>'
           '</w:pict></w:r>')
    document.paragraphs[1]._p.append(parse_xml(box))
    read = read_letter(_saved(document))
    assert "Bản gửi kèm thư điện tử" in read.unplaced
    assert "Bản gửi kèm thư điện tử" in read.draft.content.body
