"""Rules on the page as a whole: paper, margins, fonts, page numbers, the signature's page."""

from __future__ import annotations

import re

from dnnd_drafter.checker.context import MM_TOLERANCE, SIZE_TOLERANCE_PT, Context, accepted, mm, pt, quote, sizes, span
from dnnd_drafter.checker.page_estimate import estimated_pages
from dnnd_drafter.checker.paragraphs import Para, Run
from dnnd_drafter.checker.styles import FONT_SLOTS
from dnnd_drafter.model.vietnamese import fold

SIDES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def check_paper(ctx: Context) -> None:
    """Paper A4 portrait (``page.size``)."""
    sec, page = ctx.page.section, ctx.fmt.page
    want_w, want_h = float(page["width_mm"]), float(page["height_mm"])
    if not sec.width_mm:
        return
    if abs(sec.width_mm - want_w) > 1 or abs(sec.height_mm - want_h) > 1:
        how = "khổ ngang" if sec.width_mm > sec.height_mm else "khổ giấy"
        ctx.add("page.size", "Khổ giấy", f"{how} {mm(sec.width_mm)} × {mm(sec.height_mm)}",
                f"A4 đứng {mm(want_w)} × {mm(want_h)}", page["source"])


def check_margins(ctx: Context) -> None:
    """Margins inside the family's range (``page.margins``: ``left_mm`` … ``left_mm_max`` in the format file)."""
    sec = ctx.page.section
    if not sec.width_mm:
        return
    ranges = {side: ctx.fmt.margin_range(side) for side in SIDES}
    bad = [side for side, rng in ranges.items() if not rng.holds(getattr(sec, f"{side}_mm"), MM_TOLERANCE)]
    if bad:
        found = ", ".join(f"{SIDES[side]} {mm(getattr(sec, f'{side}_mm'))}" for side in bad)
        want = ", ".join(f"{SIDES[side]} {span(rng, 'mm')}" for side, rng in ranges.items())
        ctx.add("page.margins", "Lề trang", "lề " + found, "lề " + want, ranges[bad[0]].source,
                allowed=tuple(accepted(side, rng, "mm") for side, rng in ranges.items()))


def _shown_runs(ctx: Context) -> list[tuple[Para, Run]]:
    """Return every visible run of the body, with its paragraph."""
    return [(p, r) for p in ctx.page.paragraphs for r in p.runs if r.text.strip()]


def check_fonts(ctx: Context) -> None:
    """Times New Roman on the Latin slots (``font.family``) and on every slot (``font.slots``)."""
    want = ctx.fmt.font
    wrong: dict[str, list[str]] = {}
    slots: dict[str, set[str]] = {}
    for _para, run in _shown_runs(ctx):
        names = {slot: run.fmt.font(slot) for slot in FONT_SLOTS}
        bad = {slot: name or "(không đặt, tùy máy)" for slot, name in names.items()
               if (name or "").strip().lower() != want.lower()}
        latin = [bad[s] for s in ("ascii", "hAnsi") if s in bad]
        if latin:
            wrong.setdefault(latin[0], []).append(run.text)
            continue
        for slot, shown in bad.items():
            slots.setdefault(slot, set()).add(shown)
    if wrong:
        parts = [f"{name} ({quote(' '.join(texts), 40)})" for name, texts in wrong.items()]
        ctx.add("font.family", "Phông chữ", "dùng phông " + "; ".join(parts), f"phông {want} cho mọi chữ",
                ctx.source("font"))
    if slots:
        parts = [f"{slot}: {', '.join(sorted(names))}" for slot, names in slots.items()]
        ctx.warn("font.slots", "Phông chữ (các ô phông)", "ô phông khác: " + "; ".join(parts),
                 f"{want} trên cả bốn ô phông (ascii, hAnsi, eastAsia, cs) để chữ Việt không bị thay phông",
                 ctx.source("font"))


