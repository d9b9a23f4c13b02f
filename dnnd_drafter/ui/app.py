"""Start the desktop application: the store, first-start setup, crash recovery, the wizard."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from dnnd_drafter.base import collector, crashlog, kept_code
from dnnd_drafter.model import drafting
from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.store import open_store
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui import deferred, dialogs, excepthook
from dnnd_drafter.ui.translation import install_qt_translation
from dnnd_drafter.ui.wizard.main_window import MainWindow
from dnnd_drafter.ui.wizard.step_base import AppContext
from dnnd_drafter.ui.display_check import screen_problem

if TYPE_CHECKING:
    from dnnd_drafter.store import Autosave

BACKUP_DELAY_MS = 3000  # the daily backup, the collector, the code cache: at the first preview, or after this
TEXT = {
    "store_failed": "Không mở được dữ liệu của cơ quan: {} Chương trình vẫn chạy nhưng không lưu được "
                    "sổ địa chỉ, danh sách và sổ văn bản đi.",
    "restore_offer": "{} Khôi phục từ bản sao lưu gần nhất ({})?",
    "restored": "Đã khôi phục dữ liệu từ {}.",
    "recover": "Lần trước chương trình bị đóng đột ngột khi đang soạn “{}”{}. Mở lại bản thảo đó?\n\n"
               "“Để lần sau”: bản thảo được giữ và sẽ được hỏi lại khi mở chương trình lần tới.",
    "recover_file": " (tệp {})",
    "recover_yes": "Mở lại", "recover_no": "Bỏ bản thảo này", "recover_later": "Để lần sau",
    "untitled": "(chưa có trích yếu)",
}


def open_context(presenter: dialogs.PresenterLike | None = None) -> AppContext:
    """Open the store (the catalog is read on first use); say what recovery did through `presenter`
    (the context's, a real one unless given); never fail on bad data."""
    context = AppContext(presenter=presenter)
    presenter = context.presenter
    try:
        # the daily copy waits until the window is up; an unreachable office server opens offline
        context.store = open_store(auto_backup=False, offline_ok=True)
    except UserMessageError as exc:
        presenter.error(None, TEXT["store_failed"].format(exc.message))
        return context
    store = context.store
    store.searches_wait_for_copy = False  # a keystroke reads this PC's copy as it is, never the server
    store.start_server_copy()
    if store.server_notice:
        presenter.info(None, store.server_notice)
    if store.read_only_notice:
        presenter.info(None, store.read_only_notice)
    if store.recovery_notice:
        if store.latest_backup is not None and not store.on_server:  # on the server only drafts were here
            offer = TEXT["restore_offer"].format(store.recovery_notice, store.latest_backup)
            answer = presenter.ask(None, offer)
            if answer == dialogs.YES:
                restored = store.restore_latest_backup()
                presenter.info(None, TEXT["restored"].format(restored))
        else:
            presenter.info(None, store.recovery_notice)
    profiles = store.profiles.all()
    context.profile = profiles[0] if profiles else None
    return context


def first_session(context: AppContext) -> DraftSession:
    """Return the session to start with: a crashed draft when the clerk wants it back, else a new one.

    A draft the clerk puts off ("Để lần sau") stays in the autosave and is offered again next time;
    only "Bỏ bản thảo này" forgets it.
    """
    store, presenter = context.store, context.presenter
    if store is not None:
        for pending in store.drafts.pending_autosaves():
            if _saved_in_its_file(pending):  # nothing to bring back: the file holds all of it
                store.drafts.mark_closed(pending.session_id)
                continue
            where = TEXT["recover_file"].format(pending.path) if pending.path else ""
            answer = presenter.ask(None, TEXT["recover"].format(pending.subject or TEXT["untitled"], where),
                                   TEXT["recover_yes"], TEXT["recover_no"], TEXT["recover_later"])
            if answer == dialogs.CANCEL:
                continue
            if answer == dialogs.YES:
                try:
                    return DraftSession.from_autosave(pending, store)
                except UserMessageError:
                    pass
            store.drafts.mark_closed(pending.session_id)
    signer = None
    if store is not None and context.profile is not None and context.profile.id is not None:
        signer = store.profiles.default_signer(context.profile.id)
    return DraftSession(drafting.new_draft(context.profile, signer, family=context.family_without_profile),
                        None, store)


def _saved_in_its_file(pending: "Autosave") -> bool:
    """Return whether an autosave holds exactly what its draft file holds."""
    if not pending.path:
        return False
    try:
        return model.dumps(model.load(pending.path)) == pending.draft_json
    except UserMessageError:
        return False


def ensure_profile(context: AppContext) -> None:
    """Run the short first-start setup when the store has no profile yet."""
    if context.store is None or context.profile is not None:
        return
    dialog = deferred.profile_dialog(context.store)
    dialog.presenter = context.presenter  # type: ignore[attr-defined] # the first window: its messages are the context's
    if dialog.exec() == QDialog.DialogCode.Accepted:
        context.profile = dialog.saved
    else:  # the letter keeps the Khối the form showed
        context.family_without_profile = dialog.family.currentData()


def build_window(context: AppContext, session: DraftSession):
    """Return the wizard window for `session`."""
    return MainWindow(context, session)


def start_window(context: AppContext):
    """Return the wizard window the app opens with: a draft back from a crash, else a new letter
    of the office, ready to type, with the other ways to begin above step 1."""
    ensure_profile(context)
    session = first_session(context)
    window = build_window(context, session)
    if not session.restored:
        window.offer_other_starts()
    return window


def after_first_preview(window, job) -> None:
    """Run `job` once, when the window shows its first preview, at the latest after BACKUP_DELAY_MS."""
    done: list[bool] = []

    def run() -> None:
        if not done:
            done.append(True)
            job()

    window.previewed.connect(run)  # not window.preview: that would build the pane before the first frame
    timer = QTimer(window)  # goes with the window; singleShot(ms, window, run) would set up QMetaMethod's enums
    timer.setSingleShot(True)
    timer.timeout.connect(run)
    timer.start(BACKUP_DELAY_MS)


def schedule_daily_backup(window, store) -> None:
    """Start the day's automatic backup once the window shows its first preview (or after
    BACKUP_DELAY_MS), on another thread: it never delays the start nor blocks typing."""
    if store is not None:
        after_first_preview(window, store.start_daily_backup)


def run_app(argv: Sequence[str], presenter: dialogs.PresenterLike | None = None) -> int:
    """Run the wizard until its window closes; return the exit status (2: no screen to open it on).

    Every message goes through `presenter` (a real one unless given: the crash tests script the clerk).
    """

    problem = None if QApplication.instance() else screen_problem()
    if problem is not None:  # before Qt, which would abort in English
        print(f"Lỗi: {problem}", file=sys.stderr)
        return UserMessageError.exit_code
    app = QApplication.instance() or QApplication(list(argv))
    app.setApplicationName("DNND Drafter")
    app.setOrganizationName("DNND")
    install_qt_translation(app)
    crashlog.setup_logging()
    rescue = excepthook.CrashRescue(presenter=presenter)
    excepthook.install(rescue)
    context = open_context(presenter)
    rescue.presenter = context.presenter
    window = start_window(context)
    rescue.save_draft = lambda: window.session.autosave()  # the window's draft, whichever it shows
    if os.environ.get("DNND_DRAFTER_LAYOUT_PROBE"):  # the real-window tests ask where the buttons are
        deferred.install_layout_probe(window)
    window.show()
    schedule_daily_backup(window, context.store)
    after_first_preview(window, collector.settle)  # the start is loaded (base/collector.py)
    after_first_preview(window, kept_code.finish)  # … the preview's classes and patterns too: their code is kept
    try:
        return app.exec()
    finally:
        collector.settle()
        kept_code.finish()
        if not window.closed:  # the app was made to quit without closing the window: keep the draft
            window.session.autosave()
        if context.store is not None:
            context.store.close()  # waits for the autosave being written


if __name__ == "__main__":
    sys.exit(run_app(sys.argv))
