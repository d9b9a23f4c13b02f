"""Hold the Qt user interface: the wizard, the page painter, preview, PDF and printing.

Importing this package first protects CPython 3.11 from a PySide6 6.12 bug: its void methods
(``setPosition``, ``setFont``, ``setObjectName`` …) return None without taking a reference, so
every call lowers None's reference count by one, and after a few thousand calls the interpreter
aborts with "none_dealloc: deallocating None". Python 3.12 made None immortal, which hides
the bug there; on older versions we give None a reference count it can never use up.
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


_immortalise_none()
