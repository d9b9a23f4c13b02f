"""Test ``server upload --skip-collisions``: what collides with the server's data stays behind and
is listed, everything else goes up, in one transaction (a failure half-way writes nothing)."""

from __future__ import annotations

import datetime as dt


from dnnd_drafter.cli import entry as cli
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store.lists import RecipientList
from dnnd_drafter.store import Signer, open_store
from dnnd_drafter.store import server_backup
from dnnd_drafter.store.server import ENV_DATABASE, connect
from tests.unit.pg_fixtures import pg_cluster, server_url  # noqa: F401 - fixtures
from tests.unit.store_fixtures import home, state_profile  # noqa: F401 - fixtures

D = dt.date


def _this_pc_then_server(server_url, monkeypatch):  # type: ignore[no-untyped-def]
    """Upload this PC's first data, then give it more; return (the entry already up, the new one)."""
    with open_store() as local:
        profile = state_profile(local)
        local.register.issue(profile.id, "cong_van", on=D(2026, 1, 5))
        known = local.addressbook.add(Recipient("Hội Nông dân xã", "Hội ND xã"))
        local.lists.save(RecipientList("Các hội", "noi_nhan", [known.id]))
    monkeypatch.setenv(ENV_DATABASE, server_url)
    assert cli.main(["server", "upload"]) == 0
    monkeypatch.delenv(ENV_DATABASE)
    with open_store() as local:  # later, on this PC: more data, some of it still the same as up there
        fresh = local.addressbook.add(Recipient("Hội Cựu chiến binh xã", "Hội CCB xã"))
        local.lists.save(RecipientList("Các hội mới", "noi_nhan", [known.id, fresh.id]))
        other = state_profile(local, "Văn phòng Đảng ủy xã Tân An")
        local.profiles.save_signer(Signer(other.id, "Lê Văn Cường", "CHÁNH VĂN PHÒNG", "TL.", "CHỦ TỊCH"))
        local.register.issue(other.id, "cong_van", on=D(2026, 2, 1))
        local.register.issue(profile.id, "cong_van", on=D(2026, 2, 2))
    monkeypatch.setenv(ENV_DATABASE, server_url)
    return known, fresh


def _server_rows(url: str, sql: str) -> list[tuple[object, ...]]:
    conn = connect(url)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_skip_collisions_uploads_the_rest_and_lists_what_stayed_behind(server_url, home, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    known, fresh = _this_pc_then_server(server_url, monkeypatch)
    capsys.readouterr()
    assert cli.main(["server", "upload"]) == 2  # without the option: refused, nothing written
    assert "chưa có gì được ghi" in capsys.readouterr().err
    assert _server_rows(server_url, "SELECT count(*) FROM recipient") == [(1,)]
    assert cli.main(["server", "upload", "--skip-collisions"]) == 0
    out = capsys.readouterr().out
    assert "Bỏ qua 3 mục trùng" in out, out
    for line in ("Hồ sơ cơ quan “UBND xã Tân An” đã có trên máy chủ", f"Địa chỉ “Hội Nông dân xã” (mã {known.uid})",
                 "Danh sách nơi nhận “Các hội” đã có trên máy chủ", "không chuyển 0 người ký và 2 số"):
        assert line in out, (line, out)
    assert "sổ địa chỉ: 1, danh sách nơi nhận: 1, sổ văn bản đi: 1" in out and "Hồ sơ cơ quan: 1, người ký: 1" in out
    with open_store() as store:
        assert sorted(p.name for p in store.profiles.all()) == ["UBND xã Tân An", "Văn phòng Đảng ủy xã Tân An"]
        assert store.addressbook.count() == 2  # the same code is the same entry: not twice
        assert store.lists.names("Các hội mới", D(2026, 3, 1)) == ["Hội ND xã", "Hội CCB xã"]
        assert store.lists.names("Các hội", D(2026, 3, 1)) == ["Hội ND xã"]
        numbers = sorted((e.profile_id, e.number) for e in store.register.entries())
    assert len(numbers) == 2 and len({p for p, _n in numbers}) == 2  # one number each, none doubled


def test_skip_collisions_is_still_one_transaction(server_url, home, monkeypatch, capsys):  # type: ignore[no-untyped-def]
    _this_pc_then_server(server_url, monkeypatch)
    before = {t: _server_rows(server_url, f"SELECT count(*) FROM {t}") for t in server_backup.SHARED_TABLES}
    real = server_backup._insert

    def fail_at_the_register(server, table, row):  # type: ignore[no-untyped-def]
        if table == "register_entry":
            raise server_backup.UserDataError("Mất kết nối với máy chủ dữ liệu giữa chừng (thử)")
        return real(server, table, row)

    monkeypatch.setattr(server_backup, "_insert", fail_at_the_register)
    assert cli.main(["server", "upload", "--skip-collisions"]) == 2
    assert "Mất kết nối" in capsys.readouterr().err
    assert {t: _server_rows(server_url, f"SELECT count(*) FROM {t}") for t in server_backup.SHARED_TABLES} == before
