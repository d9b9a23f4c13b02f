"""Read a Word letter (.docx) into a draft: every part recognised, doubts and leftovers listed.

``read_letter(path)`` returns a :class:`WordLetter`: the :class:`~dnnd_drafter.model.letter.Draft`
(family from the header, with the family's current rule set, issuer, number, date, kind and trích yếu, Kính gửi, the
body as free Markdown in the ``van_ban_tu_do`` template, closing and attachment notes, Nơi
nhận, signature), the fields read with doubt and the source text that fit no part. That text
is never dropped: it is added at the end of the body and listed. A body with the shape of a
shipped template gets that template when it prints the very same body
(:mod:`dnnd_drafter.wordin.matching`). The source is only read.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from pathlib import Path

from dnnd_drafter.model import validation
from dnnd_drafter.checker.elements import Elements, detect_family, find_elements
from dnnd_drafter.checker.page import Line, Page, Table
from dnnd_drafter.checker.paragraphs import Para
from dnnd_drafter.checker.regions import AUTHORITY, is_recipients_label
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model.formats import load_format
from dnnd_drafter.model.content import WordNotes
from dnnd_drafter.model.letter import FAMILIES, Content, Draft
from dnnd_drafter.checker.rules_choices import read_choices
from dnnd_drafter.wordin import body as body_md
from dnnd_drafter.wordin.images import carry_signature_images
from dnnd_drafter.checker.legacy_fonts import encoding_of
from dnnd_drafter.wordin.fields import TYPED_RULE, Reading, read_header, read_recipients, read_signature, read_titles
from dnnd_drafter.wordin.matching import match_template
from dnnd_drafter.wordin.source import SourceLetter, open_letter

FREE_TEMPLATE = "van_ban_tu_do"
SIGNATURE_CHARS = 80    # a right-aligned paragraph longer than this is body text, not the signature
FIELD_LABELS = {
    "family": "khối văn bản", "issuer.name": "cơ quan ban hành", "number": "số và ký hiệu",
    "date": "ngày tháng", "subject": "trích yếu", "recipients": "Kính gửi", "content.body": "nội dung",
    "cc": "nơi nhận", "signature.authority": "thẩm quyền ký", "signature.name": "người ký",
    "text": "chữ của văn bản", "signature.image": "ảnh chữ ký và con dấu",
}


class WordLetterError(UserMessageError):
    """Report a Word file that holds no letter the reader can recognise."""

    exit_code = 2
    no_header = False   # True when only the header is missing (the text could be read as a body)


@dataclass
class WordLetter:
    """Hold a letter read from Word: the draft, the doubtful fields and the unplaced text."""

    draft: Draft
    source: str
    unsure: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    source_words: list[str] = field(default_factory=list)   # the words of the source's body region
    docx: bytes = field(default=b"", repr=False)               # the .docx read (an old .doc converted)

    def notes(self) -> list[str]:
        """Return the Vietnamese notes to show the clerk: doubts first, then unplaced text."""
        out = [f"Cần kiểm tra {FIELD_LABELS.get(k, k)}: {v}." for k, v in self.unsure.items()]
        out += [f"Không xếp được vào phần nào (đã đưa vào cuối nội dung): “{t}”" for t in self.unplaced]
        return out


def _box_lines(para: Para, used: AbstractSet[int], reading: Reading, words: list[str]) -> list[str]:
    """Return the Markdown lines of the text boxes anchored in `para` that no other part took."""
    lines: list[str] = []
    for box in para.textboxes:
        if any(id(p) in used for p in box.paragraphs):
            continue
        for inner in box.paragraphs:
            reading.placed.add(id(inner))
            if inner.text.strip() and not TYPED_RULE.match(inner.text):
                lines += body_md.paragraph_lines(inner)
                words += inner.text.split()
    if lines:
        reading.doubt("content.body", "nội dung có khung chữ (text box); chữ trong khung được đưa vào nội dung "
                      "ngay sau đoạn chứa khung")
    return lines


def _body_lines(letter_items: list[Para | Table], found_body: list[Para], draft: Draft,
                reading: Reading, words: list[str], used: AbstractSet[int] = frozenset(),
                framed: AbstractSet[int] = frozenset()) -> list[str]:
    """Return the body Markdown lines; read a Kính gửi typed in a table on the way.

    The words of the source text are added to `words` as they stand in the file. Text boxes
    anchored in the body are read after their paragraph, unless their paragraphs are in `used`
    (the header or the signature); paragraphs in `framed` are set in a frame.
    """
    wanted = {id(p) for p in found_body}
    lines: list[str] = []
    for item in letter_items:
        if isinstance(item, Para):
            if id(item) in wanted and not TYPED_RULE.match(item.text):  # a line typed ----- is layout
                reading.placed.add(id(item))
                lines += body_md.paragraph_lines(item)
                words += item.text.split()
                if id(item) in framed and item.text.strip():
                    reading.doubt("content.body", "nội dung có đoạn đặt trong khung (frame); đoạn đó được giữ "
                                  "đúng thứ tự trong nội dung, không giữ vị trí của khung")
            lines += _box_lines(item, used, reading, words)
            continue
        texts = [p.text for p in item.paragraphs() if p.text.strip()]
        reading.placed |= {id(p) for p in item.paragraphs()}
        if texts and is_recipients_label(texts[0].strip()) and not draft.recipients:
            draft.recipients = read_recipients(texts)
            continue
        rows = body_md.table_lines(item)
        words += " ".join(texts).split()
        if rows:
            reading.doubt("content.body", "nội dung có bảng; bảng chưa được hỗ trợ nên mỗi hàng thành một dòng, "
                          "các ô cách nhau bằng dấu tab")
            lines += rows
        for para in item.paragraphs():
            lines += _box_lines(para, used, reading, words)
    return lines


def _signature_in_body(found: Elements) -> list[Line]:
    """Move a signature typed as right-aligned paragraphs at the end of the body into `found`.

    Clerks often type the authority line, the position and the name as right-aligned or centred
    paragraphs above ``Nơi nhận``; the checker's regions then leave them in the body.
    """
    if found.signer is not None or not found.body:
        return []
    tail: list[Para] = []
    for para in reversed(found.body):
        text = para.text.strip()
        if para.fmt.align not in ("right", "center") or len(text) > SIGNATURE_CHARS or "\n" in text:
            break
        tail.insert(0, para)
    if not tail:
        return []
    lines = [Line(p.text.strip(), p.runs, p, "right") for p in tail]
    found.body = found.body[: len(found.body) - len(tail)]
    if AUTHORITY.match(lines[0].text):
        found.authority, lines = lines[0], lines[1:]
    if lines:
        found.signer = lines[-1]
        found.position = lines[:-1]
    return ([found.authority] if found.authority else []) + lines


def _read_pictures(letter: SourceLetter, draft: Draft, moved: list[Line], reading: Reading) -> None:
    """Carry the signing space's pictures into the signature; report those of the body."""
    at = {id(item): index for index, item in enumerate(letter.items)}
    first = min([at[id(line.para)] for line in moved if id(line.para) in at] + [letter.signature_at])
    last = letter.signature_at if letter.page.signature_kind == "table" else len(letter.items) - 1
    signing = [p for p in letter.pictures if first <= p.item <= last]
    others = len(letter.pictures) - len(signing)
    if notes := carry_signature_images(draft, signing):
        reading.doubt("signature.image", "; ".join(notes))
    if others:
        reading.doubt("content.body", f"nội dung có {others} hình ảnh; bản mới chưa đưa hình vào nội dung")


