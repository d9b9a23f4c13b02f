"""Packaged files are found the same way whether their package is a folder on disk (read as
files, without importlib.resources) or anything else (read through importlib.resources)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

from dnnd_drafter.base import shipped_files as resources


@pytest.mark.parametrize(("root", "name"), [("data", "translations/qtbase_vi.qm"), ("templates", "_chung.md.j2"),
                                            ("data", "directives/12-CT-TW.toml")])
def test_a_folder_package_gives_the_files_importlib_resources_gives(root: str, name: str) -> None:
    found = resources.locate(root, name)
    assert isinstance(found, Path)  # read as a file, importlib.resources not needed
    through_resources = importlib.resources.files(resources._ROOTS[root]).joinpath(*name.split("/"))
    assert found.read_bytes() == through_resources.read_bytes()


def test_a_package_that_is_no_folder_is_read_through_importlib_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "_folder", lambda package: None)  # as inside a zip
    assert "{% macro can_cu" in resources.read_text("templates", "_chung.md.j2")
    assert "12-CT-TW.toml" in resources.list_names("data", "directives", ".toml")


def test_names_that_climb_out_are_refused() -> None:
    for name in ("../pyproject.toml", "/etc/passwd", "a\\b"):
        with pytest.raises(ValueError):
            resources.locate("data", name)
