"""Cut the document into its regions: header, body and signature block, as logical lines.

The header is the first table when one comes before the body (our letters, most letters made
in Word), else the text boxes at the top, else the leading paragraphs read piece by piece.
Lines that the first two forms leave below them (a ``V/v …`` typed under the table) are read
as a continuation. The signature block is the last table when nothing but blank paragraphs
follows it, else the paragraphs from ``Nơi nhận`` (or the authority line just above) on.
"""

from __future__ import annotations

import re
from typing import Any

from dnnd_drafter.checker.legacy_fonts import convert_items
from dnnd_drafter.checker.page import Line, Page, PageBuilder, Table, _split_lines, body_blocks, looks_like_header_text
from dnnd_drafter.checker.paragraphs import Para
from dnnd_drafter.checker.reader import Package, w
from dnnd_drafter.model.vietnamese import fold

BODY_LIKE_CHARS = 150
AUTHORITY = re.compile(r"^\s*(T/M|K/T|T/L|T/UQ|TM\.|KT\.|TL\.|TUQ\.|Q\.)\s*\S", re.IGNORECASE)


def is_recipients_label(text: str) -> bool:
    """Return whether `text` starts the Kính gửi block."""
    return fold(text).startswith("kinh gui")


def is_cc_label(text: str) -> bool:
    """Return whether `text` is the Nơi nhận label."""
    return fold(text).startswith("noi nhan")


def _body_like(para: Para) -> bool:
    """Return whether `para` reads as body text rather than a header line."""
    text = para.text.strip()
    return (is_recipients_label(text) or len(text) > BODY_LIKE_CHARS
            or (para.fmt.align == "justify" and para.fmt.first_mm > 3 and len(text) > 60))


def cell_lines(builder: PageBuilder, paras: list[Para], column: str) -> list[Line]:
    """Return the lines of a table cell or text box: one per visual line, blanks and rules kept."""
    out: list[Line] = []
    for para in paras:
        if para.is_blank:
            out.append(Line("", [], para, column, rule_mm=para.rule_mm))
        else:
            for piece_text, runs in _visual_lines(para):
                text = re.sub(r"[\t\u00a0 ]+", " ", piece_text).strip()
                if text:
                    out.append(Line(text, runs, para, column))
            if para.rule_mm:
                out.append(Line("", [], para, column, rule_mm=para.rule_mm))
        out += [Line("", [], para, column, rule_mm=s.length_mm, drawn=True) for s in para.shapes]
    return out


def _visual_lines(para: Para) -> list[tuple[str, list[Any]]]:
    """Return the visual lines of `para` with their runs."""
    return [(text, runs) for text, runs in _split_lines(para) if text.strip()]


def table_lines(builder: PageBuilder, table: Table) -> list[Line]:
    """Return the lines of a layout table: the first cell of a row is left, the last right."""
    out: list[Line] = []
    for row in table.rows:
        for index, (x0, x1, paras) in enumerate(row):
            if len(row) == 1:
                column = "left" if (x0 + x1) / 2 < builder.width * 0.45 else "right"
            elif index == 0:
                column = "left"
            elif index == len(row) - 1:
                column = "right"
            else:
                column = "left" if (x0 + x1) / 2 < builder.width * 0.45 else "right"
            out += cell_lines(builder, paras, column)
    return out


def piece_lines(builder: PageBuilder, para: Para) -> list[Line]:
    """Return the pieces of a full-width paragraph with their columns; blank lines kept."""
    if para.is_blank:
        lines = [Line("", [], para, "full", rule_mm=para.rule_mm)]
    else:
        lines = builder.assign(builder.pieces(para))
        if para.rule_mm:
            lines.append(Line("", [], para, lines[-1].column if lines else "full", rule_mm=para.rule_mm))
    for shape in para.shapes:
        column = "full"
        if shape.center_mm is not None:
            column = "left" if shape.center_mm < builder.width * 0.45 else "right"
        elif lines and lines[0].column != "full":
            column = lines[0].column
        lines.append(Line("", [], para, column, rule_mm=shape.length_mm, drawn=True))
    return lines


def _textbox_lines(builder: PageBuilder, paras: list[Para]) -> list[Line]:
    """Return the lines of the text boxes anchored in `paras`, the leftmost box being left."""
    boxes = [box for para in paras for box in para.textboxes]
    if not boxes:
        return []
    order = sorted(range(len(boxes)), key=lambda i: (boxes[i].x_mm if boxes[i].x_mm is not None else i * 1000))  # type: ignore[arg-type, return-value] # x_mm is tested for None first
    out: list[Line] = []
    for rank, i in enumerate(order):
        box = boxes[i]
        if len(boxes) == 1:
            centre = (box.x_mm or 0) + (box.width_mm or 0) / 2
            column = "left" if centre < builder.width * 0.45 else "right"
        else:
            column = "left" if rank < len(boxes) / 2 else "right"
        out += cell_lines(builder, box.paragraphs, column)
    for para in paras:
        out += [line for line in piece_lines(builder, para) if line.drawn]
    return out


def read_items(builder: PageBuilder) -> list[Para | Table]:
    """Return the paragraphs and tables of the document body in order (content controls opened)."""
    return [builder.reader.read(block, builder.width) if block.tag == w("p") else builder.table(block)
            for block in body_blocks(builder.package.document.find(w("body")))]


