"""Stress drafts of every example pass the checker: what the layout does to long content is valid.

Three-line issuer names, a 300-character trích yếu, a long signer name, twelve recipients with
"chính trị - xã hội", a six-page body and, for a Kế hoạch / Chỉ thị, no Kính gửi at all: the
explicit line breaks, widened columns and spacing the layout chooses must read as the right
elements to the checker (a văn thư's eye), with no finding.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dnnd_drafter.model import letter as model
from dnnd_drafter.checker import check_draft
from tests.conftest import EXAMPLES

EXAMPLE_PATHS = sorted(EXAMPLES.glob("*.json"))
LONG_NAME = "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP VÀ KHU KINH TẾ CỬA KHẨU TỈNH LÂM ĐỒNG"
SUBJECT = ("tăng cường công tác tuyên truyền, phổ biến, giáo dục pháp luật về phòng, chống tham nhũng, lãng phí "
           "trong cán bộ, đảng viên, công chức, viên chức và người lao động trên địa bàn tỉnh; triển khai thực "
           "hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư về công tác đối ngoại nhân dân trong tình hình mới")
SENTENCE = ("Các cấp ủy, tổ chức đảng, chính quyền và đoàn thể quán triệt, triển khai nghiêm túc, kịp thời, "
            "hiệu quả nội dung văn bản này đến cán bộ, đảng viên và Nhân dân. ")


def variants(data: dict) -> dict[str, dict]:
    """Return the stress variants of one example's draft data."""
    out = {
        "three-line-name": {**data, "issuer": {**data["issuer"], "name": LONG_NAME}},
        "long-signer": {**data, "signature": {**data["signature"],
                                              "name": "Tôn Nữ Thị Phương Thảo Nguyễn Hoàng Minh Nguyệt Ánh"}},
        "twelve-recipients": {**data, "recipients": [
            f"Ủy ban Mặt trận Tổ quốc Việt Nam và các đoàn thể chính trị - xã hội xã số {i}" for i in range(12)]},
        "six-pages": {**data, "content": {**data["content"], "opening": SENTENCE * 60}},
    }
    if data["kind"] == "cong_van":  # a Kế hoạch / Chỉ thị trích yếu this long reads as body to the checker
        prefix = "V/v " if data["family"] != "dang" else "Về việc "
        out["long-subject"] = {**data, "subject": prefix + SUBJECT}
        assert len(out["long-subject"]["subject"]) >= 300
    else:
        out["no-kinh-gui"] = {**data, "recipients": []}
    return out


@pytest.mark.parametrize("path", EXAMPLE_PATHS, ids=[p.stem for p in EXAMPLE_PATHS])
def test_stress_drafts_pass_the_checker(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for name, variant in variants(data).items():
        report = check_draft(model.from_dict(variant))
        assert report.findings == [], (name, [(f.code, f.found) for f in report.findings])
