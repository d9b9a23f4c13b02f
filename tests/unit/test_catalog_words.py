"""The directive catalog reads like the letters it feeds: ``catalog show`` names its source in
words (no internal sample id), and every text uses “ ” quotes, as the letters do."""

from __future__ import annotations

import re

from dnnd_drafter.catalog import get_directive
from dnnd_drafter.catalog.importer import import_text
from dnnd_drafter.cli.entry import main


def test_catalog_show_names_the_source_without_an_internal_id(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DNND_DRAFTER_HOME", str(tmp_path))
    assert main(["catalog", "show", "12-CT/TW", "--variants"]) == 0
    out = capsys.readouterr().out
    assert "Nguồn: Toàn văn Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư" in out
    assert "seed" not in out and not re.search(r"\b\d{3}_[0-9a-f]{8,}", out)


def test_every_shipped_text_uses_curly_quotes() -> None:
    directive = get_directive("12-CT/TW")
    texts = [directive.subject, directive.lead_in, *directive.implementation]
    for task in directive.tasks:
        texts += [task.title, task.text, *task.variants.values()]
    for variant in directive.implementation_variants.values():
        texts += list(variant)
    assert not [t for t in texts if '"' in t]
    assert "“chủ động, linh hoạt, sáng tạo, hiệu quả”" in directive.task(2).text


def test_an_imported_directive_gets_curly_quotes() -> None:
    text = "\n".join(["BAN BÍ THƯ", "Số 99-CT/TW", "Hà Nội, ngày 02 tháng 3 năm 2023", "CHỈ THỊ",
                      "về công tác thử", "II- Ban Bí thư yêu cầu:",
                      '1. Thực hiện theo phương châm "chủ động, linh hoạt".', "2. Tuyên truyền."])
    task = import_text(text).directive.tasks[0]
    assert task.text == "Thực hiện theo phương châm “chủ động, linh hoạt”."
