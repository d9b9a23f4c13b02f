"""Read what a clerk hands to the app with size caps and nesting limits (no Qt here).

Drafts, data imports and catalog files come through :func:`read_capped` and
:func:`parse_json`, so that ``/dev/zero``, a gigabyte file or JSON nested a thousand levels
deep ends in one Vietnamese message naming the file, never a MemoryError or RecursionError.
Each caller passes its own error class (DraftError, UserDataError, CatalogError) so the message
keeps the caller's exit status and wording.

Every reader of .docx files (the checker, the directive importer) goes through
:func:`open_docx`: it refuses, with a Vietnamese phrase the caller puts in its own message, a
file over 50 MB, what is not a zip (old .doc, RTF, password-protected OLE), a zip with too many
entries, one whose parts unpack to too much (a zip bomb: the sizes recorded in the zip are what
``zipfile`` will ever return, so checking them is enough), or one packed far denser than any
Word file is. XML is parsed by :func:`xml_parser`, which resolves no entity, loads no DTD and
stops at libxml2's depth limit (256) because ``huge_tree`` stays off.
"""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dnnd_drafter.base.errors import UserMessageError, file_failure_message

if TYPE_CHECKING:
    from lxml import etree

#: A draft is a few kB; 10 000 address-book entries export to about 3 MB.
MAX_DRAFT_BYTES = 5 * 1024 * 1024
MAX_DATA_BYTES = 64 * 1024 * 1024
#: A draft nests 4 levels, a data export 5; nothing of ours comes near this.
MAX_DEPTH = 40
MAX_FILE_BYTES = 50 * 1024 * 1024          # a letter is a few hundred kB; refuse above 50 MB
MAX_XML_BYTES = 64 * 1024 * 1024           # uncompressed size of one XML part (zip bombs)
MAX_TOTAL_BYTES = 400 * 1024 * 1024        # uncompressed size of the whole package
MAX_ENTRIES = 5000                         # a letter with pictures has a few dozen parts
MAX_RATIO = 200                            # Word's own XML packs about 10:1, pictures about 1:1
RATIO_FLOOR = 8 * 1024 * 1024              # small parts may pack as densely as they like
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")

ErrorFactory = Callable[[str], UserMessageError]


def read_capped(path: str | os.PathLike[str], limit: int, fail: ErrorFactory, noun: str = "tệp",
                too_big: str | None = None) -> bytes:
    """Return the bytes of the regular file `path`, refusing it when it holds more than `limit`.

    `noun` names the kind of file in the messages (``tệp bản thảo``); `too_big` replaces the
    message for a file over the limit.
    """
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise fail(f"“{path}” không phải một tệp thông thường (thiết bị, thư mục hoặc ống dẫn); "
                           "hãy chọn đúng tệp.")
            data = handle.read(limit + 1)
    except IsADirectoryError:
        raise fail(f"“{path}” là một thư mục, không phải tệp; hãy chọn đúng tệp.") from None
    except OSError as exc:
        raise fail(file_failure_message(exc, path, reading=True, noun=noun)) from exc
    if len(data) > limit:
        raise fail(too_big or f"{noun.capitalize()} “{path}” quá lớn (hơn {limit // 1048576} MB), "
                   "không giống tệp của DNND Drafter; "
                   "hãy kiểm tra đã chọn đúng tệp.")
    return data


def _too_deep(label: str, fail: ErrorFactory) -> UserMessageError:
    """Return the error for a file nested deeper than MAX_DEPTH."""
    return fail(f"{label} lồng nhau quá sâu (hơn {MAX_DEPTH} tầng), không giống tệp của "
                "DNND Drafter; hãy kiểm tra đã chọn đúng tệp.")


def check_depth(data: Any, label: str, fail: ErrorFactory) -> None:
    """Raise `fail`'s error when `data` (lists and dicts) nests deeper than MAX_DEPTH."""
    stack = [(data, 1)]
    children: Iterable[Any]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth > MAX_DEPTH:
            raise _too_deep(label, fail)
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))


def parse_json(text: str, label: str, fail: ErrorFactory) -> Any:
    """Return the JSON value in `text`, checked against MAX_DEPTH.

    `label` starts each message and names the file (``Tệp “danh-ba.json”``).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(f"{label} không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno}).") from exc
    except RecursionError:
        raise _too_deep(label, fail) from None
    check_depth(data, label, fail)
    return data


def read_docx_bytes(source: str | os.PathLike[str] | bytes, fail: ErrorFactory) -> bytes:
    """Return the bytes of `source` (a path or bytes), refusing what is too large or empty."""
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    else:
        path = Path(source)
        try:
            if path.is_dir():
                raise fail("đây là một thư mục, không phải tệp.")
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise fail(f"tệp quá lớn ({size / 1048576:.0f} MB; tối đa "
                           f"{MAX_FILE_BYTES // 1048576} MB cho một công văn).")
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except UserMessageError:
            raise
        except FileNotFoundError:
            raise fail("không tìm thấy tệp.") from None
        except PermissionError:
            raise fail("không có quyền đọc tệp.") from None
        except OSError as exc:
            raise fail(f"lỗi khi đọc tệp ({exc.strerror or exc}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(f"tệp quá lớn (tối đa {MAX_FILE_BYTES // 1048576} MB cho một công văn).")
    if not data:
        raise fail("tệp rỗng.")
    return data


def _refuse_bomb(archive: zipfile.ZipFile, fail: ErrorFactory) -> None:
    """Raise `fail`'s error when the zip has too many entries or unpacks to too much."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise fail(f"tệp nén có quá nhiều phần ({len(entries)}), không giống một công văn.")
    if sum(info.file_size for info in entries) > MAX_TOTAL_BYTES:
        raise fail("tệp nén chứa dữ liệu quá lớn, không giống một công văn.")
    for info in entries:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise fail(f"phần “{info.filename}” giải nén ra quá lớn (gấp hơn {MAX_RATIO} lần, có thể là "
                       "bom nén), không giống một công văn.")


def open_docx(data: bytes, fail: ErrorFactory) -> zipfile.ZipFile:
    """Return the zip archive in `data` once it passed the guards, or explain why not."""
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_MARK in data:
            raise fail("tệp được đặt mật khẩu. Hãy mở bằng Word, gỡ mật khẩu "
                       "(Tệp › Thông tin › Bảo vệ tài liệu) rồi lưu lại và thử lại.")
        raise fail("đây là tệp Word cũ (.doc). Hãy mở và lưu lại dưới dạng .docx.")
    if data.lstrip()[:5] in (b"{\\rtf",):
        raise fail("đây là tệp RTF. Hãy mở và lưu lại dưới dạng .docx.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError):
        raise fail("đây không phải tệp Word .docx (nội dung không đúng định dạng).") from None
    try:
        _refuse_bomb(archive, fail)
    except BaseException:
        archive.close()
        raise
    return archive


@cache
def xml_parser() -> etree.XMLParser:
    """Return the XML parser for parts of a .docx: no entities, no DTD, no network, depth limit."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                           remove_comments=True, load_dtd=False)


def read_xml(archive: zipfile.ZipFile, part: str, fail: ErrorFactory) -> etree._Element | None:
    """Return the parsed XML part `part`, None when absent; refuse damaged or huge parts."""
    from lxml import etree

    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise fail(f"phần “{part}” quá lớn, không giống một công văn.")
    try:
        raw = archive.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError):
        raise fail(f"tệp bị hỏng (không giải nén được “{part}”).") from None
    try:
        return etree.fromstring(raw, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise fail(f"tệp bị hỏng (phần “{part}” không đọc được: {exc.msg}).") from None

