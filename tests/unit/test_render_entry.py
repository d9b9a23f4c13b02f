"""One way from a draft to a letter: render() composes, checks and lays out; the stages below
never reach back up (the .docx writer does not lay out, layout does not compose, the draft
rules do not run templates)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dnnd_drafter import render
from dnnd_drafter.model import letter as model
from dnnd_drafter.model.findings import Part, Severity
from tests.conftest import EXAMPLES, REPO

PACKAGE = REPO / "dnnd_drafter"
# stage (a package, or a module of one) → the stages above it in the pipeline, which it must never
# import, not even inside a function (the layers contract of the whole tree is import-linter's)
NEVER = {
    "model/validation.py": ("dnnd_drafter.compose", "dnnd_drafter.layout", "dnnd_drafter.writers",
                            "dnnd_drafter.render"),
    "model/findings.py": ("dnnd_drafter.compose", "dnnd_drafter.layout", "dnnd_drafter.writers",
                          "dnnd_drafter.render"),
    "layout": ("dnnd_drafter.compose.engine", "dnnd_drafter.compose.context", "dnnd_drafter.writers",
               "dnnd_drafter.render"),
    "writers": ("dnnd_drafter.compose", "dnnd_drafter.layout.engine", "dnnd_drafter.render"),
}


def imported_modules(path: Path) -> set[str]:
    """Return every module `path` imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def backward_imports(package: Path) -> list[str]:
    """Return ``file → module`` for each import of a stage above the file's own."""
    found = []
    for stage, above in NEVER.items():
        where = package / stage
        for path in sorted(where.rglob("*.py") if where.is_dir() else [where]):
            for name in sorted(imported_modules(path)):
                if any(name == top or name.startswith(top + ".") for top in above):
                    found.append(f"{path.relative_to(package.parent)} → {name}")
    return found


def test_the_pipeline_is_driven_downwards_only() -> None:
    assert backward_imports(PACKAGE) == []


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.stem)
def test_render_gives_the_laid_out_letter_and_no_finding_for_an_example(path: Path) -> None:
    draft = model.load(path)
    before = model.dumps(draft)
    rendered = render.render(draft)
    assert rendered.findings == [] and rendered.letter is not None
    assert rendered.letter == render.laid_out(draft)  # the same letter every output writes
    assert model.dumps(draft) == before  # rendering reads the draft, never changes it


def test_a_letter_with_no_body_renders_with_a_finding_on_the_content() -> None:
    draft = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json").copy(content=model.Content())
    rendered = render.render(draft)
    assert [(f.code, f.severity, f.part) for f in rendered.findings] == [
        ("required.content", Severity.ERROR, Part.CONTENT)]
    assert rendered.letter is not None  # the preview still shows the page


def test_a_trich_yeu_too_long_is_refused_by_every_output_naming_it(tmp_path: Path) -> None:
    draft = model.load(EXAMPLES / "nha_nuoc_ubnd_tinh.json")
    draft.subject = "Về việc " + "rất dài " * 400
    with pytest.raises(render.DraftError) as info:
        render.write_docx(draft, tmp_path / "dai.docx")
    assert info.value.field == "subject" and not (tmp_path / "dai.docx").exists()
    with pytest.raises(render.DraftError):
        render.printable(draft)
