"""Compute every user-data location in one place.

``DNND_DRAFTER_HOME`` overrides the platformdirs folder (tests, portable USB copies).
Tests monkeypatch :func:`data_dir` or set the variable. ``DNND_DRAFTER_CACHE`` overrides the
per-user cache folder, which holds what is compiled once and kept (:func:`cache_folder`).
"""

from __future__ import annotations

import marshal
import os
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

import platformdirs

from dnnd_drafter import APP_NAME
from dnnd_drafter.base.errors import UserDataError, file_failure_message

_platform_data_dir = partial(platformdirs.user_data_dir, APP_NAME, False)
_platform_cache_dir = partial(platformdirs.user_cache_dir, APP_NAME, False)
ENV_HOME = "DNND_DRAFTER_HOME"
ENV_CACHE = "DNND_DRAFTER_CACHE"
DATABASE_NAME = "dnnd-drafter.sqlite3"


def data_dir() -> Path:
    """Return where the user data folder is (``DNND_DRAFTER_HOME``, else the platform's place).

    Asking creates nothing: what writes there calls :func:`ensure_data_dir` first.
    """
    override = os.environ.get(ENV_HOME)
    return Path(override) if override else Path(_platform_data_dir())


def ensure_data_dir() -> Path:
    """Return the user data folder, creating it when missing.

    Raises UserDataError (Vietnamese) when it is a file or cannot be created.
    """
    override = os.environ.get(ENV_HOME)
    path = data_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:
        raise UserDataError(f"Thư mục dữ liệu “{path}” là một tệp, không phải thư mục. Hãy đổi tên tệp đó"
                            + (f" hoặc sửa biến {ENV_HOME}" if override else "") + " rồi thử lại.") from exc
    except OSError as exc:
        if not path.is_dir():
            raise UserDataError(file_failure_message(exc, path, noun="thư mục dữ liệu")) from exc
    return path


def sub_dir(name: str) -> Path:
    """Return a named folder inside the user data folder, creating it when it can.

    In a folder that cannot be written the path is returned all the same: reading finds it
    empty, and writing there reports the reason.
    """
    path = ensure_data_dir() / name
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass
    return path


def log_dir() -> Path:
    """Return the folder that holds the application log."""
    return sub_dir("logs")


def log_file() -> Path:
    """Return the path of the application log file."""
    return log_dir() / "dnnd-drafter.log"


def user_templates_dir() -> Path:
    """Return the folder where a user may add or override letter templates."""
    return sub_dir("templates")


def user_directives_dir() -> Path:
    """Return the folder where imported directives are saved."""
    return sub_dir("directives")


def database_file() -> Path:
    """Return the path of the SQLite database of the office's memory."""
    return ensure_data_dir() / DATABASE_NAME


def documents_dir() -> Path:
    """Return the folder to suggest for files the clerk keeps: the user's Documents folder.

    With ``DNND_DRAFTER_HOME`` set (a portable copy, the tests), or when the Documents folder
    does not exist, the letters folder inside the data folder is used instead.
    """
    if not os.environ.get(ENV_HOME):
        documents = Path(platformdirs.user_documents_dir())
        if documents.is_dir() and os.access(documents, os.W_OK):
            return documents
    return sub_dir("van-ban")


def cache_folder(name: str) -> Path:
    """Return the cache's subfolder `name` (not created): in ``DNND_DRAFTER_CACHE``, else the
    platform's per-user cache folder; never in the data folder, which can be copied or shared."""
    override = os.environ.get(ENV_CACHE)
    return (Path(override) if override else Path(_platform_cache_dir())) / name


def private_cache_folder(folder: Path) -> bool:
    """Return whether `folder` exists (created when missing, mode 0700) and only this user may write to
    it: a cache of compiled code is read from nowhere else."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name != "posix":
            return True
        info = folder.stat()
        return info.st_uid == os.getuid() and not info.st_mode & 0o022
    except OSError:
        return False


def read_cache_file(path: Path) -> bytes | None:
    """Return the bytes of the cache file `path`, or None when it is missing, unreadable or in a
    folder another user may write to (see :func:`private_cache_folder`)."""
    if not private_cache_folder(path.parent):
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def replace_cache_file(path: Path, data: bytes) -> None:
    """Write `data` as the cache file `path` in its private folder, through a temporary file renamed
    over it (a reader never sees half of it). Never fails: a cache that cannot be written is not kept."""
    if not private_cache_folder(path.parent):
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


def read_kept(path: Path) -> object:
    """Return the value :func:`keep` wrote to the cache file `path`, or None when the file is
    missing, unreadable, damaged or in a folder another user may write to. The caller checks the
    value's shape: marshal keeps only plain data and code, and runs nothing when read."""
    data = read_cache_file(path)
    try:
        return marshal.loads(data) if data else None
    except (ValueError, EOFError, TypeError):
        return None


def keep(path: Path, value: Any) -> None:
    """Write `value` with marshal as the cache file `path` (see :func:`replace_cache_file`). Never
    fails: a value marshal cannot keep (a date, a str subclass) is not kept."""
    try:
        data = marshal.dumps(value)
    except ValueError:
        return
    replace_cache_file(path, data)
