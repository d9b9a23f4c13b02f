"""Test ``dnnd-drafter catalog list|show|import`` through the real command-line entry point."""

from __future__ import annotations

import io
import sys

import pytest

from dnnd_drafter.catalog import get_directive, load_catalog
from dnnd_drafter.cli.entry import main


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """Point the user data folder at a temporary folder."""
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path))
    return tmp_path


def _plan_text() -> str:
    """Return a small Party directive as pasted text."""
    return "\n".join([
        "ĐẢNG BỘ TỈNH LÂM ĐỒNG", "BAN THƯỜNG VỤ TỈNH ỦY", "*", "Số 07-CT/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "Đà Lạt, ngày 02 tháng 3 năm 2023", "CHỈ THỊ",
        "CỦA BAN THƯỜNG VỤ TỈNH ỦY", "về công tác đối ngoại nhân dân trên địa bàn tỉnh",
        "I- Kết quả.", "II- Ban Thường vụ yêu cầu:", "1. Quán triệt Chỉ thị.", "2. Tuyên truyền.",
        "III- Tổ chức thực hiện", "- Các huyện ủy thực hiện.", "T/M BAN THƯỜNG VỤ",
    ])


def test_list(capsys):
    assert main(["catalog", "list"]) == 0
    out = capsys.readouterr().out
    assert "Danh mục văn bản chỉ đạo (1 văn bản)" in out
    assert "12-CT/TW  ngày 05/01/2022  Chỉ thị của Ban Bí thư" in out
    assert "8 nhiệm vụ" in out


def test_show(capsys):
    assert main(["catalog", "show", "12-CT/TW"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “về tăng cường")
    assert "  1. Quán triệt, nâng cao nhận thức" in out
    assert "Thường chủ trì: Ban Tuyên giáo; Ủy ban Mặt trận Tổ quốc Việt Nam" in out
    assert "Tổ chức thực hiện:" in out
    assert "Phương án “cấp huyện/cấp cơ sở”:" not in out


def test_show_with_variants(capsys):
    assert main(["catalog", "show", "12-ct/tw", "--variants"]) == 0
    out = capsys.readouterr().out
    assert "Phương án “cấp huyện/cấp cơ sở”:" in out
    assert "Tổ chức thực hiện, phương án “cấp huyện/cấp cơ sở”:" in out


def test_show_unknown_prints_a_vietnamese_error(capsys):
    assert main(["catalog", "show", "99-CT/TW"]) == 2
    assert "Lỗi: Không có văn bản “99-CT/TW” trong danh mục" in capsys.readouterr().err


def test_catalog_without_subcommand_prints_help(capsys):
    assert main(["catalog"]) == 2
    assert "list" in capsys.readouterr().err


def test_import_without_save_does_not_write(tmp_path, capsys):
    source = tmp_path / "chi-thi.txt"
    source.write_text(_plan_text(), encoding="utf-8")
    assert main(["catalog", "import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "Số, ký hiệu: 07-CT/TU" in out and "Ngày ban hành: 02/3/2023" in out
    assert "Cơ quan ban hành: Ban Thường vụ Tỉnh ủy" in out
    assert "Chưa lưu" in out
    assert list(load_catalog()) == ["12-CT-TW"]


def test_import_and_save_then_show(tmp_path, capsys):
    source = tmp_path / "chi-thi.txt"
    source.write_text(_plan_text(), encoding="utf-8")
    assert main(["catalog", "import", str(source), "--save"]) == 0
    assert "Đã lưu vào danh mục:" in capsys.readouterr().out
    assert get_directive("07-CT/TU").tasks[1].text == "Tuyên truyền."
    assert main(["catalog", "import", str(source), "--save"]) == 2
    assert "--overwrite" in capsys.readouterr().err
    assert main(["catalog", "import", str(source), "--save", "--overwrite"]) == 0
    capsys.readouterr()
    assert main(["catalog", "show", "07-CT/TU"]) == 0
    assert capsys.readouterr().out.startswith(
        "Chỉ thị số 07-CT/TU ngày 02/3/2023 của Ban Thường vụ Tỉnh ủy “về công tác")


def test_import_from_standard_input(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO(_plan_text().encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["catalog", "import", "-"]) == 0
    assert "Số nhiệm vụ: 2" in capsys.readouterr().out


def test_import_garbage_file_prints_a_vietnamese_error(tmp_path, capsys):
    source = tmp_path / "rac.bin"
    source.write_bytes(bytes(range(256)))
    assert main(["catalog", "import", str(source)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: ") and "Traceback" not in err


def test_broken_user_file_is_a_warning_not_a_crash(home, capsys):
    (home / "directives").mkdir(exist_ok=True)
    (home / "directives" / "hong.toml").write_text("[[[", encoding="utf-8")
    assert main(["catalog", "list"]) == 0
    captured = capsys.readouterr()
    assert "12-CT/TW" in captured.out
    assert "Cảnh báo: Bỏ qua tệp “hong.toml”" in captured.err
