"""Write files the safe way: to a temporary name beside the target, then rename into place.

A failure in the middle (disk full, a crash, a locked target) leaves the old file intact and
raises :class:`~dnnd_drafter.base.errors.OutputError` with a Vietnamese message naming the file.
An existing target that is read-only (no write bit, not writable for us, or the Windows
read-only attribute) is refused before anything is written: a rename would replace it anyway.
:func:`write_all` writes several files all or nothing (the CSV export and its lists file).

A rewritten file keeps its permission bits and a new one gets those of the process umask, as
any program's would (colleagues on a shared folder keep their access). A target that is a
symbolic link is written through: the file it points to gets the new content, the link stays.
Temporary names carry the writer's process id (``.NAME.dnnd-<pid>-<hex>.tmp``), so that
:mod:`dnnd_drafter.files.tempfiles` can remove those a killed run left behind.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from functools import partial
from typing import BinaryIO

from dnnd_drafter.base.errors import OutputError, describe_os_error
from dnnd_drafter.files.tempfiles import clean_stale, hold, temporary_name

_LOG = logging.getLogger(__name__)
_WINDOWS_READ_ONLY = getattr(stat, "FILE_ATTRIBUTE_READONLY", 1)


def _message_for(exc: OSError, target: Path, folder_was_there: bool = False) -> str:
    """Return a Vietnamese explanation of why `target` could not be written.

    A missing folder is told apart: one that was there when the write began was removed
    meanwhile; one that was not there may never have existed, so nothing says it "no longer" does.
    """
    if exc.errno == errno.ENOSPC:
        return f"Ổ đĩa đã đầy, không ghi được tệp “{target}”. Hãy giải phóng dung lượng rồi thử lại."
    if exc.errno == errno.ENOENT:
        if folder_was_there:
            return (f"Thư mục “{target.parent}” vừa bị xóa hoặc đổi tên trong lúc ghi tệp “{target.name}”. "
                    "Hãy chọn nơi lưu khác.")
        return (f"Không có thư mục “{target.parent}”. Hãy chọn một thư mục có sẵn hoặc tạo thư mục "
                "đó rồi thử lại.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.EBUSY):
        return (f"Không ghi được tệp “{target}”: tệp đang mở trong chương trình khác hoặc chỉ đọc. "
                "Hãy đóng tệp (ví dụ trong Word) hoặc chọn tên khác rồi thử lại.")
    return f"Không ghi được tệp “{target}” ({describe_os_error(exc, target)}). Hãy thử lại hoặc chọn nơi lưu khác."


def is_read_only(target: str | os.PathLike[str]) -> bool:
    """Return whether `target` exists and must not be replaced because it is read-only.

    Looks at the mode bits and the Windows attribute, not at a write attempt: an administrator
    (root) may write anything, yet a file the clerk marked read-only stays untouched.
    """
    try:
        info = os.stat(target)
    except OSError:
        return False
    if stat.S_ISDIR(info.st_mode):
        return False
    attributes = getattr(info, "st_file_attributes", 0)
    return (not info.st_mode & stat.S_IWUSR or bool(attributes & _WINDOWS_READ_ONLY)
            or not os.access(target, os.W_OK))


def refuse_read_only(target: str | os.PathLike[str]) -> None:
    """Raise OutputError naming `target` when it exists and is read-only."""
    if is_read_only(target):
        raise OutputError(f"Tệp “{Path(target)}” chỉ cho phép đọc; hãy chọn tên khác hoặc bỏ thuộc tính "
                          "chỉ đọc rồi thử lại.")


def _unlink_quietly(name: str | None) -> None:
    """Remove the temporary file `name`, if any, ignoring errors."""
    if name is not None:
        try:
            os.unlink(name)
        except OSError:
            pass


def _mode_of(target: Path) -> int | None:
    """Return the permission bits of the existing `target`, or None when it does not exist."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return None


def resolve_link(target: str | os.PathLike[str]) -> Path:
    """Return the file a symbolic link `target` points to (followed to the end), else `target`."""
    target = Path(target)
    return Path(os.path.realpath(target)) if os.path.islink(target) else target


