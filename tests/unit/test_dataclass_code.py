"""The dataclasses of the wizard and of the commands are compiled once and their code kept between
runs: a second start or command compiles none, the classes are the same, and a cache that is damaged, of another user or in a
folder others may write to is never run."""

from __future__ import annotations

import dataclasses
import inspect
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.base import dataclass_code, paths
from dnnd_drafter.base.code_cache import CodeCache

REPO = Path(__file__).resolve().parents[2]
START = r"""
import json
import dnnd_drafter.ui.app  # what the wizard imports before its first frame
import dnnd_drafter.ui.wizard.step_header
from dnnd_drafter.base import dataclass_code
compiled = len(dataclass_code._cache.added)
dataclass_code.finish()
print(json.dumps({"compiled": compiled}))
"""


def _start(cache: Path) -> int:
    """Import the wizard's start in a new process with `cache` as the cache folder; return how many
    dataclass methods it compiled."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DNND_DRAFTER_CACHE=str(cache), PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True, timeout=180,
                            cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return int(json.loads(result.stdout.strip().splitlines()[-1])["compiled"])


def test_a_second_start_compiles_no_dataclass_code(tmp_path: Path) -> None:
    assert _start(tmp_path) > 50  # the first start compiles __init__, __eq__ … of each class
    assert _start(tmp_path) == 0  # the next one runs the code kept from the first


def test_a_cache_others_may_write_to_is_not_read(tmp_path: Path) -> None:
    _start(tmp_path)
    os.chmod(tmp_path / "dataclasses", 0o777)
    assert _start(tmp_path) > 50


def test_a_command_keeps_its_dataclasses_code_and_the_next_run_adds_none(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DNND_DRAFTER_CACHE=str(tmp_path / "cache"),
               DNND_DRAFTER_HOME=str(tmp_path / "home"), PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "dnnd_drafter", "render", str(REPO / "examples" / "dang_cat_tien_492.json"),
               "-o", str(tmp_path / "letter.docx")]
    kept = tmp_path / "cache" / "dataclasses"

    def run() -> None:
        result = subprocess.run(command, capture_output=True, text=True, timeout=180, cwd=REPO, env=env)
        assert result.returncode == 0, result.stderr[-3000:]

    run()
    files = list(kept.glob("code-*.marshal"))
    assert len(files) == 1  # the command's model classes were compiled once and kept
    code = marshal.loads(files[0].read_bytes())
    assert any("def __init__(self,number" in text for _, _, text in code)  # e.g. a citation's class
    written = files[0].stat().st_mtime_ns
    run()
    assert files[0].stat().st_mtime_ns == written  # the second run compiled nothing new: no write


@pytest.fixture
def fresh_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Give dataclass_code an empty state and `tmp_path` as its folder; restore both afterwards."""
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path))
    monkeypatch.setattr(dataclass_code, "_cache", CodeCache("dataclasses"))
    monkeypatch.setattr(dataclass_code, "_installed", [])
    monkeypatch.delattr(dataclasses, "exec", raising=False)  # the builtin, as without the cache
    return tmp_path


def test_a_damaged_cache_file_is_ignored_and_replaced(fresh_state: Path) -> None:
    path = dataclass_code.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not marshal data")
    dataclass_code.install()
    point = dataclasses.make_dataclass("Point", [("x", int), ("y", int)])
    assert point(1, 2) == point(1, 2)
    dataclass_code.finish()
    assert dataclasses.__dict__.get("exec") is not dataclass_code._exec  # later classes compile as before …
    assert dataclass_code._cache.code == {}  # … and the kept code is freed
    kept = marshal.loads(path.read_bytes())
    assert any(" def __init__(self,x:_type_x,y:_type_y)" in text for _, _, text in kept)


def _shape(cls: type) -> tuple[object, ...]:
    """Return what a dataclass's generated methods look like from outside."""
    return (str(inspect.signature(cls)), cls.__init__.__annotations__, cls.__eq__.__code__.co_names,
            repr(cls(1, "a")), cls(1, "a") == cls(1, "a"), hash(cls(1, "a")) == hash(cls(1, "a")))


def test_classes_made_from_kept_code_are_the_classes_compiled_afresh(fresh_state: Path) -> None:
    fields = [("number", int), ("name", str)]
    afresh = _shape(dataclasses.make_dataclass("Row", fields, frozen=True))
    dataclass_code.install()
    first = _shape(dataclasses.make_dataclass("Row", fields, frozen=True))  # compiled, kept
    dataclass_code.finish()
    dataclass_code._installed.clear()
    dataclass_code.install()  # read back from the file
    kept = _shape(dataclasses.make_dataclass("Row", fields, frozen=True))
    assert dataclass_code._cache.added == []  # nothing compiled the second time
    assert afresh == first == kept  # no __future__ flag of ours leaked into the annotations
