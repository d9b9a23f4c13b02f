"""Lay out a draft: apply the family's figures to header, body, signature and Nơi nhận.

The result is one :class:`~dnnd_drafter.layout.blocks.LaidOutLetter` that the .docx writer,
the Qt painter and the tests all read. Every size, indent and spacing comes from the family's
format file; the only numbers here are unit conversions and neutral zeros.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dnnd_drafter.model.formats import FamilyFormat, Style, load_format, text_width_mm
from dnnd_drafter.layout.line_breaks import LINE_BREAK, SAFETY, balanced_lines
from dnnd_drafter.layout.blocks import Block, Grid, LaidOutLetter, PageSetup, Para, TextRun
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.model.drafting import symbol_for
from dnnd_drafter.model.vietnamese import NB_HYPHEN, date_line, pad_number, punctuate, upper

if TYPE_CHECKING:
    from dnnd_drafter.compose.markup import Block as MdBlock

DOC_TITLES = {"ke_hoach": "KẾ HOẠCH", "chi_thi": "CHỈ THỊ", "bao_cao": "BÁO CÁO"}
#: The pieces of the brace that joins a group of Nơi nhận lines to its note: top, middle, between, bottom.
BRACE = ("\u23ab", "\u23ac", "\u23aa", "\u23ad")
RULE_LINE_PT = 3.0  # height of the thin paragraph that carries a drawn line


def plain_hyphens(text: str) -> str:
    """Return `text` with non-breaking hyphens made plain, so ``12-CT/TW`` is found and copied as typed."""
    return text.replace(NB_HYPHEN, "-")


def _para(role: str, text: str, style: Style, **props: Any) -> Para:
    """Return a one-run paragraph of `text` in `style`."""
    run = TextRun(plain_hyphens(text), style.size, style.bold, style.italic, style.underline)
    return Para(role, (run,) if text else (), style.size, **{"align": style.align, **props})


def _rule(role: str, length_mm: float) -> Para:
    """Return a thin paragraph that carries a centred horizontal line of `length_mm`."""
    return Para(role, (), RULE_LINE_PT, align="center", line_exact_pt=RULE_LINE_PT, rule_mm=round(length_mm, 1))


def number_text(draft: Draft, fmt: FamilyFormat) -> str:
    """Return the number line: ``Số 492-CV/HU``, ``Số: 123/UBND-VP`` or the blank draft form."""
    number = draft.number.strip()
    if number and fmt.number.get("pad"):
        number = pad_number(number)
    return f"{fmt.number['prefix']}{number or fmt.number['blank']}{fmt.number['separator']}{symbol_for(draft, fmt)}"


def subject_lines(draft: Draft, fmt: FamilyFormat) -> list[str]:
    """Return the trích yếu of a công văn, line by line, with the family's prefix."""
    prefix = fmt.subject["prefix"]
    text = draft.subject.strip()
    if prefix and text and not text.lower().startswith(prefix.strip().lower()):
        text = prefix + text
    return [line for line in text.split("\n") if line.strip()]


def _header(draft: Draft, fmt: FamilyFormat) -> Grid:
    """Return the two-column header grid of the family."""
    hdr = fmt.header
    left: list[Para] = []
    column = float(hdr["left_width_mm"])
    for line in upper(draft.issuer.parent).split("\n"):  # each line the clerk typed, balanced on its own
        if line.strip():
            left.append(_para("parent", _balanced(line.strip(), column, fmt.style("parent")), fmt.style("parent")))
    issuer_style = fmt.style("issuer")
    for line in upper(draft.issuer.name).split("\n"):
        left.append(_para("issuer", _balanced(line, column, issuer_style), issuer_style))
    if hdr["issuer_rule_ratio"]:
        longest = max(text_width_mm(line, issuer_style.size, True)
                      for p in left if p.role == "issuer" for line in p.text.split(LINE_BREAK))
        left.append(_rule("issuer_rule", longest * hdr["issuer_rule_ratio"]))
    if hdr["issuer_mark"]:
        left.append(_para("issuer_mark", hdr["issuer_mark"], fmt.style("issuer_mark")))
    right: list[Para] = []
    for index, line in enumerate(hdr["motto"]):
        style = fmt.style(f"motto{index + 1}")
        right.append(_para(f"motto{index + 1}", line, style))
    last = fmt.style(f"motto{len(hdr['motto'])}")
    right.append(_rule("motto_rule", text_width_mm(hdr["motto"][-1], last.size, last.bold, last.italic)))
    number = [_para("number", number_text(draft, fmt), fmt.style("number"))]
    if draft.kind == "cong_van":
        lines = subject_lines(draft, fmt)
        style = fmt.style("subject")
        number += [_para("subject", _balanced(line, column, style), style, space_before_pt=6.0 if i == 0 else 0.0)
                   for i, line in enumerate(lines)]
    date = _para("place_date", date_line(draft.place, draft.date), fmt.style("place_date"),
                 space_before_pt=float(hdr["date_space_before_pt"]))
    widths = (hdr["left_width_mm"], hdr["right_width_mm"])
    if hdr["date_position"] == "number_row":
        return Grid("header", widths, ((tuple(left), tuple(right)), (tuple(number), (date,))))
    return Grid("header", widths, ((tuple(left + number), tuple(right + [date])),))


