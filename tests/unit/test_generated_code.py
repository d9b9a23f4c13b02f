"""The code the standard library generates for the wizard's and the commands' classes (dataclasses'
methods, named tuples' ``__new__``, NamedTuple fields' forward references) is compiled once and
kept between runs: a second start or command compiles none, the classes are the same, and a cache
that is damaged, of another user or in a folder others may write to is never run."""

from __future__ import annotations

import collections
import dataclasses
import inspect
import typing
import json
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.base import generated_code, paths
from dnnd_drafter.base.code_cache import CodeCache

REPO = Path(__file__).resolve().parents[2]
START = r"""
import json
import dnnd_drafter.ui.app  # what the wizard imports before its first frame
import dnnd_drafter.ui.wizard.step_header
from dnnd_drafter.base import generated_code
compiled = [mode for mode, _, _, _ in generated_code._cache.added]
generated_code.finish()
print(json.dumps({"compiled": compiled}))
"""


def _start(cache: Path) -> list[str]:
    """Import the wizard's start in a new process with `cache` as the cache folder; return the mode
    ("exec" for dataclass methods, "eval" for named tuples and forward references) of each text it
    compiled."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DNND_DRAFTER_CACHE=str(cache), PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True, timeout=180,
                            cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return list(json.loads(result.stdout.strip().splitlines()[-1])["compiled"])


def test_a_second_start_compiles_no_generated_code(tmp_path: Path) -> None:
    first = _start(tmp_path)
    assert first.count("exec") > 50  # the first start compiles __init__, __eq__ … of each dataclass …
    assert first.count("eval") > 10  # … and each named tuple's __new__ and its fields' forward references
    assert _start(tmp_path) == []  # the next one runs the code kept from the first


def test_a_cache_others_may_write_to_is_not_read(tmp_path: Path) -> None:
    _start(tmp_path)
    os.chmod(tmp_path / "generated", 0o777)
    assert len(_start(tmp_path)) > 60


@pytest.fixture
def fresh_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Give generated_code an empty state and `tmp_path` as its folder; restore both afterwards."""
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path))
    monkeypatch.setattr(generated_code, "_cache", CodeCache("generated"))
    monkeypatch.setattr(generated_code, "_installed", [])
    for module, name, _ in generated_code.SHADOWED:
        monkeypatch.delattr(sys.modules[module], name, raising=False)  # the builtin, as without the cache
    return tmp_path


def test_a_damaged_cache_file_is_ignored_and_replaced(fresh_state: Path) -> None:
    path = generated_code.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not marshal data")
    generated_code.install()
    point = dataclasses.make_dataclass("Point", [("x", int), ("y", int)])
    assert point(1, 2) == point(1, 2)
    generated_code.finish()
    assert dataclasses.__dict__.get("exec") is not generated_code._exec  # later classes compile as before …
    assert generated_code._cache.code == {}  # … and the kept code is freed
    kept = marshal.loads(path.read_bytes())
    assert any(" def __init__(self,x:_type_x,y:_type_y)" in text for _, _, _, text in kept)


def _shape(cls: type) -> tuple[object, ...]:
    """Return what a dataclass's generated methods look like from outside."""
    return (str(inspect.signature(cls)), cls.__init__.__annotations__, cls.__eq__.__code__.co_names,
            repr(cls(1, "a")), cls(1, "a") == cls(1, "a"), hash(cls(1, "a")) == hash(cls(1, "a")))


def test_classes_made_from_kept_code_are_the_classes_compiled_afresh(fresh_state: Path) -> None:
    fields = [("number", int), ("name", str)]
    afresh = _shape(dataclasses.make_dataclass("Row", fields, frozen=True))
    generated_code.install()
    first = _shape(dataclasses.make_dataclass("Row", fields, frozen=True))  # compiled, kept
    generated_code.finish()
    generated_code._installed.clear()
    generated_code.install()  # read back from the file
    kept = _shape(dataclasses.make_dataclass("Row", fields, frozen=True))
    assert generated_code._cache.added == []  # nothing compiled the second time
    assert afresh == first == kept  # no __future__ flag of ours leaked into the annotations


def _named_tuples() -> tuple[object, ...]:
    """Make a named tuple and a NamedTuple with string annotations; return what they look like."""
    plain = collections.namedtuple("Pair", "number name")
    typed = typing.NamedTuple("Typed", [("number", "int"), ("name", "str | None")])  # forward references
    return tuple((cls._fields, str(inspect.signature(cls)), repr(cls(1, "a")), cls(1, "a") == (1, "a"),
                  cls.__new__.__code__.co_varnames) for cls in (plain, typed)) + (typing.get_type_hints(typed),)


def test_named_tuples_made_from_kept_code_are_the_ones_compiled_afresh(fresh_state: Path) -> None:
    afresh = _named_tuples()
    generated_code.install()
    first = _named_tuples()  # compiled, kept
    assert [mode for mode, _, _, _ in generated_code._cache.added] == ["eval"] * 3  # one __new__ (the same text), 2 fields
    generated_code.finish()
    generated_code._installed.clear()
    generated_code.install()  # read back from the file
    kept = _named_tuples()
    assert generated_code._cache.added == []
    generated_code.finish()
    assert afresh == first == kept
    assert first[-1] == {"number": int, "name": str | None}


def test_a_bad_forward_reference_fails_as_without_the_cache(fresh_state: Path) -> None:
    generated_code.install()
    with pytest.raises(SyntaxError) as raised:
        typing.ForwardRef("1 +")
    assert str(raised.value) == "Forward reference must be an expression -- got '1 +'"
    assert generated_code._eval("  6 * 7") == 42  # eval's own leading blanks, which compile would refuse
    generated_code.finish()
    assert typing.__dict__.get("compile") is None and collections.__dict__.get("eval") is None


def test_a_text_marshal_cannot_keep_is_compiled_and_not_kept(fresh_state: Path) -> None:
    class Text(str):
        pass

    generated_code.install()
    assert typing.get_type_hints(typing.NamedTuple("Row", [("number", Text("int"))])) == {"number": int}
    generated_code.finish()  # never fails: a str subclass cannot be written with marshal
    assert not generated_code.cache_file().exists()
