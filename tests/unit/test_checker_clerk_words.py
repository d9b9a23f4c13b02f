"""The checker speaks to a clerk: a very long recipient is still a recipient (not body text with
a wrong indent), an indent is told as "thụt vào"/"lùi ra", and a rule measured on a real letter
names that letter instead of an internal sample number."""

from __future__ import annotations

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.checker import check_bytes, check_draft
from dnnd_drafter.checker.context import cite
from tests.conftest import EXAMPLES
from tests.unit.test_checker_corpus import MUTATIONS, load_corpus_script

LONG = ("Các tổ chức cơ sở Đảng, các cơ quan, đơn vị, tổ chức chính trị - xã hội, doanh nghiệp nhà nước trên "
        "địa bàn huyện Cát Tiên có liên quan đến công tác đối ngoại nhân dân và hợp tác quốc tế, các hội quần "
        "chúng được giao nhiệm vụ")
JARGON = ("thụt -", "mẫu 0", "seed", "Real Party", "(mẫu")


@pytest.mark.parametrize("stem", ["dang_cat_tien_492", "nha_nuoc_ubnd_tinh"])
def test_a_very_long_recipient_among_others_is_no_finding(stem: str) -> None:
    assert len(LONG) > 200
    draft = model.load(EXAMPLES / f"{stem}.json").copy(recipients=["Ủy ban nhân dân huyện", LONG, "Mặt trận"])
    report = check_draft(draft)
    assert report.findings == [], report.text()


def test_an_indent_is_told_in_a_clerks_words() -> None:
    corpus = load_corpus_script()
    code, data = corpus.build((MUTATIONS["body_no_indent"],))["body_no_indent"]
    finding = check_bytes(data).findings[0]
    assert finding.code == code == "body.indent"
    assert "dòng đầu không thụt vào" in finding.found
    assert finding.expected.startswith("dòng đầu thụt vào 12,7 mm")
    assert not any(word in finding.found + finding.expected for word in JARGON)


def test_a_rule_from_a_real_letter_names_the_letter() -> None:
    source = cite("Real Party letters (seed 000): items end ',' and the last '.'; spec Part A")  # dang-2018.toml
    assert "492-CV/HU" in source and "Cát Tiên" in source
    assert not any(word in source for word in JARGON)
    assert "mẫu" not in cite("Spec Part A: bold, as in the real Cát Tiên letter (seed 000)")
