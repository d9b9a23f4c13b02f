"""Turn an unexpected error into a saved draft, a log entry and a short Vietnamese message."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from dnnd_drafter.base import crashlog
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.ui import dialogs


class CrashRescue:
    """Handle an unexpected error: save the open draft with `save_draft`, log, tell the clerk through `presenter`."""

    def __init__(self, save_draft: Callable[[], object] | None = None,
                 presenter: dialogs.PresenterLike | None = None) -> None:
        self.save_draft = save_draft  # set once the window is up: the app has no draft before
        self.presenter = presenter if presenter is not None else dialogs.Presenter()  # the app's, once it has one

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """Save the draft, log the error and tell the user where the log is."""
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, UserMessageError):
            self.presenter.error(None, exc.message)
            return
        saved = False
        if self.save_draft is not None:
            try:
                self.save_draft()
                saved = True
            except Exception:  # noqa: BLE001 - the rescue must not hide the first error
                pass
        log_path = crashlog.log_exception(exc_type, exc, tb)
        kept = "Bản thảo đang soạn đã được lưu tự động. " if saved else ""
        self.presenter.error(None, "Đã xảy ra lỗi không mong muốn. " + kept +
                             "Bạn có thể tiếp tục làm việc.",
                             f"Chi tiết lỗi được ghi tại: {log_path}" if log_path else "Không ghi được tệp nhật ký.")


def install(rescue: CrashRescue) -> None:
    """Make `rescue` handle every unexpected error of the process."""
    sys.excepthook = rescue.handle
