"""Log unexpected errors to the user's log file and say where it is (no Qt here).

Logging never stops the app: a log that cannot be opened or written (read-only folder, full
disk) is skipped silently, without the "--- Logging error ---" traceback on the console.
"""

from __future__ import annotations

import logging
import os
import traceback
from pathlib import Path
from types import TracebackType

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserMessageError

_LOGGER = logging.getLogger("dnnd_drafter")
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3


class _RotatingOnOpenHandler(logging.FileHandler):
    """Write to the log file, first moving a full one aside (``.1`` … ``.3``) when it is opened.

    Rotation happens once per session, when the first record is written: a clerk's session
    logs little, and this avoids loading :mod:`logging.handlers` (sockets, pickle, queues) at start.
    """

    def _open(self):  # type: ignore[no-untyped-def]  # noqa: ANN202 - logging's signature
        """Rotate a log that has grown past LOG_MAX_BYTES, then open it for appending."""
        try:
            if os.path.getsize(self.baseFilename) >= LOG_MAX_BYTES:
                for index in range(LOG_BACKUPS - 1, 0, -1):
                    older = f"{self.baseFilename}.{index}"
                    if os.path.exists(older):
                        os.replace(older, f"{self.baseFilename}.{index + 1}")
                os.replace(self.baseFilename, f"{self.baseFilename}.1")
        except OSError:
            pass  # no log yet, or it cannot be moved: keep appending
        return super()._open()

    def emit(self, record: logging.LogRecord) -> None:
        """Write `record`; a log file that cannot be opened is handled like a failed write."""
        try:
            super().emit(record)
        except Exception:  # noqa: BLE001 - FileHandler opens the file outside its own guard
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        """Drop the record quietly: a log that cannot be written must not disturb the clerk."""
        self.failed = True


def setup_logging() -> Path | None:
    """Attach the log file handler to the package logger once; return the log path.

    Return None when there is no usable data folder (it is a file, or cannot be created).
    """
    try:
        log_path = paths.log_file()
    except (OSError, UserMessageError):
        return None
    if not any(getattr(h, "baseFilename", None) == str(log_path) for h in _LOGGER.handlers):
        try:
            handler = _RotatingOnOpenHandler(log_path, encoding="utf-8", delay=True)
        except OSError:
            return log_path
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        _LOGGER.addHandler(handler)
        _LOGGER.setLevel(logging.INFO)
    return log_path


def log_exception(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> Path | None:
    """Write the traceback of `exc` to the log; return the log's path, None if it was not written."""
    path = setup_logging()
    handlers = [h for h in _LOGGER.handlers if getattr(h, "baseFilename", None) == str(path)]
    for handler in handlers:
        handler.failed = False  # type: ignore[attr-defined] # a flag kept on the logging handler
    _LOGGER.error("Unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    for handler in handlers:
        try:
            handler.flush()
        except (OSError, ValueError):
            handler.failed = True  # type: ignore[attr-defined] # a flag kept on the logging handler
    if path is None or not handlers or any(getattr(h, "failed", False) for h in handlers):
        return None
    return path
