"""PySide6's support modules are compiled once and their code kept between runs: the next process
compiles none of them, the code is what shiboken's own loader compiles, a cache in a folder
others may write to is not read, and every other call of ``compile`` is left as it was."""

from __future__ import annotations

import base64
import builtins
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path
from types import CodeType
from typing import Any

import pytest

from dnnd_drafter.base import paths
from dnnd_drafter.base.code_cache import CodeCache
from dnnd_drafter.writers.qt import pyside_code

REPO = Path(__file__).resolve().parents[2]
# Imports PySide6 the way FIRST says, counting the support modules the real compile is asked for
# (shiboken's loader on its own is not watched: a stand-in would change what compile inherits);
# prints that count and, per support module, the code of its functions and methods.
SCRIPT = r"""
import base64, builtins, json, marshal, sys, types

compiled = []
real = builtins.compile


def noting(source, filename, mode, *args, **kwargs):
    if str(filename).startswith("shibokensupport/"):
        compiled.append(str(filename))
    return real(source, filename, mode, *args, **kwargs)


if "dnnd_drafter" in "FIRST":
    builtins.compile = noting
FIRST
builtins.compile = real


def codes(module):
    found = {}
    for value in vars(module).values():
        for item in [value, *(vars(value).values() if isinstance(value, type) else ())]:
            code = getattr(item, "__code__", None)
            if isinstance(code, types.CodeType) and code.co_filename.startswith("shibokensupport/"):
                found[code.co_qualname] = code
    return base64.b64encode(marshal.dumps(found)).decode()


modules = {name: codes(module) for name, module in sorted(sys.modules.items()) if name.startswith("shibokensupport")}
print(json.dumps({"compiled": len(compiled), "modules": modules}))
"""
OURS = "import dnnd_drafter.writers.qt  # what the wizard and `pdf` import first"
PLAIN = "import PySide6  # shiboken's loader on its own"


def _import(first: str, cache: Path) -> dict[str, Any]:
    """Run SCRIPT with `first` in a new process whose cache folder is `cache`; return what it printed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DNND_DRAFTER_CACHE=str(cache), PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", SCRIPT.replace("FIRST", first)], capture_output=True,
                            text=True, timeout=180, cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    seen: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return seen


def _code(seen: dict[str, Any]) -> dict[str, dict[str, CodeType]]:
    """Return the code objects of each support module from what SCRIPT printed."""
    return {name: marshal.loads(base64.b64decode(text)) for name, text in seen["modules"].items()}


def test_the_next_process_compiles_no_support_module_and_runs_the_loaders_own_code(tmp_path: Path) -> None:
    plain = _import(PLAIN, tmp_path)
    first = _import(OURS, tmp_path)
    second = _import(OURS, tmp_path)
    assert first["compiled"] >= 10  # the 14 modules of PySide6 6.11
    assert second["compiled"] == 0  # the code came from the cache
    assert (tmp_path / "pyside").is_dir()
    loaders_own = _code(plain)
    del loaders_own["shibokensupport.feature"]["_mod_uses_pyside"]  # ours stands in (pyside_import_check)
    assert _code(second) == _code(first) == loaders_own  # the same modules, the same code, the same flags


def test_a_cache_others_may_write_to_is_not_read(tmp_path: Path) -> None:
    first = _import(OURS, tmp_path)
    os.chmod(tmp_path / "pyside", 0o777)
    assert _import(OURS, tmp_path)["compiled"] == first["compiled"]


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CodeCache:
    """Return an empty cache of support code in `tmp_path`."""
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path))
    return CodeCache("pyside")


def _annotation(code: CodeType) -> object:
    """Return the annotation of `x` in the function `f` that `code` defines."""
    namespace: dict[str, object] = {}
    exec(code, namespace)
    function: Any = namespace["f"]
    return function.__annotations__["x"]


def test_a_support_module_is_compiled_with_the_callers_future_flags(cache: CodeCache) -> None:
    patched = pyside_code._support_compile(builtins.compile, cache)
    code = patched("def f(x: int): pass", "shibokensupport/probe.py", "exec")
    assert _annotation(code) == "int"  # this module's `from __future__ import annotations`, as compile inherits it
    assert len(cache.added) == 1
    assert patched("def f(x: int): pass", "shibokensupport/probe.py", "exec") is code  # compiled once


def test_every_other_compile_is_left_as_it_was(cache: CodeCache) -> None:
    patched = pyside_code._support_compile(builtins.compile, cache)
    assert _annotation(patched("def f(x: int): pass", "mine.py", "exec")) == "int"  # inherited
    assert _annotation(patched("def f(x: int): pass", "mine.py", "exec", dont_inherit=True)) is int
    assert eval(patched("6 * 7", "mine.py", "eval")) == 42
    assert _annotation(patched("def f(x: int): pass", "shibokensupport/probe.py", "exec", 0, True)) is int
    with pytest.raises(SyntaxError):
        patched("def (", "shibokensupport/broken.py", "exec")
    assert cache.added == [("exec", "shibokensupport/probe.py", 0, "def f(x: int): pass")]
