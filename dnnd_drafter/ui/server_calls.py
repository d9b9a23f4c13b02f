"""Run a call to the office's server on a worker thread, so a slow or absent server never freezes
the window: a modal note says what it waits for, and the call's answer (or its error) comes back
to the UI thread. On the local SQLite store the call runs in place, as before."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

TEXT = {"waiting": "Đang chờ máy chủ dữ liệu của cơ quan…"}
SHOW_AFTER_MS = 400  # a quick answer shows no note at all
T = TypeVar("T")


class _Finished(QObject):
    """Tell the UI thread that the worker is done (a queued signal across threads)."""

    done = Signal()


def off_ui_thread(parent: QWidget | None, store: Any, call: Callable[[], T]) -> T:
    """Return ``call()``; with the office's server it runs on a worker thread while the window waits.

    The worker uses only the store's server connection (psycopg connections may be used from
    another thread, one call at a time); the window repaints meanwhile but takes no clicks or keys,
    and a modal note shows when the answer takes longer than :data:`SHOW_AFTER_MS`.
    """
    if store is None or not getattr(store, "on_server", False):
        return call()
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            outcome["value"] = call()
        except BaseException as exc:  # noqa: BLE001 - handed back to the UI thread and raised there
            outcome["error"] = exc
        finally:
            finished.done.emit()

    note = QProgressDialog(TEXT["waiting"], "", 0, 0, parent)
    note.setCancelButton(None)
    note.setWindowModality(Qt.WindowModality.ApplicationModal)
    note.setMinimumDuration(SHOW_AFTER_MS)
    worker = threading.Thread(target=work, name="dnnd-server-call", daemon=True)
    worker.start()
    # the queued "done" ends it, even when the worker finished before exec; clicks and keys wait
    # until the answer is in (no second command starts meanwhile), painting goes on
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    worker.join()
    note.close()
    note.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
