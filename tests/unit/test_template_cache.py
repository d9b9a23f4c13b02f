"""Templates are compiled once, not in every process: a new environment (a new process) loads the
compiled code from the user's cache folder, the budget still stops a runaway template loaded from
there, and code that another generator made, a changed template or a folder others may write to
is never used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dnnd_drafter.compose import engine as compose
from dnnd_drafter.model import letter as model
from dnnd_drafter.compose import template_cache
from dnnd_drafter.base import generated_code, paths
from dnnd_drafter.base.errors import TemplateError
from dnnd_drafter.compose.sandbox import BoundedSandbox
from tests.conftest import EXAMPLES
from tests.unit.test_template_budget import user_template

CAT_TIEN = EXAMPLES / "dang_cat_tien_492.json"


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of every template compiled; start each test with new environments."""
    names: list[str] = []
    real = BoundedSandbox.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):  # type: ignore[no-untyped-def]
        names.append(name)
        return real(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(BoundedSandbox, "compile", counting)
    compose.environment.cache_clear()
    compose.builtin_environment.cache_clear()
    yield names
    compose.environment.cache_clear()
    compose.builtin_environment.cache_clear()


def _new_process_renders(draft: model.Draft) -> str:
    """Render `draft` with fresh environments, as a new process does."""
    compose.environment.cache_clear()
    return compose.render_markup(draft)


def test_a_new_process_uses_the_compiled_template(compiled: list[str]) -> None:
    """Check the second environment renders the same text without compiling anything."""
    draft = model.load(CAT_TIEN)
    first = _new_process_renders(draft)
    assert compiled, "the first render compiles"
    compiled.clear()
    assert _new_process_renders(draft) == first
    assert compiled == []


def test_a_runaway_template_from_the_cache_still_stops(compiled: list[str]) -> None:
    """Check the budget steps are in the cached code: the same message, compiled or loaded."""
    path = user_template("mau_rieng", "{% for i in range(10**6) %}{% for j in range(10**6) %}x{% endfor %}{% endfor %}")
    draft = model.load(CAT_TIEN).copy(template="mau_rieng")
    messages = []
    for _ in range(2):
        compose.environment.cache_clear()
        with pytest.raises(TemplateError) as caught:
            compose.render_markup(draft)
        messages.append(caught.value.message)
    assert compiled.count("mau_rieng.md.j2") == 1
    assert messages[0] == messages[1] and messages[0].startswith(f"Mẫu “{path}”, dòng 2:")


def test_a_changed_template_or_generator_is_compiled_again(compiled: list[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Check a new source and a new code generator never run old compiled code."""
    user_template("mau_rieng", "Nội dung một.")
    draft = model.load(CAT_TIEN).copy(template="mau_rieng")
    assert "Nội dung một." in _new_process_renders(draft)
    user_template("mau_rieng", "Nội dung hai.")
    assert "Nội dung hai." in _new_process_renders(draft)
    assert compiled.count("mau_rieng.md.j2") == 2
    monkeypatch.setattr(template_cache, "generator_hash", lambda: "another generator")
    _new_process_renders(draft)
    assert compiled.count("mau_rieng.md.j2") == 3


@pytest.mark.skipif(os.name != "posix", reason="folder permissions are POSIX")
def test_a_folder_others_may_write_to_is_not_used(compiled: list[str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Check nothing is read from or written to a group- or world-writable cache folder."""
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path))
    folder = tmp_path / "templates"
    folder.mkdir()
    folder.chmod(0o777)
    draft = model.load(CAT_TIEN)
    _new_process_renders(draft)
    _new_process_renders(draft)
    assert list(folder.iterdir()) == [] and len(compiled) >= 2


def test_both_caches_keep_their_files_in_one_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Check the compiled templates and the dataclasses' code sit side by side under one cache root."""
    monkeypatch.setenv(paths.ENV_CACHE, str(tmp_path))
    assert template_cache.cache_dir() == tmp_path / "templates"
    assert generated_code.cache_file().parent == tmp_path / "generated"
    monkeypatch.delenv(paths.ENV_CACHE)
    assert template_cache.cache_dir().parent == generated_code.cache_file().parent.parent
