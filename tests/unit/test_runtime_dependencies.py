"""Test that every library the app imports (at start or later, e.g. ``check --pages``) is installed
by ``pip install .``: a runtime dependency in pyproject, or one of theirs."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions, requires

from tests.conftest import REPO


def _name(requirement: str) -> str:
    """Return the normalised distribution name of a requirement string."""
    return re.sub(r"[-_.]+", "-", re.split(r"[ <>=!~;\[(]", requirement.strip(), maxsplit=1)[0]).lower()


def installed_by_pip_install() -> set[str]:
    """Return the distributions `pip install .` brings: the runtime dependencies and theirs."""
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {_name(r) for r in declared}
    for name in list(names):
        names |= {_name(r) for r in requires(name) or [] if "extra ==" not in r}
    return names


def imported_libraries() -> set[str]:
    """Return the top-level third-party modules the package imports anywhere."""
    modules: set[str] = set()
    for path in (REPO / "dnnd_drafter").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - {"dnnd_drafter", "__future__"}


def test_every_imported_library_comes_with_pip_install() -> None:
    installed = installed_by_pip_install()
    distributions = packages_distributions()
    missing = {module for module in imported_libraries()
               if not {_name(d) for d in distributions.get(module, [module])} & installed}
    assert not missing, f"imported but not installed by `pip install .`: {sorted(missing)}"
