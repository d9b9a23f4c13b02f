"""Read the letter's fields from the elements the checker finds: header, titles, signature.

Each reader fills a :class:`~dnnd_drafter.model.letter.Draft` in place and records, in a
:class:`Reading`, the fields it was unsure of (with a Vietnamese reason) and every piece of
text it could not place, so nothing of the source is dropped silently.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from dnnd_drafter.checker.elements import DATE, Elements, key
from dnnd_drafter.checker.page import Line
from dnnd_drafter.checker.regions import AUTHORITY, is_cc_label
from dnnd_drafter.model.formats import FamilyFormat, Style
from dnnd_drafter.layout.line_breaks import balanced_lines
from dnnd_drafter.model.letter import AUTHORITIES, CcNote, Draft, KINDS
from dnnd_drafter.model.vietnamese import clean, nfc

NUMBER_LINE = re.compile(r"^\s*s[ốo]\s*[:.]?\s*(\d*)\s*(.*)$", re.IGNORECASE)
DATE_LINE = re.compile(r"^(.*?)\s*,?\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
LIST_END = ",;."
TYPED_RULE = re.compile(r"^[\s_\-–—=~.*]+$")   # a line typed with ___ or --- (or the * mark): layout only
SIGNED_MARK = re.compile(r"^[(\[]?\s*(đã ký|đã kí|ký tên|ký,? đóng dấu|ký và đóng dấu|ký, ghi rõ họ tên)\b.*$",
                         re.IGNORECASE)
DASHES = "-–—•"
#: Slash and dot forms of the same authority: the Party writes T/M, the others TM.
LOOSE_AUTHORITY = re.compile(r"^(T\.?/?M|K\.?/?T|T\.?/?L|T\.?/?UQ)\.?\s+(?=\S)", re.IGNORECASE)
LOOSE_FORMS = ({"TM": "T/M", "KT": "K/T", "TL": "T/L", "TUQ": "T/L"},      # Party: slash forms
               {"TM": "TM.", "KT": "KT.", "TL": "TL.", "TUQ": "TUQ."})    # the others: a final period
AUTHORITY_FORMS = {"T/M": "TM.", "K/T": "KT.", "T/L": "TL.", "T/UQ": "TUQ.", "TM.": "T/M", "KT.": "K/T",
                   "TL.": "T/L", "TUQ.": "T/L", "Q.": ""}


@dataclass
class Reading:
    """Hold what the reader was unsure of and the source text it could not place."""

    unsure: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)      # ids of the source paragraphs the body took

    def doubt(self, name: str, reason: str) -> None:
        """Record that field `name` was read with doubt, for `reason` (Vietnamese); reasons add up."""
        if name not in self.unsure:
            self.unsure[name] = reason
        elif reason not in self.unsure[name]:
            self.unsure[name] += "; " + reason

    def leftover(self, text: str) -> None:
        """Record a piece of source text that fits no field."""
        text = clean(text, multiline=True).strip()
        if text:
            self.unplaced.append(text)


def item_text(text: str) -> str:
    """Return a list item without its dash and its end punctuation (``- Như trên;`` → ``Như trên``)."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text.lstrip(DASHES).strip()
    return text.rstrip(LIST_END).rstrip()


_BRACE = re.compile(r"\s*([\u23ab\u23aa\u23ac\u23ad])(?:\s*(\([^)]*\)))?")


def cc_groups(items: list[str]) -> tuple[list[str], list[CcNote]]:
    """Return Nơi nhận items without the brace of a group, and each group's note (``(để báo cáo)``).

    A group runs from the item whose brace opens (⎫) to the one where it closes (⎭); its note is
    the text in parentheses after the brace.
    """
    out: list[str] = []
    notes: list[CcNote] = []
    start, note = None, ""
    for index, item in enumerate(items):
        found = _BRACE.findall(item)
        out.append(item_text(_BRACE.sub(" ", item)) if found else item)
        pieces = "".join(piece for piece, _ in found)
        note = note or next((text for _, text in found if text), "")
        if "\u23ab" in pieces:
            start = index
        if "\u23ad" in pieces and start is not None:
            if note:
                notes.append(CcNote(start + 1, index + 1, note))
            start, note = None, ""
    return out, notes


