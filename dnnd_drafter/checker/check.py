"""Run every rule on a .docx and return the report (no Qt; the wizard and the CLI call this).

``check_docx(path)`` checks a file made anywhere; ``check_draft(draft)`` lays the draft out,
writes it in memory with our .docx writer and checks those bytes, so the wizard's review step
lists exactly what the clerk would get.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dnnd_drafter.checker import rules_body, rules_choices, rules_header, rules_page, rules_signature
from dnnd_drafter.checker.context import Context, cite
from dnnd_drafter.checker.elements import detect_family, find_elements
from dnnd_drafter.checker.pages import PagesUnavailable, page_texts
from dnnd_drafter.checker.reader import CheckerFileError, open_package, read_source
from dnnd_drafter.checker.regions import build_page
from dnnd_drafter.checker.report import WARNING, Finding, Report
from dnnd_drafter.model.formats import CHOICES, DEFAULT_RULE_SETS, FamilyFormat, OfficeChoices, load_format
from dnnd_drafter.model.letter import FAMILIES, Draft
from dnnd_drafter.base.errors import DraftError
from dnnd_drafter.render import docx_bytes  # the checker reads what the writer gives

RULES: tuple[Callable[[Context], None], ...] = (
    rules_page.check_paper, rules_page.check_margins, rules_page.check_fonts,
    rules_header.check_motto, rules_header.check_issuer, rules_header.check_number,
    rules_header.check_date, rules_header.check_subject, rules_header.check_title,
    rules_body.check_recipients, rules_body.check_body,
    rules_signature.check_signature, rules_signature.check_cc,
    rules_page.check_page_numbers, rules_page.check_signature_page, rules_choices.check_choices,
)
FALLBACK_FAMILY = "nha_nuoc"


def _family(family: str | None) -> str | None:
    """Return `family` checked against the known families."""
    if family is None or family == "":
        return None
    if family not in FAMILIES:
        raise CheckerFileError(f"“{family}” không phải khối văn bản đã biết; dùng một trong: "
                               + ", ".join(FAMILIES) + ".")
    return family


def _with_choices(family: str, rule_set: str, choices: OfficeChoices | None, choices_from: str) -> FamilyFormat:
    """Return the family's figures with the office's `choices`, refusing one the family does not offer."""
    fmt = load_format(family, rule_set)
    try:
        return fmt.with_choices(choices if choices_from else None)
    except DraftError as exc:
        raise CheckerFileError(f"Lựa chọn của {choices_from} không dùng được cho khối {FAMILIES[family]}: "
                               f"{exc.message}") from None


def check_bytes(data: bytes, family: str | None = None, rule_set: str = "", pages: bool = False,
                name: str = "", choices: OfficeChoices | None = None, choices_from: str = "") -> Report:
    """Return the report of the .docx held in `data`.

    `choices` are the office's settings (list punctuation, ``./.``, Nơi nhận label) and
    `choices_from` says whose they are (``hồ sơ “Huyện ủy Cát Tiên”``); without them the letter is
    measured against the family's default, and the report says which it assumed.
    """
    family = _family(family)
    package = open_package(data, name or None)
    page = build_page(package)
    detected = detect_family(page)
    chosen = family or detected or FALLBACK_FAMILY
    choices_from = choices_from if choices is not None else ""
    fmt = _with_choices(chosen, rule_set, choices, choices_from)
    ctx = Context(page=page, fmt=fmt, found=find_elements(page, fmt), pages_requested=pages,
                  choices_from=choices_from)
    if family is None and detected is None:
        ctx.findings.append(Finding(
            "family.unknown", WARNING, "Khối văn bản",
            "không nhận ra khối văn bản từ phần đầu (không thấy tiêu đề hay quốc hiệu)",
            "phần đầu có “ĐẢNG CỘNG SẢN VIỆT NAM”, “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” hoặc "
            "“ĐOÀN TNCS HỒ CHÍ MINH”; đã kiểm tra theo khối Nhà nước, dùng --family để chọn",
            cite(fmt.header["source"])))
    elif family and detected and detected != family:
        ctx.findings.append(Finding(
            "family.mismatch", WARNING, "Khối văn bản",
            f"phần đầu giống khối {FAMILIES[detected]}", f"văn bản của khối {FAMILIES[family]} (đã chọn)",
            cite(fmt.header["source"])))
    if pages:
        try:
            ctx.page_texts = page_texts(data)
        except PagesUnavailable as exc:
            ctx.pages_error = str(exc)
    for rule in RULES:
        rule(ctx)
    report = Report(family=chosen, rule_set=fmt.rule_set, findings=ctx.findings, name=name,
                    family_detected=family is None and detected is not None,
                    pages=len(ctx.page_texts) if ctx.page_texts is not None else None,
                    choices=_assumed(fmt, choices_from))
    if not pages:
        report.notes.append("Chưa kiểm tra khối chữ ký có bị tách sang trang riêng không "
                            "(cần LibreOffice; dùng --pages).")
    return report


def _assumed(fmt: FamilyFormat, choices_from: str) -> dict[str, str]:
    """Return the office choices a check measured against and whose they are (``from``)."""
    words = {name: rules_choices.describe(name, rules_choices._chosen_in(fmt, name)) for name in CHOICES}
    return {"from": choices_from or f"mặc định của khối {FAMILIES[fmt.family]}", **words}


def check_docx(path: str | Path, family: str | None = None, pages: bool = False, rule_set: str = "",
               choices: OfficeChoices | None = None, choices_from: str = "") -> Report:
    """Return the report of the .docx file at `path`; raise CheckerFileError when it cannot be read."""
    data = read_source(Path(path), str(path))
    return check_bytes(data, family, rule_set, pages, name=str(path), choices=choices, choices_from=choices_from)


def check_draft(draft: Draft, pages: bool = False) -> Report:
    """Return the report of the letter the draft in progress would give."""
    data = docx_bytes(draft)
    return check_bytes(data, draft.family, draft.rule_set or DEFAULT_RULE_SETS[draft.family], pages,
                       choices=draft.choices, choices_from="bản thảo (theo hồ sơ cơ quan)")
