"""Open a .docx safely and hand its XML parts to the checker.

A letter made anywhere (our writer, Word, LibreOffice) is read straight from its WordprocessingML
with lxml, without python-docx: the checker must read files python-docx would refuse, and must
refuse, with a Vietnamese message and never a traceback, what is not a Word document at all: a
file that is not a zip, a zip of something else, a file too large, a password-protected file
(Word stores those as an OLE container holding an ``EncryptedPackage``), an old binary .doc, a
zip bomb or broken XML. The guards live in :mod:`dnnd_drafter.files.input_guard`, shared with the
directive importer.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from dnnd_drafter.files import input_guard
from dnnd_drafter.base.errors import UserMessageError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
OFFICE_DOC = "/officeDocument"
NS = {"w": W_NS, "r": R_NS, "a": A_NS,
      "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
      "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
      "v": "urn:schemas-microsoft-com:vml"}


def w(tag: str) -> str:
    """Return the Clark name of a WordprocessingML tag (``w("p")``)."""
    return f"{{{W_NS}}}{tag}"


def wattr(element: etree._Element | None, name: str) -> str | None:
    """Return the ``w:`` attribute `name` of `element`, or None."""
    return None if element is None else element.get(w(name))


class CheckerFileError(UserMessageError):
    """Report a file the checker cannot read (not a .docx, damaged, protected, too large)."""

    exit_code = 2


@dataclass
class Package:
    """Hold the parsed parts of a .docx the checker needs."""

    name: str
    document: etree._Element
    styles: etree._Element | None = None
    settings: etree._Element | None = None
    theme: etree._Element | None = None
    parts: dict[str, etree._Element] = field(default_factory=dict)   # rId → header/footer root
    part_kinds: dict[str, str] = field(default_factory=dict)         # rId → "header" | "footer"


def _fail(name: str, what: str) -> CheckerFileError:
    """Return the error for file `name` with the Vietnamese explanation `what`."""
    return CheckerFileError(f"Không kiểm tra được tệp “{name}”: {what}")


def read_source(source: str | Path | bytes, name: str) -> bytes:
    """Return the bytes of `source` (a path or bytes), refusing what is too large."""
    return input_guard.read_docx_bytes(source, lambda what: _fail(name, what))


def open_zip(data: bytes, name: str) -> zipfile.ZipFile:
    """Return the zip archive in `data`, or explain why it is not a .docx (bombs included)."""
    return input_guard.open_docx(data, lambda what: _fail(name, what))


def read_xml_part(archive: zipfile.ZipFile, part: str, name: str) -> etree._Element | None:
    """Return the parsed XML part `part`, None when absent; refuse damaged or huge parts."""
    return input_guard.read_xml(archive, part, lambda what: _fail(name, what))


def relationships(archive: zipfile.ZipFile, part: str, name: str) -> dict[str, tuple[str, str]]:
    """Return the relationships of `part`: id → (type, absolute target inside the zip)."""
    folder, base = posixpath.split(part)
    root = read_xml_part(archive, posixpath.join(folder, "_rels", base + ".rels"), name)
    out: dict[str, tuple[str, str]] = {}
    if root is None:
        return out
    for rel in root.iter(f"{{{PKG_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), full)
    return out


def read_part_bytes(archive: zipfile.ZipFile, part: str, name: str) -> bytes | None:
    """Return the raw bytes of `part` (a picture), None when absent; refuse damaged or huge parts."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > input_guard.MAX_FILE_BYTES:
        raise _fail(name, f"phần “{part}” quá lớn, không giống một công văn.")
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise _fail(name, f"tệp bị hỏng (không giải nén được “{part}”).") from None


def main_part(archive: zipfile.ZipFile, name: str) -> str | None:
    """Return the path of the main document part named by the package relationships."""
    rels = relationships(archive, "", name) if "_rels/.rels" in archive.namelist() else {}
    for typ, target in rels.values():
        if typ.endswith(OFFICE_DOC):
            return target
    return "word/document.xml" if "word/document.xml" in archive.namelist() else None


def open_package(source: str | Path | bytes, name: str | None = None) -> Package:
    """Return the parsed parts of the .docx at `source` (a path or the file's bytes)."""
    name = name or (str(source) if not isinstance(source, (bytes, bytearray)) else "bản thảo")
    data = read_source(source, name)
    archive = open_zip(data, name)
    with archive:
        names = set(archive.namelist())
        if "EncryptedPackage" in names or "EncryptionInfo" in names:
            raise _fail(name, "tệp được đặt mật khẩu. Hãy gỡ mật khẩu rồi kiểm tra lại.")
        main = main_part(archive, name)
        if main is None or main not in names:
            if "content.xml" in names and "mimetype" in names:
                raise _fail(name, "đây là tệp OpenDocument (.odt). Hãy lưu lại dưới dạng .docx.")
            if any(n.startswith(("xl/", "ppt/")) for n in names):
                raise _fail(name, "đây là tệp Excel hoặc PowerPoint, không phải văn bản Word.")
            raise _fail(name, "tệp nén này không chứa văn bản Word (.docx).")
        document = read_xml_part(archive, main, name)
        if document is None or document.tag != w("document") or document.find(w("body")) is None:
            raise _fail(name, "tệp không chứa phần nội dung văn bản Word.")
        package = Package(name=name, document=document)
        for rid, (typ, target) in relationships(archive, main, name).items():
            kind = typ.rsplit("/", 1)[-1]
            if kind == "styles":
                package.styles = read_xml_part(archive, target, name)
            elif kind == "settings":
                package.settings = read_xml_part(archive, target, name)
            elif kind == "theme":
                package.theme = read_xml_part(archive, target, name)
            elif kind in ("header", "footer"):
                root = read_xml_part(archive, target, name)
                if root is not None:
                    package.parts[rid] = root
                    package.part_kinds[rid] = kind
        return package

