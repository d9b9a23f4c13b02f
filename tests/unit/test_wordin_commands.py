"""Test ``dnnd-drafter from-docx`` and ``dnnd-drafter fix`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.cli.entry import main
from dnnd_drafter.wordin import read_letter
from tests.unit import wordin_corpus as corpus


@pytest.fixture
def typed_letter(tmp_path: Path) -> Path:
    """Return a hand-typed Party letter written to a file (wrong sizes, no page numbers …)."""
    path = tmp_path / "công văn.docx"
    path.write_bytes(corpus.typed("dang_cat_tien_492", corpus.Typing(header="tabs")))
    return path


def test_from_docx_writes_a_draft_that_loads_and_says_what_to_check(
        typed_letter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "bản thảo.json"
    assert main(["from-docx", str(typed_letter), "-o", str(target)]) == 0
    draft = model.load(target)
    assert (draft.number, draft.symbol, draft.signature.name) == ("492", "CV/HU", "Đương Hùng Cường")
    assert "Đã tạo bản thảo" in capsys.readouterr().out


def test_fix_writes_a_new_file_that_passes_the_checker_with_the_same_words(
        typed_letter: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = typed_letter.read_bytes()
    assert main(["check", str(typed_letter)]) == 1
    capsys.readouterr()
    assert main(["fix", str(typed_letter)]) == 0
    out = capsys.readouterr().out
    fixed = typed_letter.with_name("công văn - đã sửa thể thức.docx")
    assert fixed.is_file() and typed_letter.read_bytes() == before
    assert "Tiêu đề: cỡ chữ 14 pt" in out and "Số trang" in out
    assert "giữ nguyên (độ giống 1,00)" in out and "không có lỗi" in out
    assert main(["check", str(fixed)]) == 0
    assert corpus.body_words(read_letter(fixed).draft) == corpus.body_words(corpus.example("dang_cat_tien_492"))


def test_fix_to_another_family_converts_the_authority_and_the_number(
        typed_letter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "nn.docx"
    assert main(["fix", str(typed_letter), "-o", str(target), "--family", "nha_nuoc"]) == 0
    draft = read_letter(target).draft
    assert draft.family == "nha_nuoc" and draft.signature.authority == "TM."
    assert "Khối văn bản: dang → nha_nuoc" in capsys.readouterr().out


@pytest.mark.parametrize("args, words", [
    (["fix", "{src}", "-o", "{src}"], "trùng tệp gốc"),
    (["fix", "{src}", "-o", "{dir}/x.pdf"], "phải có đuôi .docx"),
    (["fix", "{src}", "-o", "{dir}/existing.docx"], "đã có"),
    (["from-docx", "{src}", "-o", "{dir}/existing.json"], "đã có"),
    (["from-docx", "{dir}/missing.docx"], "không tìm thấy"),
    (["fix", "{src}", "--profile", "Không có"], "Không có hồ sơ"),
])
def test_bad_options_exit_2_with_a_message_and_touch_nothing(
        typed_letter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        words: str) -> None:
    (tmp_path / "existing.docx").write_bytes(b"keep")
    (tmp_path / "existing.json").write_bytes(b"keep")
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir() if p.is_file())
    argv = [a.format(src=typed_letter, dir=tmp_path) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir() if p.is_file()) == before


def test_a_file_that_is_not_a_letter_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(b"not a zip")
    assert main(["from-docx", str(path), "-o", str(tmp_path / "x.json")]) == 2
    assert "Không mở được tệp" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_fix_prints_the_date_written_with_the_wrong_zeros_and_writes_it_right(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "ngày.docx"
    source.write_bytes(dict((x.name, x) for x in corpus.hand_letters())["hand_date_zeros_wrong"].data)
    target = tmp_path / "sửa.docx"
    assert main(["fix", str(source), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "ngày 5 tháng 03 năm 2026" in out
    fixed = read_letter(target)
    assert corpus.field_values(fixed.draft)["date"] == "Lâm Đồng, ngày 05 tháng 3 năm 2026"


def test_fix_with_an_office_profile_writes_the_offices_choices_and_checks_against_them(
        typed_letter: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from dnnd_drafter.model.formats import OfficeChoices
    from dnnd_drafter.store import Profile, open_store

    with open_store() as store:
        store.profiles.save(Profile("Huyện ủy Cát Tiên", "dang", "HUYỆN ỦY CÁT TIÊN", abbreviation="HU",
                                    choices=OfficeChoices(list_separator=";", closing_mark="./.")))
    target = tmp_path / "ht.docx"
    assert main(["fix", str(typed_letter), "-o", str(target), "--profile", "Huyện ủy Cát Tiên"]) == 0
    capsys.readouterr()
    fixed = read_letter(target).draft
    assert fixed.choices == OfficeChoices(list_separator=";", closing_mark="./.")
    assert main(["check", str(target), "--profile", "Huyện ủy Cát Tiên"]) == 0
    out = capsys.readouterr().out
    assert "theo hồ sơ “Huyện ủy Cát Tiên”" in out and "choices." not in out
