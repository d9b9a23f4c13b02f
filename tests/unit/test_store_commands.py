"""Test the headless ``data`` and ``register`` commands (Vietnamese messages, exit 2 on bad input)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json

import pytest

from dnnd_drafter.cli import entry as cli
from dnnd_drafter.model import letter as model
from dnnd_drafter.base import paths
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from dnnd_drafter.store.server import ENV_DATABASE
from tests.unit.pg_fixtures import backend, pg_cluster, server_url  # noqa: F401 - fixtures
from tests.unit.store_fixtures import home, party_profile, run_python, state_profile  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("backend")  # the same command line on the local file and the server

DRAFT = {"schema": "dnnd-drafter/draft@1", "family": "nha_nuoc", "kind": "cong_van",
         "issuer": {"parent": "UBND HUYỆN BÌNH MINH", "name": "ỦY BAN NHÂN DÂN XÃ TÂN AN", "abbreviation": "UBND"},
         "date": "2026-01-02", "subject": "Về việc triển khai Chỉ thị số 12-CT/TW",
         "recipients": ["Các ấp"], "signature": {"authority": "TM.", "name": "Nguyễn Văn A"}}


def _draft(tmp_path, **changes):
    path = tmp_path / "cong-van.json"
    path.write_text(json.dumps(DRAFT | changes, ensure_ascii=False), encoding="utf-8")
    return path


def test_register_issue_fills_the_draft_and_records_it(home, tmp_path, capsys):
    with open_store() as store:
        state_profile(store)
        party_profile(store)
    path = _draft(tmp_path)
    assert cli.main(["register", "issue", str(path), "--date", "14/02/2026"]) == 0  # issuer matches a profile
    out = capsys.readouterr().out
    assert "Đã cấp số 01/UBND-VP ngày 14/02/2026" in out
    draft = model.load(path)
    assert (draft.number, draft.symbol, draft.date) == ("01", "UBND-VP", dt.date(2026, 2, 14))
    assert draft.subject == DRAFT["subject"]
    with open_store() as store:
        (entry,) = store.register.entries(2026)
        assert entry.file_name == "cong-van.json" and entry.signer == "Nguyễn Văn A"
        assert entry.file_hash == hashlib.sha256(path.read_bytes()).hexdigest()
    assert cli.main(["register", "issue", str(path)]) == 2
    assert "đã có số 01" in capsys.readouterr().err
    second = _draft(tmp_path, subject="Lần hai")
    assert cli.main(["register", "issue", str(second), "--profile", "UBND xã Tân An", "--unit", "TP"]) == 0
    assert model.load(second).symbol == "UBND-TP"


def test_register_issue_refusals_change_nothing(home, tmp_path, capsys):
    path = _draft(tmp_path)
    before = path.read_bytes()
    assert cli.main(["register", "issue", str(path)]) == 2
    assert "Chưa có hồ sơ cơ quan nào" in capsys.readouterr().err
    with open_store() as store:
        party_profile(store)
        state_profile(store, "Khác")
        state_profile(store, "Khác nữa")
    assert cli.main(["register", "issue", str(path), "--profile", "Không có"]) == 2
    assert "Không có hồ sơ cơ quan “Không có”" in capsys.readouterr().err
    assert cli.main(["register", "issue", str(path)]) == 2
    assert "hãy chọn bằng --profile" in capsys.readouterr().err
    assert cli.main(["register", "issue", str(path), "--profile", "Huyện ủy Bình Minh"]) == 2
    assert "thuộc khối Nhà nước" in capsys.readouterr().err
    path.write_text("{ hỏng", encoding="utf-8")
    assert cli.main(["register", "issue", str(path), "--profile", "Khác"]) == 2
    path.write_bytes(before)
    with pytest.raises(SystemExit) as exc:
        cli.main(["register", "issue", str(path), "--date", "30/02/2026"])
    assert exc.value.code == 2 and "không phải ngày hợp lệ" in capsys.readouterr().err
    assert path.read_bytes() == before
    with open_store() as store:
        assert store.register.entries() == []


def test_register_list_cancel_and_export(home, tmp_path, capsys):
    with open_store() as store:
        profile = state_profile(store)
        store.register.issue(profile.id, "cong_van", on=dt.date(2025, 5, 1), subject="Năm trước")
        entry = store.register.issue(profile.id, "ke_hoach", on=dt.date(2026, 5, 1), subject="Kế hoạch")
    assert cli.main(["register", "list", "--year", "2026"]) == 0
    out = capsys.readouterr().out
    assert "01/KH-UBND" in out and "Kế hoạch" in out and "Năm trước" not in out
    assert cli.main(["register", "cancel", str(entry.id), "--reason", "Trùng nội dung"]) == 0
    assert "không được cấp lại" in capsys.readouterr().out
    assert cli.main(["register", "list"]) == 0
    assert "[ĐÃ HỦY: Trùng nội dung]" in capsys.readouterr().out
    assert cli.main(["register", "list", "--year", "1999"]) == 0
    assert "chưa có văn bản nào trong năm 1999" in capsys.readouterr().out
    assert cli.main(["register", "export", str(tmp_path / "so.csv"), "--year", "2025"]) == 0
    rows = list(csv.reader(io.StringIO((tmp_path / "so.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert [r[4] for r in rows[1:]] == ["Năm trước"]
    assert cli.main(["register", "cancel", "999", "--reason", "x"]) == 2


def test_data_export_import_backup_restore(home, tmp_path, capsys, backend, monkeypatch):
    with open_store() as store:
        store.addressbook.add(Recipient("Đảng ủy xã Tân An", "ĐU xã"))
    assert cli.main(["data", "export", str(tmp_path / "dl.json")]) == 0
    assert cli.main(["data", "export", str(tmp_path / "dl.csv")]) == 0
    assert "dl.danh-sach.csv" in capsys.readouterr().out
    assert cli.main(["data", "backup", str(tmp_path / "sl.sqlite3")]) == 0
    with open_store() as store:
        store.addressbook.add(Recipient("Sau sao lưu"))
    if backend == "postgres":  # the server's backup is restored into this PC's own store
        monkeypatch.delenv(ENV_DATABASE)
    assert cli.main(["data", "restore", str(tmp_path / "sl.sqlite3")]) == 0
    assert "Đã khôi phục" in capsys.readouterr().out
    with open_store() as store:
        assert [r.name for r in store.addressbook.entries()] == ["Đảng ủy xã Tân An"]
    assert cli.main(["data", "import", str(tmp_path / "dl.json")]) == 0
    assert "cập nhật 1" in capsys.readouterr().out
    (tmp_path / "bad.csv").write_text("Tên đầy đủ,Hiệu lực từ ngày\nA,hôm nay\n", encoding="utf-8")
    assert cli.main(["data", "import", str(tmp_path / "bad.csv")]) == 2
    assert "dòng 2, cột “Hiệu lực từ ngày”" in capsys.readouterr().err
    assert cli.main(["data", "restore", str(tmp_path / "bad.csv")]) == 2
    assert cli.main(["data", "export", str(tmp_path / "x.docx")]) == 2
    with open_store() as store:
        assert store.addressbook.count() == 1


def test_commands_run_without_a_display_and_print_the_recovery_notice(home, tmp_path):
    paths.database_file().write_bytes(b"garbage" * 100)
    result = run_python("import sys; from dnnd_drafter.cli import entry as cli; sys.exit(cli.main(sys.argv[1:]))",
                        "register", "list")
    assert result.returncode == 0, result.stderr
    assert "Không dùng được cơ sở dữ liệu" in result.stderr and "chưa có văn bản nào" in result.stdout
    help_text = run_python("import sys; from dnnd_drafter.cli import entry as cli; sys.exit(cli.main(sys.argv[1:]))",
                           "register", "issue", "--help")
    assert "Cấp số tiếp theo" in help_text.stdout
