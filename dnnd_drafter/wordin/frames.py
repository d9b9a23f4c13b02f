"""Read a header typed in two frames (Word's ``w:framePr``) as the two-column table it shows.

Some clerks place the issuer block and the motto in two frames side by side at the top of the
page. The frames' paragraphs come one after the other in the file, each set across the page,
so the page model would put them all in one column. The leading run of framed paragraphs is
cut by the side its frame stands on and handed to the regions as one borderless table row.
"""

from __future__ import annotations

from lxml import etree

from dnnd_drafter.checker.page import Table
from dnnd_drafter.checker.paragraphs import Para
from dnnd_drafter.checker.reader import w, wattr
from dnnd_drafter.checker.styles import twips_mm

LEFT_SHARE = 0.45    # a frame centred left of 45 % of the text width stands in the left column
LEFT_ALIGNS, RIGHT_ALIGNS = ("left", "inside"), ("right", "outside")


def frame_side(block: etree._Element, width_mm: float) -> str:
    """Return the side (``left``, ``right``) of the frame paragraph `block` stands in, or ``""``."""
    frame = block.find(f"{w('pPr')}/{w('framePr')}") if block.tag == w("p") else None
    if frame is None:
        return ""
    align = wattr(frame, "xAlign") or ""
    if align in LEFT_ALIGNS or align in RIGHT_ALIGNS:
        return "left" if align in LEFT_ALIGNS else "right"
    if align == "center":
        return ""
    x, width = twips_mm(wattr(frame, "x")) or 0.0, twips_mm(wattr(frame, "w")) or 0.0
    return "left" if x + width / 2 < width_mm * LEFT_SHARE else "right"


def frames_as_table(items: list[Para | Table], blocks: list[etree._Element], width_mm: float) -> int:
    """Replace the framed paragraphs opening `items` by one two-column table; return how many items went.

    Nothing changes (0) unless both a left and a right frame open the letter.
    """
    sides: dict[str, list[Para]] = {"left": [], "right": []}
    widths = {"left": 0.0, "right": 0.0}
    count = 0
    for item, block in zip(items, blocks):
        side = frame_side(block, width_mm) if isinstance(item, Para) else ""
        if not side:
            if isinstance(item, Para) and item.is_blank and not item.textboxes and not any(sides.values()):
                count += 1   # an empty line above the frames
                continue
            break
        sides[side].append(item)
        frame = block.find(f"{w('pPr')}/{w('framePr')}")
        widths[side] = max(widths[side], twips_mm(wattr(frame, "w")) or 0.0)
        count += 1
    if not sides["left"] or not sides["right"]:
        return 0
    split = widths["left"] or width_mm / 2
    items[:count] = [Table([[(0.0, split, sides["left"]), (split, width_mm, sides["right"])]])]
    return count
