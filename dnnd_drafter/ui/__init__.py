"""Hold the Qt user interface: the wizard, the page painter, preview, PDF and printing.

Importing this package first protects CPython 3.11 from a PySide6 6.12 bug: its void methods
(``setPosition``, ``setFont``, ``setObjectName`` …) return None without taking a reference, so
every call lowers None's reference count by one, and after a few thousand calls the interpreter
aborts with "none_dealloc: deallocating None". Python 3.12 made None immortal, which hides
the bug there; on older versions we give None a reference count it can never use up.

It also makes PySide6's import hook cheap: for every module imported after PySide6 (and every
one before it, at its first use), PySide6 asks whether the module's source mentions "PySide6"
through ``inspect.getsource``, which tokenises each file and keeps all of them in
:mod:`linecache`: about 200 files, 7 MB and tens of milliseconds at start (PYSIDE-2029). We ask
the same question of the file's bytes.
"""

from __future__ import annotations

import sys


def _immortalise_none() -> None:
    """Raise None's reference count far out of reach (CPython before 3.12 only)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < 1 << 40:
        refcount.value += 1 << 50


def _search_sources_cheaply() -> None:
    """Make PySide6's "does this module use PySide6?" check read bytes instead of tokenising."""
    try:
        import PySide6  # noqa: F401 - sets up the feature module we adjust
    except ImportError:
        return
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "reads_bytes", False):
        return

    def _mod_uses_pyside(module: object) -> bool:
        """Return whether the source file of `module` mentions PySide6 (as upstream, minus linecache)."""
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    _mod_uses_pyside.reads_bytes = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = _mod_uses_pyside  # type: ignore[union-attr]


_immortalise_none()
_search_sources_cheaply()
