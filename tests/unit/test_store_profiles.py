"""Test organisation profiles, signers, numbering periods and number symbols."""

from __future__ import annotations

import datetime as dt

import pytest

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import Profile, Signer
from tests.unit.store_fixtures import home, party_profile, state_profile  # noqa: F401 - fixtures
from tests.unit.pg_fixtures import pg_cluster, server_url, shared_store as store  # noqa: F401 - both backends

D = dt.date


def test_profiles_round_trip_and_several_per_database(store):
    state = state_profile(store)
    party = party_profile(store)
    store.profiles.save(Profile("Đoàn xã", "doan_tn", "ĐOÀN XÃ"))
    assert [p.name for p in store.profiles.all()] == ["Đoàn xã", "Huyện ủy Bình Minh", "UBND xã Tân An"]
    loaded = store.profiles.get(state.id)
    assert loaded == state and loaded.unit_abbreviations == ["VP"] and loaded.archive_line == "Lưu: VT, VP"
    assert store.profiles.by_name("Huyện ủy Bình Minh").term_end == D(2025, 10, 14)
    party.default_place = "Thị xã Bình Minh"
    store.profiles.save(party)
    assert store.profiles.get(party.id).default_place == "Thị xã Bình Minh"


def test_symbols_follow_each_family():
    state = Profile("s", "nha_nuoc", "UBND", abbreviation="UBND", unit_abbreviations=["VP", "TP"])
    assert state.symbol_for("cong_van") == "UBND-VP"
    assert state.symbol_for("cong_van", "TP") == "UBND-TP"
    assert state.symbol_for("ke_hoach") == "KH-UBND"
    party = Profile("p", "dang", "HUYỆN ỦY", abbreviation="HU")
    assert party.symbol_for("cong_van") == "CV/HU" and party.symbol_for("chi_thi") == "CT/HU"
    youth = Profile("y", "doan_tn", "ĐOÀN", abbreviation="HĐTN", unit_abbreviations=["VP"])
    assert youth.symbol_for("cong_van") == "CV/HĐTN-VP"


def test_numbering_periods():
    state = Profile("s", "nha_nuoc", "UBND")
    assert state.numbering_period(D(2026, 5, 3)) == (D(2026, 1, 1), D(2026, 12, 31))
    party = Profile("p", "dang", "HU", term_start=D(2020, 10, 15), term_end=D(2025, 10, 14))
    assert party.numbering_period(D(2021, 1, 1)) == (D(2020, 10, 15), D(2025, 10, 14))
    with pytest.raises(UserDataError, match="ngoài nhiệm kỳ"):
        party.numbering_period(D(2025, 10, 15))
    with pytest.raises(UserDataError, match="chưa có nhiệm kỳ"):
        Profile("p", "dang", "HU").numbering_period(D(2021, 1, 1))


def test_profile_validation(store):
    with pytest.raises(UserDataError, match="Khối"):
        store.profiles.save(Profile("x", "quan_doi", "X"))
    with pytest.raises(UserDataError, match="chưa có tên cơ quan"):
        store.profiles.save(Profile("x", "dang", " "))
    with pytest.raises(UserDataError, match="kết thúc nhiệm kỳ"):
        store.profiles.save(Profile("x", "dang", "HU", term_start=D(2025, 1, 1), term_end=D(2020, 1, 1)))
    state_profile(store)
    with pytest.raises(UserDataError, match="Đã có hồ sơ"):
        state_profile(store)
    assert len(store.profiles.all()) == 1


def test_signers_with_authority_forms_per_family(store):
    party = party_profile(store)
    first = store.profiles.save_signer(Signer(party.id, "Trần Văn B", "PHÓ BÍ THƯ", "K/T", "BAN THƯỜNG VỤ"))
    second = store.profiles.save_signer(Signer(party.id, "Lê Thị C", "BÍ THƯ", "T/M", "BAN THƯỜNG VỤ",
                                               is_default=True))
    assert store.profiles.default_signer(party.id) == second
    store.profiles.save_signer(Signer(party.id, "Trần Văn B", "PHÓ BÍ THƯ", "K/T", "BAN THƯỜNG VỤ",
                                      is_default=True, id=first.id))
    assert [s.name for s in store.profiles.signers(party.id)] == ["Trần Văn B", "Lê Thị C"]
    with pytest.raises(UserDataError, match="không dùng cho khối Đảng"):
        store.profiles.save_signer(Signer(party.id, "X", authority="TM."))
    state = state_profile(store)
    store.profiles.save_signer(Signer(state.id, "Nguyễn Văn A", "CHỦ TỊCH", "TM.", "ỦY BAN NHÂN DÂN"))
    store.profiles.delete_signer(first.id)
    assert [s.name for s in store.profiles.signers(party.id)] == ["Lê Thị C"]
    store.profiles.delete(party.id)
    assert store.conn.execute("SELECT count(*) FROM signer").fetchone()[0] == 1


def test_a_profile_with_register_entries_cannot_be_deleted(store):
    state = state_profile(store)
    store.register.issue(state.id, "cong_van", on=D(2026, 1, 5))
    with pytest.raises(UserDataError, match="sổ văn bản đi"):
        store.profiles.delete(state.id)
