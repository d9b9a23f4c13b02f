"""Keep Python code compiled from a text between runs: one file per kind and interpreter.

Two kinds of code are compiled from text in every process, the same text each time: what the
standard library writes as text and compiles (dataclasses' methods, named tuples' ``__new__``,
typing's forward references: :mod:`dnnd_drafter.base.generated_code`) and the support modules
PySide6 carries inside its shiboken library (:mod:`dnnd_drafter.writers.qt.pyside_code`). A
:class:`CodeCache` compiles each text once and keeps the code in the per-user cache folder
(``…/dnnd-drafter/<kind>/code-<magic>.marshal``, :func:`dnnd_drafter.base.paths.cache_folder`),
never in the data folder.

The key is everything that shapes the code: the text, the mode (a module's ``exec`` or an
expression's ``eval``), the file name it is compiled under and the ``__future__`` flags; the value
is what ``compile`` makes of them. A file of another interpreter (its name carries the bytecode
magic number), an unreadable or damaged one, or one in a folder another user may write to is never
read; text not in the file is compiled as without the cache and written by :meth:`CodeCache.save`,
which replaces the file whole (a reader never sees half).
"""

from __future__ import annotations

import __future__

import builtins
import importlib.util
from collections.abc import Callable
from functools import reduce
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

from dnnd_drafter.base.paths import cache_folder, keep, read_kept

Key = tuple[str, str, int, str | bytes]  # mode, file name, __future__ flags, text
MODES = ("exec", "eval")
_compile = builtins.compile  # the builtin itself, whatever stands in for it while PySide6 loads
#: the flags of every ``__future__`` feature: what ``compile``, ``exec`` and ``eval`` inherit from their caller
FUTURE_FLAGS = reduce(lambda flags, name: flags | getattr(__future__, name).compiler_flag,
                      __future__.all_feature_names, 0)


def inherited_flags(caller: FrameType) -> int:
    """Return the ``__future__`` flags text compiled by `caller` inherits, as ``compile`` gives them."""
    return caller.f_code.co_flags & FUTURE_FLAGS


class CodeCache:
    """Code compiled once per text, read from and written to one file of the cache folder."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.code: dict[Key, CodeType] = {}
        self.added: list[Key] = []  # compiled in this process, not in the file yet

    def path(self) -> Path:
        """Return the cache file of this interpreter (not created)."""
        return cache_folder(self.kind) / f"code-{importlib.util.MAGIC_NUMBER.hex()}.marshal"

    def load(self) -> None:
        """Add the code of the cache file, when it is there, private and sound."""
        loaded = read_kept(self.path())
        if isinstance(loaded, dict):
            self.code.update((key, code) for key, code in loaded.items() if _sound(key, code))

    def compiled(self, text: str | bytes, filename: str, flags: int = 0, mode: str = "exec") -> CodeType:
        """Return the code of `text` as ``compile(text, filename, mode, flags, dont_inherit=True)``
        makes it (`mode` "exec" or "eval"), compiling it only when it was never compiled before."""
        key = (mode, filename, flags, text)
        code = self.code.get(key)
        if code is None:
            code = _compile(text, filename, mode, flags, dont_inherit=True)
            self.code[key] = code
            self.added.append(key)
        return code

    def save(self) -> None:
        """Write the cache file when this process compiled text the file did not hold, then let go
        of the code (memory the process would not hold otherwise). Never fails."""
        code, added = dict(self.code), list(self.added)
        self.code.clear()
        self.added.clear()
        if added:
            keep(self.path(), code)  # a text marshal cannot keep (a str subclass): nothing is kept

    def compile_call(self, kept: bool, caller: FrameType, source: Any, filename: Any, mode: str, flags: int = 0,
                     dont_inherit: bool = False, optimize: int = -1, *, original: Callable[..., Any] = _compile,
                     **kwargs: Any) -> CodeType:
        """Compile as ``compile(source, filename, mode, flags, dont_inherit, optimize, **kwargs)``
        called from `caller` does (with its ``__future__`` flags); when `kept` and the call is a
        plain one (a text, a file name, no flags or options of its own), take the code from this
        cache, else compile with `original`. For stand-ins of ``compile`` that keep some texts."""
        inherited = 0 if dont_inherit else inherited_flags(caller)
        if (kept and not flags and optimize == -1 and not kwargs and isinstance(filename, str)
                and isinstance(source, (str, bytes))):
            return self.compiled(source, filename, inherited, mode)
        code: CodeType = original(source, filename, mode, flags | inherited, True, optimize, **kwargs)
        return code


def _sound(key: object, code: object) -> bool:
    """Return whether a loaded entry has the shape :meth:`CodeCache.compiled` stores."""
    return (isinstance(key, tuple) and len(key) == 4 and key[0] in MODES and isinstance(key[1], str)
            and isinstance(key[2], int) and isinstance(key[3], (str, bytes)) and isinstance(code, CodeType))
