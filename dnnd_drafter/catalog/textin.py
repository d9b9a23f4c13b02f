"""Turn pasted text, text files and .docx files into clean lines for the directive importer.

Refuses what cannot be read (empty input, binary data, PDF, old .doc, TCVN3/VNI text)
with a Vietnamese :class:`~dnnd_drafter.base.errors.CatalogError`. Lines come back NFC, with
Markdown emphasis and heading marks removed and blank lines dropped.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from dnnd_drafter.files import input_guard
from dnnd_drafter.base.errors import CatalogError, describe_os_error
from dnnd_drafter.model.vietnamese import clean, curly_quotes

#: Letters that only appear in real Vietnamese Unicode text (Latin Extended Additional, ơ ư ă đ).
_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
#: Latin-1 symbols and letters that TCVN3 (ABC) and VNI text shows when read as Unicode.
_LEGACY = re.compile(r"[\u00a1-\u00bf\u00c0-\u00ff]")
_HEADING_MARK = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s*)")
_RULE = re.compile(r"^\s*(?:[-*_=]\s*){3,}$")


def refuse_legacy_encoding(text: str) -> None:
    """Raise CatalogError when `text` looks like TCVN3 (ABC) or VNI rather than Unicode."""
    letters = sum(ch.isalpha() for ch in text)
    if letters < 20:
        return
    vietnamese = len(_VIETNAMESE.findall(text))
    legacy = len(_LEGACY.findall(text))
    if legacy >= max(5, letters * 0.03) and vietnamese < legacy * 0.2:
        raise CatalogError(
            "Văn bản có vẻ được gõ bằng bảng mã cũ (TCVN3/ABC hoặc VNI), không phải Unicode, "
            "nên chữ tiếng Việt bị sai. Hãy chuyển mã sang Unicode (ví dụ bằng Unikey: "
            "Công cụ chuyển mã, hoặc mở trong Word và đổi phông sang Times New Roman Unicode) "
            "rồi nhập lại.")


def decode_bytes(data: bytes, name: str = "") -> str:
    """Return the text of a plain-text file's bytes, refusing binary and legacy encodings."""
    label = f"Tệp “{name}”" if name else "Dữ liệu"
    if not data.strip():
        raise CatalogError(f"{label} trống, không có nội dung để nhập.")
    if data.startswith(b"%PDF"):
        raise CatalogError(f"{label} là PDF; chưa hỗ trợ nhập trực tiếp. Hãy mở PDF, sao chép "
                           "toàn bộ chữ rồi dán vào ô nhập, hoặc lưu văn bản thành .docx.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise CatalogError(f"{label} là tệp Word cũ (.doc). Hãy mở trong Word và "
                           "“Lưu thành” .docx rồi nhập lại.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise CatalogError(f"{label} không phải văn bản (có dữ liệu nhị phân). Hãy chọn tệp "
                           ".docx, .txt hoặc dán nội dung văn bản.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        legacy = data.decode("cp1252", errors="replace")
        refuse_legacy_encoding(legacy)
        raise CatalogError(f"{label} không phải văn bản Unicode UTF-8 (có thể là mã TCVN3/VNI cũ). "
                           "Hãy lưu lại tệp bằng mã Unicode UTF-8 rồi nhập lại.") from None
    return text


_W = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _format_number(n: int, fmt: str) -> str:
    """Return `n` written in the Word number format `fmt` (decimal, upperRoman, lowerLetter …)."""
    if fmt in ("upperRoman", "lowerRoman"):
        out = ""
        for value, letters in _ROMAN:
            while n >= value:
                out, n = out + letters, n - value
        return out if fmt == "upperRoman" else out.lower()
    if fmt in ("upperLetter", "lowerLetter") and 1 <= n <= 26:
        return chr((64 if fmt == "upperLetter" else 96) + n)
    return f"{n:02d}" if fmt == "decimalZero" else str(n)


class _ListNumbers:
    """Rebuild the numbers Word draws for list paragraphs (``w:numPr``), which .text leaves out."""

    def __init__(self, document: Any) -> None:
        try:
            self._root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            self._root = None
        self._counts: dict[tuple[str, int], int] = {}

    @staticmethod
    def _num_pr(paragraph: Any) -> tuple[str | None, int]:
        """Return the list id and level of `paragraph`, from itself or its style chain."""
        p_pr = paragraph._p.pPr
        num_pr = p_pr.numPr if p_pr is not None else None
        style = paragraph.style if num_pr is None else None
        while num_pr is None and style is not None:
            s_pr = style.element.pPr
            num_pr = s_pr.numPr if s_pr is not None else None
            style = style.base_style
        if num_pr is None or num_pr.numId is None:
            return None, 0
        return str(num_pr.numId.val), int(num_pr.ilvl.val) if num_pr.ilvl is not None else 0

    @staticmethod
    def _xpath(element: Any, path: str) -> list[str]:
        """Return the string results of `path` under `element`, with the w: namespace bound."""
        return [str(v) for v in etree.XPath(path, namespaces=_W)(element)]

    def prefix(self, paragraph: Any) -> str:
        """Return the visible list number of `paragraph` (``1. ``, ``- ``) or ``""``."""
        try:
            num_id, level = self._num_pr(paragraph)
            if self._root is None or num_id in (None, "0"):
                return ""
            abstract = self._xpath(self._root, f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
            lvl = etree.XPath(f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]'
                              f'/w:lvl[@w:ilvl="{level}"]', namespaces=_W)(self._root) if abstract else []
            if not lvl:
                return ""
            fmt = (self._xpath(lvl[0], "./w:numFmt/@w:val") or ["decimal"])[0]
            pattern = (self._xpath(lvl[0], "./w:lvlText/@w:val") or ["%1."])[0]
            start = int((self._xpath(lvl[0], "./w:start/@w:val") or ["1"])[0])
        except (AttributeError, KeyError, ValueError, IndexError, NotImplementedError,
                etree.XPathError):
            return ""
        self._counts[(num_id, level)] = self._counts.get((num_id, level), start - 1) + 1
        for key in [k for k in self._counts if k[0] == num_id and k[1] > level]:
            del self._counts[key]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        text = re.sub(r"%(\d)", lambda m: _format_number(
            self._counts.get((num_id, int(m.group(1)) - 1), 1),
            fmt if int(m.group(1)) - 1 == level else "decimal"), pattern)
        return f"{text} "


def _iter_block_texts(element: Any, parent: Any, numbers: _ListNumbers) -> Iterator[str]:
    """Yield the text of the paragraphs under `element`, table cells included, in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, parent)
            text = paragraph.text
            yield numbers.prefix(paragraph) + text if text.strip() else text
        elif tag == "tbl":
            table = Table(child, parent)
            for row in table.rows:
                seen: list[Any] = []
                for cell in row.cells:
                    if any(cell._tc is tc for tc in seen):  # merged cells repeat
                        continue
                    seen.append(cell._tc)
                    yield from _iter_block_texts(cell._tc, cell, numbers)
        elif tag == "sdt":  # content controls wrap paragraphs and tables
            for content in child.iterchildren():
                if content.tag.endswith("}sdtContent"):
                    yield from _iter_block_texts(content, parent, numbers)


def docx_text(source: str | os.PathLike[str] | bytes | IO[bytes], name: str = "") -> str:
    """Return the text of a .docx (paragraphs and table cells, in order), one paragraph a line."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    label = name or (str(source) if isinstance(source, (str, os.PathLike)) else "tệp .docx")
    fail = lambda what: CatalogError(f"Không mở được “{label}”: {what}")  # noqa: E731 - a one-line local helper
    if not isinstance(source, (bytes, str, os.PathLike)):
        source = source.read(input_guard.MAX_FILE_BYTES + 1)
    data = input_guard.read_docx_bytes(source, fail)
    input_guard.open_docx(data, fail).close()  # size, entries, zip bombs: before python-docx reads it all
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError,
            etree.LxmlError, NotImplementedError, RuntimeError) as exc:  # damaged zip or XML, encrypted
        raise CatalogError(f"Không mở được “{label}” như tệp Word .docx (tệp hỏng hoặc sai "
                           "định dạng). Hãy mở trong Word, lưu lại thành .docx rồi thử lại.") from exc
    except OSError as exc:
        raise CatalogError(f"Không đọc được tệp “{label}”: {describe_os_error(exc)}.") from exc
    numbers = _ListNumbers(document)
    text = "\n".join(_iter_block_texts(document.element.body, document, numbers))
    if not text.strip():
        raise CatalogError(f"Tệp “{label}” không có chữ nào để nhập.")
    return text


