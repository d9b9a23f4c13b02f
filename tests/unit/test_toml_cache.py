"""The shipped TOML data files are parsed once and kept: the same data, for the same text only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from dnnd_drafter.base import toml_cache
from dnnd_drafter.base.toml_cache import parsed_toml

REPO = Path(__file__).resolve().parents[2]
TEXT = '[page]\ntop_mm = 20\nleft_mm = 30.0\n\n[style.body]\nsize = 14\nbold = false\nwords = ["Kính gửi", "Nơi nhận"]\n'


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the cache folder at a fresh private folder."""
    monkeypatch.setenv("DNND_DRAFTER_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


class NoParsing:
    """Stand in for tomllib: any parse is a failure of the test."""

    TOMLDecodeError = tomllib.TOMLDecodeError

    @staticmethod
    def loads(text: str) -> dict[str, Any]:
        raise AssertionError("parsed again")


def test_a_kept_text_is_not_parsed_again_and_gives_the_same_data(monkeypatch: pytest.MonkeyPatch) -> None:
    first = parsed_toml("formats/test.toml", TEXT)
    assert first == tomllib.loads(TEXT) and toml_cache.cache_file("formats/test.toml").is_file()
    monkeypatch.setitem(sys.modules, "tomllib", NoParsing)
    again = parsed_toml("formats/test.toml", TEXT)
    assert again == first and again is not first  # a new object: callers may change theirs
    again["page"]["top_mm"] = 99
    assert parsed_toml("formats/test.toml", TEXT)["page"]["top_mm"] == 20


def test_an_edited_file_is_parsed_again_and_kept_anew(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed_toml("formats/test.toml", TEXT)
    edited = TEXT.replace("top_mm = 20", "top_mm = 25")
    assert parsed_toml("formats/test.toml", edited)["page"]["top_mm"] == 25
    monkeypatch.setitem(sys.modules, "tomllib", NoParsing)
    assert parsed_toml("formats/test.toml", edited)["page"]["top_mm"] == 25


def test_a_damaged_cache_file_is_ignored() -> None:
    parsed_toml("text/words.toml", TEXT)
    toml_cache.cache_file("text/words.toml").write_bytes(b"\x00not marshal")
    assert parsed_toml("text/words.toml", TEXT) == tomllib.loads(TEXT)


def test_a_value_marshal_cannot_keep_is_parsed_each_time() -> None:
    dated = 'issued = 2022-01-05\nname = "Chỉ thị"\n'
    assert parsed_toml("text/dated.toml", dated) == tomllib.loads(dated)
    assert not toml_cache.cache_file("text/dated.toml").exists()
    assert parsed_toml("text/dated.toml", dated) == tomllib.loads(dated)


def test_bad_toml_fails_as_tomllib_does() -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        parsed_toml("formats/bad.toml", "[page\n")


# A new process lays out the Cát Tiên letter, as the preview, `pdf` and `render` do; the second one
# finds the format, the word lists and the shipped catalog kept, and loads no TOML parser at all.
LAY_OUT = r"""
import json, sys
from dnnd_drafter import render
from dnnd_drafter.model import letter
rendered = render.render(letter.load("examples/dang_cat_tien_492.json"))
print(json.dumps({"laid_out": rendered.letter is not None, "tomllib": "tomllib" in sys.modules}))
"""


def test_the_second_letter_laid_out_loads_no_toml_parser(private_cache: Path, tmp_path: Path) -> None:
    env = dict(os.environ, DNND_DRAFTER_HOME=str(tmp_path / "home"), DNND_DRAFTER_CACHE=str(private_cache),
               PYTHONPATH=str(REPO))

    def lay_out() -> dict[str, bool]:
        result = subprocess.run([sys.executable, "-c", LAY_OUT], capture_output=True, text=True, timeout=120,
                                cwd=REPO, env=env)
        assert result.returncode == 0, result.stderr[-3000:]
        seen: dict[str, bool] = json.loads(result.stdout.strip().splitlines()[-1])
        return seen

    assert lay_out()["laid_out"]  # the first run parses and keeps
    assert lay_out() == {"laid_out": True, "tomllib": False}
