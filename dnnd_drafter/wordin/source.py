"""Open a Word letter for reading: the checker's guarded opener, literal numbering, regions.

An old .doc is first converted to .docx by LibreOffice when it is installed. The .docx is opened
through the checker's reader (:mod:`dnnd_drafter.checker.reader`), which
refuses what is not a Word document, a damaged or encrypted file and zip bombs with a
Vietnamese message. The source file is only read, never written. Word's automatic numbering
and bullets are turned into the literal text they show (``1.``, ``a)``, ``-``) in the parsed
copy of the document, so the rest of the reader sees what the clerk sees. The page is then cut
into header, body and signature as the checker does, keeping the body's tables in order. A
header typed in two frames side by side (``w:framePr``) is handed to the regions as the
two-column table it shows: the frames' paragraphs come one after the other in the file, each set
across the page, so the page model alone would put them all in one column.
"""

from __future__ import annotations

import copy
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from dnnd_drafter.checker import regions
from dnnd_drafter.checker import reader as guarded
from dnnd_drafter.checker.page import Page, PageBuilder, Table, body_blocks, looks_like_header_text
from dnnd_drafter.checker.paragraphs import Para
from dnnd_drafter.checker.reader import Package, w, wattr
from dnnd_drafter.files import input_guard
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.checker.styles import twips_mm
from dnnd_drafter.wordin.images import Picture, find_pictures, load_pictures
from dnnd_drafter.checker.legacy_fonts import Converted, convert_items
from dnnd_drafter.writers import libreoffice

REVISION_MARKS = {w("ins"), w("del"), w("moveFrom"), w("moveTo"), w("rPrChange")}
BULLETS = {"-": "-", "–": "-", "+": "+", "\uf02d": "-", "\uf0ad": "+"}
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


CHECKER_WORDS, OPEN_WORDS = "Không kiểm tra được tệp", "Không mở được tệp"
DOC_TIMEOUT_S = 120      # converting an old .doc through LibreOffice
STAMP_CHARS = 60         # a line above the header longer than this is not a stamp
FRAME_LEFT_SHARE = 0.45  # a frame centred left of 45 % of the text width stands in the left column
LEFT_ALIGNS, RIGHT_ALIGNS = ("left", "inside"), ("right", "outside")


class WordFileError(UserMessageError):
    """Report a file that cannot be opened as a Word letter (not a .docx, damaged, protected …)."""

    exit_code = 2


@dataclass
class SourceLetter:
    """Hold an opened letter: its package, its logical page and the body items in order."""

    name: str
    package: Package
    page: Page
    body_items: list[Para | Table] = field(default_factory=list)
    after_items: list[Para | Table] = field(default_factory=list)   # what follows the signature table
    before_items: list[Para] = field(default_factory=list)          # short lines above the header table
    framed: set[int] = field(default_factory=set)                   # ids of the paragraphs set in a frame
    items: list[Para | Table] = field(default_factory=list)         # every body-level item, in order
    signature_at: int = 0                                           # index of the signature region's first item
    pictures: list[Picture] = field(default_factory=list)           # pictures after the header, by item index
    legacy: Converted = field(default_factory=Converted)            # text typed in old fonts, now Unicode
    data: bytes = b""                                               # the .docx read (an old .doc converted)


def _roman(number: int) -> str:
    """Return `number` as lower-case Roman numerals."""
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _format(number: int, kind: str) -> str:
    """Return the counter `number` shown in Word's numbering format `kind`."""
    if kind in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if kind == "upperLetter" else letter
    if kind in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if kind == "upperRoman" else _roman(number)
    return str(number)


def _levels(numbering: etree._Element) -> dict[str, dict[int, tuple[str, str, int]]]:
    """Return numId → level → (format, level text, start) from ``numbering.xml``."""
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for node in numbering.findall(w("abstractNum")):
        levels = {}
        for lvl in node.findall(w("lvl")):
            start = wattr(lvl.find(w("start")), "val") or "1"
            levels[int(wattr(lvl, "ilvl") or 0)] = (
                wattr(lvl.find(w("numFmt")), "val") or "decimal",
                wattr(lvl.find(w("lvlText")), "val") or "",
                int(start) if start.isdigit() else 1)
        abstract[wattr(node, "abstractNumId") or ""] = levels
    out = {}
    for num in numbering.findall(w("num")):
        levels = dict(abstract.get(wattr(num.find(w("abstractNumId")), "val") or "", {}))
        for override in num.findall(w("lvlOverride")):
            level = int(wattr(override, "ilvl") or 0)
            override_start = wattr(override.find(w("startOverride")), "val")
            if level in levels and override_start and override_start.isdigit():
                levels[level] = (levels[level][0], levels[level][1], int(override_start))
        out[wattr(num, "numId") or ""] = levels
    return out


