"""Hold central directives as data (Chỉ thị 12-CT/TW …), load them and import new ones (Qt-free).

Public API::

    load_catalog() -> dict[str, Directive]     # shipped + user files, user wins on same id
    get_directive("12-CT/TW") -> Directive     # also accepts the id "12-CT-TW"
    catalog_warnings() -> list[str]            # user files skipped, as the folder is now
    import_text(text) / import_file(path) / import_docx(source) -> ImportResult
    save_directive(directive) -> Path          # new TOML file in the user folder

See docs/catalog.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dnnd_drafter.catalog.model import DISTRICT_VARIANT, Directive, DirectiveTask, directive_id
from dnnd_drafter.catalog.store import catalog_warnings, get_directive, load_catalog, save_directive

if TYPE_CHECKING:
    from dnnd_drafter.catalog.importer import ImportResult, import_docx, import_file, import_text

_IMPORTER_NAMES = ("ImportResult", "import_docx", "import_file", "import_text")

__all__ = [
    "DISTRICT_VARIANT", "Directive", "DirectiveTask", "ImportResult", "catalog_warnings",
    "directive_id", "get_directive", "import_docx", "import_file", "import_text", "load_catalog",
    "save_directive",
]


def __getattr__(name: str) -> Any:
    """Load the importer (lxml, text decoding) only when a directive is imported: not at start."""
    if name in _IMPORTER_NAMES:
        from dnnd_drafter.catalog import importer

        return getattr(importer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