def read_source(path: str | os.PathLike[str]) -> str:
    """Return the text of the file at `path` (.docx or plain text / Markdown)."""
    path = Path(path)
    data = input_guard.read_capped(path, input_guard.MAX_FILE_BYTES, CatalogError, too_big=(
        f"Tệp “{path}” quá dài để nhập (hơn {input_guard.MAX_FILE_BYTES // 1048576} MB); văn bản chỉ "
        "đạo thường chỉ vài chục trang: hãy kiểm tra đã chọn đúng tệp."))
    if data.startswith(b"PK\x03\x04") or path.suffix.lower() in (".docx", ".docm"):
        return docx_text(data, path.name)
    return decode_bytes(data, path.name)


def strip_markdown(line: str) -> str:
    """Return `line` without Markdown heading marks, emphasis stars and escapes."""
    line = _HEADING_MARK.sub("", line)
    line = line.replace("\\*", "").replace("\\_", "_").replace("\\-", "-").replace("\\.", ".")
    line = line.replace("*", "")
    return re.sub(r"(?<!\w)__(.+?)__(?!\w)", r"\1", line)


#: Longest text the importer takes, in characters. A directive is a few dozen pages (Chỉ thị
#: 12-CT/TW: 25 000 characters) and even a congress resolution stays under 400 000; anything
#: longer is not a directive and would take minutes to split into tasks.
MAX_CHARS = 1_000_000


def clean_lines(text: str) -> list[str]:
    """Return the non-empty lines of `text`: NFC, tidy spaces, Markdown marks and rules removed."""
    if not text or not text.strip():
        raise CatalogError("Văn bản trống, không có nội dung để nhập.")
    if len(text) > MAX_CHARS:
        size, limit = (f"{n:,}".replace(",", ".") for n in (len(text), MAX_CHARS))
        raise CatalogError(f"Văn bản quá dài để nhập ({size} ký tự, tối đa {limit}). Văn bản chỉ đạo "
                           "thường chỉ vài chục trang: hãy kiểm tra đã chọn đúng tệp, hoặc chỉ dán "
                           "phần nhiệm vụ.")
    refuse_legacy_encoding(text)
    lines: list[str] = []
    for raw in clean(text, multiline=True).split("\n"):
        if _RULE.match(raw):
            continue
        line = curly_quotes(clean(strip_markdown(raw)))  # the letter's “ ”, whatever the source typed
        if line:
            lines.append(line)
    if not lines:
        raise CatalogError("Văn bản trống, không có nội dung để nhập.")
    return lines
