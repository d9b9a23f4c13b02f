"""Test import and export of the address book, lists and profiles (CSV for Excel, JSON)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import Signer, open_store
from dnnd_drafter.store.transfer import ADDRESS_COLUMNS, LIST_COLUMNS, lists_file
from tests.unit.store_fixtures import home, party_profile  # noqa: F401 - fixtures
from tests.unit.pg_fixtures import pg_cluster, server_url, shared_store as store  # noqa: F401 - both backends
from tests.unit.pg_fixtures import use_empty_database

D = dt.date
TRICKY = 'Hội "Nông dân", xã Tân An'
NOTE = 'Ấp "Bình Minh", số 5\nĐiện thoại: 0270; 123'


def _fill(store):
    book = store.addressbook
    a = book.add(Recipient(TRICKY, "HND; Tân An", ["xã", "hội, đoàn"], note=NOTE))
    b = book.add(Recipient("Ủy ban nhân dân huyện Bình Minh", "UBND huyện", ["huyện"]))
    book.rename(b.id, "Ủy ban nhân dân thị xã Bình Minh", D(2025, 7, 1), "UBND thị xã")
    store.lists.save_from_draft("Kính gửi, các đơn vị", "kinh_gui", [TRICKY, "Ủy ban nhân dân huyện Bình Minh"],
                                on=D(2025, 1, 1))
    store.lists.save_from_draft("Trống", "noi_nhan", [])
    party = party_profile(store)
    store.profiles.save_signer(Signer(party.id, "Lê Thị C", "BÍ THƯ", "T/M", "BAN THƯỜNG VỤ", is_default=True))
    return a


def _snapshot(store):
    book = store.addressbook
    entries = sorted((e.uid, e.name, e.short_name, tuple(e.tags), e.valid_from, e.valid_to,
                      book.get(e.replaced_by).uid if e.replaced_by else "", e.note) for e in book.entries())
    lists = sorted((lst.name, lst.purpose, tuple(book.get(i).uid for i in lst.entry_ids))
                   for lst in store.lists.all())
    return entries, lists


def _excel_rows(path):
    """Read a CSV the way Excel does: bytes, BOM means UTF-8, csv quoting rules."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_csv_round_trip_survives_commas_quotes_and_newlines(store, tmp_path, monkeypatch, request):
    _fill(store)
    before = _snapshot(store)
    written = store.export(tmp_path / "so-dia-chi.csv")
    assert written == [tmp_path / "so-dia-chi.csv", tmp_path / "so-dia-chi.danh-sach.csv"]
    rows = _excel_rows(written[0])
    assert rows[0] == [label for _, label in ADDRESS_COLUMNS]
    tricky = next(r for r in rows if r[1] == TRICKY)
    assert tricky[2:4] == ["HND; Tân An", "xã; hội, đoàn"] and tricky[7] == NOTE
    old = next(r for r in rows if r[1] == "Ủy ban nhân dân huyện Bình Minh")
    assert old[5] == "01/07/2025" and old[6]
    list_rows = _excel_rows(written[1])
    assert list_rows[0] == [label for _, label in LIST_COLUMNS]
    assert [r[1:3] for r in list_rows[1:]] == [["Kính gửi, các đơn vị", "Kính gửi"]] * 2 + [["Trống", "Nơi nhận"]]

    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path / "other"))
    use_empty_database(store, request, monkeypatch)
    with open_store() as fresh:
        report = fresh.import_file(written[0])
        assert (report.recipients_added, report.lists_added) == (3, 2)
        assert _snapshot(fresh) == before
        again = fresh.import_file(written[0])  # importing twice updates, never duplicates
        assert (again.recipients_added, again.recipients_updated, again.lists_updated) == (0, 3, 2)
        assert fresh.addressbook.count() == 3


def test_json_round_trip_includes_profiles_and_signers(store, tmp_path, monkeypatch, request):
    _fill(store)
    before = _snapshot(store)
    (path,) = store.export(tmp_path / "du-lieu.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema"] == "dnnd-drafter/data@1" and data["profiles"][0]["signers"][0]["authority"] == "T/M"
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path / "other"))
    use_empty_database(store, request, monkeypatch)
    with open_store() as fresh:
        report = fresh.import_file(path)
        assert report.profiles_added == 1 and "Sổ địa chỉ: thêm 3" in report.summary()
        assert _snapshot(fresh) == before
        profile = fresh.profiles.by_name("Huyện ủy Bình Minh")
        assert profile.term_start == D(2020, 10, 15)
        assert fresh.profiles.default_signer(profile.id).name == "Lê Thị C"
        assert fresh.lists.names("Kính gửi, các đơn vị", D(2025, 8, 1)) == [TRICKY, "Ủy ban nhân dân thị xã Bình Minh"]


