"""Hold the Word reader to the checker's public pieces: no private name of the checker is used."""

from __future__ import annotations

import ast

from tests.conftest import REPO

CHECKER = "dnnd_drafter.checker"


def _private_uses(path) -> list[str]:
    """Return the private checker names module `path` imports or reaches through a checker module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()   # local names bound to checker modules
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(CHECKER):
            for alias in node.names:
                if alias.name.startswith("_"):
                    out.append(f"{node.module}.{alias.name}")
                elif node.module == CHECKER or alias.name[:1].islower():
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name.startswith(CHECKER)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
            if isinstance(node.value, ast.Name) and node.value.id in modules:
                out.append(f"{node.value.id}.{node.attr}")
    return out


def test_the_word_reader_uses_only_public_pieces_of_the_checker() -> None:
    offenders = {path.name: uses for path in (REPO / "dnnd_drafter" / "wordin").glob("*.py")
                 if (uses := _private_uses(path))}
    assert offenders == {}
