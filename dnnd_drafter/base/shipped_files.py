"""Locate packaged data (letter templates, layout figures, directives) in one way.

The repository keeps ``templates/`` and ``resources/`` at its top level; the build maps them to
the packages ``dnnd_drafter.templates`` and ``dnnd_drafter.data`` so that they ship inside the
wheel. Everything is found through :mod:`importlib.resources`, never through ``__file__``.
"""

from __future__ import annotations

import importlib.resources
import posixpath
from importlib.resources.abc import Traversable

_ROOTS = {"templates": "dnnd_drafter.templates", "data": "dnnd_drafter.data"}


def _check(name: str) -> None:
    """Reject absolute names and names that climb out of their root."""
    if posixpath.isabs(name) or ".." in name.split("/") or "\\" in name:
        raise ValueError(f"invalid resource name: {name!r}")


def locate(root: str, name: str = "") -> Traversable:
    """Return the packaged resource `name` under `root` (``templates`` or ``data``)."""
    _check(name)
    base = importlib.resources.files(_ROOTS[root])
    return base.joinpath(*name.split("/")) if name else base


def read_text(root: str, name: str) -> str:
    """Return the UTF-8 text of the packaged resource `name` under `root`."""
    return locate(root, name).read_text(encoding="utf-8")


def list_names(root: str, folder: str = "", suffix: str = "") -> list[str]:
    """Return the sorted names of files in `folder` under `root` that end with `suffix`."""
    base = locate(root, folder)
    names = [item.name for item in base.iterdir() if item.is_file() and item.name.endswith(suffix)]
    return sorted(n for n in names if not n.startswith(("_", ".")))
