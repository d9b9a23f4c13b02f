"""The window takes typing before the letter engine is there, and starting keeps no source text.

Speed itself is measured in benchmarks/; these tests pin what the clerk gets: step 1 works while
the render engine (templates, layout, the .docx writer) is still loading off the UI thread, the
preview follows once it is loaded, and PySide6's start-up check leaves no copy of our sources in
memory (it once kept 7 MB of them in linecache).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.unit.test_collector import WIZARD

REPO = Path(__file__).resolve().parents[2]

# The app's modules imported first, as its entry point does; then the wizard on a new letter,
# built and shown as the app's start does it, a message box ending the process with status 3.
APP_FIRST = r"""
from dnnd_drafter.ui.app import build_window, first_session  # first, as the app's entry point does
from dnnd_drafter.store import open_store
from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.unit.store_fixtures import state_profile
"""
NEW_WINDOW = r"""
import sys
from PySide6.QtWidgets import QApplication


class Refuse:
    def __getattr__(self, name):
        def show(*args, **kwargs):
            print("a message box appeared:", args, file=sys.stderr)
            sys.exit(3)
        return show


app = QApplication([])
store = open_store(auto_backup=False)
context = AppContext(store, state_profile(store), presenter=Refuse())
window = build_window(context, first_session(context))
window.show()
"""

# Runs in its own process, so nothing a test imported before counts. A finder holds the render
# engine's import on any thread but the UI thread until the clerk has typed; the UI thread
# importing it is recorded (and would wait on the held import, then find it loaded: also caught).
START = r"""
import json, linecache, sys, threading, time

release, ui_imports = threading.Event(), []


class HoldTheEngine:
    def find_spec(self, name, path=None, target=None):
        if name == "dnnd_drafter.render":
            if threading.current_thread() is threading.main_thread():
                ui_imports.append(name)
            else:
                release.wait(20)
        return None


sys.meta_path.insert(0, HoldTheEngine())

""" + APP_FIRST + r"""
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
""" + NEW_WINDOW + r"""


def wait_until(condition, what):
    deadline = time.monotonic() + 30
    while not condition():
        if time.monotonic() > deadline:
            sys.exit("waited in vain for " + what)
        app.processEvents()
        time.sleep(0.001)


subject = window.pages[0].subject
wait_until(lambda: subject.isVisible() and window.focusWidget() is subject, "step 1 to take input")
for text in "Về việc":
    app.sendEvent(subject, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, text))
typed = window.session.draft.subject
engine_then = [m for m in ("dnnd_drafter.render", "dnnd_drafter.compose.engine", "jinja2", "docx") if m in sys.modules]
release.set()
wait_until(lambda: window.preview.pages.page_count() > 0, "the preview")
kept = [f for f in linecache.cache if "dnnd_drafter" in f]
print(json.dumps({"typed": typed, "engine_then": engine_then, "ui_imports": ui_imports,
                  "preview_pages": window.preview.pages.page_count(), "sources_kept": kept}))
window.session.dirty = False
window.close()
store.close()
"""


def run_start(script: str, tmp_path: Path, extra_env: dict[str, str] | None = None) -> Any:
    """Run `script` in a new offscreen process on a fresh data folder (and `extra_env`); return the
    JSON it printed last."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DNND_DRAFTER_HOME=str(tmp_path / "home"),
               PYTHONPATH=str(REPO), **(extra_env or {}))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
                            cwd=REPO, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_step_1_takes_typing_before_the_render_engine_is_loaded_and_the_preview_follows(tmp_path: Path) -> None:
    seen = run_start(START, tmp_path)
    assert seen["typed"] == "Về việc"  # the clerk's keys reached the draft …
    assert seen["engine_then"] == [] and seen["ui_imports"] == []  # … with no template engine loaded
    assert seen["preview_pages"] >= 1  # the engine came after, off the UI thread, and drew the page
    assert seen["sources_kept"] == []  # PySide6's "does it use PySide6?" check kept no source in memory


