"""Keep the shipped TOML data files parsed between runs, so a process does not parse them again.

The layout reads two kinds of shipped TOML files in every process that lays out a letter (the
wizard's first preview, ``dnnd-drafter pdf`` and ``render``): the format of the letter's family
(``formats/*.toml``, with the file it inherits from) and the line-breaking word lists
(``text/line-breaks.toml``). Importing :mod:`tomllib` and parsing them took ~4 ms of each such
process. :func:`parsed_toml` keeps what :func:`tomllib.loads` made of a file's text in the
per-user cache folder (``…/dnnd-drafter/data``, :func:`dnnd_drafter.base.paths.cache_folder`),
never in the data folder, one file per data file, and uses it only for the very same text:

* the text itself is the key (the file is read each time, ~0.05 ms), so an edited or updated
  file is parsed again, and the cache follows it;
* the value is written with :mod:`marshal`, which keeps only plain data (tables, arrays,
  strings, numbers, booleans) and runs no code when read; a file holding a value marshal cannot
  keep (a TOML date) is parsed each time, as without the cache;
* a cache file that is missing, damaged, of another interpreter (its name carries the bytecode
  magic number) or in a folder another user may write to is ignored.

Each call returns a new object, as :func:`tomllib.loads` does: callers may change it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from dnnd_drafter.base.paths import cache_folder, keep, read_kept


def cache_file(name: str) -> Path:
    """Return the cache file of the data file `name` (``formats/dang-2018.toml``; not created)."""
    stem = name.removesuffix(".toml").replace("/", "-").replace("\\", "-")
    return cache_folder("data") / f"{stem}-{importlib.util.MAGIC_NUMBER.hex()}.marshal"


def parsed_toml(name: str, text: str) -> dict[str, Any]:
    """Return ``tomllib.loads(text)`` for the data file `name`: from its cache file when that holds
    this very text, else parsed now (:class:`tomllib.TOMLDecodeError` as from tomllib) and kept."""
    path = cache_file(name)
    kept = read_kept(path)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == text and isinstance(kept[1], dict):
        return kept[1]
    import tomllib  # only when the cache has not got this text: the first run, or an edited file

    data = tomllib.loads(text)
    keep(path, (text, data))  # a value marshal cannot keep (a date): parsed each time
    return data
