"""Log unexpected errors to the user's log file and say where it is (no Qt here)."""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType

from dnnd_drafter import paths

_LOGGER = logging.getLogger("dnnd_drafter")


def setup_logging() -> Path:
    """Attach a rotating file handler to the package logger once; return the log path."""
    log_path = paths.log_file()
    if not any(getattr(h, "baseFilename", None) == str(log_path) for h in _LOGGER.handlers):
        try:
            handler = logging.handlers.RotatingFileHandler(
                log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", delay=True)
        except OSError:
            return log_path
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        _LOGGER.addHandler(handler)
        _LOGGER.setLevel(logging.INFO)
    return log_path


def log_exception(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> Path:
    """Write the traceback of `exc` to the log and return the log's path."""
    path = setup_logging()
    _LOGGER.error("Unexpected error:\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
    for handler in _LOGGER.handlers:
        handler.flush()
    return path
