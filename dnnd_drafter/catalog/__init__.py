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

from pathlib import Path

from dnnd_drafter.catalog.model import DISTRICT_VARIANT, Directive, DirectiveTask, directive_id


# The reader of the files (TOML, the kept shipped catalog) loads when the catalog is first used:
# the wizard imports this package at start and reads the catalog only after its first frame
# (loading the reader with the package cost ~5 ms of the start).
def load_catalog() -> dict[str, Directive]:
    """Return every known directive by id (:func:`dnnd_drafter.catalog.store.load_catalog`)."""
    from dnnd_drafter.catalog import store

    return store.load_catalog()


def get_directive(number: str) -> Directive:
    """Return a copy of the directive `number` (:func:`dnnd_drafter.catalog.store.get_directive`)."""
    from dnnd_drafter.catalog import store

    return store.get_directive(number)


def catalog_warnings() -> list[str]:
    """Return the warnings about skipped user files (:func:`dnnd_drafter.catalog.store.catalog_warnings`)."""
    from dnnd_drafter.catalog import store

    return store.catalog_warnings()


def save_directive(directive: Directive, overwrite: bool = True) -> Path:
    """Save `directive` in the user folder (:func:`dnnd_drafter.catalog.store.save_directive`)."""
    from dnnd_drafter.catalog import store

    return store.save_directive(directive, overwrite)


__all__ = [
    "DISTRICT_VARIANT", "Directive", "DirectiveTask", "catalog_warnings", "directive_id", "get_directive",
    "load_catalog", "save_directive",
]
