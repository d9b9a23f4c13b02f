"""Keep the code :mod:`dataclasses` generates between runs, so a process does not compile it again.

Each ``@dataclass`` writes its ``__init__``, ``__repr__``, ``__eq__`` … as source text and compiles
it when its module is imported (Python 3.11: one ``exec`` of a string per method). The ~30
classes the wizard imports before its first frame spent about 60 M instructions (13 ms, a tenth
of what the app adds to a bare QWizard's start) parsing and compiling those few lines; the 41 a
``dnnd-drafter pdf`` loads, about 15 ms of it. The wizard (:mod:`dnnd_drafter.ui`) and the
command line (:mod:`dnnd_drafter.cli.entry`) install the cache. :func:`install` hands
:mod:`dataclasses` an ``exec`` that runs the code compiled once from exactly the same text and
kept in the per-user cache folder beside the compiled templates (``…/dnnd-drafter/dataclasses``,
:class:`dnnd_drafter.base.code_cache.CodeCache`), never in the data folder. The classes are
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
from pathlib import Path
from typing import Any

from dnnd_drafter.base.code_cache import CodeCache

_cache = CodeCache("dataclasses")
_installed: list[bool] = []  # [True] once install() ran, [False] once finish() did


def cache_file() -> Path:
    """Return the cache file of this interpreter (not created)."""
    return _cache.path()


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:  # noqa: A002 - exec's own names
    """Run `source` as ``exec`` does, compiling a text only when it was never compiled before."""
    if isinstance(source, str):
        source = _cache.compiled(source, "<string>")
    builtins.exec(source, globals, locals)


def install() -> None:
    """Read the cache file (when it is there and private) and let :mod:`dataclasses` use it (once)."""
    if _installed:
        return
    _installed.append(True)
    _cache.load()
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
    _cache.save()
