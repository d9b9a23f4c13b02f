"""Find the elements of a letter on its logical page, and the family from the header.

Elements are found by what they say and where they stand, never by how our writer names them,
so a letter typed by hand is read the same way: the motto lines by their words (accents and
dashes folded), the number by ``Số``, the date by ``ngày … tháng … năm``, the issuer as the
uppercase lines above the mark or the number in the left column, the signature as the right
column of the last block (authority prefix, position, blank signing space, name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from dnnd_drafter.checker.page import Line, Page
from dnnd_drafter.checker.paragraphs import Para
from dnnd_drafter.checker.regions import AUTHORITY, BODY_LIKE_CHARS, is_cc_label, is_recipients_label
from dnnd_drafter.model.formats import FamilyFormat
from dnnd_drafter.model.vietnamese import fold

#: The pieces of the brace that joins a group of Nơi nhận lines (layout.BRACE).
BRACE_PIECES = set("\u23ab\u23ac\u23aa\u23ad")

NUMBER = re.compile(r"^\s*Số\b", re.IGNORECASE)
DATE = re.compile(r"ngày\s*\d*\s*tháng\s*\d*\s*năm", re.IGNORECASE)
MARK = re.compile(r"^[*\s]+$")


def key(text: str) -> str:
    """Return `text` folded for matching: no accents, lower case, dashes and spaces as one space."""
    return re.sub(r"[\s\-\u2010-\u2015]+", " ", fold(text)).strip()


@dataclass
class Elements:
    """Hold the elements found on a letter's page (None or empty when not found)."""

    motto: list[Line | None] = field(default_factory=list)
    motto_rule: Line | None = None
    parent: list[Line] = field(default_factory=list)
    issuer: list[Line] = field(default_factory=list)
    issuer_rule: Line | None = None
    mark: Line | None = None
    number: Line | None = None
    subject: list[Line] = field(default_factory=list)
    date: Line | None = None
    recipients: list[Para] = field(default_factory=list)
    titles: list[Para] = field(default_factory=list)
    title_rule: Para | None = None
    body: list[Para] = field(default_factory=list)
    cc_label: Line | None = None
    cc_items: list[Line] = field(default_factory=list)
    authority: Line | None = None
    position: list[Line] = field(default_factory=list)
    signer: Line | None = None
    signing_blanks: int = 0


def detect_family(page: Page) -> str | None:
    """Return the family shown by the header (``dang``, ``nha_nuoc``, ``doan_the``, ``doan_tn``)."""
    texts = [key(line.text) for line in page.header if line.text]
    if not texts:
        texts = [key(p.text) for p in page.paragraphs[:12] if p.text.strip()]
    joined = " | ".join(texts)
    if "doan tncs ho chi minh" in joined:
        return "doan_tn"
    if "dang cong san viet nam" in joined:
        return "dang"
    if "cong hoa xa hoi chu nghia viet nam" in joined:
        left = " | ".join(_issuer_lines(page))
        if re.search(r"\b(cong doan|ldld|lien doan lao dong|mat tran|mttq|hoi |hoi$|doan thanh nien)", left):
            return "doan_the"
        return "nha_nuoc"
    return None


def _issuer_lines(page: Page) -> list[str]:
    """Return the folded left-column header lines above the Số line (the issuer, not the trích yếu)."""
    lines = []
    for line in page.header:
        if not line.text or line.column != "left":
            continue
        folded = key(line.text)
        if re.match(r"so\b", folded):
            break
        lines.append(folded)
    return lines


def find_elements(page: Page, fmt: FamilyFormat) -> Elements:
    """Return the elements of `page` read with the expectations of `fmt`."""
    found = Elements()
    _header(page, fmt, found)
    _body(page, found)
    _signature(page, found)
    return found


def _header(page: Page, fmt: FamilyFormat, found: Elements) -> None:
    """Find motto lines, issuer, mark, rules, number, subject and date in the header."""
    lines = page.header
    used: set[int] = set()
    for expected in fmt.header["motto"]:
        hit = next((i for i, line in enumerate(lines) if line.text and i not in used
                    and key(line.text) == key(expected)), None)
        if hit is None:
            hit = next((i for i, line in enumerate(lines) if line.text and i not in used
                        and key(expected) in key(line.text)), None)
        found.motto.append(lines[hit] if hit is not None else None)
        if hit is not None:
            used.add(hit)
    last = next((m for m in reversed(found.motto) if m is not None), None)
    if last is not None:
        at = lines.index(last)
        after = [ln for ln in lines[at + 1:] if ln.column == last.column]
        rule = next((ln for ln in after[:2] if ln.is_rule), None) or \
            next((ln for ln in after if ln.is_rule and ln.drawn), None)
        found.motto_rule = rule
        if rule is not None:
            used.add(lines.index(rule))
    for i, line in enumerate(lines):
        if i in used or not line.text:
            continue
        if found.date is None and DATE.search(line.text):
            found.date = line
            used.add(i)
        elif found.number is None and NUMBER.match(line.text) and not DATE.search(line.text):
            found.number = line
            used.add(i)
    _left_column(lines, found, used)


