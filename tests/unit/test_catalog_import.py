"""Test importing directives: .docx built here, State-style text, and garbage refused in Vietnamese."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from dnnd_drafter.catalog import get_directive, save_directive
from dnnd_drafter.catalog.importer import import_docx, import_file, import_text
from dnnd_drafter.catalog.importer import join_broken
from dnnd_drafter.catalog.textin import decode_bytes
from dnnd_drafter.base.errors import CatalogError


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    """Point the user data folder at a temporary folder."""
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path))


def _directive_docx() -> bytes:
    """Return a .docx of Chỉ thị 12-CT/TW: header in a table, tasks as plain paragraphs."""
    shipped = get_directive("12-CT/TW")
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "BAN CHẤP HÀNH TRUNG ƯƠNG"
    table.cell(0, 0).add_paragraph("*")
    table.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    table.cell(1, 0).text = "Số 12-CT/TW"
    table.cell(1, 1).text = "Hà Nội, ngày 05 tháng 01 năm 2022"
    document.add_paragraph("CHỈ THỊ")
    document.add_paragraph("CỦA BAN BÍ THƯ")
    title = document.add_paragraph()
    run = title.add_run("về tăng cường sự lãnh đạo của Đảng,")
    run.bold = True
    run.add_break()
    title.add_run("nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới").bold = True
    document.add_paragraph("I- Sau 10 năm thực hiện Chỉ thị số 04-CT/TW, ngày 06/7/2011 …")
    document.add_paragraph("II- " + shipped.lead_in)
    for task in shipped.tasks:
        document.add_paragraph(f"{task.number}. {task.text}")
    document.add_paragraph("III- Tổ chức thực hiện")
    for item in shipped.implementation:
        document.add_paragraph(f"- {item}")
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Lưu Văn phòng Trung ương Đảng.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _check_same_as_shipped(result):
    shipped = get_directive("12-CT/TW")
    found = result.directive
    assert [t.text for t in found.tasks] == [t.text for t in shipped.tasks]
    assert (found.number, found.date, found.issuer, found.subject) == (
        shipped.number, shipped.date, shipped.issuer, shipped.subject)
    assert found.implementation == shipped.implementation
    assert found.lead_in == shipped.lead_in


def test_docx_built_with_python_docx(tmp_path):
    data = _directive_docx()
    _check_same_as_shipped(import_docx(data, "chi-thi.docx"))
    path = tmp_path / "chi-thi.docx"
    path.write_bytes(data)
    _check_same_as_shipped(import_docx(path))
    _check_same_as_shipped(import_file(path))
    _check_same_as_shipped(import_docx(io.BytesIO(data)))


def test_docx_saved_with_txt_name_is_still_read_as_docx(tmp_path):
    path = tmp_path / "chi-thi.txt"
    path.write_bytes(_directive_docx())
    _check_same_as_shipped(import_file(path))


def test_docx_with_word_list_numbering_and_a_one_line_title():
    shipped = get_directive("12-CT/TW")
    document = docx.Document()
    for line in ("Số 12-CT/TW", "Hà Nội, ngày 05 tháng 01 năm 2022",
                 "CHỈ THỊ CỦA BAN BÍ THƯ " + shipped.subject, "I- Bối cảnh.", "II- " + shipped.lead_in):
        document.add_paragraph(line)
    for task in shipped.tasks:
        document.add_paragraph(task.text, style="List Number")  # Word draws "1." itself
    document.add_paragraph("III- Tổ chức thực hiện")
    for item in shipped.implementation:
        document.add_paragraph(item, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    _check_same_as_shipped(import_docx(buffer.getvalue(), "danh-so-tu-dong.docx"))


def test_state_style_plan_with_dotted_headings():
    text = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Số: 15/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Lâm Đồng, ngày 20 tháng 3 năm 2023", "KẾ HOẠCH",
        "Về triển khai công tác đối ngoại nhân dân năm 2023",
        "**I. MỤC ĐÍCH, YÊU CẦU**", "Nâng cao nhận thức.", "**II. NHIỆM VỤ**",
        "1. Tuyên truyền Chỉ thị số 12-CT/TW.", "a) Trên báo chí;", "b) Trên mạng xã hội.",
        "2. Phối hợp với Ủy ban MTTQ Việt Nam tỉnh.",
        "## III. TỔ CHỨC THỰC HIỆN", "Các sở, ngành thực hiện.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
    ])
    result = import_text(text)
    d = result.directive
    assert (d.number, d.type_code, d.type_name, d.date, d.style) == (
        "15/KH-UBND", "KH", "Kế hoạch", dt.date(2023, 3, 20), "nha_nuoc")
    assert d.subject == "về triển khai công tác đối ngoại nhân dân năm 2023"
    assert [t.text for t in d.tasks] == ["Tuyên truyền Chỉ thị số 12-CT/TW.\na) Trên báo chí;\n"
                                         "b) Trên mạng xã hội.", "Phối hợp với Ủy ban MTTQ Việt Nam tỉnh."]
    assert d.lead_in == ""
    assert d.implementation == ["Các sở, ngành thực hiện."]
    assert d.issuer == "Ủy ban nhân dân"
    assert any("dòng ký" in note for note in result.notes)
    assert save_directive(d).name == "15-KH-UBND.toml"


def test_missing_header_data_is_noted_and_blocks_saving():
    result = import_text("II- Các cấp ủy làm tốt các nhiệm vụ sau:\n1. Một.\n2. Hai.")
    assert [t.text for t in result.directive.tasks] == ["Một.", "Hai."]
    assert any("Không tìm thấy số, ký hiệu" in note for note in result.notes)
    with pytest.raises(CatalogError, match="còn thiếu: số, ký hiệu"):
        save_directive(result.directive)


def test_numbers_out_of_order_are_kept_in_the_task_and_noted():
    result = import_text("I- Bối cảnh.\nII- Nhiệm vụ:\n1. Một.\n3. Ba.\n2. Hai.")
    assert [t.text for t in result.directive.tasks] == ["Một.\n3. Ba.", "Hai."]
    assert any("không theo thứ tự" in note for note in result.notes)


def test_join_broken_joins_only_unfinished_sentences():
    lines = ["1. Sự phối", "hợp giữa các ban.", "2. Hai,", "Ba.", "III- TỔ CHỨC", "thực hiện"]
    assert join_broken(lines) == (["1. Sự phối hợp giữa các ban.", "2. Hai, Ba.", "III- TỔ CHỨC",
                                   "thực hiện"], 2)


TCVN3 = ("1. TËp trung qu¸n triÖt, t¹o chuyÓn biÕn nhËn thøc s©u s¾c vÒ vai trß, vÞ trÝ, tÇm "
         "quan träng cña c«ng t¸c ®èi ngo¹i nh©n d©n.\n2. T¨ng c­êng sù l·nh ®¹o cña §¶ng.")
VNI = ("1. Taäp trung quaùn trieät, taïo chuyeån bieán nhaän thöùc saâu saéc veà vai troø, vò trí "
       "cuûa coâng taùc ñoái ngoaïi nhaân daân.\n2. Taêng cöôøng söï laõnh ñaïo cuûa Ñaûng.")


@pytest.mark.parametrize("text, message", [
    ("", "trống"),
    ("   \r\n\t\n", "trống"),
    ("Kính gửi các đồng chí. Không có nhiệm vụ nào ở đây cả.", "Không tìm thấy nhiệm vụ"),
    ("I- Mở đầu.\nII- Nhiệm vụ\nChưa có gì.\nIII- Tổ chức thực hiện", "Không tìm thấy nhiệm vụ"),
    ("\x00\x01\x02\x03garbage\x04", "Không tìm thấy nhiệm vụ"),
    (TCVN3, "TCVN3"),
    (VNI, "VNI"),
])
def test_garbage_text_is_a_clear_vietnamese_error(text, message):
    with pytest.raises(CatalogError, match=message):
        import_text(text)


@pytest.mark.parametrize("data, name, message", [
    (b"", "trong.txt", "trống"),
    (bytes(range(256)) * 4, "nhi-phan.txt", "không phải văn bản"),
    (b"%PDF-1.7\n...", "chi-thi.pdf", "là PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "chi-thi.doc", "Word cũ"),
    (b"PK\x03\x04garbage", "hong.docx", "Không mở được"),
    (TCVN3.encode("cp1252", errors="replace"), "tcvn3.txt", "TCVN3"),
    (b"\x81\x8d\x8f\x90\x9d not utf8 \xc3\x28", "sai-ma.txt", "UTF-8"),
])
def test_garbage_files_are_a_clear_vietnamese_error(tmp_path, data, name, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CatalogError, match=message):
        import_file(path)


def test_missing_file_is_a_catalog_error(tmp_path):
    with pytest.raises(CatalogError, match="Không đọc được tệp"):
        import_file(tmp_path / "khong-co.docx")


def test_empty_docx_is_refused():
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with pytest.raises(CatalogError, match="không có chữ nào"):
        import_docx(buffer.getvalue(), "rong.docx")


def test_decode_bytes_accepts_bom_and_utf16():
    assert decode_bytes("\ufeffChỉ thị".encode("utf-8")) == "Chỉ thị"
    assert decode_bytes("Chỉ thị".encode("utf-16")) == "Chỉ thị"
