"""Turn an unexpected error into a saved draft, a log entry and a short Vietnamese message."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from dnnd_drafter.base import crashlog
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.ui import dialogs

_save_draft: Callable[[], None] | None = None


def set_rescue(save_draft: Callable[[], None] | None) -> None:
    """Register the function that saves the open draft when something goes wrong."""
    global _save_draft
    _save_draft = save_draft


def handle(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Save the draft, log the error and tell the user where the log is."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, UserMessageError):
        dialogs.presenter.error(None, exc.message)
        return
    saved = False
    if _save_draft is not None:
        try:
            _save_draft()
            saved = True
        except Exception:  # noqa: BLE001 - the rescue must not hide the first error
            pass
    log_path = crashlog.log_exception(exc_type, exc, tb)
    kept = "Bản thảo đang soạn đã được lưu tự động. " if saved else ""
    dialogs.presenter.error(None, "Đã xảy ra lỗi không mong muốn. " + kept +
                            "Bạn có thể tiếp tục làm việc.",
                            f"Chi tiết lỗi được ghi tại: {log_path}" if log_path else "Không ghi được tệp nhật ký.")


def install() -> None:
    """Make :func:`handle` the process-wide excepthook."""
    sys.excepthook = handle
