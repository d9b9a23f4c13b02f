"""Give the rules what they share: the page, the family figures, the elements and helpers.

Every expected figure comes from the family's :class:`~dnnd_drafter.model.formats.FamilyFormat`; the
few citations the format files do not carry (the date rule, the font, page-count checks) come
from spec Part B and are chosen here by the family's legal basis (NĐ 30 for the State layout,
HD 36 for the Party layout that the Đoàn follows). The tolerances below are measuring slack,
not rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from dnnd_drafter.checker.elements import Elements
from dnnd_drafter.checker.page import Line, Page
from dnnd_drafter.checker.paragraphs import Para, Run
from dnnd_drafter.checker.report import ERROR, WARNING, Accepted, Finding, Severity
from dnnd_drafter.model.formats import FamilyFormat, Range, Style

SIZE_TOLERANCE_PT = 0.25
MM_TOLERANCE = 0.6
EXAMPLES = 2              # how many offending texts a finding quotes

STATE_FAMILIES = ("nha_nuoc", "doan_the")
SOURCES = {
    "date": {"nd30": "NĐ 30/2020, Phụ lục I, mục II.4",
             "hd36": "HD 36-HD/VPTW (ví dụ “ngày 20 tháng 02 năm 2018”); cùng cách viết với "
                     "NĐ 30/2020, Phụ lục I, mục II.4"},
    "font": {"nd30": "NĐ 30/2020, Phụ lục I, mục I.4: Times New Roman, Unicode TCVN 6909:2001",
             "hd36": "HD 36-HD/VPTW: phông chữ Times New Roman, Unicode TCVN 6909:2001"},
    "case": {"nd30": "NĐ 30/2020, Phụ lục I, mục II.1–II.2, II.7",
             "hd36": "HD 36-HD/VPTW, Mục II.1, Phụ lục 3"},
    "pages": {"nd30": "Quy định thể thức của DNND Drafter (format-rules.md, Part A: khối chữ ký); "
                      "NĐ 30/2020, Phụ lục I, mục II.7",
              "hd36": "Quy định thể thức của DNND Drafter (format-rules.md, Part A: khối chữ ký)"},
}


#: The real letters the layout figures were measured on, by their number in the project's seeds.
SEED_LETTERS = {
    "000": "Công văn số 492-CV/HU ngày 14/02/2022 của Huyện ủy Cát Tiên (văn bản thực tế)",
    "003": "Công văn số 189-CV/BTG của Ban Tuyên giáo Thị ủy Hương Trà (văn bản thực tế)",
}

_CITE_WORDS = (
    (re.compile(r"\bReal Party letters \(seed (\d+)\)"),
     lambda m: SEED_LETTERS.get(m.group(1), "công văn thực tế của Đảng")),
    (re.compile(r"\s*\(seed \d+\)"), ""),
    (re.compile(r"\b[Ss]pec Part A\b"), "Quy định thể thức của DNND Drafter, Phần A"),
    (re.compile(r"\bBody headings\b"), "đề mục trong nội dung"),
    (re.compile(r"\bOffice choices\b"), "lựa chọn của cơ quan"),
    (re.compile(r"\bheader layout\b"), "bố cục phần đầu"),
    (re.compile(r"\bheader\b"), "phần đầu"),
    (re.compile(r"\bexamples\b"), "ví dụ"),
    (re.compile(r"\bsize\b"), "cỡ chữ"),
    (re.compile(r"\(F[^)]*\)"), "(văn bản gốc)"),
    (re.compile(r"\(S[^)]*\)"), "(nguồn thứ cấp)"),
    (re.compile(r"\(C\)"), "(thông lệ)"),
)


def cite(source: str) -> str:
    """Return the citation part of a format file's `source` note, in Vietnamese.

    The note's first clause is the reference (``NĐ 30/2020, Phụ lục I, mục II.4 (F): 13–14 italic``
    → ``NĐ 30/2020, Phụ lục I, mục II.4 (văn bản gốc)``); what follows a colon or semicolon outside
    parentheses explains the figure and is left out. Evidence tags F/S/C are spelled out.
    """
    depth, cut = 0, len(source)
    for index, char in enumerate(source):
        depth += (char == "(") - (char == ")")
        if depth == 0 and char in ":;":
            cut = index
            break
    text = source[:cut].strip()
    for pattern, replacement in _CITE_WORDS:
        text = pattern.sub(replacement, text)
    return text


def law(fmt: FamilyFormat) -> str:
    """Return the legal basis of `fmt`'s layout: ``nd30`` (State layout) or ``hd36`` (Party layout)."""
    return "nd30" if fmt.family in STATE_FAMILIES else "hd36"


def quote(text: str, limit: int = 60) -> str:
    """Return `text` in Vietnamese quotes, shortened to `limit` characters."""
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def sizes(runs: Iterable[Run]) -> list[float]:
    """Return the distinct sizes of the visible `runs`, in order."""
    out: list[float] = []
    for run in runs:
        if run.text.strip() and run.fmt.size is not None and run.fmt.size not in out:
            out.append(run.fmt.size)
    return out


def pt(value: float) -> str:
    """Return a size in pt as Vietnamese text (``13,5 pt``)."""
    return f"{value:g}".replace(".", ",") + " pt"


def indent_words(first_mm: float) -> str:
    """Return a paragraph's first-line indent as a clerk says it: thụt vào, lùi ra or none."""
    if abs(first_mm) < 0.05:
        return "dòng đầu không thụt vào"
    if first_mm < 0:
        return f"dòng đầu lùi ra {mm(-first_mm)} (các dòng sau thụt vào)"
    return f"dòng đầu thụt vào {mm(first_mm)}"


