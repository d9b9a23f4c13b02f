"""Regular expressions are compiled once and their engine code kept between runs: a second start
or command compiles none, the patterns are the ones ``re`` makes afresh, and a cache that is
damaged, too big or in a folder others may write to is never used as it is."""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.base import paths, regex_code

REPO = Path(__file__).resolve().parents[2]
START = r"""
import json
import dnnd_drafter.ui.app  # what the wizard imports before its first frame (PySide6 with it)
import dnnd_drafter.ui.wizard.step_header
from dnnd_drafter.base import regex_code
compiled = [len(pattern) for pattern, flags in regex_code._added]
regex_code.finish()
print(json.dumps(compiled))
"""


def _start(cache: Path) -> list[int]:
    """Import the wizard's start in a new process with `cache` as the cache folder; return the
    lengths of the patterns it compiled."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DNND_DRAFTER_CACHE=str(cache), PYTHONPATH=str(REPO))
    result = subprocess.run([sys.executable, "-c", START], capture_output=True, text=True, timeout=180,
                            cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return list(json.loads(result.stdout.strip().splitlines()[-1]))


def test_a_second_start_compiles_no_regular_expression(tmp_path: Path) -> None:
    first = _start(tmp_path)
    assert len([size for size in first if size > 5000]) >= 3  # shiboken's brace patterns, ~17 ms of a start
    assert _start(tmp_path) == []  # the next start takes every pattern's code from the cache


def test_a_cache_others_may_write_to_is_not_read(tmp_path: Path) -> None:
    _start(tmp_path)
    os.chmod(tmp_path / "regex", 0o777)
    assert len(_start(tmp_path)) >= 3


@pytest.fixture
def fresh_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Give regex_code an empty state and `tmp_path` as its folder; restore both and ``re`` afterwards."""
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path))
    for name, empty in (("_entries", {}), ("_used", set()), ("_added", []), ("_installed", [])):
        monkeypatch.setattr(regex_code, name, empty)
    monkeypatch.setattr(re._compiler, "compile", regex_code._original)  # type: ignore[attr-defined]
    re.purge()
    yield tmp_path
    re.purge()


PATTERNS: list[tuple[str | bytes, int]] = [
    (r"^(?P<number>\d+)-(?P<kind>[A-ZĐ]+)/(?P<body>\w+)$", 0),
    (r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})", re.IGNORECASE),
    (r"""(?x) \b (typing\.Optional | typing\.Union) \s* (?= \[ )""", 0),
    (r"(?m)(?<=Số:)\s*(\S+)|^Kính gửi:", 0),
    (rb"beginbfrange(.*?)endbfrange", re.S),
    (r"[\u00C0-\u1EF9]+", re.ASCII),
    (r"(a)|(b)(?(2)c|d)", 0),
]
TEXTS = ["492-CV/HU", "Ngày 05 THÁNG 1", "typing.Optional[int]", "Số: 12/UBND\nKính gửi: Ban",
         b"x beginbfrange <00> endbfrange", "Đảng bộ", "bc", "ad"]


def _shape(compiled: re.Pattern) -> tuple[object, ...]:
    """Return what a pattern shows and finds on TEXTS of its kind (str or bytes)."""
    texts = [text for text in TEXTS if isinstance(text, type(compiled.pattern))]
    return (compiled.pattern, compiled.flags, compiled.groups, dict(compiled.groupindex),
            [[m.span() + m.groups() for m in compiled.finditer(text)] for text in texts])  # type: ignore[arg-type]


def test_patterns_from_kept_code_are_the_patterns_compiled_afresh(fresh_state: Path) -> None:
    afresh = [_shape(re.compile(pattern, flags)) for pattern, flags in PATTERNS]
    re.purge()
    regex_code.install()
    first = [_shape(re.compile(pattern, flags)) for pattern, flags in PATTERNS]  # compiled, kept
    assert len(regex_code._added) == len(PATTERNS)
    regex_code.finish()
    re.purge()
    regex_code._installed.clear()
    regex_code.install()  # read back from the file
    kept = [_shape(re.compile(pattern, flags)) for pattern, flags in PATTERNS]
    assert regex_code._added == []  # nothing compiled the second time
    regex_code.finish()
    assert afresh == first == kept


def test_finishing_puts_re_back_and_frees_the_entries(fresh_state: Path) -> None:
    regex_code.install()
    assert re._compiler.compile is not regex_code._original  # type: ignore[attr-defined]
    re.compile("finish-me")
    regex_code.finish()
    assert re._compiler.compile is regex_code._original  # type: ignore[attr-defined]
    assert regex_code._entries == {} and regex_code._added == []
    re.compile("after-finish")
    assert regex_code._added == []  # later patterns compile as without the cache


def test_a_bad_pattern_fails_as_without_the_cache(fresh_state: Path) -> None:
    regex_code.install()
    with pytest.raises(re.error) as raised:
        re.compile("(unclosed")
    regex_code.finish()
    assert raised.value.msg == "missing ), unterminated subpattern"
    assert not regex_code.cache_file().exists()  # nothing was kept of it


def test_a_damaged_cache_file_is_ignored_and_replaced(fresh_state: Path) -> None:
    path = regex_code.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(marshal.dumps({("x", 0): "not an entry"}) + b"tail")
    regex_code.install()
    assert re.compile("x+y").fullmatch("xxy")
    regex_code.finish()
    assert list(marshal.loads(path.read_bytes())) == [("x+y", 0)]


def test_a_cache_grown_too_big_keeps_only_what_the_run_used(fresh_state: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    regex_code.install()
    for index in range(5):
        re.compile(f"old-{index}")
    regex_code.finish()
    monkeypatch.setattr(regex_code, "KEEP_AT_MOST", 3)
    re.purge()
    regex_code._installed.clear()
    regex_code.install()
    re.compile("old-1")  # from the file
    re.compile("new")  # compiled: 6 entries, more than 3
    regex_code.finish()
    assert sorted(marshal.loads(regex_code.cache_file().read_bytes())) == [("new", 0), ("old-1", 0)]


def test_a_pattern_of_a_string_subclass_compiles_as_without_the_cache(fresh_state: Path) -> None:
    class Text(str):
        pass

    regex_code.install()
    assert re.compile(Text("ab+")).fullmatch("abb")
    regex_code.finish()  # nothing marshal could not write was kept
    assert not regex_code.cache_file().exists()


def test_an_entry_the_engine_refuses_is_compiled_again(fresh_state: Path) -> None:
    path = regex_code.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(marshal.dumps({("ab+", 0): (32, [999, 1, 2], 0, {}, (None,))}))  # the right shape, bad code
    regex_code.install()
    assert re.compile("ab+").fullmatch("abb")  # compiled afresh, not an error
    regex_code.finish()
    assert marshal.loads(path.read_bytes())[("ab+", 0)][1] != [999, 1, 2]  # and the good entry kept
