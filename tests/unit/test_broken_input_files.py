"""Bad input through every entry point gives a Vietnamese message, never a traceback or a hang.

Entry points: ``render``, ``pdf``, ``register issue`` (draft files), ``check`` (.docx),
``catalog import`` (directives), ``data import`` (CSV and JSON). Each gets the same broken
files: empty, truncated, TCVN3 and VNI text, UTF-16, a zip of something else, a .docx with
broken XML or an unknown compression, random bytes, 50 MB of zeros and 50 MB of text (made
here, never committed). Each must end with exit status 2 and one ``Lỗi: …`` line, and leave
the stored data exactly as it was. Hypothesis then throws random drafts, CSV and JSON imports
and directive texts at the same code.
"""

from __future__ import annotations

import io
import json
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import CatalogError, DraftError, UserDataError, UserMessageError
from dnnd_drafter.store import open_store
from tests.unit.store_fixtures import state_profile
from tests.unit.write_faults import store_dump

REPO = Path(__file__).resolve().parents[2]
CAT_TIEN = REPO / "examples" / "dang_cat_tien_492.json"
BIG = 50 * 1024 * 1024
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                          HealthCheck.too_slow])
#: "Chỉ thị về tăng cường sự lãnh đạo của Đảng" as TCVN3 (ABC) and VNI-Windows fonts store it.
TCVN3 = "CHØ THÞ vÒ t¨ng c­êng sù l·nh ®¹o cña §¶ng ®èi víi c«ng t¸c ®èi ngo¹i nh©n d©n. 1. Tæ chøc qu¸n triÖt"
VNI = "CHÆ THÒ veà taêng cöôøng söï laõnh ñaïo cuûa Ñaûng ñoái vôùi coâng taùc ñoái ngoaïi nhaân daân. 1. Toå chöùc"


