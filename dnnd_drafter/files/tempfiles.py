"""Name the app's temporary files recognisably and remove those a killed run left behind.

Every temporary file the app writes beside a target is called ``.NAME.dnnd-<pid>-<hex>.tmp``
(``….cu.tmp`` for the kept old version of :func:`dnnd_drafter.files.atomic.write_all`); the database
copies of :func:`dnnd_drafter.store.db.copy_database` are ``.NAME.<pid>.tmp`` (with SQLite's
``-journal`` beside them). A writer holds an ``flock`` on its temporary while it writes.
:func:`clean_stale` removes such a file only when no process holds it: its lock can be taken
and the process named in it is no longer running on this computer. Nothing else is touched.
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

_LOG = logging.getLogger(__name__)
TAG = "dnnd"
_OURS = (r"^\.(?P<name>.+)\.(?:dnnd-(?P<pid>\d+)-[0-9a-f]+(?:\.cu)?\.tmp"  # compiled on first use (re's cache)
         r"|(?P<dbpid>\d+)\.tmp(?:-journal|-wal|-shm)?)$")

try:
    import fcntl
except ImportError:  # Windows: a file another process has open cannot be deleted anyway
    fcntl = None  # type: ignore[assignment] # no fcntl on Windows


def temporary_name(target: Path, suffix: str = ".tmp") -> str:
    """Return a fresh temporary name beside `target` that says which process writes it."""
    return str(target.with_name(f".{target.name}.{TAG}-{os.getpid()}-{os.urandom(6).hex()}{suffix}"))


def hold(fd: int) -> None:
    """Take the lock that tells :func:`clean_stale` this temporary is being written."""
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a file system without locks: the process id still protects it
            pass


def pid_alive(pid: int) -> bool:
    """Return whether process `pid` runs on this computer (an unknown answer counts as yes)."""
    if pid <= 0:
        return True
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:
    """Return whether process `pid` is still running (Windows; os.kill would stop it)."""
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined] # windll exists on Windows only
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return bool(kernel.GetLastError() == 5)  # access denied: it exists
    try:
        code = ctypes.c_ulong()
        return not kernel.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259
    finally:
        kernel.CloseHandle(handle)


def _held(path: Path) -> bool:
    """Return whether another process holds the writer's lock on `path`."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False


def is_stale(path: Path, name: str | None = None) -> bool:
    """Return whether `path` is a temporary of this app that nobody writes any more.

    With `name`, only temporaries of the target file called `name` count.
    """
    match = re.match(_OURS, path.name)
    if match is None or (name is not None and match.group("name") != name):
        return False
    pid = int(match.group("pid") or match.group("dbpid"))
    return not pid_alive(pid) and not _held(path)


def clean_stale(folder: str | os.PathLike[str], name: str | None = None) -> list[Path]:
    """Remove the stale temporaries of this app in `folder` (of target `name` only); return them."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(".") or not entry.is_file(follow_symlinks=False):
            continue
        path = Path(entry.path)
        if is_stale(path, name):
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                _LOG.warning("could not remove the stale temporary %s", path)
    if removed:
        _LOG.info("removed %d stale temporary file(s) in %s", len(removed), folder)
    return removed
