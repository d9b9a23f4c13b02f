"""Rules on the Kính gửi block and the body paragraphs."""

from __future__ import annotations

import re

from dnnd_drafter.checker.context import (EXAMPLES, Context, accepted, indent_words, mm, off_sizes, pt, quote,
                                          span)
from dnnd_drafter.checker.paragraphs import Para
from dnnd_drafter.checker.report import Accepted

DASH_SLACK_MM = 2.0        # dashes typed with spaces are placed from font metrics: allow this much
MULTI_LINE_CHARS = 80      # a body paragraph this long runs over several lines
INDENT_SLACK = 0.25        # share of the first-line indent (NĐ 30 allows 1 cm as well as 1.27 cm)
LINE_HEIGHT = 1.15         # single line spacing of Times New Roman, as a multiple of the size
ALIGN_VN = {"left": "căn trái", "right": "căn phải", "center": "căn giữa", "justify": "căn đều hai bên"}


def _items(block: list[Para]) -> tuple[str, list[str]]:
    """Return the label and the recipient texts of the Kính gửi block."""
    first = " ".join(block[0].text.split())
    match = re.match(r"^(Kính gửi\s*:?)\s*(.*)$", first, re.IGNORECASE)
    label, rest = (match.group(1), match.group(2)) if match else (first, "")
    items = ([rest] if rest else []) + [" ".join(p.text.split()) for p in block[1:]]
    return label, items


def check_recipients(ctx: Context) -> None:
    """Kính gửi: label with colon, one line or a dashed list, punctuation, aligned dashes, type."""
    conf, block = ctx.fmt.recipients, ctx.found.recipients
    element, source = "Kính gửi", conf["source"]
    if not block:
        if not ctx.found.titles and ctx.found.body:
            ctx.warn("recipients.missing", element, "không thấy dòng “Kính gửi:”",
                     "“Kính gửi:” và nơi nhận văn bản, trên phần nội dung", source, "recipients")
        return
    label, items = _items(block)
    if label.replace(" ", "") != conf["label"].replace(" ", ""):
        ctx.add("recipients.label", element, quote(label), f"“{conf['label']}” (có dấu hai chấm)", source, "recipients")
    several = len(items) > 1
    if several:
        undashed = [t for t in items if not re.match(r"^[-–]\s", t)]
        if undashed:
            ctx.add("recipients.layout", element, f"dòng không bắt đầu bằng “- ”: {quote(undashed[0], 40)}",
                    "nhiều nơi nhận: mỗi nơi một dòng, bắt đầu bằng “- ”", source, "recipients")
    elif items and conf["separator"] != "," and conf["separator"] in items[0].rstrip(conf["separator"] + conf["final"]):
        ctx.add("recipients.layout", element, f"nhiều nơi nhận trên một dòng: {quote(items[0], 50)}",
                "nhiều nơi nhận: mỗi nơi một dòng, bắt đầu bằng “- ”", source, "recipients")
    wrong = []
    separator = ctx.list_separator_in(items)
    for index, item in enumerate(items):
        want = conf["final"] if index == len(items) - 1 else separator
        if not item.endswith(want) or item.endswith(want * 2):
            wrong.append((item, want))
    if wrong:
        item, want = wrong[0]
        rule = (f"mỗi dòng kết thúc bằng “{separator}”, dòng cuối bằng “{conf['final']}”"
                if several else f"kết thúc bằng “{conf['final']}”")
        ctx.add("recipients.punctuation", element, f"{quote(item, 50)} (cần “{want}” ở cuối)"
                + (f" và {len(wrong) - 1} dòng khác" if len(wrong) > 1 else ""), rule, source, "recipients")
    if several and ctx.page.builder is not None:
        xs = []
        for para in block:
            dash = next((ln for ln in ctx.page.builder.pieces(para, ctx.page.section.text_width_mm)
                         if ln.text.startswith(("-", "–"))), None)
            if dash is not None:
                xs.append(dash.x0)
        if xs and max(xs) - min(xs) > DASH_SLACK_MM:
            ctx.warn("recipients.align", element, f"các dấu “-” lệch nhau {mm(max(xs) - min(xs))}",
                     "các dấu “-” thẳng hàng dưới dấu “-” đầu tiên", source, "recipients")
    ctx.check_style(block, "recipients", "recipients", element, "recipients", aspects=("size", "bold", "italic"))