def _docx_bytes() -> bytes:
    from dnnd_drafter.render import laid_out
    from dnnd_drafter.writers.docx.writer import to_bytes

    return to_bytes(laid_out(model.load(CAT_TIEN)))


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _unknown_compression(data: bytes) -> bytes:
    """Return the zip `data` with every entry claiming compression method 99 (not supported)."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = out.find(signature)
        while at >= 0:
            out[at + offset: at + offset + 2] = (99).to_bytes(2, "little")
            at = out.find(signature, at + 4)
    return bytes(out)


def _sparse(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(BIG)


def _big_text(path: Path) -> None:
    rng = random.Random(8)
    words = "Ủy ban nhân dân tỉnh huyện xã triển khai thực hiện nhiệm vụ 1. 2. II- Tổ chức ngày".split()
    line = " ".join(rng.choice(words) for _ in range(4000)) + "\n"
    data = line.encode("utf-8")
    with path.open("wb") as handle:
        for _ in range(BIG // len(data) + 1):
            handle.write(data)


BROKEN: dict[str, Callable[[Path], None]] = {
    "empty": lambda p: p.write_bytes(b""),
    "truncated_json": lambda p: p.write_bytes(CAT_TIEN.read_bytes()[:333]),
    "tcvn3": lambda p: p.write_bytes(json.dumps({"schema": "dnnd-drafter/draft@2", "family": "dang",
                                                "subject": TCVN3}, ensure_ascii=False).encode("latin-1")),
    "vni": lambda p: p.write_bytes(("Mã,Tên đầy đủ\n," + VNI + "\n").encode("cp1252", errors="replace")),
    "utf16": lambda p: p.write_bytes(CAT_TIEN.read_text(encoding="utf-8").encode("utf-16")),
    "zip_of_something_else": lambda p: p.write_bytes(_zip({"hello.txt": "xin chào".encode(), "a/b.png": b"\x89PNG"})),
    "docx_broken_xml": lambda p: p.write_bytes(_zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document"})),
    "docx_unknown_compression": lambda p: p.write_bytes(_unknown_compression(_docx_bytes_cached())),
    "docx_truncated": lambda p: p.write_bytes(_docx_bytes_cached()[:4000]),
    "random_bytes": lambda p: p.write_bytes(random.Random(3).randbytes(20_000)),
    "zeros_50mb": _sparse,
    "text_50mb": _big_text,
}


@pytest.fixture
def office():
    """Return a store with a State profile and a few entries; closed afterwards."""
    from dnnd_drafter.store.addressbook import Recipient

    store = open_store()
    state_profile(store)
    store.addressbook.add_many([Recipient("Ủy ban nhân dân xã", "UBND xã"), Recipient("Công an xã")])
    yield store
    store.close()


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def _refused(status: int, out: str, err: str) -> None:
    assert status == 2, (status, out, err)
    assert err.startswith("Lỗi: "), err
    assert "Traceback" not in err + out and "không mong muốn" not in err, err
    assert "Đã tạo" not in out and "Đã nhập" not in out and "Đã lưu" not in out


ENTRY_POINTS = {
    "render": (".json", lambda f, tmp: ("render", f, "-o", str(tmp / "out.docx"))),
    "pdf": (".json", lambda f, tmp: ("pdf", f, "-o", str(tmp / "out.pdf"))),
    "register issue": (".json", lambda f, tmp: ("register", "issue", f)),
    "check": (".docx", lambda f, tmp: ("check", f)),
    "catalog import": (".docx", lambda f, tmp: ("catalog", "import", f, "--save")),
    "catalog import text": (".txt", lambda f, tmp: ("catalog", "import", f, "--save")),
    "data import csv": (".csv", lambda f, tmp: ("data", "import", f)),
    "data import json": (".json", lambda f, tmp: ("data", "import", f)),
    "data restore": (".sqlite3", lambda f, tmp: ("data", "restore", f)),
}


@pytest.mark.parametrize("broken", BROKEN)
@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_every_entry_point_refuses_every_broken_file(entry: str, broken: str, office, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import dnnd_drafter.render
    from dnnd_drafter.base import paths

    def no_layout(*args: object) -> None:
        raise AssertionError("a broken draft reached the layout (and the PDF command would start Qt)")

    suffix, argv = ENTRY_POINTS[entry]
    source = tmp_path / f"input{suffix}"
    BROKEN[broken](source)
    if entry == "pdf":
        monkeypatch.setattr(dnnd_drafter.render, "laid_out", no_layout)
    before = store_dump(office)
    directives = sorted(paths.user_directives_dir().iterdir())
    try:
        status, out, err = _run(capsys, *argv(str(source), tmp_path))
    finally:
        source.unlink()  # pytest keeps the last runs' folders: no 50 MB files left there
    _refused(status, out, err)
    assert store_dump(office) == before
    assert sorted(paths.user_directives_dir().iterdir()) == directives
    assert not (tmp_path / "out.docx").exists() and not (tmp_path / "out.pdf").exists()


@pytest.mark.parametrize("entry", ["render", "register issue", "check", "catalog import", "data import csv"])
def test_a_missing_file_or_a_folder_is_a_message(entry: str, office, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _, argv = ENTRY_POINTS[entry]
    for name in ("khong-co.json", ""):
        status, out, err = _run(capsys, *argv(str(tmp_path / name), tmp_path))
        _refused(status, out, err)


def test_legacy_encodings_are_named_in_the_message(tmp_path: Path, office,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "chi-thi.txt"
    for legacy, encoding in ((TCVN3, "latin-1"), (VNI, "cp1252")):
        text.write_bytes(((legacy + "\n") * 5).encode(encoding))
        status, out, err = _run(capsys, "catalog", "import", str(text))
        _refused(status, out, err)
        assert "TCVN3" in err and "VNI" in err
    draft = tmp_path / "ban-thao.json"
    BROKEN["tcvn3"](draft)
    status, out, err = _run(capsys, "render", str(draft))
    _refused(status, out, err)
    assert "UTF-8" in err and "TCVN3" in err
    csv_file = tmp_path / "so.csv"
    csv_file.write_bytes(("Ma,Ten day du\n," + TCVN3 + "\n").encode("latin-1"))
    status, out, err = _run(capsys, "data", "import", str(csv_file))
    _refused(status, out, err)
    assert "UTF-8" in err


def _damaged(kind: str) -> bytes:
    """Return our .docx of the Cát Tiên letter damaged in one precise way."""
    data = bytearray(_docx_bytes_cached())
    if kind == "deflate_garbage":  # every compressed stream starts with an invalid block type
        at = data.find(b"PK\x03\x04")
        while at >= 0:
            start = at + 30 + int.from_bytes(data[at + 26: at + 28], "little") + int.from_bytes(data[at + 28: at + 30], "little")
            data[start] = 0xFF
            at = data.find(b"PK\x03\x04", at + 4)
    elif kind == "zip_version":  # "version needed to extract" far beyond what zipfile reads
        at = data.find(b"PK\x01\x02")
        data[at + 6] = 0xFF
    elif kind == "central_directory_offset":  # entries would start before the file does
        at = data.rfind(b"PK\x05\x06")
        offset = int.from_bytes(data[at + 16: at + 20], "little")
        data[at + 16: at + 20] = (offset + 10**6).to_bytes(4, "little")
    elif kind == "cut_in_the_middle":
        data = data[: len(data) // 2]
    return bytes(data)


DAMAGE = ("deflate_garbage", "zip_version", "central_directory_offset", "cut_in_the_middle")


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_docx_is_a_message_to_the_checker_and_the_importer(damage: str, tmp_path: Path, office,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from dnnd_drafter.catalog.importer import import_docx
    from dnnd_drafter.checker.check import check_bytes

    data = _damaged(damage)
    with pytest.raises(CatalogError):
        import_docx(data, "hong.docx")
    with pytest.raises(UserMessageError):
        check_bytes(data, name="hong.docx")
    path = tmp_path / "hong.docx"
    path.write_bytes(data)
    for argv in (("check", str(path)), ("catalog", "import", str(path))):
        status, out, err = _run(capsys, *argv)
        _refused(status, out, err)


def test_import_docx_from_a_zip_with_broken_xml_is_a_catalog_error() -> None:
    from dnnd_drafter.catalog.importer import import_docx

    for data in (_zip({"[Content_Types].xml": b"<Types"}), _unknown_compression(_docx_bytes_cached())):
        with pytest.raises(CatalogError, match="Không mở được"):
            import_docx(data, "hong.docx")


def test_a_text_too_long_for_a_directive_is_refused_at_once(tmp_path: Path) -> None:
    from dnnd_drafter.catalog.importer import import_file, import_text

    with pytest.raises(CatalogError, match="quá dài"):
        import_text("1. Nhiệm vụ một.\n" * 200_000)
    big = tmp_path / "van-ban.txt"
    _big_text(big)
    try:
        with pytest.raises(CatalogError, match="quá dài"):
            import_file(big)
    finally:
        big.unlink()


# -- hypothesis ---------------------------------------------------------------------------------
JSON_LEAF = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=30)


def _json_containers(inner: st.SearchStrategy) -> st.SearchStrategy:
    """Return lists and objects of `inner` values."""
    return st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)


JSON = st.recursive(JSON_LEAF, _json_containers, max_leaves=20)
DRAFT_KEYS = ("schema", "family", "kind", "template", "issuer", "number", "symbol", "place", "date", "subject",
              "recipients", "content", "cc", "signature", "rule_set")
#: Text a clerk (or a broken file) may put anywhere: controls, lone surrogates, markup, Jinja.
WILD_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=60) | st.sampled_from(
    ["{{ 7*7 }}", "{% include '/etc/passwd' %}", "**", "*", "\\*", "\t\t", "\u2011", "\x00\x0b\x1f", "\ud800",
     "- ", "+ ", "## ", "./.", "12-CT/TW", "\n\n\n", " " * 50, "ǅ" * 30, "\u0300\u0301", "𝕋𝕖𝕤𝕥"])


@pytest.mark.parametrize("key", ["family", "kind", "template", "date", "issuer", "content", "signature"])
@pytest.mark.parametrize("value", [["dang"], {"a": 1}, 3, 2.5, True])
def test_a_draft_field_of_the_wrong_json_type_is_named(key: str, value: object) -> None:
    if isinstance(value, dict) and key in ("content", "signature"):
        pytest.skip("an object is the right type there")
    data = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    data[key] = value
    with pytest.raises(DraftError) as caught:
        model.loads(json.dumps(data))
    assert caught.value.field == key or caught.value.message.startswith(f"Trường “{key}")


def _imports_wholly_or_not_at_all(office, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Import `path`; on a refusal check it says why in words and changed nothing."""
    before = store_dump(office)
    try:
        office.import_file(path)
    except UserDataError as exc:
        assert exc.message.strip()
        assert store_dump(office) == before