def _doc_title(draft: Draft, fmt: FamilyFormat) -> list[Para]:
    """Return the centred document title and trích yếu of a KẾ HOẠCH, CHỈ THỊ …"""
    title = fmt.style("doc_title")
    out = [_para("doc_title", DOC_TITLES[draft.kind], title, space_before_pt=title.size)]
    subject = fmt.style("doc_subject")
    out += [_para("doc_subject", _balanced(line, fmt.text_width_mm, subject), subject)
            for line in draft.subject.split("\n") if line.strip()]
    if fmt.subject.get("doc_subject_rule"):  # a line of its own under the trích yếu, not an underline of it
        out.append(replace(_rule("doc_subject_rule", fmt.subject["doc_rule_mm"]),
                           space_before_pt=float(fmt.subject["doc_rule_space_before_pt"])))
    return out


def _recipients(draft: Draft, fmt: FamilyFormat) -> list[Para]:
    """Return the Kính gửi block: one line for one recipient, a dashed list for several."""
    if not draft.recipients:
        return []
    style, conf = fmt.style("recipients"), fmt.recipients
    items = punctuate(draft.recipients, conf["separator"], conf["final"])
    gap = style.size
    if len(items) == 1:
        text = _careful(f"{conf['label']} {items[0]}", fmt.text_width_mm, style)
        return [_para("recipients", text, style, align=conf["single_align"],
                      space_before_pt=gap, space_after_pt=gap)]
    label_at = conf["label_indent_mm"]
    tab = label_at + text_width_mm(conf["label"] + "  ", style.size)
    dash = text_width_mm("- ", style.size)
    out: list[Para] = []
    for index, item in enumerate(items):
        first = index == 0
        item = _careful(item, fmt.text_width_mm - tab - dash, style)
        text = f"{conf['label']}\t- {item}" if first else f"- {item}"
        out.append(_para("recipients", text, style, align="left", left_mm=round(tab + dash, 2),
                         first_mm=round(label_at - tab - dash if first else -dash, 2), tab_mm=round(tab, 2),
                         space_before_pt=gap if first else 0.0,
                         space_after_pt=gap if index == len(items) - 1 else 0.0))
    return out


def _balanced(text: str, width_mm: float, style: Style) -> str:
    """Return `text` broken into even lines at phrase boundaries when it needs more than one."""
    return LINE_BREAK.join(balanced_lines(text, width_mm, style.size, style.bold, style.italic))


def _careful(text: str, width_mm: float, style: Style) -> str:
    """Return a Kính gửi entry with explicit line breaks where it wraps.

    Balanced at phrase boundaries as the real letters break it (``… Việt Nam`` / ``và các đoàn
    thể chính trị - xã hội huyện,``), never at the spaced hyphen, the same in every reader.
    """
    return _balanced(text, width_mm, style)


def _body(blocks: list[MdBlock], fmt: FamilyFormat) -> list[Para]:
    """Return the body paragraphs: justified, indented and spaced as the family says."""
    style = fmt.style("body")
    out: list[Para] = []
    for block in blocks:
        prefix = {"dash": "- ", "plus": "+ "}.get(block.kind, "")
        bold = block.kind == "heading"
        runs = ([TextRun(prefix, style.size)] if prefix else []) + [
            TextRun(plain_hyphens(r.text), style.size, r.bold or bold, r.italic) for r in block.runs]
        heading = bold or all(r.bold for r in block.runs if r.text.strip()) and bool(block.text.strip())
        out.append(Para("body", tuple(runs), style.size, align=style.align, first_mm=style.first_indent_mm,
                        space_after_pt=style.space_after_pt, line_exact_pt=style.line_exact_pt,
                        keep_next=heading))  # a heading or bold lead-in stays with its text
    return out


def _cc_notes(draft: Draft) -> tuple[dict[int, str], list[tuple[int, int, str]]]:
    """Return the notes on one Nơi nhận line (by 0-based line) and the groups (first, last, note).

    A note that names lines the list no longer has (a line removed in the wizard) is left out.
    """
    single: dict[int, str] = {}
    groups: list[tuple[int, int, str]] = []
    for note in draft.cc_notes:
        first, last = note.first - 1, note.last - 1
        if not 0 <= first <= last < len(draft.cc):
            continue
        if first == last:
            single[first] = note.text
        else:
            groups.append((first, last, note.text))
    return single, groups


def brace_piece(index: int, first: int, last: int) -> str:
    """Return the piece of the brace that line `index` of a group `first`–`last` carries."""
    middle = first + (last - first) // 2
    if index == first:
        return BRACE[0]
    if index == last:
        return BRACE[3]
    return BRACE[1] if index == middle else BRACE[2]


