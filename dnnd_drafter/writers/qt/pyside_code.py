"""Import PySide6 with its support modules' code kept between runs, not compiled in every process.

Importing PySide6 starts shiboken's support package (``shibokensupport``: the signatures, the
``__feature__`` switch). It is carried as a zip inside the shiboken library, and its loader calls
``compile`` on the text of its loader and of each of its 13 modules in every process, as no ``.pyc``
exists for them:
about 28 ms of every start of the wizard and of every ``dnnd-drafter pdf``. PySide6's own way out,
``SBK_EMBED=0``, unpacks the files into the installed package, which an office PC's user may not
write to, and it changes every PySide6 program of that Python.

:func:`import_pyside` imports PySide6 with ``compile`` answering for those modules only (a file
name under ``shibokensupport/``, or its loader ``signature_bootstrap.py``, compiled as a module) from a
:class:`~dnnd_drafter.base.code_cache.CodeCache`: the code is what ``compile`` makes of exactly
the same text under the same name with the caller's ``__future__`` flags, as the loader would
have it. Every other call goes to ``compile`` unchanged, and the builtin is put back as soon
as PySide6 is imported; a new PySide6 brings new text, hence new keys.
"""

import builtins
import sys
from collections.abc import Callable
from types import CodeType
from typing import Any

from dnnd_drafter.base.code_cache import CodeCache

SUPPORT_PREFIX = "shibokensupport/"
BOOTSTRAP = "signature_bootstrap.py"  # the loader of the support modules, compiled the same way


def import_pyside() -> bool:
    """Import PySide6 (once), its support modules' code from the cache; return whether it is there."""
    if "PySide6" in sys.modules:
        return True
    cache = CodeCache("pyside")
    cache.load()
    original = builtins.compile
    builtins.compile = _support_compile(original, cache)
    try:
        import PySide6  # noqa: F401 - starts shiboken's support modules
    except ImportError:
        return False
    finally:
        builtins.compile = original
        cache.save()
    return True


def _support_compile(original: Callable[..., Any], cache: CodeCache) -> Callable[..., Any]:
    """Return a ``compile`` that takes shiboken's support modules from `cache`, the rest to `original`."""

    def support_compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> CodeType:
        """Compile as ``compile`` does; a support module's code is compiled once and kept."""
        support = mode == "exec" and isinstance(filename, str) and (
            filename.startswith(SUPPORT_PREFIX) or filename == BOOTSTRAP)
        return cache.compile_call(support, sys._getframe(1), source, filename, mode, *args, original=original,
                                  **kwargs)

    return support_compile
