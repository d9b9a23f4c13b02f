"""Hold PySide6's per-module "does it use PySide6?" check cheap and its answers as upstream's."""

from __future__ import annotations

import json
import os
import sys
import types
from pathlib import Path

import pytest

from dnnd_drafter.writers.qt import pyside_import_check


def _upstream_answer(module: types.ModuleType) -> bool:
    """Answer as PySide6 does: search the module's source for "PySide6"; no source, no."""
    import inspect

    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        return False


@pytest.fixture
def check(monkeypatch: pytest.MonkeyPatch) -> tuple[object, list[str]]:
    """Return the installed check and the list of files it opens."""
    opened: list[str] = []
    real_open = open

    def spy(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(pyside_import_check, "open", spy, raising=False)
    return pyside_import_check._bytes_check(_upstream_answer), opened


def test_it_answers_as_upstream_for_every_kind_of_module(check, tmp_path: Path) -> None:
    mod_uses_pyside, _opened = check
    qt_user = tmp_path / "qt_user.py"
    qt_user.write_text("from PySide6.QtCore import QObject\n", encoding="utf-8")
    plain = tmp_path / "plain.py"
    plain.write_text("X = 1\n", encoding="utf-8")
    modules = [json, sys.modules["_json"], pytest]
    for path in (qt_user, plain):
        module = types.ModuleType(path.stem)
        module.__file__ = str(path)
        modules.append(module)
    from dnnd_drafter.model import letter
    from dnnd_drafter.writers.qt import fonts

    modules += [letter, fonts]
    assert [mod_uses_pyside(m) for m in modules] == [_upstream_answer(m) for m in modules]
    assert [mod_uses_pyside(m) for m in modules[-4:]] == [True, False, False, True]


def test_it_reads_no_file_of_the_standard_library_nor_an_extension_module(check) -> None:
    mod_uses_pyside, opened = check
    import csv
    import typing

    for module in (typing, csv, json, sys.modules["_json"]):
        assert mod_uses_pyside(module) is False
    assert opened == []
    from dnnd_drafter.writers.qt import fonts

    assert mod_uses_pyside(fonts) is True
    assert opened == [fonts.__file__]


def test_a_package_installed_beside_the_standard_library_is_read(check, tmp_path: Path, monkeypatch) -> None:
    mod_uses_pyside, opened = check
    site = tmp_path / "lib" / "site-packages"
    site.mkdir(parents=True)
    (site / "uses_qt.py").write_text("import PySide6\n", encoding="utf-8")
    monkeypatch.setattr(pyside_import_check, "STDLIB", str(tmp_path / "lib") + os.sep)
    module = types.ModuleType("uses_qt")
    module.__file__ = str(site / "uses_qt.py")
    assert mod_uses_pyside(module) is True
    assert opened == [module.__file__]
