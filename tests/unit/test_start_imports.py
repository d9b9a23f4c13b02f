"""The window opens without loading what only later steps need: the template engine, the
Markdown parser, python-docx/lxml, the directive importer, CSV/JSON transfer.

Speed itself is measured in benchmarks/; this test keeps the heavy modules off the start path
(each of them once cost 10–60 ms at start on an office PC)."""

from __future__ import annotations

import subprocess
import sys

LATER = ("jinja2", "markdown_it", "lxml", "docx", "logging.handlers", "uuid", "hashlib",
         "dnnd_drafter.compose.engine", "dnnd_drafter.compose.markup", "dnnd_drafter.catalog.importer",
         "dnnd_drafter.store.transfer", "dnnd_drafter.store.register", "dnnd_drafter.writers.qt.pagination",
         "dnnd_drafter.writers.qt.painter", "dnnd_drafter.ui.wizard.preview_pane", "dnnd_drafter.ui.wizard.step_tasks",
         "dnnd_drafter.ui.editors", "dnnd_drafter.catalog")
START_PATH = ("dnnd_drafter.cli.entry", "dnnd_drafter.ui.app", "dnnd_drafter.ui.wizard.start_strip",
              "dnnd_drafter.ui.wizard.main_window", "dnnd_drafter.ui.wizard.main_actions", "dnnd_drafter.store")


def test_the_start_path_loads_none_of_the_later_modules() -> None:
    code = ("import sys\n" + "".join(f"import {name}\n" for name in START_PATH)
            + f"print(' '.join(m for m in {LATER!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []


def test_pyside_learns_which_modules_use_it_without_keeping_their_sources() -> None:
    code = ("import linecache, sys\n"
            "import dnnd_drafter.ui.wizard.main_window as ui_module, dnnd_drafter.model.letter as core_module\n"
            "check = sys.modules['shibokensupport.feature']._mod_uses_pyside\n"
            "answers = check(ui_module), check(core_module)\n"
            "kept = [f for f in linecache.cache if 'dnnd_drafter' in f]\n"
            "print(len(kept), *answers)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    # PySide6's own check reads each source through inspect, keeping it in linecache (7 MB at start)
    assert result.stdout.split() == ["0", "True", "False"]
