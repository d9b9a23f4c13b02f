"""Make PySide6's per-module "does this module use PySide6?" check cheap.

For every module imported after PySide6 (and every one before it, at its first use), PySide6
asks whether the module's source mentions "PySide6" through ``inspect.getsource``, which
tokenises each file and keeps all of them in :mod:`linecache`: about 200 files, 7 MB and tens
of milliseconds at start (PYSIDE-2029). :func:`install` makes it ask the same question of the
file's bytes, and answers without reading a file where the answer is known: a module without
Python source (an extension module, as upstream finds: no source, no PySide6) and the standard
library, which never imports PySide6 (about 80 files, 3 ms of the wizard's start). Nothing else
of PySide6 is changed; without PySide6 this does nothing.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

STDLIB = os.path.dirname(os.__file__) + os.sep  # the standard library's folder


def install() -> None:
    """Replace PySide6's source check with one that reads the file's bytes (once per process)."""
    try:
        import PySide6  # noqa: F401 - loads shibokensupport.feature, which holds the check
    except ImportError:
        return
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "reads_bytes", False):
        return
    setattr(feature, "_mod_uses_pyside", _bytes_check(original))  # noqa: B010 - a private name mypy does not know


def _bytes_check(original: Callable[[object], object]) -> Callable[[object], bool]:
    """Return a check that reads `module`'s file as bytes and falls back to `original`."""

    def mod_uses_pyside(module: object) -> bool:
        """Return whether the source file of `module` mentions PySide6 (as upstream, minus linecache)."""
        path = getattr(module, "__file__", None)
        if not isinstance(path, str):
            return bool(original(module))
        if not path.endswith(".py") or in_standard_library(path):
            return False
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    setattr(mod_uses_pyside, "reads_bytes", True)  # noqa: B010 - mypy refuses new attributes on a function
    return mod_uses_pyside


def in_standard_library(path: str) -> bool:
    """Return whether `path` is a file of the standard library (not of a package installed beside it)."""
    return path.startswith(STDLIB) and "-packages" not in path[len(STDLIB):]
