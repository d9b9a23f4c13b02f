"""Keep the shipped directives parsed between runs, so a process does not parse them again.

Reading the shipped catalog (``resources/directives/*.toml``: TOML, then every field checked and
cleaned into :class:`~dnnd_drafter.catalog.model.Directive` objects) took ~7 ms of every process
that cites a directive: the wizard's first preview, ``dnnd-drafter pdf`` and ``render``. The
result is kept, pickled, in the per-user cache folder (``…/dnnd-drafter/catalog``,
:func:`dnnd_drafter.base.paths.cache_folder`), never in the data folder, and used only when
everything that made it is unchanged:

* the shipped files' texts, which are part of the key (read each time: ~0.1 ms);
* the code that parses them: the files of :data:`PARSING_MODULES` (size and modification time),
  the program's version and the interpreter's bytecode magic number.

A cache file that is missing, damaged, of another key, or in a folder another user may write to
is ignored, and the files are parsed as before. The user's own directive files are always
parsed: they change while the program runs.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from dnnd_drafter import __version__
from dnnd_drafter.base.paths import cache_folder, read_cache_file, replace_cache_file

if TYPE_CHECKING:
    from dnnd_drafter.catalog.model import Directive

#: the modules whose code turns a directive file into objects (tests/unit/test_catalog_cache.py
#: checks that every module of ours the parser loads is here)
PARSING_MODULES = ("dnnd_drafter.catalog.model", "dnnd_drafter.catalog.tomlio", "dnnd_drafter.catalog.store",
                   "dnnd_drafter.catalog.shipped_cache", "dnnd_drafter.model.citations",
                   "dnnd_drafter.model.vietnamese", "dnnd_drafter.files.input_guard", "dnnd_drafter.base.errors",
                   "dnnd_drafter.base.paths", "dnnd_drafter.base.shipped_files", "dnnd_drafter.files.atomic",
                   "dnnd_drafter.files.tempfiles")

Texts = dict[str, str]


def cache_file() -> Path:
    """Return the cache file of this interpreter (not created)."""
    return cache_folder("catalog") / f"shipped-{importlib.util.MAGIC_NUMBER.hex()}.pickle"


def code_state() -> tuple[object, ...]:
    """Return what identifies the parsing code: the version and each parsing module's file."""
    files = []
    for name in PARSING_MODULES:
        path = importlib.import_module(name).__file__ or ""
        info = os.stat(path)
        files.append((name, info.st_size, info.st_mtime_ns))
    return (__version__, *files)


def parsed(texts: Texts, parse: Callable[[Texts], dict[str, Directive]]) -> dict[str, Directive]:
    """Return ``parse(texts)``, from the cache file when it holds the result for these texts and
    this code, else parsed now and kept for the next run."""
    import pickle  # not at the wizard's start: the catalog is read after the first frame

    key = (code_state(), texts)
    data = read_cache_file(cache_file())
    if data is not None:
        try:
            kept_key, directives = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a damaged or foreign file: parse as without a cache
            kept_key = directives = None
        if kept_key == key and isinstance(directives, dict):
            return directives  # what parse returned for this key
    directives = parse(texts)
    try:
        replace_cache_file(cache_file(), pickle.dumps((key, directives), protocol=pickle.HIGHEST_PROTOCOL))
    except (pickle.PicklingError, TypeError, AttributeError):
        pass
    return directives
