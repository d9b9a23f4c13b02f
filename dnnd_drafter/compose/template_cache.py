"""Keep compiled letter templates between runs, so a process does not compile them again.

Compiling the packaged templates through the bounded sandbox's code generator costs about
25 ms in every process (``dnnd-drafter render``, the wizard's first preview). Jinja's
bytecode cache keeps the compiled code on disk; this one keeps it in the platform's per-user
cache folder (``…/dnnd-drafter/templates``, :func:`dnnd_drafter.base.paths.cache_folder`), never
in the data folder, which can be a copied or shared folder.

The sandbox's guarantees hold: the cached code is what our code generator made, with every
budget step in it. A cache entry is used only when

* its key matches: the template's name and file, Jinja's version, the environment's
  compile options and a hash of :mod:`dnnd_drafter.compose.sandbox` (the code generator), so
  code compiled by another version of the generator is never run;
* its checksum matches the template's current source (Jinja checks it on load);
* on POSIX, the folder belongs to this user and nobody else may write to it (else nothing is
  read from it or written to it, and templates are compiled as before).
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from dnnd_drafter import __version__
from dnnd_drafter.base.paths import cache_folder, read_cache_file, replace_cache_file
from dnnd_drafter.compose import sandbox as template_sandbox

#: the Environment options that change the compiled code
COMPILE_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                   "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                   "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "autoescape",
                   "optimized")


def cache_dir() -> Path:
    """Return the folder of the compiled templates (not created)."""
    return cache_folder("templates")


@lru_cache(maxsize=1)
def generator_hash() -> str:
    """Return a hash of the code generator's source and of the versions that shape compiled code."""
    source = Path(template_sandbox.__file__).read_bytes()
    return hashlib.sha256(source + f"|{jinja2.__version__}|{__version__}".encode()).hexdigest()


class CompiledTemplateCache(jinja2.BytecodeCache):
    """Store each compiled template of one environment in one file of :func:`cache_dir`."""

    def __init__(self, environment: jinja2.Environment) -> None:
        self._options = repr([(o, getattr(environment, o, None)) for o in COMPILE_OPTIONS])

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        """Return the key of `name` (and its file): it changes with the generator and the options."""
        text = f"{generator_hash()}|{self._options}|{name}|{filename or ''}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill `bucket` from its file when there is one in a private folder (Jinja checks it)."""
        data = read_cache_file(cache_dir() / f"{bucket.key}.cache")
        if data is None:
            return
        try:
            bucket.load_bytecode(io.BytesIO(data))
        except (EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Write `bucket` to its file (a temporary file renamed over it: readers never see half)."""
        data = io.BytesIO()
        bucket.write_bytecode(data)
        replace_cache_file(cache_dir() / f"{bucket.key}.cache", data.getvalue())

    def clear(self) -> None:
        """Remove every compiled template."""
        for path in cache_dir().glob("*.cache"):
            path.unlink(missing_ok=True)
