"""Carry out the wizard's draft file commands: new, open, from an old letter, save, save as, backup, restore.

A part of the wizard's controller (:class:`~dnnd_drafter.ui.wizard.controller.WizardController`):
it asks before dropping unsaved changes, before saving over a file another window changed, and
before replacing a file; the draft is never lost. Errors meant for the clerk arrive as
UserMessageError and are shown by the controller's guard.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model import drafting
from dnnd_drafter.model import letter as model
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui.wizard.wizard_view import ControllerParts
from dnnd_drafter.files.filenames import safe_file_name, unique_path
from dnnd_drafter.ui import deferred, dialogs
from dnnd_drafter.ui.deferred import render_engine
from dnnd_drafter.ui.wizard.conflict_questions import save_draft
from dnnd_drafter.store.restore import OlderBackupError

TEXT = {
    "draft_filter": "Bản thảo DNND (*.json)", "backup_filter": "Bản sao lưu (*.sqlite3 *.db)",
    "open_title": "Mở bản thảo", "save_title": "Lưu bản thảo", "backup_title": "Sao lưu dữ liệu",
    "restore_title": "Khôi phục dữ liệu",
    "backup_done": "Đã sao lưu vào: {}",
    "restore_ask": "Khôi phục sẽ thay toàn bộ dữ liệu hiện tại bằng bản sao lưu. Tiếp tục?",
    "restore_done": "Đã khôi phục dữ liệu. Bản sao dữ liệu cũ được giữ tại: {}",
    "restore_older": "Bản sao lưu này cũ hơn số văn bản mới nhất: số {} đã được cấp sau thời điểm sao lưu. "
                     "Khôi phục sẽ bỏ khỏi sổ văn bản đi những văn bản ghi sau thời điểm đó; các số đã cấp "
                     "vẫn không bị cấp lại. Vẫn khôi phục?",
    "no_store": "Chưa mở được dữ liệu của cơ quan.",
    "ask_save": "Văn bản có thay đổi chưa lưu. Lưu lại trước khi đóng?",
    "ask_save_yes": "Lưu", "ask_save_no": "Không lưu", "ask_save_cancel": "Hủy",
}


class FileCommands(ControllerParts):
    """Open, save and back up drafts and the office's data for the wizard's controller."""

    # -- starting another letter ----------------------------------------------------------
    def new(self) -> None:
        """Begin another letter: choose the profile and template (or a draft) in the start dialog."""
        if not self.may_discard():
            return
        session = deferred.start_dialog().choose_start(self.context, self.view.dialog_parent())
        if session is not None:
            self.replace_session(session)

    def new_for_profile(self, profile_id: int) -> None:
        """Begin a new letter of another office (the start strip), with the same template."""
        if self.may_discard():
            start = deferred.start_dialog()
            choice = start.StartChoice("new", self.session.draft.template, profile_id)
            self.guard(lambda: self.replace_session(start.session_for(choice, self.context)))

    def may_discard(self) -> bool:
        """Ask before dropping unsaved changes; return whether to go on."""
        if not self.session.dirty:
            return True
        answer = self.ask_to_save()
        return answer == dialogs.NO or (answer == dialogs.YES and self.save())

    def ask_to_save(self) -> str:
        """Ask whether to save the unsaved changes: dialogs.YES, NO or CANCEL."""
        return self.presenter.ask(self.view.dialog_parent(), TEXT["ask_save"], TEXT["ask_save_yes"],
                                  TEXT["ask_save_no"], TEXT["ask_save_cancel"])

    def replace_session(self, session: DraftSession) -> None:
        """Close the current session and show `session`."""
        self.session.close()
        self.load_session(session)

    # -- opening --------------------------------------------------------------------------
    def open_path(self, path: Path, as_new: bool = False) -> None:
        """Open the draft file at `path` (a copy with a new date and blank number with `as_new`)."""
        if as_new:
            draft = model.load(path)
            self.replace_session(DraftSession(drafting.copy_as_new(draft), None, self.context.store))
            return
        session = DraftSession.open(path, self.context.store)  # remembers the version read
        self.replace_session(session)
        if self.context.store is not None:
            self.context.store.drafts.record_recent(path, session.draft.subject)

    def open_recent(self, path: Path) -> None:
        """Open a recent draft (the start strip, the Gần đây menu), asking before dropping changes."""
        if self.may_discard():
            self.open_path(path)

    def open(self) -> None:
        """Ask for a draft file and open it."""
        self._open_chosen(as_new=False)

    def from_old(self) -> None:
        """Start from an earlier letter: its content with today's date and a blank number."""
        self._open_chosen(as_new=True)

    def _open_chosen(self, as_new: bool) -> None:
        """Ask (after the unsaved changes) for a draft file and open it, as itself or `as_new`."""
        if not self.may_discard():
            return
        path = self.presenter.open_file(self.view.dialog_parent(), TEXT["open_title"], str(self._folder()),
                                        TEXT["draft_filter"])
        if path:
            self.open_path(Path(path), as_new=as_new)

    def _folder(self) -> Path:
        """Return the folder the file dialogs start in."""
        return self.session.path.parent if self.session.path else paths.sub_dir("van-ban")

    # -- saving ---------------------------------------------------------------------------
    def save(self) -> bool:
        """Save the draft (asking where the first time); return whether it was saved."""
        self.view.apply_page(self.session.draft)
        if self.session.path is None:
            return self.save_as()
        return self._save_checked(None)

    def save_as(self) -> bool:
        """Ask for a file name and save the draft there."""
        self.view.apply_page(self.session.draft)
        stem = render_engine().letter_file_stem(self.session.draft)
        suggested = self.session.path or unique_path(self._folder() / f"{stem}.json")
        path = self.presenter.save_file(self.view.dialog_parent(), TEXT["save_title"], str(suggested),
                                        TEXT["draft_filter"])
        if not path:
            return False
        target = Path(path if path.lower().endswith(".json") else path + ".json")
        if not self.may_replace(target, (self.session.path,)):
            return False
        self.view.apply_page(self.session.draft)
        return self._save_checked(target)

    def _save_checked(self, path: Path | None) -> bool:
        """Save at `path`; if another window or process changed the file meanwhile, ask first."""
        saved = save_draft(self.view.dialog_parent(), self.session, path, self.save_as, self._show_draft_again)
        if saved:
            self.session.restored = False  # a draft back from a crash is safe in its file now
            self.autosaves.save_now()  # the autosave holds what the file holds: nothing to recover
        self.update_title()
        return saved

    def _show_draft_again(self) -> None:
        """Show the draft after the other side's changes were taken in (saving over a changed file)."""
        self.view.load_pages(self.session.draft)
        self.session.dirty = False
        self.revalidate()
        self.view.schedule_preview(self.session.draft)

    # -- the office's data ----------------------------------------------------------------
    def backup(self) -> None:
        """Copy the whole database to a file the clerk chooses."""
        store = self.context.store
        if store is None:
            raise UserMessageError(TEXT["no_store"])

        name = safe_file_name(f"dnnd-sao-luu-{_dt.date.today().isoformat()}")
        suggested = unique_path(paths.documents_dir() / f"{name}.sqlite3")
        parent = self.view.dialog_parent()
        path = self.presenter.save_file(parent, TEXT["backup_title"], str(suggested), TEXT["backup_filter"])
        if path and self.may_replace(Path(path)):
            store.backup(path)
            self.presenter.info(parent, TEXT["backup_done"].format(path))

    def restore(self) -> None:
        """Replace the database with a backup the clerk chooses, after asking."""
        store = self.context.store
        if store is None:
            raise UserMessageError(TEXT["no_store"])
        parent = self.view.dialog_parent()
        path = self.presenter.open_file(parent, TEXT["restore_title"], str(paths.documents_dir()),
                                        TEXT["backup_filter"])
        if not path or self.presenter.ask(parent, TEXT["restore_ask"]) != dialogs.YES:
            return

        try:
            safety = store.restore(path)
        except OlderBackupError as older:
            if self.presenter.ask(parent, TEXT["restore_older"].format(older.newest)) != dialogs.YES:
                return
            safety = store.restore(path, force=True)
        self.presenter.info(parent, TEXT["restore_done"].format(safety or "—"))