def clerk_lines(lines: list[str], width_mm: float, style: Style) -> list[str]:
    """Return the clerk's own lines of one paragraph's visual `lines` (split at its line breaks).

    The layout breaks a long header name or trích yếu into balanced lines itself and writes
    the breaks into the .docx; a run of lines that :func:`balanced_lines` makes again from their
    joined text is one line of the clerk, so the letter reads back as typed and prints the same.
    """
    words = [" ".join(line.split()) for line in lines if line.strip()]
    out: list[str] = []
    start = 0
    while start < len(words):
        end = next(end for end in range(len(words), start, -1) if end == start + 1 or balanced_lines(
            " ".join(words[start:end]), width_mm, style.size, style.bold, style.italic) == words[start:end])
        out.append(" ".join(words[start:end]))
        start = end
    return out


def _joined(lines: list[Line], width_mm: float, style: Style) -> str:
    """Return the clerk's lines of `lines` joined by line breaks: a paragraph ends a clerk's line."""
    paragraphs: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        if not line.text.strip():
            continue
        same = previous is not None and line.para is not None and line.para is previous.para \
            and line.column == previous.column
        if same:
            paragraphs[-1].append(nfc(line.text.strip()))
        else:
            paragraphs.append([nfc(line.text.strip())])
        previous = line
    return "\n".join(text for para in paragraphs for text in clerk_lines(para, width_mm, style))


def read_header(draft: Draft, found: Elements, fmt: FamilyFormat, header: list[Line], reading: Reading) -> None:
    """Fill issuer, number, symbol, place, date and trích yếu of `draft` from the header."""
    column = float(fmt.header["left_width_mm"])
    draft.issuer.parent = _joined(found.parent, column, fmt.style("parent"))
    draft.issuer.name = _joined(found.issuer, column, fmt.style("issuer"))
    if found.parent and not any(r.fmt.bold for line in found.issuer for r in line.visible_runs):
        reading.doubt("issuer.name", "không phân biệt được cơ quan cấp trên và cơ quan ban hành")
    if found.number is None:
        reading.doubt("number", "không thấy dòng “Số …”")
    else:
        match = NUMBER_LINE.match(found.number.text)
        rest = re.sub(r"\s+", "", match.group(2)) if match else ""
        draft.number = match.group(1) if match else ""
        draft.symbol = rest.lstrip("-/:.").strip()
        if "/" in draft.symbol:
            draft.issuer.abbreviation = draft.symbol.split("/", 1)[1].split("-", 1)[0]
        elif draft.symbol:
            draft.issuer.abbreviation = draft.symbol.split("-", 1)[0]
    _read_date(draft, found, reading)
    subject = _joined(found.subject, column, fmt.style("subject"))
    prefix = fmt.subject.get("prefix", "")
    if prefix and subject.lower().startswith(prefix.strip().lower()):
        subject = subject[len(prefix.strip()):].lstrip(" :")
    draft.subject = subject
    used = {id(x) for x in (found.number, found.date, found.mark, found.motto_rule, found.issuer_rule) if x}
    used |= {id(x) for x in found.motto + found.parent + found.issuer + found.subject if x}
    for line in header:
        if line.text.strip() and id(line) not in used and not TYPED_RULE.match(line.text):
            reading.leftover(line.text)


def _read_date(draft: Draft, found: Elements, reading: Reading) -> None:
    """Fill place and date from the date line, or record that they were not read."""
    match = DATE_LINE.search(found.date.text) if found.date is not None else None
    if match is None:
        reading.doubt("date", "không đọc được ngày tháng; đã để ngày hôm nay")
        if found.date is not None:
            place = re.split(r",?\s*ngày", found.date.text, maxsplit=1)[0].strip()
            draft.place = place
        draft.date = _dt.date.today()
        return
    draft.place = match.group(1).strip().rstrip(",").strip()
    try:
        draft.date = _dt.date(int(match.group(4)), int(match.group(3)), int(match.group(2)))
    except ValueError:
        reading.doubt("date", f"“{found.date.text}” không phải một ngày có thật; đã để ngày hôm nay")  # type: ignore[union-attr] # a date was matched, so there is a line
        draft.date = _dt.date.today()


def _paragraph_lines(texts: list[str], width_mm: float, style: Style) -> str:
    """Return the clerk's lines of the paragraphs `texts` (line breaks as ``\\n``), joined by ``\\n``."""
    return "\n".join(line for text in texts for line in clerk_lines(text.split("\n"), width_mm, style))