@FUZZ
@given(st.dictionaries(st.sampled_from(DRAFT_KEYS), JSON, max_size=8))
def test_random_draft_files_load_or_are_refused(data: dict) -> None:
    base = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    for candidate in (data, {**base, **data}):
        try:
            draft = model.loads(json.dumps(candidate))
        except DraftError as exc:
            assert exc.message.strip()
            continue
        assert isinstance(draft, model.Draft)


@FUZZ
@given(subject=WILD_TEXT, issuer=WILD_TEXT, opening=WILD_TEXT, task=WILD_TEXT, title=WILD_TEXT,
       recipient=WILD_TEXT, name=WILD_TEXT, number=WILD_TEXT, place=WILD_TEXT)
def test_any_text_in_any_field_renders_or_is_refused(subject: str, issuer: str, opening: str, task: str,
                                                     title: str, recipient: str, name: str, number: str,
                                                     place: str) -> None:
    from dnnd_drafter.render import laid_out
    from dnnd_drafter.writers.docx.writer import to_bytes

    data = json.loads(CAT_TIEN.read_text(encoding="utf-8"))
    data.update(subject=subject, number=number, place=place, recipients=[recipient, "Công an xã"])
    data["issuer"]["name"] = issuer or "X"
    data["content"].update(opening=opening, tasks=[{"title": title, "text": task}])
    data["signature"]["name"] = name
    try:
        draft = model.loads(json.dumps(data))
        blob = to_bytes(laid_out(draft))
    except UserMessageError as exc:
        assert exc.message.strip()
        return
    assert zipfile.ZipFile(io.BytesIO(blob)).testzip() is None


