"""Hold that deferred loading lives in five named seams, and every other import is at module level.

An import inside a function delays loading a module until the function runs. The package does
that only where it buys start time, in five places (docs/architecture.md, "Deferred loading"):

* ``ui/deferred.py``: what the wizard needs after its first frame (the render engine, the step
  pages after the first, the checker, the data windows, …), each behind a function;
* ``cli/entry.py``: the command table, which loads only the module of the command being run
  (and ``cli/pdf_commands.py``, which loads the writer of the PDF engine it uses);
* ``store/__init__.py``: the store's shared parts (address book, lists, register),
  import/export and the office server's copy and backup, opened when a
  :class:`~dnnd_drafter.store.Store` first uses them;
* ``render.py``: the .docx writer, loaded by :func:`~dnnd_drafter.render.write_docx` and
  :func:`~dnnd_drafter.render.docx_bytes` only (the preview and ``dnnd-drafter pdf`` never write a .docx);
* ``catalog/__init__.py``: the reader of the directive files (TOML, the kept shipped catalog),
  loaded when the catalog is first used: the wizard imports the package at start and reads the
  catalog only after its first frame.

Outside them a function may import only a third-party or standard module named below, each for
a reason: optional or platform-specific, or set up (at a measured cost) on first access.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dnnd_drafter"
SEAMS = {
    "ui/deferred.py": "the wizard's deferred seam",
    "cli/entry.py": "the command table: a command loads its own module only",
    "cli/pdf_commands.py": "`pdf` loads the writer of the engine it uses: `--engine libreoffice` runs where Qt cannot",
    "store/__init__.py": "the store's shared parts, import/export and the server's copy and backup, on first use",
    "render.py": "the .docx writer, loaded by the two functions that write a .docx: the preview and `pdf` never do",
    "catalog/__init__.py": "the directive files' reader, when the catalog is first used: after the wizard's first frame",
}
SEAM_IMPORTS = {
    "render.py": {"dnnd_drafter.writers.docx"},
    "catalog/__init__.py": {"dnnd_drafter.catalog"},
    "cli/pdf_commands.py": {"dnnd_drafter.writers.qt.fonts", "dnnd_drafter.writers.qt.pdf", "dnnd_drafter.writers.libreoffice"},
    "store/__init__.py": {"dnnd_drafter.store.addressbook", "dnnd_drafter.store.lists", "dnnd_drafter.store.register",
                          "dnnd_drafter.store.transfer", "dnnd_drafter.store.server_copy",
                          "dnnd_drafter.store.server_backup"},
}
# module imported inside a function -> why it may be (anywhere outside the seams)
ALLOWED_LATE = {
    "psycopg": "optional: the office server's driver, installed only where a server is used",
    "psycopg.pq": "optional, as psycopg",
    "keyring": "optional: the system's password store",
    "pypdf": "the checker's page count only",
    "docx": "python-docx and lxml (~60 ms): reading Word files and signature images only",
    "docx.image.image": "as docx", "docx.opc.exceptions": "as docx", "docx.oxml": "as docx",
    "docx.oxml.ns": "as docx", "docx.shared": "as docx", "docx.table": "as docx", "docx.text.paragraph": "as docx",
    "lxml": "as docx: only when a Word or XML file is read",
    "ctypes": "platform calls (Windows, X11) made only on that platform",
    "winreg": "Windows only",
    "importlib.resources": "packaged files inside a zip only (base/shipped_files.py): a plain folder is read as files",
    "tomllib": "TOML files not kept parsed: a shipped data file on the first run or once edited "
               "(base/toml_cache.py), a directive file the kept shipped catalog does not hold (~2.5 ms of "
               "every preview, `pdf` and `render` otherwise; ~5 ms of the start when loaded before the first frame)",
    "pickle": "the shipped catalog kept between runs (catalog/shipped_cache.py), read when a letter first "
              "cites a directive, after the wizard's first frame (~1.5 ms of the start otherwise)",
    "hashlib": "loads OpenSSL's libcrypto (3.5 MiB resident): only when a conflict or register hash is made",
    "PySide6": "the check that PySide6 is there at all (writers/qt/pyside_import_check.py)",
    "PySide6.QtCore": "the Qt namespace: PySide6 builds its ~90 enums on first import (~18 ms of the start); "
                      "QUrl (5 enums), only when a file is opened with the system's program",
    "PySide6.QtGui": "QDesktopServices, only when a file is opened with the system's program; QAction and "
                     "QKeySequence (~2 ms), when the menus' commands and the shortcuts are made after the first frame; "
                     "QPainter, when the preview paints its first letter",
    "PySide6.QtWidgets": "QMessageBox, QFileDialog, QDialogButtonBox, QStyle and its options (14 enums): set up "
                         "on first access (~1 ms each); the first window shows none",
}


def late_imports(package: Path = PACKAGE) -> list[tuple[str, int, str]]:
    """Return (file relative to `package`, line, module) of every import inside a function."""
    found: list[tuple[str, int, str]] = []
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import):
                    found += [(name, inner.lineno, alias.name) for alias in inner.names]
                elif isinstance(inner, ast.ImportFrom) and inner.level == 0 and inner.module:
                    found.append((name, inner.lineno, inner.module))
    return sorted(set(found))


def test_our_modules_are_loaded_late_only_in_the_seams() -> None:
    ours = [(f, line, m) for f, line, m in late_imports() if m == "dnnd_drafter" or m.startswith("dnnd_drafter.")]
    outside = [f"{f}:{line} imports {m}" for f, line, m in ours
               if f not in SEAMS or (f in SEAM_IMPORTS and m not in SEAM_IMPORTS[f])]
    assert outside == [], "import these at module level, or load them through a seam"


def test_other_late_imports_are_the_listed_ones() -> None:
    theirs = [(f, line, m) for f, line, m in late_imports() if not m.startswith("dnnd_drafter")]
    unlisted = [f"{f}:{line} imports {m}" for f, line, m in theirs if f not in SEAMS and m not in ALLOWED_LATE]
    assert unlisted == [], "import these at module level, or say in ALLOWED_LATE why they wait"


def test_the_wizard_seam_is_where_the_window_loads_the_engine() -> None:
    seam = (PACKAGE / "ui/deferred.py").read_text(encoding="utf-8")
    assert "class EngineLoader" in seam and "def render_engine" in seam
    assert not (PACKAGE / "ui/wizard/engine_loader.py").exists()


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "model" / "late.py"
    module.parent.mkdir(parents=True)
    module.write_text("import re\n\ndef f():\n    from dnnd_drafter.model import letter\n    import PySide6.QtGui\n",
                      encoding="utf-8")
    assert late_imports(tmp_path) == [("model/late.py", 4, "dnnd_drafter.model"), ("model/late.py", 5, "PySide6.QtGui")]