def _write(path, text, bom=True):
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def test_excel_semicolon_file_with_new_rows_imports(store, tmp_path):
    path = _write(tmp_path / "excel.csv", "Mã;Tên đầy đủ;Tên ở Nơi nhận;Nhãn;Hiệu lực từ ngày\r\n"
                                          ";Hội Cựu chiến binh xã;HCCB xã;xã, hội;5/1/2024\r\n"
                                          ";;;;\r\n", bom=False)
    report = store.import_file(path)
    assert report.recipients_added == 1
    entry = store.addressbook.search("cuu chien binh", on=D(2024, 2, 1))[0]
    assert (entry.short_name, entry.tags, entry.valid_from) == ("HCCB xã", ["xã", "hội"], D(2024, 1, 5))
    lists = _write(tmp_path / "ds.csv", "Tên danh sách,Dùng cho,Tên địa chỉ\nMới,noi nhan,HCCB xã\nMới,,Đơn vị lạ\n")
    store.import_file(lists)
    assert store.lists.names("Mới") == ["HCCB xã", "Đơn vị lạ"]


@pytest.mark.parametrize(("text", "message"), [
    ("Mã,Tên đầy đủ,Hiệu lực từ ngày\n,Xã A,01/01/2024\n,Xã B,31/02/2024\n",
     "dòng 3, cột “Hiệu lực từ ngày” (cột C): “31/02/2024” không phải ngày hợp lệ"),
    ("Mã,Tên đầy đủ,Nhãn\n,Xã A,\n,\"\",xã\n,Xã C,\n", "dòng 3, cột “Tên đầy đủ” (cột B): không được để trống"),
    ("Mã,Tên đầy đủ\nx1,Xã A\nx1,Xã B\n", "dòng 3, cột “Mã” (cột A): mã “x1” bị trùng"),
    ("Tên đầy đủ,Hiệu lực từ ngày,Hết hiệu lực từ ngày\nXã A,02/01/2024,01/01/2024\n",
     "dòng 2, cột “Hết hiệu lực từ ngày” (cột C): ngày hết hiệu lực phải sau"),
    ("Tên đầy đủ,Thay bằng (mã)\nXã A,khong-co\n", "dòng 2, cột “Thay bằng (mã)” (cột B): không có địa chỉ mã"),
    ("Tên danh sách,Dùng cho,Mã địa chỉ\nDS,Kính gửi,zzz\n", "dòng 2, cột “Mã địa chỉ” (cột C): không có địa chỉ"),
    ("Tên danh sách,Dùng cho,Tên địa chỉ\nDS,Đồng gửi,Xã A\n", "dòng 2, cột “Dùng cho” (cột B): “Đồng gửi” không hợp lệ"),
    ("Họ tên,Chức vụ\nA,B\n", "dòng tiêu đề phải có cột “Tên đầy đủ”"),
])
def test_bad_csv_names_row_and_column_and_changes_nothing(store, tmp_path, text, message):
    store.addressbook.add(Recipient("Đã có từ trước"))
    before = _snapshot(store)
    with pytest.raises(UserDataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        store.import_file(_write(tmp_path / "bad.csv", text))
    assert _snapshot(store) == before


def test_bad_lists_companion_rolls_back_the_address_book_too(store, tmp_path):
    path = _write(tmp_path / "sdc.csv", "Tên đầy đủ\nXã Mới\n")
    _write(lists_file(path), "Tên danh sách,Dùng cho,Mã địa chỉ\nDS,Kính gửi,không-có\n")
    with pytest.raises(UserDataError, match="sdc.danh-sach.csv"):
        store.import_file(path)
    assert store.addressbook.count() == 0


@pytest.mark.parametrize(("content", "message"), [
    (b"\xff\xfeT\x00", "không phải văn bản UTF-8"),
    ("{ hỏng".encode(), "không phải JSON hợp lệ \\(dòng 1"),
    (b'{"recipients": []}', "không phải tệp dữ liệu của DNND Drafter"),
    (json.dumps({"schema": "dnnd-drafter/data@1", "recipients": [{"name": "A", "valid_to": "hôm qua"}]}).encode(),
     "mục thứ 1 của “recipients”, trường “valid_to”"),
    (json.dumps({"schema": "dnnd-drafter/data@1", "profiles": [{"name": "P", "family": "dang",
                 "issuing_body": "HU", "signers": [{"name": "X", "authority": "TM."}]}]}).encode(),
     "trường “signers\\[1\\].authority”"),
    (json.dumps({"schema": "dnnd-drafter/data@1", "recipients": [{"name": 5}]}).encode(), "phải là chuỗi"),
])
def test_bad_json_is_refused_with_a_vietnamese_message(store, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(UserDataError, match=message):
        store.import_file(path)
    assert store.addressbook.count() == 0 and store.profiles.all() == []


def test_unknown_suffixes_are_refused(store, tmp_path):
    with pytest.raises(UserDataError, match=".json hoặc .csv"):
        store.export(tmp_path / "x.xlsx")
    with pytest.raises(UserDataError, match=".json hoặc .csv"):
        store.import_file(tmp_path / "x.txt")