def _label(levels: dict[int, tuple[str, str, int]], counters: list[int], level: int) -> str:
    """Return the literal label of a numbered paragraph at `level` (``1.``, ``a)``, ``-``)."""
    kind, text, _ = levels[level]
    if kind == "bullet":   # a dot, a circle, a square …: a dash on the first level, a plus below it
        return BULLETS.get(text.strip(), "-" if level == 0 else "+")
    if kind == "none":
        return ""
    for index in range(level + 1):
        shown = _format(counters[index], levels.get(index, ("decimal", "", 1))[0])
        text = text.replace(f"%{index + 1}", shown)
    return text.strip()


def _style_numbering(styles: etree._Element | None) -> dict[str, tuple[str, int]]:
    """Return paragraph style id → (numId, level) for styles that number their paragraphs."""
    if styles is None:
        return {}
    found: dict[str, etree._Element] = {wattr(s, "styleId") or "": s for s in styles.findall(w("style"))}

    def lookup(style_id: str, depth: int = 0) -> tuple[str, int] | None:
        style = found.get(style_id)
        if style is None or depth > 10:
            return None
        num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
        if num_pr is not None and num_pr.find(w("numId")) is not None:
            return wattr(num_pr.find(w("numId")), "val") or "", int(wattr(num_pr.find(w("ilvl")), "val") or 0)
        based = wattr(style.find(w("basedOn")), "val")
        return lookup(based, depth + 1) if based else None

    return {sid: hit for sid in found if (hit := lookup(sid)) is not None}


