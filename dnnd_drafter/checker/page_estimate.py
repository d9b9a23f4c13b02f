"""Estimate how many pages a letter takes, without LibreOffice, from its layout and font metrics.

The estimate counts only the paragraphs in the main flow of the document (tables such as the
header grid and the signature block are left out) and breaks their lines greedily with the
Times New Roman metrics the app lays letters out with. It therefore errs on the short side:
when it says a letter runs over one page, it does. The checker uses it to tell that a letter
without page numbers needs them when ``--pages`` (LibreOffice) is not used.
"""

from __future__ import annotations

import math

from dnnd_drafter.checker.page import Page
from dnnd_drafter.checker.paragraphs import Para
from dnnd_drafter.model.formats import text_width_mm

PT_PER_MM = 72.0 / 25.4
SINGLE_LINE_EM = 1.15  # Times New Roman: ascender + descender + line gap, in em
DEFAULT_SIZE_PT = 11.0  # python-docx's default run size when a paragraph names none
OVERFLOW_MARGIN = 1.05  # the flow must pass a page by this factor before we call it two pages


def _size(para: Para) -> float:
    """Return the largest run size of `para` in pt (its mark's size when it has no text)."""
    sizes = [r.fmt.size for r in para.runs if r.fmt.size and r.text.strip()]
    if not sizes and para.mark is not None and para.mark.size:
        sizes = [para.mark.size]
    return max(sizes, default=DEFAULT_SIZE_PT)


def _line_height_pt(para: Para, size: float) -> float:
    """Return the height of one line of `para` in pt, as its line spacing rule says."""
    single = size * SINGLE_LINE_EM
    if para.fmt.line_rule == "exact":
        return para.fmt.line_value
    if para.fmt.line_rule == "atLeast":
        return max(para.fmt.line_value, single)
    return single * (para.fmt.line_value or 1.0)


def _line_count(para: Para, size: float) -> int:
    """Return the number of lines `para` breaks into at the spaces, greedily."""
    width = max(para.width_mm - para.fmt.left_mm - para.fmt.right_mm, 10.0)
    bold = any(r.fmt.bold for r in para.runs if r.text.strip())
    count = 0
    for piece in para.text.replace("\t", " ").split("\n"):
        count += 1
        room = width - max(para.fmt.first_mm, 0.0) if count == 1 else width
        used = 0.0
        for word in piece.split(" "):
            step = text_width_mm((" " if used else "") + word, size, bold)
            if used and used + step > room:
                count += 1
                room, used = width, text_width_mm(word, size, bold)
            else:
                used += step
    return count


def flow_height_mm(page: Page) -> float:
    """Return the height in mm of the main-flow paragraphs of `page`, spacing included."""
    total_pt = 0.0
    for para in page.paragraphs:
        if para.where != "body":
            continue
        size = _size(para)
        total_pt += para.fmt.before_pt + para.fmt.after_pt + _line_count(para, size) * _line_height_pt(para, size)
    return total_pt / PT_PER_MM


def estimated_pages(page: Page) -> int:
    """Return the least number of pages the letter takes (1 when it cannot tell more)."""
    section = page.section
    usable = section.height_mm - section.top_mm - section.bottom_mm
    if usable <= 0:
        return 1
    height = flow_height_mm(page)
    if height <= usable * OVERFLOW_MARGIN:
        return 1
    return max(2, math.ceil(height / usable))