def _missed(letter: SourceLetter, found: Elements, moved: list[Line], used: set[int], reading: Reading) -> list[str]:
    """Return (and list as unplaced) the text of every source paragraph no part of the letter took.

    A text box anchored in a header line typed with tabs, for example, is read by no region.
    """
    placed = reading.placed | used | {id(line.para) for line in moved}
    placed |= {id(p) for p in found.titles + found.recipients + letter.before_items}
    placed |= {id(found.title_rule)} if found.title_rule is not None else set()
    missed = [p.text for p in letter.page.paragraphs
              if id(p) not in placed and p.text.strip() and not TYPED_RULE.match(p.text)]
    count = len(reading.unplaced)
    for text in missed:
        reading.leftover(text)
    return reading.unplaced[count:]


def _recipient_under_label(found: Elements, reading: Reading) -> None:
    """Take the line under a lone “Kính gửi:” as its recipient (the checker stops at the label)."""
    if len(found.recipients) != 1 or not found.body:
        return
    after = found.recipients[0].text.strip().split(":", 1)[1:] or [""]
    first = found.body[0]
    text = first.text.strip()
    if after[0].strip() or len(text) > SIGNATURE_CHARS or (first.fmt.align == "justify" and first.fmt.first_mm > 3):
        return
    found.recipients.append(first)
    found.body = found.body[1:]
    reading.doubt("recipients", "nơi gửi đọc từ dòng dưới “Kính gửi:”")


def _recipients_in_header(page: Page) -> list[str]:
    """Cut a Kính gửi block that ended up in the header (a table right under the header table).

    Word and LibreOffice join two tables that touch into one, so a Kính gửi typed in a table
    just below the header becomes the header's last row. Return its texts, label first.
    """
    at = next((i for i, line in enumerate(page.header) if is_recipients_label(line.text.strip())), None)
    if at is None:
        return []
    texts: list[str] = []
    previous: Line | None = None
    for line in page.header[at:]:
        if not line.text.strip():
            continue
        if previous is not None and line.para is not None and line.para is previous.para:
            texts[-1] += "\n" + line.text  # a line break inside one paragraph (a long item the layout broke)
        else:
            texts.append(line.text)
        previous = line
    page.header = page.header[:at]
    return texts


