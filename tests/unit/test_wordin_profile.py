"""Test ``--profile`` on ``from-docx`` and ``fix``: the office profile fills what the letter does not state."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.cli.entry import main
from dnnd_drafter.store import Profile, Signer, Store
from tests.unit import wordin_corpus as corpus
from tests.unit.store_fixtures import home, state_profile, store  # noqa: F401 - fixtures


@pytest.fixture
def office(store: Store) -> str:  # noqa: F811 - the fixture of the same name
    """Return the name of a State profile with a default signer."""
    profile = state_profile(store)
    store.profiles.save_signer(Signer(profile.id, "Trần Văn Bình", "PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH",
                                      is_default=True))
    store.close()
    return profile.name


def _saved(document) -> bytes:
    """Return the bytes of a python-docx document."""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_text_without_header_gets_the_offices_header_place_symbol_cc_and_signer(
        office: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = docx.Document()
    for text in ("Kính gửi: Các phòng, ban chuyên môn", "Đề nghị các phòng báo cáo kết quả công tác tháng 5."):
        document.add_paragraph(text)
    source, target = tmp_path / "nháp.docx", tmp_path / "nháp.json"
    source.write_bytes(_saved(document))
    assert main(["from-docx", str(source), "-o", str(target), "--profile", office]) == 0
    draft = model.load(target)
    assert (draft.family, draft.issuer.parent, draft.issuer.name) == (
        "nha_nuoc", "UBND HUYỆN BÌNH MINH", "ỦY BAN NHÂN DÂN XÃ TÂN AN")
    assert (draft.place, draft.symbol, draft.cc) == ("Tân An", "UBND-VP", ["Như trên", "Lưu: VT, VP"])
    sig = draft.signature
    assert (sig.authority, sig.body, sig.position, sig.name) == ("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình")
    assert "Lấy từ hồ sơ" in capsys.readouterr().out


def test_a_text_without_header_and_without_profile_exits_2_and_names_the_way_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = docx.Document()
    document.add_paragraph("Đề nghị các phòng báo cáo kết quả công tác tháng 5.")
    source = tmp_path / "nháp.docx"
    source.write_bytes(_saved(document))
    assert main(["from-docx", str(source), "-o", str(tmp_path / "nháp.json")]) == 2
    err = capsys.readouterr().err
    assert "phần đầu" in err and "--profile" in err and "Traceback" not in err
    assert not (tmp_path / "nháp.json").exists()


def test_the_letters_own_parts_stay_and_only_the_missing_signer_comes_from_the_profile(
        office: str, tmp_path: Path) -> None:
    letter = next(x for x in corpus.hand_letters() if x.name == "hand_table_state")
    document = docx.Document(io.BytesIO(letter.data))
    cell = document.tables[-1].cell(0, 1)
    cell.paragraphs[-1].text = ""        # the signer's name left out
    source, target = tmp_path / "ubnd.docx", tmp_path / "ubnd - sửa.docx"
    source.write_bytes(_saved(document))
    assert main(["fix", str(source), "-o", str(target), "--profile", office]) in (0, 1)
    from dnnd_drafter.wordin import read_letter

    fixed = read_letter(target).draft
    wanted = corpus.field_values(letter.expected)
    assert {k: v for k, v in corpus.field_values(fixed).items() if k != "signer"} == {
        k: v for k, v in wanted.items() if k != "signer"}      # no parent body added, nothing of the letter changed
    assert fixed.signature.name == "Trần Văn Bình"


def test_a_signature_of_another_position_gets_no_name_from_the_profile() -> None:
    from dnnd_drafter.wordin.profile import complete_from_profile

    draft = corpus.example("nha_nuoc_ubnd_tinh")
    draft.signature.authority, draft.signature.body, draft.signature.name = "TM.", "ỦY BAN NHÂN DÂN", ""
    signer = Signer(1, "Trần Văn Bình", "PHÓ CHỦ TỊCH", "KT.", "CHỦ TỊCH")
    profile = Profile("X", "nha_nuoc", "ỦY BAN NHÂN DÂN XÃ TÂN AN", abbreviation="UBND")
    assert complete_from_profile(draft, profile, signer) == []
    assert draft.signature.name == ""
