"""Hold central directives as data (Chỉ thị 12-CT/TW …), load them and import new ones (Qt-free).

Public API::

    load_catalog() -> dict[str, Directive]     # shipped + user files, user wins on same id
    get_directive("12-CT/TW") -> Directive     # also accepts the id "12-CT-TW"
    catalog_warnings() -> list[str]            # user files skipped, as the folder is now
    save_directive(directive) -> Path          # new TOML file in the user folder

Importing a directive (``import_text`` / ``import_file`` / ``import_docx`` -> ``ImportResult``)
lives in :mod:`dnnd_drafter.catalog.importer`, imported by its users only (it loads lxml and
the Word reader, which neither the wizard's start nor a letter's rendering needs).

See docs/catalog.md.
"""

from __future__ import annotations

from dnnd_drafter.catalog.model import DISTRICT_VARIANT, Directive, DirectiveTask, directive_id
from dnnd_drafter.catalog.store import catalog_warnings, get_directive, load_catalog, save_directive

__all__ = [
    "DISTRICT_VARIANT", "Directive", "DirectiveTask", "catalog_warnings", "directive_id", "get_directive",
    "load_catalog", "save_directive",
]
