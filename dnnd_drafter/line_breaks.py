"""Break a line of letter text where a reader expects it, with Times New Roman metrics.

Word, LibreOffice and Qt each break lines at any space; in a Kính gửi list a break at the
spaced hyphen of ``chính trị - xã hội`` starts a line with ``- xã hội …``, which reads like
one more recipient. :func:`wrap` breaks only at the spaces a reader accepts, and the layout
writes its result as explicit line breaks, so the .docx (in Word and LibreOffice), the
preview and the PDF all break at the same words. Qt-free.
"""

from __future__ import annotations

from dnnd_drafter.formats import text_width_mm

SPACED_HYPHENS = ("-", "\u2013")  # " - " and " – " join two halves of one name
SAFETY = 0.97  # our lines stay this much shorter than the column, so no reader wraps them again
LINE_BREAK = "\n"  # an explicit line break inside a run (w:br in the .docx)


def allowed_breaks(text: str) -> list[int]:
    """Return the indices of the spaces of `text` where a line may break.

    The spaces of a hyphenated compound of two-syllable words (``chính trị - xã hội``,
    ``kinh tế - xã hội``) are not: a break there splits one name or starts a line with ``-``.
    """
    spaces = [index for index, ch in enumerate(text) if ch == " "]
    hyphens = {index for index in range(1, len(text) - 1)
               if text[index] in SPACED_HYPHENS and text[index - 1] == " " and text[index + 1] == " "}
    banned: set[int] = set()
    for hyphen in hyphens:
        at = spaces.index(hyphen - 1)
        banned.update(spaces[max(at - 1, 0):at + 3])  # one word before, the hyphen, one word after
    return [index for index in spaces if index not in banned]


def fits(text: str, width_mm: float, size: float, bold: bool = False, italic: bool = False) -> bool:
    """Return whether `text` fits on one line of `width_mm` with the safety margin."""
    return text_width_mm(text.rstrip(), size, bold, italic) <= width_mm * SAFETY


def wrap(text: str, width_mm: float, size: float, bold: bool = False, italic: bool = False,
         first_width_mm: float | None = None) -> list[str]:
    """Return `text` cut into lines no wider than `width_mm` (the first `first_width_mm`).

    Lines break only at :func:`allowed_breaks`; the space at a break is dropped. A stretch
    without an allowed break that is wider than the line stays whole (the reader wraps it).
    """
    lines: list[str] = []
    start = 0
    breaks = allowed_breaks(text)
    while not fits(text[start:], first_width_mm if not lines and first_width_mm else width_mm,
                   size, bold, italic):
        limit = first_width_mm if not lines and first_width_mm else width_mm
        candidates = [b for b in breaks if b > start]
        good = [b for b in candidates if fits(text[start:b], limit, size, bold, italic)]
        cut = good[-1] if good else (candidates[0] if candidates else None)
        if cut is None:
            break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return lines


def needs_care(text: str) -> bool:
    """Return whether `text` holds a spaced hyphen, where readers would break badly."""
    return any(f" {hyphen} " in text for hyphen in SPACED_HYPHENS)
