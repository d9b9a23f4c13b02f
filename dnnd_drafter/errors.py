"""Define the one exception hierarchy of DNND Drafter.

Everything we raise derives from :class:`DrafterError`. :class:`UserMessageError` and its
subclasses carry a Vietnamese message that is safe to show to a clerk as it is; anything
else is a bug and goes to the excepthook, which logs it and says where the log is.
"""

from __future__ import annotations


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


def describe_os_error(exc: OSError, path: object, *, reading: bool = False, noun: str = "tệp") -> str:
    """Return a Vietnamese sentence saying why the file `path` could not be read or written.

    `noun` names the file's kind (``tệp bản thảo``); the sentence says what the clerk can do.
    """
    import errno

    verb = "đọc" if reading else "ghi"
    head = f"Không {verb} được {noun} “{path}”"
    reasons = {
        errno.ENOSPC: "ổ đĩa đã đầy. Hãy giải phóng dung lượng rồi thử lại",
        errno.EROFS: "ổ đĩa hoặc thư mục chỉ cho phép đọc (ví dụ USB đã gạt khóa ghi). Hãy chọn nơi lưu khác",
        errno.EACCES: f"không có quyền {verb}. Hãy kiểm tra quyền của tệp và thư mục, hoặc chọn nơi khác",
        errno.EPERM: f"không có quyền {verb}. Hãy kiểm tra quyền của tệp và thư mục, hoặc chọn nơi khác",
        errno.ENOENT: "không tìm thấy tệp" if reading else "thư mục không còn tồn tại. Hãy chọn nơi lưu khác",
        errno.EISDIR: "đây là một thư mục, không phải tệp",
        errno.ENOTDIR: "một phần của đường dẫn là tệp chứ không phải thư mục",
        errno.EEXIST: "đã có một tệp trùng tên ở chỗ cần tạo thư mục",
        errno.EBUSY: "tệp đang bị chương trình khác dùng. Hãy đóng chương trình đó rồi thử lại",
        errno.EIO: "lỗi đọc ghi ổ đĩa (ổ đĩa có thể đã bị rút ra hoặc bị hỏng)",
    }
    reason = reasons.get(exc.errno or 0, f"{exc.strerror or exc}. Hãy thử lại")
    return f"{head}: {reason}."
