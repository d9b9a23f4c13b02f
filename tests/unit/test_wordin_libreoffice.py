"""Test the Word reader on letters saved again by LibreOffice (skipped where it is not installed).

LibreOffice rewrites a .docx its own way: styles, run splits, table properties, and it joins two
tables that touch. The app's letters and the hand-typed ones must read the same after it.
"""

from __future__ import annotations

import shutil

import pytest

from dnnd_drafter.compose.engine import compose_blocks
from dnnd_drafter.wordin import read_letter
from tests.unit import wordin_corpus as corpus

pytestmark = [pytest.mark.soffice,
              pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) không có")]


@pytest.fixture(scope="module")
def resaved(tmp_path_factory: pytest.TempPathFactory) -> dict[str, corpus.Letter]:
    """Return every corpus letter saved again by LibreOffice, by its original name."""
    letters = corpus.app_letters() + corpus.hand_letters()
    converted = corpus.resave_with_libreoffice(letters, tmp_path_factory.mktemp("lo"))
    assert len(converted) == len(letters)
    return {letter.name.removeprefix("lo_"): letter for letter in converted}


@pytest.mark.parametrize("name", [f"app_{s}" for s in corpus.EXAMPLES] + [f"hand_{n}" for n in sorted(corpus.HAND_TYPED)])
def test_a_letter_saved_again_by_libreoffice_reads_the_same(resaved: dict, name: str) -> None:
    letter = resaved[name]
    read = read_letter(letter.data, name=name)
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    assert corpus.body_words(read.draft) == letter.words()


def test_letters_typed_in_libreoffice_writer_with_a_table_tabs_or_text_boxes_are_read(tmp_path) -> None:
    from tests.unit.test_checker_corpus import CORPUS

    typed = CORPUS.convert_fodt({n: make() for n, make in CORPUS.HAND_TYPED.items()}, tmp_path)
    assert set(typed) == {"hand_table", "hand_tabs", "hand_boxes"}
    for name, data in typed.items():
        draft = read_letter(data, name=name).draft
        assert (draft.family, draft.number, draft.symbol, draft.place, str(draft.date)) == (
            "nha_nuoc", "15", "UBND-VP", "Lâm Đồng", "2026-03-05"), name
        assert (draft.issuer.name, draft.subject) == ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "triển khai Chỉ thị số 12-CT/TW")
        assert draft.recipients == ["Các sở, ban, ngành thuộc tỉnh", "Ủy ban nhân dân các xã, phường, đặc khu"]
        assert draft.cc == ["Như trên", "Lưu: VT, VP"]
        sig = draft.signature
        assert (sig.authority, sig.body, sig.position, sig.name) == ("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An")
        assert compose_blocks(draft)[0].text.startswith("Thực hiện Kế hoạch số 45-KH/TU")


def test_an_old_doc_file_is_read_through_libreoffice(tmp_path) -> None:
    import subprocess

    letter = next(x for x in corpus.app_letters() if x.name == "app_dang_cat_tien_492")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "thư.docx").write_bytes(letter.data)
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(tmp_path / "in" / "thư.docx")],
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=180, check=False)
    doc = tmp_path / "thư.doc"
    before = doc.read_bytes()
    read = read_letter(doc)
    assert corpus.field_values(read.draft) == corpus.field_values(letter.expected)
    assert doc.read_bytes() == before


def test_fix_corrects_an_old_doc_file_into_a_new_docx(tmp_path, capsys) -> None:
    import subprocess

    from dnnd_drafter.cli.entry import main

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "thư.docx").write_bytes(corpus.typed("nha_nuoc_ubnd_tinh", corpus.Typing(header="tabs")))
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(tmp_path / "in" / "thư.docx")],
                   stdin=subprocess.DEVNULL, capture_output=True, timeout=180, check=False)
    doc, target = tmp_path / "thư.doc", tmp_path / "thư - sửa.docx"
    before = doc.read_bytes()
    assert main(["fix", str(doc), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "Đã sửa" in out and "qua kiểm tra thể thức" in out
    assert main(["check", str(target)]) == 0
    assert doc.read_bytes() == before