# What the window has loaded once it is built and about to be shown, as the app's start does it
# (build_window, then the daily backup scheduled): nothing the first frame does not show.
BUILT = r"""
import json, sys

from dnnd_drafter.ui import app as app_module  # first, as the app's entry point does
from dnnd_drafter.store import open_store
from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.unit.store_fixtures import state_profile

import PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets
from PySide6.QtWidgets import QApplication

app = QApplication([])
store = open_store(auto_backup=False)
context = AppContext(store, state_profile(store))
from dnnd_drafter.model import formats
formats.load_format.cache_clear()  # saving the profile checked its choices against its format file
formats._raw.cache_clear()
window = app_module.build_window(context, app_module.first_session(context))
window.offer_other_starts()
app_module.schedule_daily_backup(window, store)
qt_classes = {name for module in (PySide6.QtCore, PySide6.QtGui, PySide6.QtWidgets) for name in vars(module)}
styled = [w.objectName() or type(w).__name__ for w in window.findChildren(PySide6.QtWidgets.QWidget) if w.styleSheet()]
print(json.dumps({"pane_built": window._preview is not None, "styled": styled,
                  "format_files_read": formats._raw.cache_info().currsize,
                  "modules": sorted(m for m in sys.modules if m.startswith("dnnd_drafter")),
                  "qt_classes": sorted(qt_classes)}))
window.session.dirty = False
window.close()
store.close()
"""
# Set up only after the first frame: the style's metrics (QStyle, ~400 enum members) and the page
# painter, the look of a shortened button, opening a file with the system's program, the menus'
# commands and the shortcuts, the Qt namespace.
# QMetaMethod (two enums) came with a single-shot timer bound to the window; the preview pane's
# modules (its tool buttons, the page widget) with the window, which builds the pane after the first frame.
QT_NOT_BEFORE_THE_FIRST_FRAME = ("QStyle", "QStyleOptionButton", "QStylePainter", "QPainter", "QUrl",
                                 "QDesktopServices", "Qt", "QAction", "QKeySequence", "QMetaMethod")
PREVIEW_MODULES = ("dnnd_drafter.ui.wizard.preview_pane", "dnnd_drafter.ui.wizard.preview_widget")


def test_the_window_before_its_first_frame_loads_only_what_that_frame_shows(tmp_path: Path) -> None:
    seen = run_start(BUILT, tmp_path)
    assert not seen["pane_built"]  # scheduling the daily backup no longer builds the preview pane
    assert [c for c in QT_NOT_BEFORE_THE_FIRST_FRAME if c in seen["qt_classes"]] == []
    assert [m for m in PREVIEW_MODULES if m in seen["modules"]] == []  # the pane comes after the first frame
    assert seen["styled"] == []  # colours come from palettes: a style sheet per error line cost ~5 ms
    assert seen["format_files_read"] == 0  # a new letter's empty trích yếu needs no limits from its format file
    # the catalog's file reader (TOML, the kept shipped catalog) loads when the catalog is read,
    # after the first frame: loaded before it, ~5 ms
    assert [m for m in seen["modules"] if m.startswith("dnnd_drafter.catalog.")] == ["dnnd_drafter.catalog.model"]


# Every regular expression a module of ours compiles while the app's start imports it (the
# compiling frame is a module body): none, each is compiled when first used.
COMPILED_AT_IMPORT = r"""
import json, re, sys

compiled = []
real = re._compile


def compile_and_note(pattern, flags):
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.endswith(("re/__init__.py",)):
        frame = frame.f_back
    if frame is not None and frame.f_code.co_name == "<module>" and "dnnd_drafter" in frame.f_code.co_filename:
        compiled.append(f"{frame.f_code.co_filename.split('dnnd_drafter')[-1]}:{frame.f_lineno}")
    return real(pattern, flags)


re._compile = compile_and_note
import dnnd_drafter.ui.app  # noqa: E402,F401 - what the app's entry point imports before its first frame
import dnnd_drafter.ui.wizard.step_header  # noqa: E402,F401 - step 1, built for the first frame
print(json.dumps(compiled))
"""


def test_starting_compiles_no_regular_expression_of_ours(tmp_path: Path) -> None:
    assert run_start(COMPILED_AT_IMPORT, tmp_path) == []


# The wizard keeps the dataclasses' code cache until its first preview is shown, so the classes of
# the preview's modules (loaded then, on the UI thread) are kept too: the next start finds their
# code instead of compiling it. The wizard is started as the program starts it and quits once the
# first preview is shown (test_collector.WIZARD), the code cache installed first, as the
# program's start has it before any dataclass.
TO_FIRST_PREVIEW = "import dnnd_drafter.ui  # noqa: F401\n" + WIZARD
PREVIEW_IMPORTED = r"""
import json
from dnnd_drafter.ui import deferred  # noqa: F401 - installs the cache, as the app's start does
from dnnd_drafter.base import code_cache

compiled = []
real = code_cache._compile
code_cache._compile = lambda text, *args, **kwargs: compiled.append(args[0]) or real(text, *args, **kwargs)
from dnnd_drafter.ui.wizard import preview_pane  # noqa: E402,F401
from dnnd_drafter.writers.qt import pagination, painter  # noqa: E402,F401
print(json.dumps(compiled))
"""


def test_the_first_preview_keeps_the_preview_modules_dataclass_code_for_the_next_start(tmp_path: Path) -> None:
    env = {"DNND_DRAFTER_CACHE": str(tmp_path / "cache")}
    run_start(TO_FIRST_PREVIEW, tmp_path, env)
    assert run_start(PREVIEW_IMPORTED, tmp_path, env) == []  # nothing compiled: all of it was kept