def collect_paragraphs(page: Page, items: list[Para | Table]) -> None:
    """Add every paragraph of `items` to `page`, table cells' and text boxes' included, in order."""
    for item in items:
        paras = item.paragraphs() if isinstance(item, Table) else [item]
        for para in paras:
            page.paragraphs.append(para)
            page.paragraphs += [p for box in para.textboxes for p in box.paragraphs]


def build_page(package: Package) -> Page:
    """Return the logical page of `package`."""
    builder = PageBuilder(package)
    page = Page(section=builder.section, builder=builder)
    items = read_items(builder)
    convert_items(items)   # text typed in .VnTime or VNI-Times is read as the letters it shows
    collect_paragraphs(page, items)
    for rid, root in package.parts.items():
        page.parts[rid] = [builder.reader.read(p, builder.width, package.part_kinds[rid])
                           for p in root.iter(w("p"))]
    start = read_header_region(builder, page, items)
    end = read_signature_region(builder, page, items, start)
    page.body = [item for item in items[start:end] if isinstance(item, Para)]
    return page


def read_header_region(builder: PageBuilder, page: Page, items: list[Para | Table]) -> int:
    """Fill the header lines of `page`; return the index of the first item after the header."""
    limit = next((i for i, item in enumerate(items) if isinstance(item, Para) and _body_like(item)), len(items))
    index = 0
    table_at = next((i for i, item in enumerate(items[:limit]) if isinstance(item, Table)), None)
    if (table_at is not None
            and looks_like_header_text(items[table_at].text())  # type: ignore[operator] # the Table found above
            and all(isinstance(x, Para) and (x.is_blank or x.textboxes) for x in items[:table_at])):
        page.header_kind = "table"
        page.header = table_lines(builder, items[table_at])  # type: ignore[arg-type] # narrowed by the isinstance test before it
        index = table_at + 1
    else:
        leading = [x for x in items[:limit] if isinstance(x, Para)]
        boxes = _textbox_lines(builder, leading)
        if boxes and looks_like_header_text("\n".join(line.text for line in boxes)):
            page.header_kind = "textbox"
            page.header = boxes
            index = 0
        else:
            page.header_kind = "tabs"
    index = _continuation(builder, page, items, index)
    if not any(line.text for line in page.header):
        page.header_kind = "none"
    return index


def _found(page: Page) -> tuple[bool, bool]:
    """Return whether the header lines so far hold the number and the date."""
    texts = [fold(line.text) for line in page.header if line.text]
    number = any(re.match(r"^so\s*[:.]?\s*(\d|\s|-|/|$)", t) for t in texts)
    date = any(re.search(r"ngay\s*\S*\s*thang", t) for t in texts)
    return number, date


def _continuation(builder: PageBuilder, page: Page, items: list[Para | Table], index: int) -> int:
    """Read header lines typed as paragraphs from `index` on; return the first item after them."""
    last_subject = False
    while index < len(items):
        item = items[index]
        if isinstance(item, Table):
            break
        if item.is_blank and not item.shapes:
            last_subject = False
            index += 1
            continue
        if _body_like(item) or (item.is_blank and item.shapes and page.header_kind != "tabs"):
            break
        lines = piece_lines(builder, item)
        number, date = _found(page)
        text = fold(item.text.strip())
        if number and date:
            subject = all(line.column == "left" for line in lines if line.text) and (
                last_subject or re.match(r"^(v/v|ve )", text) is not None)
            if not subject:
                break
            last_subject = True
        page.header += lines
        index += 1
    return index


def read_signature_region(builder: PageBuilder, page: Page, items: list[Para | Table], start: int) -> int:
    """Fill the signature lines of `page`; return the index where the signature region starts."""
    end = len(items)
    while end > start and isinstance(items[end - 1], Para) and items[end - 1].is_blank:  # type: ignore[union-attr] # narrowed by the isinstance test before it
        end -= 1
    if end > start and isinstance(items[end - 1], Table):
        page.signature_kind = "table"
        page.signature = table_lines(builder, items[end - 1])  # type: ignore[arg-type] # narrowed by the isinstance test before it
        return end - 1
    label = next((i for i in range(end - 1, start - 1, -1)
                  if isinstance(items[i], Para) and is_cc_label(items[i].text.strip())), None)  # type: ignore[union-attr] # narrowed by the isinstance test before it
    if label is None:
        tables = [i for i in range(start, end) if isinstance(items[i], Table)
                  and ("noi nhan" in fold(items[i].text()) or AUTHORITY.search(items[i].text()))]  # type: ignore[operator] # narrowed by the isinstance test before it
        if tables:
            page.signature_kind = "table"
            page.signature = table_lines(builder, items[tables[-1]])  # type: ignore[arg-type] # narrowed by the isinstance test before it
            return tables[-1]
        return end
    first = label
    for i in range(label - 1, max(start, label - 4) - 1, -1):
        item = items[i]
        if not isinstance(item, Para) or _body_like(item):
            break
        pieces = [line for line in piece_lines(builder, item) if line.text]
        if pieces and all(line.column == "right" for line in pieces) and AUTHORITY.match(pieces[0].text):
            first = i
            break
    page.signature_kind = "tabs"
    for item in items[first:end]:
        if isinstance(item, Para):
            page.signature += piece_lines(builder, item)
    return first
