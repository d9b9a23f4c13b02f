"""Import a new directive from pasted text or a .docx into an editable catalog record.

The text is split into its header (số, ký hiệu; date line; tên loại and trích yếu), its
parts (``I-``/``I.`` …) and the numbered tasks (``1.``, ``2.`` …) of the part that holds them
(normally II); the lead-in of that part and the items of ``Tổ chức thực hiện`` are kept too.
Lines broken by a page break in the middle of a sentence are joined again. What the importer
was unsure about is returned as Vietnamese notes for the user to check.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from dnnd_drafter.catalog.model import Directive, DirectiveTask, directive_id
from dnnd_drafter.catalog.store import save_directive
from dnnd_drafter.catalog.textin import clean_lines, docx_text, read_source
from dnnd_drafter.model.citations import PARTY_TYPES, STATE_TYPES, SYMBOL_PATTERN, parse_symbol, type_code
from dnnd_drafter.base.errors import CatalogError
from dnnd_drafter.model.vietnamese import fold, upper

__all__ = ["ImportResult", "import_text", "import_docx", "import_file", "save_directive"]

_ROMANS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_HEADING = re.compile(r"^(?P<roman>[IVX]{1,4})\s*[-.–—)]\s*(?P<rest>.*)$")
_NUMBERED = re.compile(r"^(?P<n>\d{1,2})\s*[.)\-]\s+(?P<rest>\S.*)$")
_DASH = re.compile(r"^[-–—•+]\s+(?P<rest>.+)$")
_END = re.compile(r"^(?:Nơi nhận|T/M\s|K/T\s|T/L\s|TM\.\s|KT\.\s|TL\.\s|TUQ\.\s|Q\.\s)", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"\bSố\s*:?\s*(?P<symbol>" + SYMBOL_PATTERN + ")")
_SYMBOL_ANY = re.compile(r"(?<![\w/])(?P<symbol>" + SYMBOL_PATTERN + r")(?![\w/])")
_DATE_LINE = re.compile(r"(?:(?P<place>[^,\d][^,]*?),\s*)?ngày\s+(?P<d>\d{1,2})\s+tháng\s+"
                        r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE)
_TERMINAL = (".", ":", ";", "!", "?", "…", "./.")
_TYPE_NAMES = {upper(name): name for name in {*PARTY_TYPES.values(), *STATE_TYPES.values()}}
_KNOWN_ISSUERS = ["Ban Bí thư", "Bộ Chính trị", "Ban Chấp hành Trung ương Đảng",
                  "Ban Chấp hành Trung ương", "Chính phủ", "Thủ tướng Chính phủ", "Quốc hội",
                  "Ủy ban Thường vụ Quốc hội", "Văn phòng Trung ương Đảng", "Ban Đối ngoại Trung ương",
                  "Ban Tuyên giáo Trung ương", "Ban Dân vận Trung ương", "Ban Tổ chức Trung ương",
                  "Ban Thường vụ Tỉnh ủy", "Ban Thường vụ Thành ủy", "Ban Thường vụ Huyện ủy",
                  "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]


@dataclass
class ImportResult:
    """Hold the directive found in an imported text and the notes on what was unsure.

    `directive` is editable: fix it, then call :func:`save_directive`. `sections` maps each part
    (``I``, ``II`` …) to its paragraphs, for showing the text beside the form.
    """

    directive: Directive
    notes: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)


def _is_upper(line: str) -> bool:
    """Return whether `line` has letters and all of them are capitals (a heading or header)."""
    return any(ch.isalpha() for ch in line) and line == upper(line)


def _starts_block(line: str) -> bool:
    """Return whether `line` starts a part, a numbered item, a dashed item or the end block."""
    return bool(_HEADING.match(line) or _NUMBERED.match(line) or _DASH.match(line) or _END.match(line))


def _continues(previous: str, line: str) -> bool:
    """Return whether `line` carries on a sentence that `previous` left unfinished."""
    if _starts_block(line) or _is_upper(previous) or previous.endswith(_TERMINAL):
        return False
    return line[0].islower() or previous.endswith((",", " -", "–"))


def join_broken(lines: list[str]) -> tuple[list[str], int]:
    """Return `lines` with sentences broken over lines (page breaks) joined, and the join count."""
    out: list[str] = []
    joins = 0
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
            joins += 1
        else:
            out.append(line)
    return out, joins


def _split_parts(lines: list[str]) -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    """Return the header lines, the body lines of each part, and each part's heading text."""
    header: list[str] = []
    parts: dict[str, list[str]] = {}
    titles: dict[str, str] = {}
    current: str | None = None
    for line in lines:
        match = _HEADING.match(line)
        expected = _ROMANS[len(parts)] if len(parts) < len(_ROMANS) else None
        if match and expected is not None and match.group("roman") == expected:
            current = expected
            parts[current] = []
            titles[current] = match.group("rest").strip()
            continue
        (parts[current] if current else header).append(line)
    return header, parts, titles


