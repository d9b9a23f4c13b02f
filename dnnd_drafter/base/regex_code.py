"""Keep regular expressions compiled between runs, so a process does not compile them again.

Python compiles a regular expression in two steps: it parses the pattern's text and turns it into
a list of numbers for its matching engine (:mod:`re._compiler`), then hands that list to the
engine (``_sre.compile``). The first step is slow for long patterns, and it runs in every process
for the same texts: importing PySide6 compiles three brace-matching patterns of ~6,000 characters
in shiboken's support modules (~17 ms), and the standard library and our modules add ~4 ms until
the wizard's first frame; Jinja2 compiles its lexer's patterns for the first preview and for
each ``dnnd-drafter pdf`` or ``render``.

:func:`install` lets :mod:`re` take the first step's result from a file of the per-user cache
folder (``…/dnnd-drafter/regex``, :func:`dnnd_drafter.base.paths.cache_folder`), never from the
data folder, and :func:`finish` writes what was compiled anew and stops. The patterns are the
same objects ``re.compile`` makes: the key is the pattern's text (str or bytes) with its flags,
the value exactly what :mod:`re._compiler` passes to the engine, which checks it again.

A file of another interpreter (its name carries the version and the engine's magic number), an
unreadable or damaged one, or one in a folder another user may write to is ignored; without the
internals this relies on (checked to be the same in Python 3.11–3.13), nothing is installed.
"""

from __future__ import annotations

import re
import sys
import threading
from pathlib import Path
from typing import Any

from dnnd_drafter.base.paths import cache_folder, keep, read_kept

Key = tuple[str | bytes, int]  # the pattern's text, the flags it was compiled with
#: what ``re._compiler.compile`` hands ``_sre.compile`` after the pattern: flags, code, groups, names
Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
KEEP_AT_MOST = 2000  # entries in the file: patterns made from a user's text must not make it grow forever

_compiler: Any = getattr(re, "_compiler", None)
_sre: Any = getattr(_compiler, "_sre", None)
_original: Any = getattr(_compiler, "compile", None)
_entries: dict[Key, Entry] = {}
_used: set[Key] = set()
_added: list[Key] = []
_lock = threading.Lock()
_installed: list[bool] = []  # [True] once install() ran, [False] once finish() did


def cache_file() -> Path:
    """Return the cache file of this interpreter (not created)."""
    version = "-".join(str(part) for part in sys.version_info[:3])
    return cache_folder("regex") / f"sre-{version}-{getattr(_sre, 'MAGIC', 0)}.marshal"


def usable() -> bool:
    """Return whether this Python has the compiler internals the cache stands in for."""
    return (_original is not None and hasattr(_sre, "compile") and hasattr(_compiler, "_code")
            and hasattr(getattr(_compiler, "_parser", None), "parse"))


def install() -> None:
    """Read the cache file (when it is there, private and sound) and let :mod:`re` use it (once)."""
    if _installed or not usable():
        return
    _installed.append(True)
    loaded = read_kept(cache_file())
    if isinstance(loaded, dict):
        _entries.update((key, entry) for key, entry in loaded.items() if _sound(key, entry))
    _compiler.compile = _compile


def finish() -> None:
    """Write the cache file when this process compiled patterns it did not hold, then stop: later
    patterns compile as without the cache, and the kept entries are freed. Never fails."""
    if not _installed or _installed[0] is False:
        return
    _installed[0] = False
    if _compiler.compile is _compile:
        _compiler.compile = _original
    with _lock:
        entries, used, added = dict(_entries), set(_used), list(_added)
        _entries.clear()
        _used.clear()
        _added.clear()
    if not added:
        return
    if len(entries) > KEEP_AT_MOST:  # too many: keep what this run needed
        entries = {key: entry for key, entry in entries.items() if key in used}
    keep(cache_file(), entries)


def _compile(pattern: Any, flags: int = 0) -> Any:
    """Compile `pattern` as ``re._compiler.compile`` does, its engine code taken from the cache."""
    if type(pattern) not in (str, bytes) or flags & re.DEBUG:  # a parsed pattern, a subclass: as before
        return _original(pattern, flags)
    key = (pattern, int(flags))
    _used.add(key)
    entry = _entries.get(key)
    if entry is not None:
        try:
            return _sre.compile(pattern, *entry)
        except (RuntimeError, TypeError, ValueError, OverflowError):  # the engine refused a damaged entry
            pass
    entry = _entry(pattern, flags)
    with _lock:
        _entries[key] = entry
        _added.append(key)
    return _sre.compile(pattern, *entry)


def _entry(pattern: str | bytes, flags: int) -> Entry:
    """Return what ``re._compiler.compile`` hands the engine for `pattern` (its own steps)."""
    parsed = _compiler._parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), [int(word) for word in code], parsed.state.groups - 1, groupindex,
            tuple(indexgroup))  # plain ints: the opcodes are an int subclass marshal cannot keep


def _sound(key: object, entry: object) -> bool:
    """Return whether a loaded entry has the shape :func:`_entry` makes."""
    return (isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], (str, bytes))
            and isinstance(key[1], int) and isinstance(entry, tuple) and len(entry) == 5
            and isinstance(entry[0], int) and isinstance(entry[1], list) and isinstance(entry[2], int)
            and isinstance(entry[3], dict) and isinstance(entry[4], tuple))