def _page_fields(paras: list[Para]) -> list[Para]:
    """Return the paragraphs of `paras` that hold a PAGE field."""
    return [p for p in paras if any(re.match(r"^\s*PAGE\b", f.strip(), re.IGNORECASE) for f in p.fields)]


def check_page_numbers(ctx: Context) -> None:
    """PAGE field top centre from page 2 on, none on page 1 (``page_number.*``)."""
    sec, parts = ctx.page.section, ctx.page.parts
    style = ctx.fmt.style("page_number")
    default = _page_fields(parts.get(sec.headers.get("default", ""), []))
    first = _page_fields(parts.get(sec.headers.get("first", ""), [])) if sec.title_page else default
    footer = [p for kind in ("default", "first") for p in _page_fields(parts.get(sec.footers.get(kind, ""), []))]
    element = "Số trang"
    if footer and not default:
        ctx.add("page_number.position", element, "số trang đặt ở chân trang",
                "số trang ở giữa, phía trên (lề trên), từ trang 2", style.source)
        return
    pages = len(ctx.page_texts) if ctx.page_texts is not None else None
    counted = f"; văn bản có {pages} trang" if pages else ""
    if pages is None and (estimate := estimated_pages(ctx.page)) > 1:  # no LibreOffice: the metrics tell
        pages, counted = estimate, f"; văn bản dài ít nhất {estimate} trang (ước tính theo khổ giấy và cỡ chữ)"
    if not default:
        if pages == 1:
            return
        found = "không có trường số trang (PAGE)" + counted
        expected = "số trang ở giữa, phía trên, từ trang thứ 2 (cần khi văn bản dài hơn 1 trang)"
        if pages:
            ctx.add("page_number.missing", element, found, expected, style.source)
        else:
            ctx.warn("page_number.missing", element, found, expected, style.source)
        return
    if first:
        ctx.add("page_number.first_page", element, "trang 1 cũng hiện số trang",
                "không hiện số trang ở trang 1 (bật “Trang đầu khác”)", style.source)
    para = default[0]
    if para.fmt.align != "center":
        ctx.add("page_number.position", element, f"số trang căn {ALIGN_VN.get(para.fmt.align, para.fmt.align)}",
                "số trang căn giữa, phía trên", style.source)
    rng = style.size_range
    shown = sizes(para.runs) or ([para.mark.size] if para.mark and para.mark.size else [])
    bad = [s for s in shown if not rng.holds(s, SIZE_TOLERANCE_PT)]
    if bad:
        ctx.add("page_number.size", element, "cỡ chữ " + ", ".join(pt(s) for s in bad),
                f"cỡ chữ {span(rng, 'pt')}", rng.source, allowed=(accepted("page_number", rng, "pt"),))


ALIGN_VN = {"left": "trái", "right": "phải", "center": "giữa", "justify": "đều hai bên"}


def _squash(text: str) -> str:
    """Return `text` folded with spaces and punctuation removed, for matching across line breaks."""
    return re.sub(r"[^0-9a-z]+", "", fold(text))


def check_signature_page(ctx: Context) -> None:
    """The signature block never alone on the last page (``signature.alone``, ``signature.pages_unknown``)."""
    if not ctx.pages_requested:
        return
    source = ctx.source("pages")
    if ctx.page_texts is None:
        ctx.warn("signature.pages_unknown", "Khối chữ ký", f"không kiểm tra được số trang: {ctx.pages_error}",
                 "khối chữ ký không bị tách riêng sang một trang", source)
        return
    if len(ctx.page_texts) < 2 or not ctx.found.body:
        return
    tail = _squash(" ".join(ctx.found.body[-1].text.split()[-6:]))
    last = _squash(ctx.page_texts[-1])
    if tail and tail not in last:
        ctx.add("signature.alone", "Khối chữ ký",
                f"trang cuối (trang {len(ctx.page_texts)}) chỉ có khối chữ ký và nơi nhận, không có dòng nội dung nào",
                "khối chữ ký đi liền đoạn nội dung cuối, không đứng riêng một trang", source, "content")
