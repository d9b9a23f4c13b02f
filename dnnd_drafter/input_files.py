"""Read the files a clerk hands to the app with a size cap and a nesting limit (no Qt here).

Drafts, data imports and catalog files all come through here, so that ``/dev/zero``, a
gigabyte file or JSON nested a thousand levels deep ends in one Vietnamese message naming the
file, never a MemoryError or RecursionError. Each caller passes its own error class (DraftError,
UserDataError, CatalogError) so the message keeps the caller's exit status and wording.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dnnd_drafter.errors import UserMessageError, describe_os_error

#: A draft is a few kB; 10 000 address-book entries export to about 3 MB.
MAX_DRAFT_BYTES = 5 * 1024 * 1024
MAX_DATA_BYTES = 64 * 1024 * 1024
#: A draft nests 4 levels, a data export 5; nothing of ours comes near this.
MAX_DEPTH = 40

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
        raise fail(describe_os_error(exc, path, reading=True, noun=noun)) from exc
    if len(data) > limit:
        raise fail(too_big or f"{noun.capitalize()} “{path}” quá lớn (hơn {limit // 1048576} MB), không giống tệp của DNND Drafter; "
                   "hãy kiểm tra đã chọn đúng tệp.")
    return data


def _too_deep(label: str, fail: ErrorFactory) -> UserMessageError:
    """Return the error for a file nested deeper than MAX_DEPTH."""
    return fail(f"{label} lồng nhau quá sâu (hơn {MAX_DEPTH} tầng), không giống tệp của "
                "DNND Drafter; hãy kiểm tra đã chọn đúng tệp.")


def check_depth(data: Any, label: str, fail: ErrorFactory) -> None:
    """Raise `fail`'s error when `data` (lists and dicts) nests deeper than MAX_DEPTH."""
    stack = [(data, 1)]
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
