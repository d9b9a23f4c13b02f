"""Share the fault injection and checks of the failed-write tests (no tests of its own here).

A *fault* breaks one step of writing a file the way the world does: the disk fills up during
the write or at the final flush, another program holds the target open (the rename fails, as on
Windows), the target is read-only, or its folder was removed (a USB stick pulled out). Every
writer of the app must answer each of them with a Vietnamese OutputError, leave the old file
byte for byte, leave no temporary file behind, and write the file on a second try.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

OLD_BYTES = b"old contents that must survive\n"
#: What each fault's message must say (a phrase of atomic._message_for).
FAULT_WORDS = {
    "disk_full_write": "Ổ đĩa đã đầy",
    "disk_full_fsync": "Ổ đĩa đã đầy",
    "target_locked": "đang mở trong chương trình khác",
    "read_only": "chỉ đọc",
    "folder_gone": "Không có thư mục",
}
FAULTS = tuple(FAULT_WORDS)


class _HalfWritingFile:
    """Wrap a real file: write half of the first chunk, then fail as a full disk does."""

    def __init__(self, real) -> None:  # type: ignore[no-untyped-def]
        self.real = real

    def write(self, data: bytes) -> int:
        self.real.write(bytes(data[: max(len(data) // 2, 1)]))
        self.real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.real, name)

    def __enter__(self) -> "_HalfWritingFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@contextmanager
def fault(kind: str, target: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Break writing `target` in the way named `kind` for the duration of the block."""
    real_fdopen, real_replace = os.fdopen, os.replace
    with monkeypatch.context() as patch:
        if kind == "disk_full_write":
            patch.setattr(os, "fdopen", lambda fd, *a, **k: _HalfWritingFile(real_fdopen(fd, *a, **k)))
        elif kind == "disk_full_fsync":
            def fsync(fd: int) -> None:
                raise OSError(errno.ENOSPC, "No space left on device")

            patch.setattr(os, "fsync", fsync)
        elif kind == "target_locked":
            def replace(src, dst, *a, **k):  # type: ignore[no-untyped-def]
                if Path(dst).name == target.name:
                    raise PermissionError(errno.EACCES, "The process cannot access the file", str(dst))
                return real_replace(src, dst, *a, **k)

            patch.setattr(os, "replace", replace)
        elif kind == "read_only":
            target.chmod(stat.S_IRUSR | stat.S_IRGRP)
        elif kind == "folder_gone":
            shutil.rmtree(target.parent)
        else:
            raise ValueError(kind)
        try:
            yield
        finally:
            if kind == "read_only" and target.exists():
                target.chmod(stat.S_IRUSR | stat.S_IWUSR)
            if kind == "folder_gone":
                target.parent.mkdir(parents=True, exist_ok=True)


def leftovers(folder: Path) -> list[str]:
    """Return the temporary files a writer left in `folder` (``.name.*.tmp``)."""
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def check_write_survives(kind: str, target: Path, write: Callable[[], object], monkeypatch: pytest.MonkeyPatch,
                         error: type[BaseException], valid: Callable[[bytes], bool]) -> None:
    """Run `write` under the fault `kind`; check message, old file, leftovers; then a second try.

    `target` holds :data:`OLD_BYTES` before (unless its folder is to vanish, where it is made
    again empty after the failed try). `valid` says whether the bytes of a finished file are right.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(OLD_BYTES)
    with fault(kind, target, monkeypatch):
        with pytest.raises(error) as caught:
            write()
        message = str(caught.value)
        assert FAULT_WORDS[kind] in message, message
        assert target.name in message or str(target.parent) in message, message
        if kind != "folder_gone":
            assert target.read_bytes() == OLD_BYTES
    assert leftovers(target.parent) == []
    if kind == "folder_gone":
        assert not target.exists()
    write()  # the clerk fixes the problem and tries again
    data = target.read_bytes()
    assert data != OLD_BYTES and valid(data)
    assert leftovers(target.parent) == []


def store_dump(store) -> list[str]:  # type: ignore[no-untyped-def]
    """Return every row of the store as SQL text, to compare before and after a refused import."""
    return [line for line in store.conn.iterdump() if not line.startswith(("BEGIN", "COMMIT"))]
