"""Run a call to the office's server on a worker thread, so a slow or absent server never freezes
the window: a modal note says what it waits for, and the call's answer (or its error) comes back
to the UI thread. On the local SQLite store the call runs in place, as before.

The Dữ liệu windows reach the store through :class:`ServerSide`: each call first tries the server
again when the app opened without it (:func:`reach_server`), then runs off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from dnnd_drafter.base.errors import UserDataError

TEXT = {"waiting": "Đang chờ máy chủ dữ liệu của cơ quan…",
        "one_at_a_time": "Đang chờ máy chủ dữ liệu trả lời việc trước; hãy đợi việc đó xong rồi bấm lại."}
SHOW_AFTER_MS = 400  # a quick answer shows no note at all
#: Held by whoever uses the store's server connection off the UI thread (a command, a page of rows):
#: one at a time, so a read never runs inside another thread's transaction.
SERVER_LOCK = threading.RLock()
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
    if _waiting:  # a timer or a signal started a command while one is out: refuse it, change nothing
        raise UserDataError(TEXT["one_at_a_time"])
    _waiting.append(call)
    try:
        return _run_on_worker(parent, call)
    finally:
        _waiting.pop()


_waiting: list[Callable[[], Any]] = []  # the call the UI thread waits for (at most one)


def _run_on_worker(parent: QWidget | None, call: Callable[[], T]) -> T:
    """Return ``call()`` run on a worker thread while the UI thread paints and takes no input."""
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)
    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            with SERVER_LOCK:
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


def reach_server(parent: QWidget | None, store: Any) -> None:
    """Try the office's server again (off the UI thread) when the store opened without it.

    Raises UserDataError, naming the server, while it is still away; nothing changes then.
    """
    if store is not None and getattr(store, "server_notice", None):
        off_ui_thread(parent, store, store.reconnect)


class _CopyChanged(QObject):
    """Carry "this PC's copy of the server changed" from the copy's thread to the UI thread."""

    changed = Signal()


def follow_copy(widget: QWidget, store: Any, slot: Callable[[], Any]) -> None:
    """Call `slot` on the UI thread whenever this PC's copy of the office's server changes.

    The copy is followed from its own thread (:mod:`dnnd_drafter.store.server_copy`): a search
    box then shows a colleague's new entry without a keystroke and without asking the server.
    """
    copy = getattr(store, "server_copy", None)
    if copy is None:
        return
    relay = _CopyChanged(widget)
    relay.changed.connect(slot, Qt.ConnectionType.QueuedConnection)
    emit = relay.changed.emit
    copy.listeners.append(emit)
    widget.destroyed.connect(lambda *_: emit in copy.listeners and copy.listeners.remove(emit))


class ServerSide:
    """Call one part of the store (``addressbook``, ``lists``, ``profiles``, ``register``) from a window.

    ``ServerSide(window, store, "addressbook").add(entry)`` tries the server again when it was away,
    then runs ``store.addressbook.add(entry)`` off the UI thread and returns its answer (or raises
    its error) on the UI thread. The part is looked up at each call: a reconnection replaces it.
    Without a part the store's own methods are called (``import_file``, ``export``). A window's
    loads pass ``retry=False``: the opener has just tried the server, and a read of an absent server
    shows nothing rather than asking it again.
    """

    def __init__(self, parent: QWidget | None, store: Any, part: str | None = None, retry: bool = True) -> None:
        self._parent, self._store, self._part, self._retry = parent, store, part, retry

    def __getattr__(self, name: str) -> Callable[..., Any]:
        """Return the store method `name` wrapped as described above."""
        def call(*args: Any, **kwargs: Any) -> Any:
            if self._retry:
                reach_server(self._parent, self._store)
            return off_ui_thread(self._parent, self._store, lambda: getattr(self._target(), name)(*args, **kwargs))
        call.__name__ = name
        return call

    def _target(self) -> Any:
        """Return the store's part as it is now (the store itself without a part)."""
        return self._store if self._part is None else getattr(self._store, self._part)
