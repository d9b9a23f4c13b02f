"""Keep the code the standard library writes as text and compiles between runs, so a process does not
compile it again.

Three parts of the standard library write Python as text and compile it whenever a module defines
a class with them, the same text in every process:

* each ``@dataclass`` writes its ``__init__``, ``__repr__``, ``__eq__`` … and ``exec``\\ s them
  (Python 3.11: one string per method); the ~30 classes the wizard imports before its first frame
  spent about 60 M instructions (13 ms) on it, the 41 of a ``dnnd-drafter pdf`` about 15 ms;
* each named tuple (``typing.NamedTuple``, ``collections.namedtuple``) ``eval``\\ s its ``__new__``
  (22 until the wizard's first frame, ~1 ms);
* each string annotation of a ``NamedTuple`` field (our modules use ``from __future__ import
  annotations``) is compiled by ``typing.ForwardRef`` (32 until the first frame, 89 until the first
  preview, ~0.5–1.5 ms).

:func:`install` hands :mod:`dataclasses` an ``exec``, :mod:`collections` an ``eval`` and
:mod:`typing` a ``compile`` (module globals shadowing the builtins for those modules only) that
run the code compiled once from exactly the same text, with the ``__future__`` flags the caller
would have passed on, and kept in the per-user cache folder beside the compiled templates
(``…/dnnd-drafter/generated``, :class:`dnnd_drafter.base.code_cache.CodeCache`), never in the
data folder. The classes are the same: the text is the key, the code is what the builtin makes of
it, run in the same namespaces. The wizard (:mod:`dnnd_drafter.ui`) and the command line
(:mod:`dnnd_drafter.cli.entry`) install it, through :mod:`dnnd_drafter.base.kept_code`.

Nothing else changes: text not in the cache is compiled as before (and kept for the next run,
written by :func:`finish` when something was added, after which the cache is let go); a cache
file of another interpreter (its name carries the bytecode magic number), an unreadable or
damaged one, or one in a folder another user may write to is ignored.
"""

from __future__ import annotations

import builtins
import importlib
import sys
from pathlib import Path
from types import CodeType
from typing import Any

from dnnd_drafter.base.code_cache import CodeCache, inherited_flags

_cache = CodeCache("generated")
_installed: list[bool] = []  # [True] once install() ran, [False] once finish() did


def cache_file() -> Path:
    """Return the cache file of this interpreter (not created)."""
    return _cache.path()


def _exec(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> None:  # noqa: A002 - exec's own names
    """Run `source` as ``exec`` does, compiling a text only when it was never compiled before."""
    if isinstance(source, str):
        source = _cache.compiled(source, "<string>", inherited_flags(sys._getframe(1)))
    builtins.exec(source, globals, locals)


def _eval(source: Any, globals: dict[str, Any] | None = None, locals: dict[str, Any] | None = None) -> Any:  # noqa: A002 - eval's own names
    """Evaluate `source` as ``eval`` does, compiling a text only when it was never compiled before."""
    if isinstance(source, str):
        source = _cache.compiled(source.lstrip(" \t"), "<string>", inherited_flags(sys._getframe(1)), "eval")
    return builtins.eval(source, globals, locals)


def _compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> CodeType:
    """Compile as ``compile`` does; an expression's text is compiled only when it never was before."""
    return _cache.compile_call(mode == "eval", sys._getframe(1), source, filename, mode, *args, **kwargs)


#: the modules lent a stand-in, the builtin's name in each, and the stand-in; dataclasses last, as
#: importing it defines named tuples (in inspect, dis, tokenize)
SHADOWED: tuple[tuple[str, str, Any], ...] = (
    ("collections", "eval", _eval), ("typing", "compile", _compile), ("dataclasses", "exec", _exec))


def install() -> None:
    """Read the cache file (when it is there and private) and lend the stand-ins (once)."""
    if _installed:
        return
    _installed.append(True)
    _cache.load()
    for module, name, stand_in in SHADOWED:
        setattr(importlib.import_module(module), name, stand_in)


def finish() -> None:
    """Write the cache file when this process compiled text it did not hold, then stop: later
    classes compile as without the cache, and the kept code is freed (it is memory the process
    would not hold otherwise). Never fails."""
    if not _installed or _installed[0] is False:
        return
    _installed[0] = False
    for module, name, stand_in in SHADOWED:
        if sys.modules[module].__dict__.get(name) is stand_in:
            delattr(sys.modules[module], name)
    _cache.save()
