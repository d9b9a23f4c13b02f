"""Break a line of letter text where a reader expects it, with Times New Roman metrics.

Word, LibreOffice and Qt each break lines at any space; in a Kính gửi list a break at the
spaced hyphen of ``chính trị - xã hội`` starts a line with ``- xã hội …``, which reads like
one more recipient, and a header name may end with one word alone (``BCH TỈNH ĐOÀN LÂM`` /
``ĐỒNG``). :func:`wrap` breaks only at the spaces a reader accepts; :func:`balanced_lines`
also evens the lines out at phrase boundaries. The layout writes the result as explicit line
breaks, so the .docx (in Word and LibreOffice), the preview and the PDF break at the same
words. Qt-free.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Callable

from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.base.toml_cache import parsed_toml
from dnnd_drafter.model.formats import text_width_mm

SPACED_HYPHENS = ("-", "\u2013")  # " - " and " – " join two halves of one name
SAFETY = 0.99  # our lines stay this much shorter than the column (rounding), so no reader wraps them again
LINE_BREAK = "\n"  # an explicit line break inside a run (w:br in the .docx)


def allowed_breaks(text: str) -> list[int]:
    """Return the indices of the spaces of `text` where a line may break.

    The spaces of a hyphenated compound of two-syllable words (``chính trị - xã hội``,
    ``kinh tế - xã hội``) are not: a break there splits one name or starts a line with ``-``.
    Nor is the space after a leading dash (an item's ``- ``): it would leave the dash alone.
    """
    spaces = [index for index, ch in enumerate(text) if ch == " "]
    lead = len(text) - len(text.lstrip(" "))  # a dash with only spaces before it leads an item
    banned: set[int] = set()
    if text[lead:lead + 1] in SPACED_HYPHENS and text[lead + 1:lead + 2] == " ":
        banned.add(lead + 1)
    hyphens = {index for index in range(lead + 1, len(text) - 1)
               if text[index] in SPACED_HYPHENS and text[index - 1] == " " and text[index + 1] == " "}
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
        if text[start:cut].strip():
            lines.append(text[start:cut].strip())
        start = cut + 1
    if text[start:].strip() or not lines:
        lines.append(text[start:].strip() if lines else text[start:])
    return lines


PHRASES = "text/line-breaks.toml"  # the word lists, with their sources
ORPHAN, PAIR_SPLIT, NEEDS_NEXT_SPLIT, EXTRA_LINE = 10.0, 1.0, 2.0, 0.3
PHRASE_BONUS, COMMA_BONUS, PLACE_BONUS = 0.08, 0.06, 0.1


@lru_cache(maxsize=1)
def _phrases() -> dict[str, Any]:
    """Return the phrase data: phrase starters, place units, two-syllable words."""
    data = parsed_toml(PHRASES, resources.read_text("data", PHRASES))
    data["pairs"] = {tuple(pair.split(" ")) for pair in data["pairs"]}
    return {key: set(value) if isinstance(value, list) else value for key, value in data.items()}


def _break_cost(words: list[str], at: int) -> float:
    """Return the cost of breaking before ``words[at]`` (negative: a good place)."""
    data = _phrases()
    before, after = words[at - 1].lower(), words[at].lower()
    cost = 0.0
    if (before.strip(",;:"), after.strip(",;:")) in data["pairs"]:
        cost += PAIR_SPLIT
    if before in data["needs_next"] or after in data["needs_previous"]:
        cost += NEEDS_NEXT_SPLIT
    if after in data["phrase_starts"]:
        cost -= PHRASE_BONUS
    if before.endswith((",", ";")):
        cost -= COMMA_BONUS
    following = words[at + 1].lower() if at + 1 < len(words) else ""
    if after in data["place_units"]:  # "TỈNH LÂM ĐỒNG", "HUYỆN ỦY CÁT TIÊN"
        cost -= PLACE_BONUS if following not in data["body_units"] else PLACE_BONUS / 2
    if at == len(words) - 2 and before in data["body_units"]:  # "BCH TỈNH ĐOÀN" / "LÂM ĐỒNG"
        cost -= PLACE_BONUS
    return cost


def balanced_lines(text: str, width_mm: float, size: float, bold: bool = False,
                   italic: bool = False) -> list[str]:
    """Return `text` in as few lines as fit, balanced and broken at phrase boundaries (cached)."""
    return list(_balanced_lines(text, width_mm, size, bold, italic))


@lru_cache(maxsize=256)
def _balanced_lines(text: str, width_mm: float, size: float, bold: bool, italic: bool) -> tuple[str, ...]:
    """Return `text` in as few lines as fit, balanced and broken at phrase boundaries.

    The fewest lines that fit, or one more when that costs less (EXTRA_LINE): the lines as
    even as possible, no word alone on a line, no split of a two-syllable word of
    resources/text/line-breaks.toml or of ``số 12``, and a bonus for breaking before "và",
    "về" …, after a comma, or before the place name of a body.
    """
    words = text.split(" ")
    if fits(text, width_mm, size, bold, italic) or not all(fits(w, width_mm, size, bold, italic) for w in words):
        return (text,)  # one line, or a word wider than the line: the reader wraps it as it can
    spaces = [len(" ".join(words[:i])) for i in range(len(words))]  # the space before each word
    allowed = set(allowed_breaks(text))
    cuts = [i for i in range(1, len(words)) if spaces[i] in allowed]
    widths: dict[tuple[int, int], float] = {}

    def width(a: int, b: int) -> float:
        """Return the width of words a..b as a share of the usable line."""
        if (a, b) not in widths:
            widths[a, b] = text_width_mm(" ".join(words[a:b]), size, bold, italic) / (width_mm * SAFETY)
        return widths[a, b]

    minimum = len(wrap(text, width_mm, size, bold, italic))
    options = [found for count in range(minimum, min(minimum + 1, len(words)) + 1)
               if (found := _best(cuts, count, len(words), width, words)) is not None]
    if not options:
        return tuple(wrap(text, width_mm, size, bold, italic))
    best = min(options, key=lambda found: found[1] + EXTRA_LINE * (len(found[0]) + 1 - minimum))[0]
    return tuple(" ".join(words[a:b]).strip() for a, b in zip((0, *best), (*best, len(words))))


def _best(cuts: list[int], count: int, total: int, width: Callable[[int, int], float],
          words: list[str]) -> tuple[tuple[int, ...], float] | None:
    """Return the cheapest `count - 1` cuts whose lines all fit, with their cost, or None.

    Dynamic programming over (words placed, lines used); a line costs its squared distance
    from an even share of the text, a one-word line ORPHAN, and its break `_break_cost`.
    """
    target = width(0, total) / count
    points = [0, *cuts]
    best: dict[tuple[int, int], tuple[float, tuple[int, ...]]] = {(0, 0): (0.0, ())}
    for lines in range(1, count + 1):
        ends = [total] if lines == count else cuts
        for end in ends:
            for begin in points:
                if begin >= end or (begin, lines - 1) not in best:
                    continue
                size = width(begin, end)
                if size > 1.0 or not any(words[begin:end]):  # too wide, or a line of spaces only
                    continue
                cost = best[begin, lines - 1][0] + (size - target) ** 2 + (ORPHAN if end - begin == 1 else 0.0)
                if end != total:
                    cost += _break_cost(words, end)
                if (end, lines) not in best or cost < best[end, lines][0]:
                    best[end, lines] = (cost, (*best[begin, lines - 1][1], end) if end != total
                                        else best[begin, lines - 1][1])
    found = best.get((total, count))
    return None if found is None else (found[1], found[0])
