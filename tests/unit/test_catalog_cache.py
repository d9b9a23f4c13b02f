"""The shipped directives are parsed once and kept between runs: the next read gives the same
directives without parsing, and a changed file, changed parsing code, a damaged cache or one in
a folder others may write to is never used."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from dnnd_drafter.base import paths
from dnnd_drafter.catalog import shipped_cache, store

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Use `tmp_path` as the cache folder; return the list each parse of the shipped files adds to."""
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path))
    seen: list[str] = []
    real = store._parse_shipped

    def noting(texts: dict[str, str]):  # type: ignore[no-untyped-def]
        seen.append(",".join(texts))
        return real(texts)

    monkeypatch.setattr(store, "_parse_shipped", noting)
    return seen


def test_the_next_read_takes_the_kept_directives_unparsed(parses: list[str]) -> None:
    first = store.shipped_directives()
    second = store.shipped_directives()
    assert len(parses) == 1 and "12-CT/TW" in {d.number for d in first.values()}
    assert second == first and second is not first
    assert second["12-CT-TW"].origin == "gói phần mềm: 12-CT-TW.toml"


def test_a_changed_shipped_text_is_parsed_again(parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    before = store.shipped_directives()
    real = store.resources.read_text
    monkeypatch.setattr(store.resources, "read_text",
                        lambda root, name: real(root, name).replace('issuer = "Ban Bí thư"', 'issuer = "Bộ Chính trị"'))
    after = store.shipped_directives()
    assert len(parses) == 2 and after != before


def test_changed_parsing_code_parses_again(parses: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    store.shipped_directives()
    real = shipped_cache.code_state
    monkeypatch.setattr(shipped_cache, "code_state", lambda: (*real(), "tomlio.py edited"))
    store.shipped_directives()
    assert len(parses) == 2


def test_a_damaged_cache_file_is_parsed_over(parses: list[str]) -> None:
    store.shipped_directives()
    shipped_cache.cache_file().write_bytes(b"\x80\x05not a pickle")
    assert "12-CT-TW" in store.shipped_directives()
    assert len(parses) == 2
    key, _ = pickle.loads(shipped_cache.cache_file().read_bytes())  # written again, whole
    assert key[0] == shipped_cache.code_state()


def test_a_cache_others_may_write_to_is_not_read(parses: list[str]) -> None:
    store.shipped_directives()
    os.chmod(shipped_cache.cache_file().parent, 0o777)
    store.shipped_directives()
    assert len(parses) == 2


def test_every_module_of_ours_the_parser_loads_is_part_of_the_key() -> None:
    script = ("import json, sys\n"
              "from dnnd_drafter.catalog import store\n"
              "store._parse_shipped({})\n"
              "print(json.dumps(sorted(m for m, mod in sys.modules.items() if m.startswith('dnnd_drafter.')"
              " and getattr(mod, '__file__', '') and not mod.__file__.endswith('__init__.py'))))")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=REPO, env=dict(os.environ, PYTHONPATH=str(REPO)))
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert sorted(set(loaded) - set(shipped_cache.PARSING_MODULES)) == []
