"""Cite documents in a letter body: type names, số/ký hiệu parsing, full and short citations.

Party style (HD 36): ``12-CT/TW`` (number, hyphen, type code, slash, issuer). State style
(NĐ 30): ``15/QĐ-UBND``; a State công văn has no type code (``123/UBND-VP``). A first
citation is full (``Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “về …”``); later ones
may be short (``Chỉ thị số 12-CT/TW``). Dates follow the zero rule (``06/7/2011``).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.model.vietnamese import nfc, parse_vn_date, short_date

STYLES = ("dang", "nha_nuoc")

#: Party type codes after the hyphen (HD 36-HD/VPTW; spec Part B §2).
PARTY_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QC": "Quy chế",
    "QĐ": "Quyết định", "QĐi": "Quy định", "TT": "Thông tri", "HD": "Hướng dẫn",
    "TB": "Thông báo", "BC": "Báo cáo", "KH": "Kế hoạch", "CTr": "Chương trình",
    "TTr": "Tờ trình", "ĐA": "Đề án", "PA": "Phương án", "BB": "Biên bản",
    "CV": "Công văn", "BS": "Bản sao", "TC": "Thông cáo",
}

#: State type codes (NĐ 30/2020 Phụ lục III, Mục I) plus common legal-normative codes.
STATE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết", "QĐ": "Quyết định", "CT": "Chỉ thị", "QC": "Quy chế",
    "QyĐ": "Quy định", "TC": "Thông cáo", "TB": "Thông báo", "HD": "Hướng dẫn",
    "CTr": "Chương trình", "KH": "Kế hoạch", "PA": "Phương án", "ĐA": "Đề án",
    "DA": "Dự án", "BC": "Báo cáo", "BB": "Biên bản", "TTr": "Tờ trình",
    "HĐ": "Hợp đồng", "CĐ": "Công điện", "BGN": "Bản ghi nhớ", "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền", "GM": "Giấy mời", "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép", "PG": "Phiếu gửi", "PC": "Phiếu chuyển", "PB": "Phiếu báo",
    "SY": "Bản sao y", "TrS": "Bản trích sao", "SL": "Bản sao lục",
    "NĐ": "Nghị định", "TT": "Thông tư", "TTLT": "Thông tư liên tịch",
    "CV": "Công văn", "": "Công văn",
}

#: Readable hints for issuer codes seen in real numbers (not exhaustive; not authoritative).
ISSUER_HINTS: dict[str, str] = {
    "TW": "Trung ương", "VPTW": "Văn phòng Trung ương Đảng", "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "TU": "Tỉnh ủy", "THU": "Thành ủy", "HU": "Huyện ủy", "ĐU": "Đảng ủy", "CB": "Chi bộ",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy", "BTG": "Ban Tuyên giáo", "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy",
    "UBND": "Ủy ban nhân dân", "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ",
    "MTTW": "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "TWĐTN": "Trung ương Đoàn",
}

_CODE = r"[A-ZĐ][A-Za-zĐđ0-9]*"
#: A số, ký hiệu without groups, for other modules' regular expressions.
SYMBOL_PATTERN = rf"\d{{1,5}}(?:/\d{{4}})?[-/]{_CODE}(?:[/-]{_CODE})*"
_SYMBOL = (rf"(?P<num>\d{{1,5}})(?:/(?P<year>\d{{4}}))?(?P<sep>[-/])"
           rf"(?P<rest>{_CODE}(?:[/-]{_CODE})*)")


def _lookup(table: dict[str, str], code: str) -> str | None:
    """Return the name of `code` in `table`, exact first, then ignoring case."""
    if code in table:
        return table[code]
    folded = {k.upper(): v for k, v in table.items()}
    return folded.get(code.upper())


def type_name(code: str, style: str = "dang") -> str:
    """Return the document type name of a type code (``KH`` → ``Kế hoạch``).

    The table of `style` is searched first, then the other one, so ``TT`` is ``Thông tri``
    in Party style and ``Thông tư`` in State style. Unknown codes raise CatalogError.
    """
    code = nfc(code.strip())
    first, second = (PARTY_TYPES, STATE_TYPES) if style == "dang" else (STATE_TYPES, PARTY_TYPES)
    name = _lookup(first, code) or _lookup(second, code)
    if name is None:
        raise CatalogError(f"Không biết loại văn bản có ký hiệu “{code}”. "
                           "Hãy ghi rõ tên loại (ví dụ “Chỉ thị”, “Kế hoạch”).")
    return name


def type_code(name: str, style: str = "dang") -> str:
    """Return the type code of a document type name (``Kế hoạch`` → ``KH``); ``""`` if unknown."""
    wanted = nfc(name.strip()).casefold()
    table = PARTY_TYPES if style == "dang" else STATE_TYPES
    for code, known in table.items():
        if known.casefold() == wanted and code:
            return code
    return ""


@dataclass(frozen=True)
class Symbol:
    """Hold the parts of a số, ký hiệu: ``29-HD/TWĐTN-VP`` → 29, HD, TWĐTN, (VP,)."""

    number: str
    type_code: str
    issuer: str
    units: tuple[str, ...] = ()
    year: str = ""
    style: str = "dang"

    @property
    def type_name(self) -> str:
        """Return the type name (``Công văn`` for a State công văn without a code)."""
        return type_name(self.type_code or "CV", self.style)

    @property
    def issuer_hint(self) -> str:
        """Return a readable hint for the issuer code, or ``""`` when unknown."""
        return ISSUER_HINTS.get(self.issuer, "")


def parse_symbol(text: str) -> Symbol:
    """Return the parts of a số, ký hiệu such as ``1218-CV/TU`` or ``Số: 15/QĐ-UBND``."""
    raw = nfc(text.strip())
    cleaned = re.sub(r"^Số\s*:?\s*", "", raw, flags=re.IGNORECASE).strip()
    match = re.fullmatch(_SYMBOL, cleaned)  # compiled on first use (re's cache), not at start
    if not match:
        raise CatalogError(f"“{raw}” không phải số, ký hiệu văn bản hợp lệ "
                           "(ví dụ 12-CT/TW, 1218-CV/TU, 15/QĐ-UBND).")
    num, year, sep, rest = match.group("num", "year", "sep", "rest")
    if sep == "-":
        if "/" not in rest:
            raise CatalogError(f"“{raw}” thiếu phần cơ quan ban hành sau dấu “/” (ví dụ 12-CT/TW).")
        code, _, issuer_part = rest.partition("/")
        issuer, *units = re.split(r"[-/]", issuer_part)
        return Symbol(num, code, issuer, tuple(units), year or "", "dang")
    parts = re.split(r"[-/]", rest)
    if len(parts) >= 2 and parts[0] in STATE_TYPES and parts[0]:
        return Symbol(num, parts[0], parts[1], tuple(parts[2:]), year or "", "nha_nuoc")
    return Symbol(num, "", parts[0], tuple(parts[1:]), year or "", "nha_nuoc")


@dataclass(frozen=True)
class DocumentRef:
    """Hold what a citation needs: type, số/ký hiệu (``12-CT/TW``), date, issuer, trích yếu.

    `number` is the whole số, ký hiệu as printed. `type_label` overrides the name derived from
    `type_code` (e.g. ``Quy định`` for ``399-QĐ/TW``). `subject` starts lowercase: ``về …``.
    """

    type_code: str
    number: str
    date: _dt.date | None = None
    issuer: str = ""
    subject: str = ""
    style: str = "dang"
    type_label: str = ""

    @classmethod
    def from_symbol(cls, number: str, date: _dt.date | None = None, issuer: str = "",
                    subject: str = "", type_label: str = "") -> "DocumentRef":
        """Return a reference whose type code and style are read from `number`."""
        symbol = parse_symbol(number)
        clean_number = re.sub(r"^Số\s*:?\s*", "", nfc(number.strip()), flags=re.IGNORECASE)
        return cls(symbol.type_code, clean_number, date, nfc(issuer.strip()),
                   nfc(subject.strip()), symbol.style, type_label)

    @property
    def type_name(self) -> str:
        """Return the type name used in citations (``Chỉ thị``)."""
        return self.type_label or type_name(self.type_code or "CV", self.style)


@runtime_checkable
class Citable(Protocol):
    """Describe objects (such as catalog directives) that can give a DocumentRef."""

    def to_ref(self) -> DocumentRef:
        """Return the reference used to cite this object."""


def _ref(doc: DocumentRef | Citable) -> DocumentRef:
    """Return `doc` as a DocumentRef."""
    return doc if isinstance(doc, DocumentRef) else doc.to_ref()


def cite_short(doc: DocumentRef | Citable, *, with_so: bool = True) -> str:
    """Return the short citation ``Chỉ thị số 12-CT/TW`` (without ``số`` if asked)."""
    ref = _ref(doc)
    return f"{ref.type_name} {'số ' if with_so else ''}{ref.number}"


def cite_full(doc: DocumentRef | Citable, *, comma_before_date: bool = False,
              with_so: bool = True, with_subject: bool = True, quote_subject: bool = True) -> str:
    """Return the full first citation: type, số, date, issuer, then the trích yếu in “ ”.

    ``comma_before_date`` gives the seed variant ``Chỉ thị số 04-CT/TW, ngày 06/7/2011 …``;
    ``quote_subject=False`` writes the trích yếu without quotes; parts that are empty are left out.
    """
    ref = _ref(doc)
    text = cite_short(ref, with_so=with_so)
    if ref.date is not None:
        text += f"{',' if comma_before_date else ''} ngày {short_date(ref.date)}"
    if ref.issuer:
        text += f" của {ref.issuer}"
    if with_subject and ref.subject:
        text += f" “{ref.subject}”" if quote_subject else f" {ref.subject}"
    return text


@dataclass(frozen=True)
class FoundCitation:
    """Hold a citation found in running text, with the options that reproduce it."""

    ref: DocumentRef
    text: str
    start: int
    end: int
    with_so: bool
    comma_before_date: bool


_ISSUER_STOP = (
    r"\s+(?:về|khóa|khoá|trên|và|đến|nhằm|tại|theo|trong|cho|với|để|là|đã|được|khẳng định"
    r"|đề ra|nêu|yêu cầu|xác định|nhấn mạnh|chỉ đạo|quy định|hướng dẫn)\b.*$")


# the start of a citation: every document type's name, longest first, then in alphabetical order, so
# the text is the same in every process (compiled on first use, 2–6 ms; kept by base/regex_code.py)
_ANCHOR = (
    r"(?P<type>" + "|".join(re.escape(n) for n in sorted({*PARTY_TYPES.values(), *STATE_TYPES.values()},
                                                        key=lambda name: (-len(name), name))) + r")\s+(?P<so>số\s+)?"
    r"(?P<number>" + SYMBOL_PATTERN + r")(?P<comma>,)?"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>[^,;:.()“”\"\n]+))?"
    r"(?=$|[\s,;.()“”\"])")


def find_citations(text: str) -> list[FoundCitation]:
    """Return the citations (``Chỉ thị số 12-CT/TW ngày … của …``) found in `text`.

    The issuer runs to the first of ``về``, ``khóa``, ``trên``, ``và``… or punctuation;
    a quoted trích yếu right after the issuer is kept as the subject.
    """
    text = nfc(text)
    found: list[FoundCitation] = []
    if not any(character.isdigit() for character in text):  # no number, no citation: nor the 6 ms pattern
        return found
    for match in re.finditer(_ANCHOR, text):
        comma = bool(match.group("comma")) and bool(match.group("date"))
        date = parse_vn_date(match.group("date")) if match.group("date") else None
        issuer = re.sub(_ISSUER_STOP, "", match.group("issuer") or "").strip()
        end = match.start("issuer") + len(issuer) if issuer else (
            match.end("date") if date else match.end("number"))
        subject = ""
        quoted = re.match(r"\s*[“\"]([^”\"]+)[”\"]", text[end:]) if issuer else None
        if quoted:
            subject = quoted.group(1).strip()
            end += quoted.end()
        try:
            ref = DocumentRef.from_symbol(match.group("number"), date, issuer, subject,
                                          type_label=match.group("type"))
        except CatalogError:
            continue
        found.append(FoundCitation(ref, text[match.start():end], match.start(), end,
                                   bool(match.group("so")), comma))
    return found


def render_found(found: FoundCitation) -> str:
    """Return the citation text that `found` stands for, rebuilt with its own options."""
    return cite_full(found.ref, comma_before_date=found.comma_before_date, with_so=found.with_so)
