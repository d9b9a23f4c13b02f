"""Check the corpus: every example is clean, every broken copy gives exactly its one finding.

The corpus is built in memory once per session by ``scripts/make_checker_corpus.py`` (render
each example with our writer, then break one rule with python-docx).
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from dnnd_drafter.checker import ERROR, WARNING, check_bytes
from dnnd_drafter.checker.context import cite
from dnnd_drafter.model.formats import load_format
from dnnd_drafter.model import letter as model
from tests.conftest import EXAMPLES, REPO


def load_corpus_script() -> ModuleType:
    """Return the corpus script imported as a module."""
    name = "make_checker_corpus"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


CORPUS = load_corpus_script()
MUTATIONS = {m.name: m for m in CORPUS.MUTATIONS}
CLEAN = {m.name: m for m in CORPUS.CLEAN_VARIANTS}


@pytest.fixture(scope="session")
def corpus() -> dict[str, tuple[str, bytes]]:
    """Return the corpus: name → (expected code, .docx bytes)."""
    return CORPUS.build()


def office(stem: str) -> dict:
    """Return the office choices of example `stem` as the checker takes them (an office's profile)."""
    choices = model.load(EXAMPLES / f"{stem}.json").choices
    return {} if choices.is_default() else {"choices": choices, "choices_from": f"hồ sơ của ví dụ {stem}"}


@pytest.mark.parametrize("stem", CORPUS.example_stems())
def test_every_example_passes_with_no_finding(corpus: dict, stem: str) -> None:
    report = check_bytes(corpus[f"example_{stem}"][1], **office(stem))
    assert report.findings == [], report.text()
    assert report.family == model.load(EXAMPLES / f"{stem}.json").family and report.family_detected
    assert report.exit_status == 0


@pytest.mark.parametrize("stem", CORPUS.example_stems())
def test_the_family_given_on_the_command_line_wins_and_agrees(corpus: dict, stem: str) -> None:
    family = model.load(EXAMPLES / f"{stem}.json").family
    report = check_bytes(corpus[f"example_{stem}"][1], family=family, **office(stem))
    assert report.findings == [] and not report.family_detected


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_each_broken_copy_gives_exactly_its_finding(corpus: dict, name: str) -> None:
    code, data = corpus[name]
    report = check_bytes(data)
    assert report.codes() == [code], report.text()
    finding = report.findings[0]
    assert finding.severity in (ERROR, WARNING)
    assert finding.element and finding.found and finding.expected and finding.source
    assert report.family == MUTATIONS[name].family


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_formatting_inherited_from_styles_and_defaults_still_checks_clean(corpus: dict, name: str) -> None:
    report = check_bytes(corpus[name][1])
    assert report.findings == [], report.text()


def test_every_rule_of_the_checker_is_broken_by_some_copy() -> None:
    covered = {m.code for m in CORPUS.MUTATIONS}
    rules = {"page.size", "page.margins", "font.family", "font.slots", "page_number.missing",
             "page_number.first_page", "page_number.position", "motto.missing", "motto.text", "motto.column",
             "motto.size", "motto.rule", "issuer.case", "issuer.weight", "parent.case", "issuer.mark",
             "issuer.rule", "number.prefix", "number.pattern", "number.size", "date.zero_rule", "date.format",
             "date.italic", "subject.prefix", "subject.italic", "recipients.label", "recipients.punctuation",
             "recipients.layout", "body.align", "body.size", "body.indent", "body.spacing", "body.line_spacing",
             "authority.prefix", "authority.weight", "position.case", "signer.weight", "signer.case",
             "cc.label", "cc_label.underline", "cc_label.italic", "cc.punctuation", "cc.archive",
             "cc_item.size", "cc.missing", "title.size", "title.case", "doc_subject.weight", "doc_subject.rule"}
    assert rules <= covered


def test_findings_cite_the_family_format_sources(corpus: dict) -> None:
    report = check_bytes(corpus["thang_05"][1])
    assert report.findings[0].source == "NĐ 30/2020, Phụ lục I, mục II.4"
    assert report.findings[0].field == "date"
    report = check_bytes(corpus["body_13"][1])
    assert report.findings[0].source == cite(load_format("doan_tn").style("body").range_source) \
        == "HD 36-HD/VPTW, Phụ lục 3 (văn bản gốc)"
    assert "13 pt" in report.findings[0].found and report.findings[0].expected == "cỡ chữ 14–15 pt"
    report = check_bytes(corpus["margins_25mm"][1])
    assert report.findings[0].source == "HD 36-HD/VPTW (nguồn thứ cấp)"
    assert report.findings[0].expected == "lề trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm"
    report = check_bytes(corpus["kinh_gui_comma"][1])
    assert report.findings[0].source == "NĐ 30/2020, Phụ lục I, mục II.9d, V.8a (văn bản gốc)"


def test_a_broken_copy_checked_under_another_family_is_judged_by_that_family(corpus: dict) -> None:
    report = check_bytes(corpus["example_dang_cat_tien_492"][1], family="nha_nuoc")
    codes = set(report.codes())
    assert "family.mismatch" in codes and "number.prefix" in codes and "motto.missing" in codes
    assert report.exit_status == 1