def _left_column(lines: list[Line], found: Elements, used: set[int]) -> None:
    """Find parent, issuer, mark, issuer rule and subject in the left column."""
    left = [(i, ln) for i, ln in enumerate(lines) if ln.column == "left" and i not in used]
    stop = lines.index(found.number) if found.number is not None else len(lines)
    top: list[Line] = []
    for i, line in left:
        if i >= stop:
            break
        if line.text and MARK.match(line.text):
            found.mark = found.mark or line
        elif line.is_rule:
            found.issuer_rule = found.issuer_rule or line
        elif line.text and found.mark is None and found.issuer_rule is None:
            top.append(line)
    if found.issuer_rule is None:
        found.issuer_rule = next((ln for i, ln in left if ln.is_rule and ln.drawn), None)
    bold = next((k for k, line in enumerate(top)
                 if line.visible_runs and all(r.fmt.bold for r in line.visible_runs)), None)
    split = bold if bold is not None else max(len(top) - 1, 0)
    found.parent, found.issuer = top[:split], top[split:]
    if found.number is not None:
        number_col = found.number.column
        for i, line in enumerate(lines):
            if i <= stop or i in used or line.column != number_col:
                continue
            if not line.text:
                if found.subject:
                    break
                continue
            if MARK.match(line.text) or DATE.search(line.text):
                break
            found.subject.append(line)


def _body(page: Page, found: Elements) -> None:
    """Split the body region into the title block, the Kính gửi block and body paragraphs."""
    paras = [p for p in page.body if not p.is_blank]
    for para in page.body:
        if para.is_blank:
            if para.rule_mm and found.titles:
                found.title_rule = found.title_rule or para
            continue
        text = para.text.strip()
        if para.fmt.align != "center" or len(text) >= BODY_LIKE_CHARS or is_recipients_label(text):
            break
        found.titles.append(para)
    rest = paras[len(found.titles):]
    label = next((k for k, p in enumerate(rest) if is_recipients_label(p.text.strip())), None)
    if label is None:
        found.body = rest
        return
    found.titles += rest[:label]
    block = [rest[label]]
    rest = rest[label + 1:]
    after_label = re.sub(r"^[^:]*:?", "", block[0].text.strip(), count=1).strip()
    if not after_label or after_label.startswith(("-", "–")):
        while rest and _recipient_line(rest[0], block[-1]):
            block.append(rest.pop(0))
    found.recipients = block
    found.body = rest


def _recipient_line(para: Para, previous: Para) -> bool:
    """Return whether `para` continues the Kính gửi list after `previous`.

    A dashed item hanging like the item before it stays a recipient however long it is (a
    200-character name is still a name, not body text with a wrong indent).
    """
    text = para.text.strip()
    if para.fmt.align == "justify" and para.fmt.first_mm > 3:
        return False
    hanging_like_previous = para.fmt.first_mm < 0 and abs(para.fmt.left_mm - previous.fmt.left_mm) < 1
    if text.startswith(("-", "–")) and hanging_like_previous:
        return True
    if len(text) >= 200:
        return False
    if text.startswith(("-", "–")):
        return True
    same_indent = abs(para.fmt.left_mm - previous.fmt.left_mm) < 1 and previous.fmt.left_mm > 3
    return same_indent and para.fmt.align != "justify"


def _signature(page: Page, found: Elements) -> None:
    """Find Nơi nhận with its items, and the authority, position, signing space and name."""
    lines = page.signature
    label = next((ln for ln in lines if ln.text and is_cc_label(ln.text)), None)
    if label is not None:
        found.cc_label = label
        for line in lines[lines.index(label) + 1:]:
            if line.column != label.column or not line.text:
                continue
            if line.text.startswith(("-", "–", "+")):
                found.cc_items.append(line)
            elif found.cc_items and (line.para is not None and found.cc_items[-1].para is line.para
                                     or BRACE_PIECES & set(line.text) and BRACE_PIECES & set(found.cc_items[-1].text)):
                last = found.cc_items[-1]  # the next printed line of the same item (a w:br, or a braced group's line)
                found.cc_items[-1] = replace(last, text=f"{last.text} {line.text}", runs=last.runs + line.runs)
    cc_col = label.column if label is not None else "left"
    right = [ln for ln in lines if (ln.column != cc_col and ln.column != "full" and not ln.is_rule)
             or (ln.column == "full" and ln.is_blank)]
    texts = [ln for ln in right if ln.text]
    if not texts:
        return
    if AUTHORITY.match(texts[0].text):
        found.authority = texts[0]
        texts = texts[1:]
    if not texts:
        return
    name = [texts[-1]]  # a long name the layout broke into lines (w:br) is one name
    while len(name) < len(texts) and name[0].para is not None and texts[-len(name) - 1].para is name[0].para:
        name.insert(0, texts[-len(name) - 1])
    found.signer = name[0] if len(name) == 1 else replace(
        name[0], text=" ".join(ln.text for ln in name), runs=[r for ln in name for r in ln.runs])
    signer_at = right.index(name[0])
    blanks_start = signer_at
    while blanks_start > 0 and right[blanks_start - 1].is_blank:
        blanks_start -= 1
    found.signing_blanks = signer_at - blanks_start
    start = right.index(found.authority) + 1 if found.authority is not None else 0
    found.position = [ln for ln in right[start:blanks_start] if ln.text]
