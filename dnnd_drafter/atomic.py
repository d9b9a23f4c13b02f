"""Write files the safe way: to a temporary name beside the target, then rename into place.

A failure in the middle (disk full, a crash, a locked target) leaves the old file intact and
raises :class:`~dnnd_drafter.errors.OutputError` with a Vietnamese message naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from dnnd_drafter.errors import OutputError


def _message_for(exc: OSError, target: Path) -> str:
    """Return a Vietnamese explanation of why `target` could not be written."""
    if exc.errno == errno.ENOSPC:
        return f"Ổ đĩa đã đầy, không ghi được tệp “{target}”. Hãy giải phóng dung lượng rồi thử lại."
    if exc.errno == errno.ENOENT:
        return f"Thư mục “{target.parent}” không còn tồn tại. Hãy chọn nơi lưu khác."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EBUSY):
        return (f"Không ghi được tệp “{target}”: tệp đang mở trong chương trình khác hoặc chỉ đọc. "
                "Hãy đóng tệp (ví dụ trong Word) hoặc chọn tên khác rồi thử lại.")
    return f"Không ghi được tệp “{target}” ({exc.strerror or exc}). Hãy thử lại hoặc chọn nơi lưu khác."


def write_with(target: str | os.PathLike[str], produce: Callable[[BinaryIO], None]) -> Path:
    """Call `produce` on a temporary file beside `target`, then rename it into place."""
    target = Path(target)
    tmp_name: str | None = None
    try:
        if target.exists() and not (target.stat().st_mode & stat.S_IWUSR and os.access(target, os.W_OK)):
            raise PermissionError(errno.EACCES, "read-only", str(target))
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise OutputError(_message_for(exc, target)) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return target


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `target` atomically."""
    return write_with(target, lambda handle: handle.write(data))


def write_text(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write `text` to `target` atomically in `encoding`."""
    return write_bytes(target, text.encode(encoding))