def mm(value: float) -> str:
    """Return a length in mm as Vietnamese text."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",") + " mm"


def span(rng: Range, unit: str) -> str:
    """Return the values `rng` accepts as Vietnamese text (``13–14 pt``, ``30–35 mm``, ``14 pt``)."""
    value = pt if unit == "pt" else mm
    if rng.fixed:
        return value(rng.low)
    return value(rng.low).removesuffix(f" {unit}") + "–" + value(rng.high)


def accepted(part: str, rng: Range, unit: str) -> Accepted:
    """Return `rng` as the accepted values a finding carries (JSON ``accepted``)."""
    return Accepted(part, rng.low, rng.high, unit)


def off_sizes(runs: Iterable[Run], rng: Range) -> list[float]:
    """Return the distinct sizes of the visible `runs` that lie outside `rng`."""
    return [s for s in sizes(runs) if not rng.holds(s, SIZE_TOLERANCE_PT)]


def display(line: Line | Para) -> str:
    """Return the text of `line` as shown (caps applied)."""
    runs = line.runs
    return "".join(r.text.upper() if r.fmt.caps else r.text for r in runs).strip()


@dataclass
class Context:
    """Hold a check in progress: inputs, and the findings so far."""

    page: Page
    fmt: FamilyFormat
    found: Elements
    page_texts: list[str] | None = None
    pages_requested: bool = False
    pages_error: str = ""
    findings: list[Finding] = field(default_factory=list)
    #: Whose office choices `fmt` carries: "" for the family's default, else e.g. "hồ sơ “Huyện ủy Cát Tiên”".
    choices_from: str = ""

    def list_separator_in(self, items: Sequence[str]) -> str:
        """Return the list mark `items` (Kính gửi or Nơi nhận lines) use when it is one the family offers.

        A letter that ends every item but the last with the same offered mark (``,`` or ``;``) is
        measured against that mark here and reported once by the office-choice rule; otherwise
        the expected mark is the office's (or the family's).
        """
        ends = {item.rstrip()[-1:] for item in items[:-1] if item.strip()}
        offered = self.fmt.options("list_separator")
        if len(ends) == 1 and (mark := ends.pop()) in offered:
            return mark
        return str(self.fmt.recipients["separator"])

    @property
    def law(self) -> str:
        """Return ``nd30`` or ``hd36``."""
        return law(self.fmt)

    def source(self, topic: str) -> str:
        """Return the citation of `topic` from :data:`SOURCES` for this family."""
        return SOURCES[topic][self.law]

    def add(self, code: str, element: str, found: str, expected: str, source: str,
            field_name: str | None = None, severity: Severity = ERROR, allowed: tuple[Accepted, ...] = ()) -> None:
        """Record one finding (`allowed`: the values the rule accepts, for a size or a margin)."""
        self.findings.append(Finding(code, severity, element, found, expected, cite(source), field_name, allowed))

    def warn(self, code: str, element: str, found: str, expected: str, source: str,
             field_name: str | None = None) -> None:
        """Record one warning."""
        self.add(code, element, found, expected, source, field_name, WARNING)

    # -- shared checks ------------------------------------------------------------------------

    def check_style(self, lines: Sequence[Line | Para], style_name: str, prefix: str, element: str,
                    field_name: str | None = None,
                    aspects: Sequence[str] = ("size", "bold", "italic", "underline")) -> None:
        """Compare the type of `lines` with the family style `style_name`; one finding per aspect."""
        style: Style = self.fmt.style(style_name)
        shown = [ln for ln in lines if any(r.text.strip() for r in ln.runs)]
        if not shown:
            return
        if "size" in aspects:
            rng = style.size_range
            bad = [ln for ln in shown if off_sizes(ln.runs, rng)]
            if bad:
                found = ", ".join(pt(s) for s in off_sizes((r for ln in bad for r in ln.runs), rng))
                self.add(f"{prefix}.size", element, f"cỡ chữ {found} ({self._where(bad)})",
                         f"cỡ chữ {span(rng, 'pt')}", rng.source, field_name,
                         allowed=(accepted(style_name, rng, "pt"),))
        for aspect, word, yes, no in (("bold", "weight", "chữ đậm", "chữ không đậm"),
                                      ("italic", "italic", "chữ nghiêng", "chữ đứng (không nghiêng)"),
                                      ("underline", "underline", "có gạch chân", "không gạch chân")):
            if aspect not in aspects:
                continue
            want = getattr(style, aspect)
            bad = [ln for ln in shown if any(getattr(r.fmt, aspect) != want for r in ln.runs if r.text.strip())]
            if aspect == "underline" and not want:
                bad = [ln for ln in bad if all(r.fmt.underline for r in ln.runs if r.text.strip())]
            if aspect == "bold" and want is False and prefix == "body":
                continue
            if bad:
                self.add(f"{prefix}.{word}", element, f"{no if want else yes} ({self._where(bad)})",
                         yes if want else no, style.source, field_name)

    @staticmethod
    def _where(lines: Sequence[Line | Para]) -> str:
        """Return a short quote of the offending lines."""
        texts = [quote(display(ln), 50) for ln in lines[:EXAMPLES]]
        more = f" và {len(lines) - EXAMPLES} dòng khác" if len(lines) > EXAMPLES else ""
        return ", ".join(texts) + more

    def check_upper(self, lines: Sequence[Line], code: str, element: str, field_name: str | None) -> None:
        """Record `code` when a line of `lines` is not in upper case."""
        bad = [ln for ln in lines if display(ln) != display(ln).upper()]
        if bad:
            self.add(code, element, f"chữ thường: {self._where(bad)}", "viết IN HOA", self.source("case"), field_name)