CSV_CELL = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=25) | st.sampled_from(
    ["31/02/2024", "05/01/2024", "2024-01-05", "khong-co-ma", "Kính gửi", "Nơi nhận", "a;b;c", '"', "\r\n"])
HEADERS = ["Mã", "Tên đầy đủ", "Tên ở Nơi nhận", "Nhãn", "Hiệu lực từ ngày", "Hết hiệu lực từ ngày",
           "Thay bằng (mã)", "Ghi chú", "Mã danh sách", "Tên danh sách", "Dùng cho", "Mã địa chỉ", "Tên địa chỉ", "X"]


@FUZZ
@given(header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6),
       rows=st.lists(st.lists(CSV_CELL, max_size=7), max_size=6), delimiter=st.sampled_from([",", ";"]))
def test_random_csv_imports_apply_wholly_or_change_nothing(header: list[str], rows: list[list[str]], delimiter: str,
                                                          office, tmp_path: Path) -> None:
    import csv

    path = tmp_path / "nhap.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows([header, *rows])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    _imports_wholly_or_not_at_all(office, path)


@FUZZ
@given(data=st.fixed_dictionaries({"schema": st.sampled_from(["dnnd-drafter/data@1", "x"])},
                             optional={"recipients": JSON | st.lists(st.dictionaries(
                                 st.sampled_from(["uid", "name", "short_name", "tags", "valid_from", "valid_to",
                                                  "replaced_by", "note"]), JSON, max_size=5), max_size=3),
                                 "lists": JSON | st.lists(st.dictionaries(st.sampled_from(["uid", "name", "purpose",
                                                                                           "entries"]), JSON), max_size=3),
                                 "profiles": JSON | st.lists(st.dictionaries(st.sampled_from(
                                     ["name", "family", "issuing_body", "signers", "term_start", "unit_abbreviations"]),
                                     JSON), max_size=2)}))
def test_random_json_imports_apply_wholly_or_change_nothing(data: dict, office, tmp_path: Path) -> None:
    path = tmp_path / "nhap.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _imports_wholly_or_not_at_all(office, path)


DIRECTIVE_LINE = st.sampled_from([
    "BAN CHẤP HÀNH TRUNG ƯƠNG", "Số 12-CT/TW", "Số: 45/KH-UBND", "Hà Nội, ngày 05 tháng 01 năm 2022",
    "ngày 31 tháng 02 năm 2022", "CHỈ THỊ", "CỦA BAN BÍ THƯ", "KẾ HOẠCH", "về tăng cường công tác",
    "I- TÌNH HÌNH", "II- NHIỆM VỤ", "III- TỔ CHỨC THỰC HIỆN", "II. Nhiệm vụ", "1. Tổ chức quán triệt.",
    "2. Tăng cường lãnh đạo", "3) Đổi mới", "- Các cấp ủy thực hiện.", "+ gạch cộng", "T/M BAN BÍ THƯ",
    "Nơi nhận:", "**đậm**", "# tiêu đề", "---", "tiếp tục câu bị ngắt,", "", "\t", "1.", "99. Cuối"]) | st.text(max_size=40)


@FUZZ
@given(st.lists(DIRECTIVE_LINE, max_size=30))
def test_random_directive_texts_import_or_are_refused(lines: list[str]) -> None:
    from dnnd_drafter.catalog import save_directive
    from dnnd_drafter.catalog.importer import import_text

    try:
        result = import_text("\n".join(lines))
    except CatalogError as exc:
        assert exc.message.strip()
        return
    try:
        save_directive(result.directive)
    except CatalogError as exc:
        assert exc.message.strip()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=3000))
def test_random_bytes_given_to_the_checker_are_a_message(data: bytes, tmp_path: Path) -> None:
    from dnnd_drafter.checker import check_docx

    path = tmp_path / "x.docx"
    path.write_bytes(data)
    with pytest.raises(UserMessageError):
        check_docx(path)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 40_000), st.integers(0, 255))
def test_a_docx_damaged_anywhere_is_a_message_to_the_checker_and_the_importer(cut: int, byte: int) -> None:
    from dnnd_drafter.catalog.importer import import_docx
    from dnnd_drafter.checker.check import check_bytes

    data = bytearray(_docx_bytes_cached())
    at = cut % len(data)
    data[at] = byte
    for func in (lambda b: import_docx(b, "x.docx"), lambda b: check_bytes(b, name="x.docx")):
        try:
            func(bytes(data))
        except UserMessageError as exc:
            assert exc.message.strip()


_CACHE: dict[str, bytes] = {}


def _docx_bytes_cached() -> bytes:
    if "docx" not in _CACHE:
        _CACHE["docx"] = _docx_bytes()
    return _CACHE["docx"]