def _issuer_case(text: str) -> tuple[str, bool]:
    """Return an upper-case issuer name in normal case, and whether it was a known name."""
    folded = fold(text)
    for name in sorted(_KNOWN_ISSUERS, key=len, reverse=True):
        if folded == fold(name):
            return name, True
        if folded.startswith(fold(name) + " "):
            rest = text[len(name):].strip()
            return f"{name} {rest.capitalize() if _is_upper(rest) else rest}", False
    if not _is_upper(text):
        return text, True
    return text[:1] + text[1:].lower(), False


def _split_title_lines(header: list[str]) -> list[str]:
    """Return `header` with ``CHỈ THỊ … về …`` written on one line split before ``về``."""
    out: list[str] = []
    for line in header:
        match = re.match(r"^(?P<head>.+?)\s+(?P<rest>[Vv]ề\s.*)$", line)
        if match and _is_upper(match.group("head")) and re.sub(
                r"\s+CỦA\s+.*$", "", match.group("head")) in _TYPE_NAMES:
            out += [match.group("head"), match.group("rest")]
        else:
            out.append(line)
    return out


@dataclass
class _Header:
    """Hold what was read from the header lines."""

    number: str = ""
    date: _dt.date | None = None
    type_name: str = ""
    issuer: str = ""
    subject: str = ""
    sources: dict[str, str] = field(default_factory=dict)


def _parse_header(header: list[str], notes: list[str]) -> _Header:
    """Return the số, date, tên loại, issuer and trích yếu found in the header lines."""
    found = _Header()
    header = _split_title_lines(header)
    type_at = next((i for i, line in enumerate(header)
                    if re.sub(r"\s+CỦA\s+.*$", "", line) in _TYPE_NAMES), None)
    order = list(range(type_at, -1, -1)) if type_at is not None else list(range(len(header)))
    for i in order:
        match = _NUMBER_LINE.search(header[i])
        if match:
            found.number = match.group("symbol")
            found.sources["number"] = f"dòng “{header[i]}”"
            break
    if not found.number:
        for i in order:
            match = _SYMBOL_ANY.search(header[i])
            if match:
                found.number = match.group("symbol")
                notes.append(f"Không thấy dòng “Số …”; lấy số, ký hiệu “{found.number}” từ dòng "
                             f"“{header[i]}”. Hãy kiểm tra.")
                break
    for i in order:
        match = _DATE_LINE.search(header[i])
        if match:
            day, month, year = (int(match.group(k)) for k in ("d", "m", "y"))
            try:
                found.date = _dt.date(year, month, day)
                found.sources["date"] = f"dòng “{header[i]}”"
            except ValueError:
                notes.append(f"Ngày trong dòng “{header[i]}” không hợp lệ.")
            break
    if type_at is None:
        return found
    type_line = header[type_at]
    name, _, issuer_upper = type_line.partition(" CỦA ")
    found.type_name = _TYPE_NAMES[name.strip()]
    found.sources["type_name"] = f"dòng “{type_line}”"
    rest = header[type_at + 1:]
    if not issuer_upper and rest and rest[0].startswith("CỦA "):
        issuer_upper = rest.pop(0)[4:]
    if issuer_upper:
        found.issuer, known = _issuer_case(issuer_upper.strip())
        found.sources["issuer"] = f"dòng “CỦA {issuer_upper.strip()}”"
        if not known:
            notes.append(f"Đã đổi tên cơ quan ban hành “{issuer_upper.strip()}” sang chữ thường "
                         f"thành “{found.issuer}”; hãy kiểm tra chữ hoa.")
    subject: list[str] = []
    for line in rest:
        if (_DATE_LINE.search(line) or _NUMBER_LINE.search(line) or _starts_block(line)
                or line.startswith("Kính gửi") or (subject and _is_upper(line))):
            break
        if subject or fold(line).startswith(("ve ", "v/v")):
            subject.append(line)
    if subject:
        text = " ".join(subject)
        if text[:3] in ("Về ", "VỀ "):
            text = "về " + text[3:]
        found.subject = text
        found.sources["subject"] = "các dòng trích yếu dưới tên loại"
    return found