def _write_temporary(target: Path, produce: Callable[[BinaryIO], object]) -> str:
    """Return the name of a temporary file beside `target` filled by `produce` and synced.

    The file is created with mode 0666 less the umask (the mode any new file gets), then given
    the mode of the file it replaces, if there is one.
    """
    tmp_name = temporary_name(target)
    fd = os.open(tmp_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    hold(fd)
    mode = _mode_of(target)
    if mode is not None and hasattr(os, "fchmod"):
        try:
            os.fchmod(fd, mode)
        except OSError:  # FAT sticks and some shares have no modes: keep what they give
            pass
    try:
        with os.fdopen(fd, "wb") as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _unlink_quietly(tmp_name)
        raise
    return tmp_name


def _write_data(data: bytes, handle: BinaryIO) -> int:
    """Write `data` to `handle`; return how many bytes went."""
    return handle.write(data)


def write_with(target: str | os.PathLike[str], produce: Callable[[BinaryIO], object]) -> Path:
    """Call `produce` on a temporary file beside `target`, then rename it into place."""
    target = resolve_link(target)
    refuse_read_only(target)
    folder_was_there = target.parent.is_dir()
    clean_stale(target.parent, target.name)
    tmp_name: str | None = None
    try:
        tmp_name = _write_temporary(target, produce)
        os.replace(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise OutputError(_message_for(exc, target, folder_was_there)) from exc
    finally:
        _unlink_quietly(tmp_name)
    return target


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write `data` to `target` atomically."""
    return write_with(target, lambda handle: handle.write(data))


def write_text(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write `text` to `target` atomically in `encoding`."""
    return write_bytes(target, text.encode(encoding))


def _keep_old(target: Path) -> str | None:
    """Return a temporary name holding the current `target` (a hard link, else a copy), or None."""
    if not target.exists():
        return None
    kept = temporary_name(target, ".cu.tmp")
    try:
        os.link(target, kept)
    except OSError:  # FAT32 USB sticks and some network shares have no hard links
        try:
            shutil.copy2(target, kept)
        except BaseException:
            _unlink_quietly(kept)
            raise
    return kept


def _roll_back(done: list[tuple[Path, str | None]]) -> tuple[str, set[str]]:
    """Put back the old files of the targets in `done`, newest first.

    Return a Vietnamese note about any target that could not be put back, and the temporary
    names of the old versions that must therefore stay on disk.
    """
    notes: list[str] = []
    stranded: set[str] = set()
    for target, kept in reversed(done):
        try:
            if kept is None:
                os.unlink(target)
            else:
                os.replace(kept, target)
        except OSError:
            _LOG.exception("could not put back the old %s", target)
            if kept is None:
                notes.append(f" Không xóa được tệp mới “{target}”.")
            else:
                notes.append(f" Không khôi phục được bản cũ của “{target}”; bản cũ được giữ ở “{kept}”.")
                stranded.add(kept)
    return "".join(notes), stranded


def write_all(files: Sequence[tuple[str | os.PathLike[str], bytes]]) -> list[Path]:
    """Write each (target, data) pair all or nothing; return the targets.

    Every file is first written to a temporary name (a failure there changes no target); then
    each target is renamed into place after keeping a link to its old version, and if one rename
    fails the targets already replaced get their old versions back. Only a crash between two
    renames can leave a mix of old and new files.
    """
    targets = [resolve_link(target) for target, _ in files]
    for target in targets:
        refuse_read_only(target)
    folders_there = {target.parent for target in targets if target.parent.is_dir()}
    temporaries: list[str] = []
    kept_names: list[str] = []
    done: list[tuple[Path, str | None]] = []
    current = targets[0] if targets else Path()
    try:
        for current, (_, data) in zip(targets, files):
            temporaries.append(_write_temporary(current, partial(_write_data, data)))
        for current, tmp_name in zip(targets, temporaries):
            kept = _keep_old(current)
            if kept is not None:
                kept_names.append(kept)
            os.replace(tmp_name, current)
            done.append((current, kept))
    except OSError as exc:
        note, stranded = _roll_back(done)
        kept_names = [k for k in kept_names if k not in stranded]
        raise OutputError(_message_for(exc, current, current.parent in folders_there) + note) from exc
    finally:
        for name in temporaries + kept_names:
            if os.path.exists(name):
                _unlink_quietly(name)
    return targets
