"""Define the one exception hierarchy of DNND Drafter.

Everything we raise derives from :class:`DrafterError`. :class:`UserMessageError` and its
subclasses carry a Vietnamese message that is safe to show to a clerk as it is; anything
else is a bug and goes to the excepthook, which logs it and says where the log is.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path


class DrafterError(Exception):
    """Root of every exception raised on purpose by DNND Drafter."""


class UserMessageError(DrafterError):
    """Carry a Vietnamese message that can be shown to the user unchanged.

    `field` names the draft field (dotted path, e.g. ``issuer.name``) the message is about,
    or ``None`` when it concerns no single field.
    """

    exit_code = 2

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class DraftError(UserMessageError):
    """Report a draft file or draft field that breaks the draft contract."""


class TemplateError(UserMessageError):
    """Report a letter template that cannot be loaded or rendered."""


class UserDataError(UserMessageError):
    """Report a problem with the user's stored data (database, import, export)."""


class OutputError(UserMessageError):
    """Report a file that could not be written (locked, read-only, disk full, folder gone)."""


class CatalogError(UserMessageError):
    """Report a directive catalog file or import that cannot be used."""


#: Why a file operation failed, in the clerk's words, by ``errno``.
OS_ERROR_REASONS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập (tệp có thể đang mở trong chương trình khác)",
    errno.EPERM: "hệ điều hành không cho phép thao tác này",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải là thư mục",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EEXIST: "đã có tệp hoặc thư mục trùng tên",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.EINVAL: "tên hoặc đường dẫn không hợp lệ",
    errno.EIO: "lỗi đọc/ghi ổ đĩa",
    errno.EMFILE: "đang mở quá nhiều tệp",
    errno.ENOTEMPTY: "thư mục không trống",
    errno.ELOOP: "đường dẫn vòng lặp (liên kết trỏ vào chính nó)",
    errno.EXDEV: "không chuyển được tệp sang ổ đĩa khác",
}
if hasattr(errno, "EDQUOT"):
    OS_ERROR_REASONS[errno.EDQUOT] = "đã hết hạn mức dung lượng"


def describe_os_error(exc: OSError, path: str | os.PathLike[str] | None = None) -> str:
    """Return in Vietnamese why `exc` happened, never the system's English text.

    A missing `path` whose folder is missing too is told as the missing folder.
    """
    if exc.errno == errno.ENOENT and path is not None:
        folder = Path(path).parent
        if str(folder) not in ("", ".") and not folder.exists():
            return f"không có thư mục “{folder}”"
    if exc.errno in OS_ERROR_REASONS:
        return OS_ERROR_REASONS[exc.errno]
    if isinstance(exc, TimeoutError):
        return "quá thời gian chờ"
    return f"lỗi hệ thống (mã {exc.errno})" if exc.errno else "lỗi hệ thống không rõ"


#: What the clerk can do about a failed file operation, by ``errno``.
OS_ERROR_ADVICE = {
    errno.ENOSPC: "Hãy giải phóng dung lượng rồi thử lại",
    errno.EROFS: "Ổ đĩa hoặc thư mục chỉ cho phép đọc (ví dụ USB đã gạt khóa ghi): hãy chọn nơi lưu khác",
    errno.EACCES: "Hãy kiểm tra quyền của tệp và thư mục, hoặc chọn nơi khác",
    errno.EPERM: "Hãy kiểm tra quyền của tệp và thư mục, hoặc chọn nơi khác",
    errno.EBUSY: "Hãy đóng chương trình đang dùng tệp rồi thử lại",
    errno.EIO: "Ổ đĩa có thể đã bị rút ra hoặc bị hỏng",
}


def file_failure_message(exc: OSError, path: object, *, reading: bool = False, noun: str = "tệp") -> str:
    """Return a whole Vietnamese sentence: which file could not be read or written, why, what to do.

    `noun` names the file's kind (``tệp bản thảo``, ``thư mục dữ liệu``).
    """
    verb = "đọc" if reading else "ghi"
    path_text = path if isinstance(path, str) else str(path)
    reason = describe_os_error(exc, path_text if isinstance(path, (str, os.PathLike)) else None)
    advice = OS_ERROR_ADVICE.get(exc.errno or 0, "Hãy thử lại")
    return f"Không {verb} được {noun} “{path_text}”: {reason}. {advice}."