def _issuer_from_signature(lines: list[str]) -> str:
    """Return the collective named in a ``T/M …`` / ``TM. …`` line near the end, or ``""``."""
    for line in reversed(lines[-30:]):
        match = re.match(r"^(?:T/M|TM\.)\s+(?P<body>.+)$", line)
        if match and _is_upper(match.group("body")):
            return _issuer_case(match.group("body").strip())[0]
    return ""


def _short_title(text: str) -> str:
    """Return a suggested short title: the first clause of `text`, at most eight words."""
    clause = re.split(r"[,.;:]", text, maxsplit=1)[0]
    words = clause.split()
    return " ".join(words[:8]) + ("…" if len(words) > 8 else "")


def _collect_tasks(lines: list[str], notes: list[str]) -> tuple[str, list[DirectiveTask], list[str]]:
    """Return the lead-in, the numbered tasks and the lines after the end marker of a part."""
    lead: list[str] = []
    tasks: list[DirectiveTask] = []
    for index, line in enumerate(lines):
        if _END.match(line):
            return "\n".join(lead), tasks, lines[index:]
        match = _NUMBERED.match(line)
        if match and int(match.group("n")) == len(tasks) + 1:
            text = match.group("rest")
            tasks.append(DirectiveTask(len(tasks) + 1, _short_title(text), text))
        elif tasks:
            if match:
                notes.append(f"Dòng đánh số “{match.group('n')}.” sau nhiệm vụ {len(tasks)} "
                             "không theo thứ tự; đã coi là một phần của nhiệm vụ đó.")
            tasks[-1].text += "\n" + line
        else:
            lead.append(line)
    return "\n".join(lead), tasks, []


def _implementation(lines: list[str]) -> list[str]:
    """Return the items of a ``Tổ chức thực hiện`` part, up to the ``Nơi nhận`` block."""
    items: list[str] = []
    for line in lines:
        if _END.match(line):
            break
        match = _DASH.match(line) or _NUMBERED.match(line)
        items.append(match.group("rest") if match else line)
    return items


def _task_part(header: list[str], parts: dict[str, list[str]],
               notes: list[str]) -> tuple[dict[str, list[str]], str | None, int]:
    """Return the parts with broken lines joined, the part holding the tasks, and the join count."""
    joined: dict[str, list[str]] = {}
    joins = 0
    for roman, body in parts.items():
        joined[roman], count = join_broken(body)
        joins += count
    with_tasks = [r for r, body in joined.items() if any(_NUMBERED.match(line) for line in body)]
    if "II" in with_tasks:
        return joined, "II", joins
    if with_tasks:
        notes.append(f"Mục II không có nhiệm vụ đánh số; lấy các nhiệm vụ ở mục {with_tasks[0]}.")
        return joined, with_tasks[0], joins
    if parts:
        return joined, None, joins
    body, joins = join_broken(header)
    first = next((i for i, line in enumerate(body) if _NUMBERED.match(line)), len(body))
    notes.append("Không thấy các mục I-, II-, III-; lấy mọi dòng đánh số làm nhiệm vụ.")
    return {"": body[first:]}, "", joins


def _implementation_after(joined: dict[str, list[str]], titles: dict[str, str], part: str,
                          ended: bool, notes: list[str]) -> list[str]:
    """Return the items of the part after the tasks (``Tổ chức thực hiện``), noting doubts."""
    romans = list(joined)
    following = romans[romans.index(part) + 1] if part in romans[:-1] else None
    if following is None or ended:
        notes.append("Không thấy mục “Tổ chức thực hiện” sau các nhiệm vụ.")
        return []
    if "to chuc thuc hien" not in fold(titles.get(following, "")):
        notes.append(f"Coi mục {following} (“{titles.get(following, '')}”) là phần tổ chức "
                     "thực hiện; hãy kiểm tra.")
    return _implementation(joined[following])


