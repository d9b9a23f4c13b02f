"""Keep the code :mod:`dataclasses` generates between runs, so a process does not compile it again.

Each ``@dataclass`` writes its ``__init__``, ``__repr__``, ``__eq__`` … as source text and compiles
it when its module is imported (Python 3.11: one ``exec`` of a string per method). The ~30
classes the wizard imports before its first frame spent about 60 M instructions (13 ms, a tenth
of what the app adds to a bare QWizard's start) parsing and compiling those few lines; the 41 a
``dnnd-drafter pdf`` loads, about 15 ms of it. The wizard (:mod:`dnnd_drafter.ui`) and the
command line (:mod:`dnnd_drafter.cli.entry`) install the cache. :func:`install` hands
:mod:`dataclasses` an ``exec`` that runs the code compiled once from exactly the same text and
kept in the per-user cache folder beside the compiled templates (``…/dnnd-drafter/dataclasses``,
:func:`dnnd_drafter.base.paths.cache_folder`), never in the data folder. The classes are
the same: the text is the key, the code is what ``compile`` makes of it (without this module's
``__future__`` flags, as ``exec`` does), run in the same namespaces.

Nothing else changes: text not in the cache is compiled as before (and kept for the next run,
written by :func:`finish` when something was added, after which the cache is let go); a cache
file of another interpreter (its name carries the bytecode magic number), an unreadable or
damaged one, or one in a folder another user may write to is ignored.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib.util
import marshal
import os
import tempfile
from pathlib import Path
from types import CodeType
from typing import Any

from dnnd_drafter.base.paths import cache_folder, private_cache_folder

_compiled: dict[str, CodeType] = {}
_added: list[str] = []  # text compiled in this process, not in the cache file yet
_installed: list[bool] = []  # [True] once install() ran, [False] once finish() did


def cache_file() -> Path:
    """Return the cache file of this interpreter (not created)."""
    return cache_folder("dataclasses") / f"code-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:  # noqa: A002 - exec's own names
    """Run `source` as ``exec`` does, compiling a text only when it was never compiled before."""
    if isinstance(source, str):
        code = _compiled.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _compiled[source] = code
            _added.append(source)
        source = code
    builtins.exec(source, globals, locals)


def install() -> None:
    """Read the cache file (when it is there and private) and let :mod:`dataclasses` use it (once)."""
    if _installed:
        return
    _installed.append(True)
    path = cache_file()
    if private_cache_folder(path.parent):
        try:
            loaded = marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            loaded = {}
        if isinstance(loaded, dict):
            _compiled.update((text, code) for text, code in loaded.items()
                             if isinstance(text, str) and isinstance(code, CodeType))
    setattr(dataclasses, "exec", _exec)  # noqa: B010 - a module global shadowing the builtin for dataclasses only


def finish() -> None:
    """Write the cache file when this process compiled text it did not hold, then stop: later
    classes compile as without the cache, and the kept code is freed (it is memory the process
    would not hold otherwise). Never fails."""
    if not _installed or _installed[0] is False:
        return
    _installed[0] = False
    if dataclasses.__dict__.get("exec") is _exec:
        delattr(dataclasses, "exec")
    compiled, added = dict(_compiled), list(_added)
    _compiled.clear()
    _added.clear()
    if added:
        _write(compiled)


def _write(compiled: dict[str, CodeType]) -> None:
    """Write `compiled` as the cache file (replacing it whole), when its folder is private."""
    path = cache_file()
    if not private_cache_folder(path.parent):
        return
    try:
        handle, temporary = tempfile.mkstemp(prefix=".code-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(marshal.dumps(compiled))
        os.replace(temporary, path)
    except (OSError, ValueError):
        Path(temporary).unlink(missing_ok=True)