def read_letter(source: str | Path | bytes, family: str | None = None, name: str | None = None,
                headerless: bool = False) -> WordLetter:
    """Return the letter in the .docx `source`, read with the rules of `family` when given.

    A file with no recognisable header raises :class:`WordLetterError` (``no_header`` set), unless
    `headerless` is set: then its text is read as the body of a letter whose header is empty.
    """
    letter = open_letter(source, name)
    page = letter.page
    reading = Reading()
    detected = detect_family(page)
    if family is None and detected is None:
        reading.doubt("family", "không thấy tiêu đề hay quốc hiệu ở phần đầu; đã chọn khối Nhà nước")
    chosen = family or detected or "nha_nuoc"
    if family and detected and family != detected:
        reading.doubt("family", f"phần đầu là của khối {FAMILIES[detected]}")
    fmt = load_format(chosen)
    used = {id(line.para) for line in page.header + page.signature if line.para is not None}  # the regions' paragraphs
    header_recipients = _recipients_in_header(page)
    found = find_elements(page, fmt)
    draft = Draft(family=chosen, kind="cong_van", template=FREE_TEMPLATE, content=Content(), cc=[])
    if letter.legacy.runs:
        code = "VNI" if encoding_of(letter.legacy.font) == "vni" else "TCVN3"
        reading.doubt("text", f"văn bản gõ bằng phông cũ “{letter.legacy.font}” (mã {code}); chữ đã được chuyển "
                      "sang Unicode, hãy kiểm tra các chữ có dấu")
    for para in letter.before_items:  # DỰ THẢO, MẬT … above the header: listed for the clerk
        reading.leftover(para.text)
    no_header = detected is None and found.number is None and found.date is None
    if no_header and not headerless:
        error = WordLetterError(f"Không đọc được “{letter.name}” như một công văn: không thấy phần đầu "
                                "(tên cơ quan ban hành, số và ký hiệu, ngày tháng).")
        error.no_header = True
        raise error
    head_texts = [line.text.strip() for line in page.header if line.text.strip()] if no_header else []
    head = [body_md.escape_inline(text) for text in head_texts]
    if no_header:
        reading.doubt("issuer.name", "văn bản không có phần đầu; các dòng đầu được đưa vào nội dung")
    else:
        read_header(draft, found, fmt, page.header, reading)
    if not draft.issuer.name and not no_header:
        raise WordLetterError(f"Không đọc được tên cơ quan ban hành ở phần đầu của “{letter.name}”.")
    for text in read_titles(draft, [p.text.strip() for p in found.titles], fmt, reading):
        reading.leftover(text)
    if draft.kind == "cong_van" and not draft.subject:
        reading.doubt("subject", "không thấy trích yếu")
    _recipient_under_label(found, reading)
    if found.recipients or header_recipients:
        draft.recipients = read_recipients(header_recipients or [p.text for p in found.recipients])
    moved = _signature_in_body(found)
    words: list[str] = " ".join(head_texts).split()
    lines = head + _body_lines(letter.body_items, found.body, draft, reading, words, used, letter.framed)
    read_signature(draft, found, moved + page.signature, reading)
    draft.choices = read_choices(found, fmt)  # the office's punctuation, ./. and Nơi nhận label, as the letter shows
    _read_pictures(letter, draft, moved, reading)
    lines += [body_md.escape_inline(text) for text in reading.unplaced]
    lines, draft.content.closing, draft.content.attachment = body_md.split_notes(lines)
    annex = _body_lines(letter.after_items, [p for p in letter.after_items if isinstance(p, Para)], draft,
                        reading, words, used, letter.framed)
    if annex:
        reading.doubt("content.body", "văn bản có phần sau khối chữ ký (phụ lục, đề cương…); phần đó được "
                      "đưa vào cuối nội dung")
        if draft.content.closing:  # the closing stays the last words of the letter itself
            lines, draft.content.closing = lines + [draft.content.closing], ""
        if draft.content.attachment:
            lines, draft.content.attachment = lines + [f"*({body_md.escape_inline(draft.content.attachment)}).*"], ""
        lines += annex
        draft.choices = replace(draft.choices, closing_mark=None)  # the ./. closed the letter, not the annex now last
    lines += [body_md.escape_inline(text) for text in _missed(letter, found, moved, used, reading)]
    draft.content.body = "\n".join(lines)
    if not lines and not draft.content.closing:
        reading.doubt("content.body", "không thấy nội dung")
    if reading.unsure or reading.unplaced:
        read = {name: validation.field_value(draft, name) for name in reading.unsure}
        draft.content.wordin = WordNotes(dict(reading.unsure), read, list(reading.unplaced))
    words += " ".join(reading.unplaced).split()
    if "content.body" not in reading.unsure and not reading.unplaced:
        draft = match_template(draft)   # the body's doubts stay on the free body, where they are shown
    return WordLetter(draft, letter.name, dict(reading.unsure), list(reading.unplaced), words, letter.data)