def _numbered(p: etree._Element, by_style: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    """Return the (numId, level) numbering paragraph `p`, directly or through its style."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        return None
    num_pr = ppr.find(w("numPr"))
    style = by_style.get(wattr(ppr.find(w("pStyle")), "val") or "")
    if num_pr is None:
        return style
    num_id = wattr(num_pr.find(w("numId")), "val") or (style[0] if style else "")
    level = wattr(num_pr.find(w("ilvl")), "val")
    return num_id, int(level) if level and level.isdigit() else (style[1] if style else 0)


def write_numbering(document: etree._Element, numbering: etree._Element | None,
                    styles: etree._Element | None = None) -> int:
    """Put the label of every automatically numbered paragraph into its text; return how many."""
    if numbering is None:
        return 0
    table = _levels(numbering)
    by_style = _style_numbering(styles)
    counters: dict[str, list[int]] = {}
    done = 0
    for p in document.iter(w("p")):
        numbered = _numbered(p, by_style)
        if numbered is None:
            continue
        num_id, level = numbered
        levels = table.get(num_id)
        if not levels or level not in levels or num_id == "0":
            continue
        count = counters.setdefault(num_id, [levels.get(k, ("", "", 1))[2] - 1 for k in range(9)])
        count[level] += 1
        for deeper in range(level + 1, 9):
            count[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
        label = _label(levels, count, level)
        if not label or (label in BULLETS.values() and _is_label(p)):
            continue  # a bullet Word put before "Kính gửi:" or "Nơi nhận:" is not part of the label
        run = etree.SubElement(p, w("r"))
        mark = p.find(f"{w('pPr')}/{w('rPr')}")   # Word draws the label in the paragraph mark's format
        if mark is not None:
            run.append(copy.deepcopy(mark))
            for revision in [c for c in run[0] if c.tag in REVISION_MARKS]:
                run[0].remove(revision)
        text = etree.SubElement(run, w("t"))
        text.text = label + " "
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        p.remove(run)
        ppr = p.find(w("pPr"))
        p.insert(list(p).index(ppr) + 1 if ppr is not None else 0, run)
        done += 1
    return done


def _is_label(p: etree._Element) -> bool:
    """Return whether paragraph `p` is the Kính gửi or the Nơi nhận label."""
    text = "".join(t.text or "" for t in p.iter(w("t"))).strip()
    return regions.is_recipients_label(text) or regions.is_cc_label(text)


def _other_parts(data: bytes, name: str, pictures: list[Picture]) -> etree._Element | None:
    """Return the parsed ``word/numbering.xml`` of the package in `data`, if any; read `pictures`."""
    with guarded.open_zip(data, name) as archive:
        load_pictures(archive, pictures, name)
        return guarded.read_xml_part(archive, "word/numbering.xml", name)


def doc_to_docx(data: bytes, name: str, timeout: float = DOC_TIMEOUT_S) -> bytes:
    """Return the .docx LibreOffice makes of the old Word file (.doc) `data`, or explain why not."""
    soffice = libreoffice.find_soffice()
    if soffice is None:
        raise WordFileError(f"Không mở được tệp “{name}”: đây là tệp Word cũ (.doc). Cần LibreOffice để đọc "
                            "loại tệp này; hãy cài LibreOffice, hoặc mở tệp bằng Word và lưu lại dưới dạng .docx.")
    with tempfile.TemporaryDirectory(prefix="dnnd-doc-", ignore_cleanup_errors=True) as work:
        folder = Path(work)
        (folder / "letter.doc").write_bytes(data)
        command = [str(soffice), f"-env:UserInstallation={(folder / 'profile').resolve().as_uri()}",
                   "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"), str(folder / "letter.doc")]
        try:
            libreoffice._run(command, timeout, soffice)
        except UserMessageError:
            raise WordFileError(f"Không mở được tệp “{name}”: LibreOffice không chuyển được tệp .doc sang .docx "
                                f"sau {timeout:.0f} giây.") from None
        converted = folder / "out" / "letter.docx"
        if not converted.is_file():
            raise WordFileError(f"Không mở được tệp “{name}”: LibreOffice không đọc được tệp này như một văn "
                                "bản Word cũ (.doc).")
        return converted.read_bytes()


def _stamps_above_header(items: list[Para | Table]) -> int:
    """Return how many short paragraphs (``DỰ THẢO``, ``MẬT``, ``KHẨN`` …) stand above a header table."""
    at = next((i for i, item in enumerate(items) if isinstance(item, Table)), None)
    if not at or not looks_like_header_text(items[at].text()):  # type: ignore[operator] # the Table found above
        return 0
    above = items[:at]
    if all(isinstance(p, Para) and not p.textboxes and len(p.text.strip()) <= STAMP_CHARS for p in above):
        return at if any(not p.is_blank for p in above) else 0  # type: ignore[union-attr] # the items above the table are paragraphs
    return 0


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
    return "left" if x + width / 2 < width_mm * FRAME_LEFT_SHARE else "right"


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
        assert isinstance(item, Para)  # frame_side gives a side to paragraphs only
        sides[side].append(item)
        frame = block.find(f"{w('pPr')}/{w('framePr')}")
        widths[side] = max(widths[side], twips_mm(wattr(frame, "w")) or 0.0)
        count += 1
    if not sides["left"] or not sides["right"]:
        return 0
    split = widths["left"] or width_mm / 2
    items[:count] = [Table([[(0.0, split, sides["left"]), (split, width_mm, sides["right"])]])]
    return count


def open_letter(source: str | Path | bytes, name: str | None = None) -> SourceLetter:
    """Return the letter at `source` read into regions, or raise a Vietnamese CheckerFileError."""
    name = name or (Path(source).name if not isinstance(source, (bytes, bytearray)) else "văn bản")
    try:
        data = guarded.read_source(source, name)
        if data.startswith(input_guard.OLE_MAGIC) and input_guard.ENCRYPTED_MARK not in data:
            data = doc_to_docx(data, name)
        package = guarded.open_package(data, name)
        blocks = body_blocks(package.document.find(w("body")))
        pictures = find_pictures(blocks)
        write_numbering(package.document, _other_parts(data, name, pictures), package.styles)
    except guarded.CheckerFileError as exc:
        raise WordFileError(exc.message.replace(CHECKER_WORDS, OPEN_WORDS, 1)) from None
    builder = PageBuilder(package)
    page = Page(section=builder.section, builder=builder)
    items = regions.read_items(builder)
    legacy = convert_items(items)   # before the regions: they look for "Số", "ngày … tháng" in the text
    framed = {id(item) for item, block in zip(items, blocks) if block.find(f"{w('pPr')}/{w('framePr')}") is not None}
    if gone := frames_as_table(items, blocks, builder.width):   # a header typed in two frames
        for picture in pictures:
            picture.item = max(picture.item - gone + 1, 0)
    regions.collect_paragraphs(page, items)
    lead = _stamps_above_header(items)
    start = lead + regions.read_header_region(builder, page, items[lead:])
    end = regions.read_signature_region(builder, page, items, start)
    body = items[start:end]
    page.body = [item for item in body if isinstance(item, Para)]
    after: list[Para | Table] = []
    if page.signature_kind == "table" and end < len(items):  # e.g. an outline or an annex after the letter
        after = [item for item in items[end + 1:] if not (isinstance(item, Para) and item.is_blank)]
    before = [item for item in items[:lead] if isinstance(item, Para) and not item.is_blank]
    pictures = [p for p in pictures if p.item >= start]   # a logo in the header is not the letter's
    return SourceLetter(name, package, page, body, after, before, framed, items, end, pictures, legacy, data)
