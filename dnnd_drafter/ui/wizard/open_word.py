"""Open a Word letter (.docx, .doc) in the wizard as a new draft: "Mở văn bản Word…" in the Tệp
menu, or a Word file dropped on the window.

The letter is read by the Qt-free reader (:mod:`dnnd_drafter.wordin`) and shown as an unsaved
draft with the free-body template, keeping its number. Fields the reader was unsure of are
warned on next to their field ("Đọc được từ văn bản Word, hãy kiểm tra …", see
:func:`dnnd_drafter.model.validation.read_from_word`) and the review step lists them, with any source
text that fit no part. The source file is only read; a file that cannot be read gets a
Vietnamese message and the current draft stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMainWindow, QMenu

from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model import drafting
from dnnd_drafter.model.letter import AUTHORITIES
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui import deferred, dialogs

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent

    from dnnd_drafter.model.letter import Draft
    from dnnd_drafter.store import Profile
    from dnnd_drafter.ui.wizard.controller import WizardController

TEXT = {
    "action": "Mở văn bản &Word…",
    "tip": "Đọc một công văn Word (.docx) thành bản thảo để sửa thể thức hoặc soạn tiếp.",
    "title": "Mở văn bản Word",
    "filter": "Văn bản Word (*.docx *.doc)",
    "read": "Đã đọc “{name}” thành bản thảo mới (chưa lưu). Tệp gốc giữ nguyên; “Xuất .docx…” ghi bản "
            "đúng thể thức thành tệp mới.",
    "check": "Những chỗ cần kiểm tra (được đánh dấu ở từng ô và ở bước Xem lại):",
    "more": "… và {count} chỗ khác.",
    "headerless": "Vẫn mở phần chữ đọc được làm nội dung của một văn bản mới của cơ quan (phần đầu, số, ngày "
                  "lấy theo hồ sơ cơ quan)?",
}
SHOWN_NOTES = 8
WORD_SUFFIXES = (".docx", ".doc")


def dropped_word_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """Return the one Word file a drag carries, or None."""
    urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
    files = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    if len(files) == 1 and files[0].suffix.lower() in WORD_SUFFIXES:
        return files[0]
    return None


class WordDropFilter(QObject):
    """Open a Word letter dropped on the window (where no field takes the drop first)."""

    def __init__(self, window: QMainWindow, controller: "WizardController") -> None:
        super().__init__(window)
        self.controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        """Accept a drag holding one .docx/.doc; open it when it is dropped."""
        if event.type() == QEvent.Type.DragEnter and dropped_word_file(event) is not None:  # type: ignore[arg-type] # a drag event here
            event.acceptProposedAction()  # type: ignore[attr-defined] # a drag event here
            return True
        if event.type() == QEvent.Type.Drop:
            path = dropped_word_file(event)  # type: ignore[arg-type] # a drop event here
            if path is not None:
                event.acceptProposedAction()  # type: ignore[attr-defined] # a drop event here
                self.controller.guard(lambda: open_word_letter(self.controller, path))
                return True
        return False


def add_open_word_action(window: QMainWindow, controller: "WizardController", menu: QMenu) -> QAction:
    """Add "Mở văn bản Word…" to `menu` of `window`, run through the controller's error guard; open a
    Word file dropped on the window too."""
    from PySide6.QtGui import QAction  # set up with the menus' commands, after the first frame

    action = QAction(TEXT["action"], window)
    action.setObjectName("action_open_word")
    action.setToolTip(TEXT["tip"])
    action.setStatusTip(TEXT["tip"])
    action.triggered.connect(lambda _=False: controller.guard(lambda: open_word_letter(controller)))
    menu.addAction(action)
    window.setAcceptDrops(True)
    window.installEventFilter(WordDropFilter(window, controller))
    return action


def office_draft(read: "Draft", profile: "Profile | None") -> "Draft":
    """Return a new draft of the office `profile` holding what was read from a file without a header."""
    draft = drafting.new_draft(profile, template=read.template)
    draft.kind, draft.content = read.kind, read.content
    draft.recipients = read.recipients or draft.recipients
    if read.cc:  # the lines read, with the notes on them
        draft.cc, draft.cc_notes = read.cc, read.cc_notes
    if read.signature.name and read.signature.authority in AUTHORITIES[draft.family]:
        draft.signature = read.signature
    return draft


def open_word_letter(controller: "WizardController", path: Path | None = None) -> bool:
    """Ask for a Word letter (unless `path` is given) and open it as a new draft; return whether it opened."""
    wordin = deferred.word_reader()
    if not controller.may_discard():
        return False
    parent, presenter = controller.view.dialog_parent(), controller.presenter
    if path is None:
        chosen = presenter.open_file(parent, TEXT["title"], str(paths.documents_dir()),
                                             TEXT["filter"])
        if not chosen:
            return False
        path = Path(chosen)
    try:
        letter = wordin.read_letter(path, name=path.name)
    except wordin.WordLetterError as exc:
        question = exc.message + "\n\n" + TEXT["headerless"]
        if not exc.no_header or presenter.ask(parent, question) != dialogs.YES:
            raise
        letter = wordin.read_letter(path, name=path.name, headerless=True)
        letter.draft = office_draft(letter.draft, controller.context.profile)
    except OSError as exc:  # the file went away between the dialog and the reading
        raise UserMessageError(f"Không mở được tệp “{path.name}”: {exc.strerror or exc}.") from exc
    session = DraftSession(letter.draft, None, controller.context.store)
    session.mark_changed()  # a new, unsaved draft: closing the window asks before it is lost
    controller.replace_session(session)
    notes = letter.notes()
    message = TEXT["read"].format(name=path.name)
    if notes:
        shown = notes[:SHOWN_NOTES] + ([TEXT["more"].format(count=len(notes) - SHOWN_NOTES)]
                                       if len(notes) > SHOWN_NOTES else [])
        message += "\n\n" + TEXT["check"] + "\n" + "\n".join(f"• {note}" for note in shown)
    presenter.info(parent, message)
    return True