def _body_paragraphs(ctx: Context) -> list[Para]:
    """Return the body paragraphs that show text (closing marks alone left out)."""
    return [p for p in ctx.found.body if p.text.strip() and p.text.strip() not in ("./.", "/.")]


def _finding(ctx: Context, code: str, bad: list[tuple[Para, str]], expected: str, source: str = "",
             allowed: tuple[Accepted, ...] = ()) -> None:
    """Record one body finding for the paragraphs in `bad` (paragraph, what is wrong)."""
    shown = "; ".join(f"{what} ở {quote(p.text, 40)}" for p, what in bad[:EXAMPLES])
    more = f" (và {len(bad) - EXAMPLES} đoạn khác)" if len(bad) > EXAMPLES else ""
    ctx.add(code, "Nội dung", f"{len(bad)} đoạn: {shown}{more}", expected,
            source or ctx.fmt.style("body").source, "content", allowed=allowed)


def check_body(ctx: Context) -> None:
    """Body: size, justified, first-line indent, spacing after, line spacing."""
    style = ctx.fmt.style("body")
    paras = _body_paragraphs(ctx)
    if not paras:
        return
    rng = style.size_range
    bad_size = [(p, ", ".join(pt(s) for s in off_sizes(p.runs, rng))) for p in paras if off_sizes(p.runs, rng)]
    if bad_size:
        _finding(ctx, "body.size", bad_size, f"cỡ chữ {span(rng, 'pt')}", rng.source,
                 (accepted("body", rng, "pt"),))
    long = [p for p in paras if len(p.text.strip()) >= MULTI_LINE_CHARS]
    bad_align = [(p, ALIGN_VN.get(p.fmt.align, p.fmt.align)) for p in long if p.fmt.align != style.align]
    if bad_align:
        _finding(ctx, "body.align", bad_align, ALIGN_VN.get(style.align, style.align))
    want = style.first_indent_mm
    bad_indent = [(p, indent_words(p.fmt.first_mm)) for p in long
                  if abs(p.fmt.first_mm - want) > want * INDENT_SLACK]
    if want and bad_indent:
        _finding(ctx, "body.indent", bad_indent, f"dòng đầu thụt vào {mm(want)} so với các dòng sau")
    gap = style.space_after_pt
    bad_gap = [(p, f"cách đoạn {p.fmt.before_pt + p.fmt.after_pt:g} pt") for p in long[:-1]
               if p.fmt.before_pt + p.fmt.after_pt < gap - 0.5]
    if gap and bad_gap:
        _finding(ctx, "body.spacing", bad_gap, f"cách đoạn tối thiểu {pt(gap)}")
    bad_line = [(p, _line_text(p)) for p in long if not _line_ok(p, rng.low, rng.high)]
    if bad_line:
        want_line = f"giãn dòng đúng {pt(style.line_exact_pt)}" if style.line_exact_pt else "giãn dòng đơn"
        _finding(ctx, "body.line_spacing", bad_line, f"{want_line} (cho phép từ dòng đơn đến 1,5 dòng)")


def _line_ok(para: Para, low: float, high: float) -> bool:
    """Return whether the line spacing of `para` lies between single and 1.5 lines of a size in `low`–`high`."""
    fmt = para.fmt
    if fmt.line_rule == "auto":
        return 0.99 <= fmt.line_value <= 1.51
    return low - 0.5 <= fmt.line_value <= high * LINE_HEIGHT * 1.5 + 0.5


def _line_text(para: Para) -> str:
    """Return the line spacing of `para` as Vietnamese text."""
    fmt = para.fmt
    if fmt.line_rule == "auto":
        return f"giãn {fmt.line_value:g} dòng".replace(".", ",")
    return ("giãn đúng " if fmt.line_rule == "exact" else "giãn tối thiểu ") + pt(fmt.line_value)