def _type_of(number: str, name: str, notes: list[str]) -> tuple[str, str]:
    """Return the type code and type name from the số, ký hiệu and the tên loại line."""
    try:
        symbol = parse_symbol(number) if number else None
    except CatalogError:
        notes.append(f"Số, ký hiệu “{number}” không đúng dạng; hãy sửa.")
        symbol = None
    code = symbol.type_code if symbol else ""
    if name and code and type_code(name) and type_code(name) != code:
        notes.append(f"Tên loại “{name}” không khớp ký hiệu “{code}” trong số; hãy kiểm tra.")
    if not name and symbol:
        try:
            name = symbol.type_name
        except CatalogError:
            name = ""
    return code or type_code(name), name


def import_text(text: str, origin: str = "văn bản dán vào") -> ImportResult:
    """Return the directive found in pasted `text` (Markdown marks allowed), with notes."""
    notes: list[str] = []
    header, parts, titles = _split_parts(clean_lines(text))
    info = _parse_header(header, notes)
    joined, part, joins = _task_part(header, parts, notes)
    lead_in, tasks, after = _collect_tasks(joined[part], notes) if part is not None else ("", [], [])
    if not tasks or part is None:
        raise CatalogError("Không tìm thấy nhiệm vụ nào được đánh số (1., 2., …) trong văn bản. "
                           "Hãy kiểm tra văn bản có đủ mục II với các nhiệm vụ đánh số, "
                           "hoặc văn bản có phải Unicode không.")
    heading = titles.get(part, "")
    if heading and not _is_upper(heading):
        lead_in = f"{heading}\n{lead_in}" if lead_in else heading
    implementation = _implementation_after(joined, titles, part, bool(after), notes)
    issuer = info.issuer or _issuer_from_signature(header + sum(joined.values(), []))
    if issuer and not info.issuer:
        notes.append(f"Lấy cơ quan ban hành “{issuer}” từ dòng ký (T/M …); hãy kiểm tra.")
    code, name = _type_of(info.number, info.type_name, notes)
    wanted = {"số, ký hiệu": info.number, "ngày ban hành": info.date, "tên loại": name,
              "cơ quan ban hành": issuer, "trích yếu": info.subject}
    notes += [f"Không tìm thấy {label}; hãy điền vào trước khi lưu."
              for label, value in wanted.items() if not value]
    if joins:
        notes.append(f"Đã nối {joins} dòng bị ngắt giữa câu (ví dụ do ngắt trang); hãy đọc lại.")
    notes.append("Tên ngắn của các nhiệm vụ là gợi ý tự động (mệnh đề đầu); hãy sửa cho gọn.")
    for task in tasks:
        task.source = f"{origin}, mục {part or '(không rõ)'}, nhiệm vụ {task.number}"
    directive = Directive(
        id=directive_id(info.number) if info.number else "", number=info.number,
        type_code=code, type_name=name, date=info.date, issuer=issuer, subject=info.subject,
        lead_in=lead_in, tasks=tasks, implementation=implementation,
        source=f"Nhập từ {origin} ngày {_dt.date.today().strftime('%d/%m/%Y')}",
        sources={key: f"{origin}: {value}" for key, value in info.sources.items()},
    )
    return ImportResult(directive, notes, joined)


def import_docx(source: str | os.PathLike[str] | bytes | IO[bytes], name: str = "") -> ImportResult:
    """Return the directive found in a .docx (a path, its bytes or an open binary stream)."""
    origin = name or (Path(source).name if isinstance(source, (str, os.PathLike)) else "tệp .docx")
    return import_text(docx_text(source, origin), origin=f"tệp “{origin}”")


def import_file(path: str | os.PathLike[str]) -> ImportResult:
    """Return the directive found in the file at `path` (.docx, .txt or .md)."""
    return import_text(read_source(path), origin=f"tệp “{Path(path).name}”")