def read_titles(draft: Draft, titles: list[str], fmt: FamilyFormat, reading: Reading) -> list[str]:
    """Set kind and trích yếu from the centred title paragraphs; return the ones left over."""
    titles = [t for t in titles if not TYPED_RULE.match(t)]
    if not titles:
        return []
    names = {key(name): kind for kind, name in KINDS.items()}
    kind = names.get(key(titles[0]))
    if kind is None or kind == "cong_van":
        if not draft.subject and draft.kind == "cong_van":
            draft.subject = _paragraph_lines(titles, float(fmt.header["left_width_mm"]), fmt.style("subject"))
            reading.doubt("subject", "trích yếu đọc từ các dòng căn giữa dưới phần đầu")
            return []
        return titles
    draft.kind = kind
    if draft.subject:
        reading.leftover(draft.subject)
    draft.subject = _paragraph_lines(titles[1:], fmt.text_width_mm, fmt.style("doc_subject"))
    return []


def read_recipients(texts: list[str]) -> list[str]:
    """Return the Kính gửi items of the paragraphs `texts` (label, dashes and punctuation dropped)."""
    items: list[str] = []
    for index, text in enumerate(texts):
        if index == 0:
            text = re.sub(r"^\s*kính\s*gửi\s*:?", "", nfc(text), flags=re.IGNORECASE)
        pieces = [piece for piece in re.split(r"\n|\t+(?=[-–])", text) if piece.strip()]
        for number, piece in enumerate(pieces):
            if number and items and not piece.strip().startswith(tuple(DASHES)):
                items[-1] = f"{items[-1]} {item_text(piece)}"  # a long item the layout broke onto two lines
            else:
                items.append(item_text(piece))
    return [item for item in items if item]


def read_signature(draft: Draft, found: Elements, lines: list[Line], reading: Reading) -> None:
    """Fill Nơi nhận, authority, position and signer of `draft` from the signature lines."""
    used: set[int] = set()
    label = found.cc_label
    if label is not None:
        used.add(id(label))
        column = label.column
        start = lines.index(label) + 1
        for line in lines[start:]:
            if line.column != column or not line.text.strip():
                continue
            used.add(id(line))
            text = line.text.strip()
            if text.startswith(tuple(DASHES + "+")) or not draft.cc:
                draft.cc.append(item_text(text.lstrip("+")))
            else:
                draft.cc[-1] = f"{draft.cc[-1]} {item_text(text)}"
        draft.cc, draft.cc_notes = cc_groups(draft.cc)
        if not draft.cc:
            reading.doubt("cc", "có nhãn “Nơi nhận” nhưng không đọc được nơi nhận nào")
    sig = draft.signature
    allowed = AUTHORITIES[draft.family]
    position = []
    for line in found.position:
        if SIGNED_MARK.match(line.text.strip()):
            reading.doubt("signature.name", f"dòng “{line.text.strip()}” ở chỗ ký không đưa vào văn bản mới")
        else:
            position.append(line.text.strip())
    if found.authority is not None:
        used.add(id(found.authority))
        match = AUTHORITY.match(found.authority.text)
        form = match.group(1).upper() if match else ""
        sig.body = found.authority.text.strip()[len(form):].strip() if match else found.authority.text.strip()
        if form not in allowed:
            reading.doubt("signature.authority", f"“{form}” không dùng cho khối này; đã đổi cách viết")
            form = AUTHORITY_FORMS.get(form, "")
            form = form if form in allowed else ""
        sig.authority = form
    elif position and (loose := LOOSE_AUTHORITY.match(position[0])):
        form = LOOSE_FORMS[draft.family != "dang"][loose.group(1).replace(".", "").replace("/", "").upper()]
        reading.doubt("signature.authority", f"“{loose.group(0).strip()}” viết chưa đúng; đã đọc là “{form}”")
        sig.authority, sig.body = form, position.pop(0)[loose.end():].strip()
    elif position:
        sig.body = position.pop(0)
    sig.position = " ".join(position)
    used |= {id(x) for x in found.position}
    if found.signer is not None:
        used.add(id(found.signer))
        sig.name = nfc(found.signer.text.strip())
        if sig.name.isupper():
            reading.doubt("signature.name", "họ tên người ký viết hoa toàn bộ, có thể là chức vụ")
    else:
        reading.doubt("signature.name", "không thấy họ tên người ký")
    for line in lines:
        text = line.text.strip()
        if text and id(line) not in used and not is_cc_label(text) and not DATE.search(text):
            reading.leftover(text)
