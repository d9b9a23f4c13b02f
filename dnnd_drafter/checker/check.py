"""Run every rule on a .docx and return the report (no Qt; the wizard and the CLI call this).

``check_docx(path)`` checks a file made anywhere; ``check_draft(draft)`` lays the draft out,
writes it in memory with our .docx writer and checks those bytes, so the wizard's review step
lists exactly what the clerk would get.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dnnd_drafter.checker import rules_body, rules_header, rules_page, rules_signature
from dnnd_drafter.checker.context import Context, cite
from dnnd_drafter.checker.elements import detect_family, find_elements
from dnnd_drafter.checker.pages import PagesUnavailable, page_texts
from dnnd_drafter.checker.reader import CheckerFileError, open_package, read_source
from dnnd_drafter.checker.regions import build_page
from dnnd_drafter.checker.report import WARNING, Finding, Report
from dnnd_drafter.layout.formats import DEFAULT_RULE_SETS, load_format
from dnnd_drafter.model.letter import FAMILIES, Draft

RULES: tuple[Callable[[Context], None], ...] = (
    rules_page.check_paper, rules_page.check_margins, rules_page.check_fonts,
    rules_header.check_motto, rules_header.check_issuer, rules_header.check_number,
    rules_header.check_date, rules_header.check_subject, rules_header.check_title,
    rules_body.check_recipients, rules_body.check_body,
    rules_signature.check_signature, rules_signature.check_cc,
    rules_page.check_page_numbers, rules_page.check_signature_page,
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


def check_bytes(data: bytes, family: str | None = None, rule_set: str = "", pages: bool = False,
                name: str = "") -> Report:
    """Return the report of the .docx held in `data`."""
    family = _family(family)
    package = open_package(data, name or None)
    page = build_page(package)
    detected = detect_family(page)
    chosen = family or detected or FALLBACK_FAMILY
    fmt = load_format(chosen, rule_set)
    ctx = Context(page=page, fmt=fmt, found=find_elements(page, fmt), pages_requested=pages)
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
                    pages=len(ctx.page_texts) if ctx.page_texts is not None else None)
    if not pages:
        report.notes.append("Chưa kiểm tra khối chữ ký có bị tách sang trang riêng không "
                            "(cần LibreOffice; dùng --pages).")
    return report


def check_docx(path: str | Path, family: str | None = None, pages: bool = False, rule_set: str = "") -> Report:
    """Return the report of the .docx file at `path`; raise CheckerFileError when it cannot be read."""
    data = read_source(Path(path), str(path))
    return check_bytes(data, family, rule_set, pages, name=str(path))


def check_draft(draft: Draft, pages: bool = False) -> Report:
    """Return the report of the letter the draft in progress would give."""
    from dnnd_drafter.render import docx_bytes  # the checker reads what the writer gives

    data = docx_bytes(draft)
    return check_bytes(data, draft.family, draft.rule_set or DEFAULT_RULE_SETS[draft.family], pages)
