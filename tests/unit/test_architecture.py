"""Hold the architecture: the core never imports Qt; packaged data is found through one locator."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dnnd_drafter.base import shipped_files as resources
from tests.conftest import EXAMPLES, REPO

CORE = ["dnnd_drafter.model.letter", "dnnd_drafter.model.vietnamese", "dnnd_drafter.model.formats", "dnnd_drafter.compose.markup",
        "dnnd_drafter.compose.engine", "dnnd_drafter.layout.engine", "dnnd_drafter.writers.docx.writer",
        "dnnd_drafter.cli.entry", "dnnd_drafter.cli.letter_commands", "dnnd_drafter.store", "dnnd_drafter.catalog",
        "dnnd_drafter.checker", "dnnd_drafter.model.citations"]


QT_PACKAGES = ("dnnd_drafter.ui", "dnnd_drafter.writers.qt")


def test_the_core_runs_with_qt_blocked(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'PyQt5', 'PyQt6', 'shiboken6'):\n"
        "            raise ImportError('Qt is blocked in the core: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import importlib, pkgutil, dnnd_drafter\n"
        f"QT_PACKAGES = {QT_PACKAGES!r}\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "for info in pkgutil.walk_packages(dnnd_drafter.__path__, 'dnnd_drafter.'):\n"
        "    if info.name.startswith(QT_PACKAGES) or info.name.endswith('__main__') or info.name.endswith('pdf_commands'):\n"
        "        continue\n"
        "    importlib.import_module(info.name)\n"
        "from dnnd_drafter.cli import entry as cli\n"
        f"sys.exit(cli.main(['render', {str(EXAMPLES / 'dang_cat_tien_492.json')!r}, '-o', {str(tmp_path / 'x.docx')!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "x.docx").exists()


def test_only_the_ui_and_the_qt_writer_import_qt() -> None:
    offenders = []
    for path in (REPO / "dnnd_drafter").rglob("*.py"):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts)
        if module.startswith(QT_PACKAGES):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import PySide6", "from PySide6")):
                offenders.append(str(path))
    assert offenders == []


def test_every_template_and_format_is_found_through_the_locator() -> None:
    templates = resources.list_names("templates", suffix=".md.j2")
    assert "cong_van_trien_khai.md.j2" in templates
    formats = resources.list_names("data", "formats", ".toml")
    assert {"dang-2018.toml", "nha_nuoc-2020.toml", "doan_the-2024.toml", "doan_tn-2013.toml"} <= set(formats)
    for bad in ("../pyproject.toml", "/etc/passwd", "a\\b"):
        with pytest.raises(ValueError):
            resources.locate("data", bad)


def test_the_wheel_ships_every_package_templates_and_resources(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy, so the build leaves no build/ or *.egg-info in the checkout
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True)
    for name in filter(None, tracked.stdout.split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=300)
    if result.returncode != 0 and "No module named" in result.stderr:
        pytest.skip("setuptools/wheel not installed in this environment")
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in (REPO / "dnnd_drafter").rglob("*.py"):
        assert module.relative_to(REPO).as_posix() in names, "not in the wheel"
    for template in (REPO / "templates").glob("*.md.j2"):
        assert f"dnnd_drafter/templates/{template.name}" in names
    for data in [*(REPO / "resources").rglob("*.toml"), *(REPO / "resources" / "docx-base").rglob("*.*")]:
        assert f"dnnd_drafter/data/{data.relative_to(REPO / 'resources').as_posix()}" in names
    assert "dnnd_drafter/data/formats/metrics-times.json" in names
    assert "dnnd_drafter/data/translations/qtbase_vi.qm" in names