def _cc_items(draft: Draft, fmt: FamilyFormat, column_mm: float) -> list[Para]:
    """Return the Nơi nhận lines: punctuated, a line's note before its mark, a group's note by a brace."""
    style = fmt.style("cc_item")
    dash = text_width_mm("- ", style.size)
    single, groups = _cc_notes(draft)
    texts = [f"{item} {single[i]}" if i in single else item for i, item in enumerate(draft.cc)]
    items: list[list[Para]] = [[_para("cc_item", f"- {item}", style, align="left", left_mm=round(dash, 2),
                                      first_mm=round(-dash, 2))]
                               for item in punctuate(texts, fmt.cc["separator"], fmt.cc["final"])]
    for first, last, note in groups:
        items[first:last + 1] = _braced([i[0].text for i in items[first:last + 1]], note, column_mm, dash, style)
    return [para for item in items for para in item]


def _braced(items: list[str], note: str, column_mm: float, dash: float, style: Style) -> list[list[Para]]:
    """Return a group of Nơi nhận lines with the brace after each printed line and its note by the middle.

    The brace stands right after the widest line, the note inside the column; a line too long for
    the room left breaks in balanced lines, each a paragraph of its own (``cc_item_more`` under
    the text) carrying its piece of the brace, so every reader breaks it the same way.
    """
    room = column_mm - text_width_mm(f" {BRACE[1]} {note}", style.size) / SAFETY
    widest = max(text_width_mm(f"{t} ", style.size) / SAFETY for t in items)
    tab = round(min(widest, room), 2)
    lines = [balanced_lines(item, tab, style.size, style.bold, style.italic) for item in items]
    count = sum(len(item) for item in lines)
    out, row = [], 0
    for item in lines:
        paras = []
        for index, line in enumerate(item):
            text = f"{line}\t{brace_piece(row, 0, count - 1)}" + (f" {note}" if row == (count - 1) // 2 else "")
            role, first = ("cc_item", -dash) if index == 0 else ("cc_item_more", 0.0)
            paras.append(_para(role, text, style, align="left", left_mm=round(dash, 2), first_mm=round(first, 2),
                               tab_mm=tab))
            row += 1
        out.append(paras)
    return out


def _signature(draft: Draft, fmt: FamilyFormat) -> Grid:
    """Return the bottom grid: Nơi nhận on the left, the signature block on the right."""
    widths = _signature_widths(draft.signature.name, fmt)
    left: list[Para] = []
    if draft.cc:
        left.append(_para("cc_label", fmt.cc["label"], fmt.style("cc_label"), align="left"))
        left += _cc_items(draft, fmt, widths[0])
    sig = draft.signature
    right: list[Para] = []
    if sig.authority or sig.body:
        right.append(_para("authority", upper(f"{sig.authority} {sig.body}".strip()), fmt.style("authority")))
    if sig.position:
        right.append(_para("position", upper(sig.position), fmt.style("position")))
    signer = fmt.style("signer")
    right += [_para("signing_space", "", signer) for _ in range(fmt.signature["blank_lines"])]
    right.append(_para("signer", _balanced(sig.name, widths[1], signer), signer))
    return Grid("signature", widths, ((tuple(left), tuple(right)),), keep_together=True)


def _signature_widths(name: str, fmt: FamilyFormat) -> tuple[float, float]:
    """Return the Nơi nhận and signing column widths, the latter widened for a long signer name.

    The name takes width from the Nơi nhận column down to its minimum; a name still too long
    breaks into balanced lines (never "Nguyễn Thị" / "Minh Nguyệt" by chance).
    """
    left, right = float(fmt.signature["left_width_mm"]), float(fmt.signature["right_width_mm"])
    style = fmt.style("signer")
    need = text_width_mm(name, style.size, style.bold, style.italic) / SAFETY
    spare = left - float(fmt.signature["left_min_width_mm"])
    take = min(max(need - right, 0.0), max(spare, 0.0))
    return round(left - take, 2), round(right + take, 2)


def lay_out(draft: Draft, body_blocks: list[MdBlock]) -> LaidOutLetter:
    """Return the laid-out letter of `draft` whose body the caller composed into `body_blocks`.

    Layout never composes: :func:`dnnd_drafter.render.render` composes, then calls this.
    """
    fmt = load_format(draft.family, draft.rule_set).with_choices(draft.choices)
    blocks: list[Block] = [_header(draft, fmt)]
    recipients = _recipients(draft, fmt)
    if draft.kind in DOC_TITLES:
        title = _doc_title(draft, fmt)
        if not recipients:  # the body must not touch the short line under the trích yếu
            title[-1] = replace(title[-1], space_after_pt=float(fmt.subject["doc_space_after_pt"]))
        blocks += title
    blocks += recipients
    body = _body(body_blocks, fmt)
    if body:
        body[-1] = Para(**{**body[-1].__dict__, "keep_next": True})
    blocks += body
    blocks.append(_signature(draft, fmt))
    page = PageSetup(*(float(fmt.page[k]) for k in ("width_mm", "height_mm", "top_mm", "bottom_mm",
                                                     "left_mm", "right_mm", "header_distance_mm")))
    images = {k: v for k, v in (("signature", draft.signature.image), ("seal", draft.signature.seal))
              if v and draft.signature.show_images}
    return LaidOutLetter(draft.family, fmt.rule_set, fmt.font, page, tuple(blocks),
                         fmt.style("page_number").size, images=images)
