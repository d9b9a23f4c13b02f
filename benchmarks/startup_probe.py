"""Start the app (or a bare QWizard) in this process and report when the first page takes input.

Run by ``benchmarks/run.py`` as a separate process, one launch per run::

    python benchmarks/startup_probe.py app|bare [--open DRAFT.json [--search TEXT]]

Prints ``READY <perf_counter> <peak RSS in KiB>`` on stdout once the first page is visible, has been painted and the keyboard focus is inside it, with the
event loop running (so a key press would be handled), then quits. Without ``--open``
the app then goes on until the preview beside the page shows the letter (the new letter's
first page) and prints ``PREVIEW <perf_counter> <peak RSS in KiB>``. ``--open`` loads a draft
into the wizard (or fills the bare page) and waits until its preview is on screen before
reporting READY, for the memory figure; with ``--search`` the app also types TEXT, prefix by
prefix, into the recipient picker of step 2 (Kính gửi) before READY, so the address book's
search index is in memory when the peak is read. The parent measures wall time from spawning the process to
reading that line; the in-process figure is only for cross-checking.

The app is started through its real entry point as the ``dnnd-drafter`` script starts it
(``dnnd_drafter.cli.entry.main()`` with no arguments → ``run_app``);
``DNND_DRAFTER_HOME`` must point at a data folder that already holds an office profile, so no
first-start dialog appears. Any message box would be a failure: the presenter is replaced by
one that exits with status 3, so a modal dialog can never block the benchmark.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from types import ModuleType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _peak_rss_kib() -> int:
    """Return the peak resident set size of this process in KiB.

    Linux: ``VmHWM`` of /proc/self/status, which starts afresh at exec; ``ru_maxrss`` would
    carry over the parent's peak from the fork (the benchmark's own process is bigger than
    the app). Elsewhere ``ru_maxrss``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _report_when_ready(app, window, page, extra_ready=lambda: True, then=None) -> None:  # type: ignore[no-untyped-def]
    """Poll from inside the event loop until `page` is shown, painted and focused; then report.

    After the report, `then()` runs (default: quit the event loop).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    painted = {"page": False}

    class _PaintSpy(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt naming
            if event.type() == QEvent.Type.Paint:
                painted["page"] = True
            return False

    spy = _PaintSpy()
    page.installEventFilter(spy)
    if page.isVisible():
        page.update()

    def poll() -> None:
        focus = app.focusWidget()
        ready = (page.isVisible() and painted["page"] and window.isActiveWindow() and focus is not None
                 and (focus is page or page.isAncestorOf(focus) or window.isAncestorOf(focus))
                 and extra_ready())
        if not ready:
            if focus is None and window.isActiveWindow() and page.isVisible():
                page.focusNextChild()  # what Tab does: the clerk can type into the first field
            QTimer.singleShot(1, poll)
            return
        print(f"READY {time.perf_counter():.6f} {_peak_rss_kib()}", flush=True)
        page.removeEventFilter(spy)
        (then or (lambda: app.exit(0)))()

    QTimer.singleShot(0, poll)


def run_bare(open_draft: str | None) -> int:
    """Show a bare QWizard with one page holding a line edit; report when it takes input."""
    from PySide6.QtWidgets import QApplication, QFormLayout, QLineEdit, QWizard, QWizardPage

    app = QApplication(sys.argv[:1])
    wizard = QWizard()
    page = QWizardPage()
    page.setTitle("Trang 1")
    form = QFormLayout(page)
    edit = QLineEdit()
    form.addRow("Trích yếu:", edit)
    if open_draft:
        with open(open_draft, encoding="utf-8-sig") as handle:
            edit.setText(handle.read()[:200])
    wizard.addPage(page)
    wizard.resize(1366, 768)
    wizard.show()
    _report_when_ready(app, wizard, page)
    return app.exec()


def _answer_start_dialog(app) -> None:  # type: ignore[no-untyped-def]
    """Report when the start dialog takes input, then choose "new letter" as a clerk's click does."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    painted: dict[int, bool] = {}

    class _PaintSpy(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt naming
            if event.type() == QEvent.Type.Paint:
                painted[id(obj)] = True
            return False

    spy = _PaintSpy()

    def poll() -> None:
        dialog = app.activeModalWidget()
        if dialog is None or not hasattr(dialog, "choose_new"):
            QTimer.singleShot(1, poll)
            return
        if id(dialog) not in painted and not dialog.property("_spied"):
            dialog.setProperty("_spied", True)
            dialog.installEventFilter(spy)
            dialog.update()
        focus = app.focusWidget()
        if not (dialog.isVisible() and painted.get(id(dialog)) and focus is not None and dialog.isAncestorOf(focus)):
            QTimer.singleShot(1, poll)
            return
        print(f"START_DIALOG {time.perf_counter():.6f} {_peak_rss_kib()}", flush=True)
        dialog.removeEventFilter(spy)
        dialog.choose_new()

    QTimer.singleShot(0, poll)


def _report_preview(app, window) -> None:  # type: ignore[no-untyped-def]
    """Report when the preview beside the first page shows the letter's first page; then quit.

    Waits for the window's ``previewed`` signal, not by polling: a timer firing every millisecond
    would take Python's GIL from the thread loading the letter engine a thousand times a second,
    slowing what it measures (the bare QWizard has no such thread)."""
    done: list[bool] = []

    def check() -> None:
        pane = window.built_preview()  # not window.preview, which would build the pane here, early
        if done or pane is None or pane.pages.page_count() == 0:
            return  # not yet: the next preview update comes with the signal
        done.append(True)
        if not pane.pages.isVisible():  # a hidden preview is never painted: no figure
            print("PREVIEW-HIDDEN the preview is not on screen (screen too narrow?)", flush=True)
            app.exit(4)
            return
        pane.pages.repaint()
        print(f"PREVIEW {time.perf_counter():.6f} {_peak_rss_kib()}", flush=True)
        app.exit(0)

    window.previewed.connect(check)
    check()


def _search_once(window, text: str, done: dict[str, bool]) -> bool:  # type: ignore[no-untyped-def]
    """Type `text` prefix by prefix into step 2's recipient picker (once); return True."""
    if not done.get("searched"):
        done["searched"] = True
        picker = getattr(window.pages[1], "picker", None)
        if picker is not None:
            for end in range(1, len(text) + 1):
                picker.search.setText(text[:end])
        elif window.context.store is not None:
            window.context.store.addressbook.search(text)
    return True


def when_imported(name: str, patch: Callable[[ModuleType], None]) -> None:
    """Run ``patch(module)`` as soon as module `name` has been imported, wherever the import comes
    from: the probe patches the app as the entry point loads it, so the launch imports and starts
    in the order a clerk's launch does (nothing of the app is imported before ``cli.main``)."""
    import importlib.util

    class _Finder:
        """Find `name` as the other finders do, then patch the module its loader executes."""

        def find_spec(self, fullname, path, target=None):  # type: ignore[no-untyped-def]
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            assert spec is not None and spec.loader is not None
            execute = spec.loader.exec_module

            def exec_module(module: ModuleType) -> None:
                execute(module)
                patch(module)

            spec.loader.exec_module = exec_module  # type: ignore[method-assign]
            return spec

    sys.meta_path.insert(0, _Finder())


def run_app(open_draft: str | None, search: str | None = None) -> int:
    """Start the real application and report when its first wizard page takes input.

    The app opens straight on step 1 of a new letter (the other ways to begin sit above it).
    Should a start dialog come first (as it did until the second session), the probe reports
    when it takes input (``START_DIALOG``) and answers it with "new letter" at once, as a click
    would, so the figure includes building it but no human delay.
    """
    when_imported("dnnd_drafter.ui.app", lambda module: _patch_app(module, open_draft, search))
    from dnnd_drafter.cli import entry as cli

    sys.argv = ["dnnd-drafter"]  # launched as the program is: `dnnd-drafter` with no arguments
    return cli.main()


def _patch_app(app_module: ModuleType, open_draft: str | None, search: str | None) -> None:
    """Make the app's messages fail fast, answer a start dialog, and report from its window."""
    from dnnd_drafter.ui import dialogs

    class _NoDialogs(dialogs.Presenter):
        """Fail fast instead of blocking on a modal message box."""

        def _fail(self, *args: object) -> str:
            print(f"BLOCKED by a message: {args[1:2]}", flush=True)
            os._exit(3)

        error = info = ask = save_file = open_file = _fail  # type: ignore[assignment]

    opened = app_module.open_context
    app_module.open_context = lambda _presenter=None: opened(_NoDialogs())  # every window's messages
    original_choose = getattr(app_module, "choose_start", None)
    if original_choose is not None:
        def choose_start(context, parent=None):  # type: ignore[no-untyped-def]
            from PySide6.QtWidgets import QApplication

            _answer_start_dialog(QApplication.instance())
            return original_choose(context, parent)

        app_module.choose_start = choose_start
    built = app_module.build_window

    def build_window(context, session):  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QApplication

        window = built(context, session)
        page = window.pages[0]
        app = QApplication.instance()
        if open_draft:
            from pathlib import Path

            state = {"previewed": False}
            window.preview.updated.connect(lambda: state.__setitem__("previewed", True))
            window.controller.open_path(Path(open_draft))
            searched: dict[str, bool] = {}
            _report_when_ready(app, window, page, lambda: state["previewed"] and window.preview.pages.page_count() > 0
                               and (search is None or _search_once(window, search, searched)))
        else:
            _report_when_ready(app, window, page, then=lambda: _report_preview(app, window))
        return window

    app_module.build_window = build_window


def main(argv: list[str]) -> int:
    """Run the probe named by `argv`."""
    mode = argv[0] if argv else "app"
    open_draft = argv[argv.index("--open") + 1] if "--open" in argv else None
    search = argv[argv.index("--search") + 1] if "--search" in argv else None
    return run_bare(open_draft) if mode == "bare" else run_app(open_draft, search)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
