"""The command line and file errors speak Vietnamese: help headings, argparse's errors and the
reason a file could not be read or written (never the system's English text)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.files import atomic
from dnnd_drafter.cli.entry import build_parser, main
from dnnd_drafter.base.errors import DraftError, OutputError, describe_os_error
from tests.conftest import EXAMPLES

ENGLISH = ("usage:", "options:", "positional arguments", "error:", "the following arguments are required",
           "show this help message", "unrecognized arguments", "invalid choice", "No such file or directory",
           "expected one argument", "show program's version")


def _assert_no_english(text: str) -> None:
    """Fail naming the first English phrase argparse or the system left in `text`."""
    found = [phrase for phrase in ENGLISH if phrase in text]
    assert not found, (found, text)


def _subcommand_paths() -> list[list[str]]:
    """Return the word lists of every parser: the top one and each subcommand, nested too."""
    import argparse

    paths: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, words: list[str]) -> None:
        paths.append(words)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, [*words, name])

    walk(build_parser(), [])
    return paths


def test_the_real_entry_point_prints_vietnamese_help_and_errors() -> None:
    script = Path(sys.executable).with_name("dnnd-drafter")  # the installed console script
    command = [str(script)] if script.exists() else [sys.executable, "-m", "dnnd_drafter"]
    run = lambda *args: subprocess.run([*command, *args],  # noqa: E731
                                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    helped = run("--help")
    assert helped.returncode == 0 and "Cách dùng: dnnd-drafter" in helped.stdout
    assert "tùy chọn:" in helped.stdout and "xem hướng dẫn này rồi thoát" in helped.stdout
    _assert_no_english(helped.stdout + helped.stderr)
    for bad in (["--khong-co"], ["render"], ["khong-co-lenh"], ["render", "a.json", "--bad"]):
        result = run(*bad)
        assert result.returncode == 2, bad
        assert "lỗi:" in result.stderr, (bad, result.stderr)
        _assert_no_english(result.stdout + result.stderr)


@pytest.mark.parametrize("words", _subcommand_paths(), ids=lambda w: " ".join(w) or "dnnd-drafter")
def test_every_subcommand_help_is_vietnamese(words: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*words, "--help"])
    assert exited.value.code == 0
    _assert_no_english(capsys.readouterr().out)


@pytest.mark.parametrize("args", [["render"], ["render", "-o"], ["register", "issue"], ["register"],
                                  ["data", "nope"], ["check"], ["pdf", "x.json", "--timeout", "abc"]])
def test_bad_arguments_exit_2_with_a_vietnamese_message(args: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(args)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "lỗi:" in err and "Cách dùng:" in err
    _assert_no_english(err)


def test_a_missing_draft_is_told_in_vietnamese(tmp_path: Path, capsys) -> None:
    assert main(["render", str(tmp_path / "khong-co.json")]) == 2
    err = capsys.readouterr().err
    assert "không có tệp hoặc thư mục này" in err
    _assert_no_english(err)
    from dnnd_drafter.model import letter as model

    with pytest.raises(DraftError) as caught:
        model.load(tmp_path / "thu-muc-khong-co" / "a.json")
    assert f"không có thư mục “{tmp_path / 'thu-muc-khong-co'}”" in caught.value.message


@pytest.mark.parametrize("code", [errno.ENOENT, errno.EACCES, errno.ENOSPC, errno.EROFS, errno.EISDIR, 4242])
def test_describe_os_error_never_uses_the_system_text(code: int) -> None:
    text = describe_os_error(OSError(code, os.strerror(code)))
    assert text and os.strerror(code) not in text


def test_a_folder_that_never_existed_is_not_said_to_be_gone(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as caught:
        atomic.write_bytes(tmp_path / "chua-tao" / "cong-van.docx", b"x")
    assert "Không có thư mục" in caught.value.message and "không còn" not in caught.value.message


def test_a_folder_removed_during_the_write_is_said_to_be_removed(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    real_replace = os.replace

    def pulled_out(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        os.unlink(src)
        folder.rmdir()
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", pulled_out)
    with pytest.raises(OutputError) as caught:
        atomic.write_bytes(folder / "cong-van.docx", b"x")
    assert "vừa bị xóa hoặc đổi tên" in caught.value.message


def test_an_example_still_renders(tmp_path: Path) -> None:
    assert main(["render", str(EXAMPLES / "dang_cat_tien_492.json"), "-o", str(tmp_path / "x.docx")]) == 0
