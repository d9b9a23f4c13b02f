"""Locate packaged data (letter templates, layout figures, directives) in one way.

The repository keeps ``templates/`` and ``resources/`` at its top level; the build maps them to
the packages ``dnnd_drafter.templates`` and ``dnnd_drafter.data`` so that they ship inside the
wheel. Everything is found through the packages (their folder on disk, else
:mod:`importlib.resources`), never through ``__file__``.
"""

from __future__ import annotations

import importlib
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_ROOTS = {"templates": "dnnd_drafter.templates", "data": "dnnd_drafter.data"}
_folders: dict[str, Path | None] = {}  # package -> its folder on disk, None when it is not one


def _check(name: str) -> None:
    """Reject absolute names and names that climb out of their root."""
    if posixpath.isabs(name) or ".." in name.split("/") or "\\" in name:
        raise ValueError(f"invalid resource name: {name!r}")


def _folder(package: str) -> Path | None:
    """Return the folder of `package` when it is a plain folder on disk (an installed wheel, a
    checkout), else None (a zip: :mod:`importlib.resources` reads it)."""
    if package not in _folders:
        paths = list(getattr(importlib.import_module(package), "__path__", []))
        folder = Path(paths[0]) if len(paths) == 1 else None
        _folders[package] = folder if folder is not None and folder.is_dir() else None
    return _folders[package]


def locate(root: str, name: str = "") -> Traversable:
    """Return the packaged resource `name` under `root` (``templates`` or ``data``).

    A package in a plain folder is read as files (:mod:`importlib.resources` would give the same
    paths; loading it took ~1.5 ms of the wizard's start and of every command); anything else
    goes through :mod:`importlib.resources`.
    """
    _check(name)
    base: Traversable | None = _folder(_ROOTS[root])
    if base is None:
        import importlib.resources  # a package in a zip: only there

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
