"""Give the wizard window its menus and file operations: new, open, save, export, print, register.

Menus follow what a Windows user expects: Tệp, Dữ liệu, Trợ giúp, with the usual shortcuts
(Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S, Ctrl+P). Errors meant for the user arrive as
UserMessageError and are shown in one place; the draft is never lost.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu

from dnnd_drafter import __version__
from dnnd_drafter.model import drafting
from dnnd_drafter.model import letter as model
from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.dialogs import guarded
from dnnd_drafter.ui.wizard import open_word
from dnnd_drafter.ui.wizard.engine_loader import render_engine
from dnnd_drafter.ui.wizard.steps import Step

if TYPE_CHECKING:
    from dnnd_drafter.ui.wizard.main_window import MainWindow
    from dnnd_drafter.ui.wizard.output_files import OutputFiles

TEXT = {
    "file": "&Tệp", "new": "&Mới", "open": "&Mở…", "from_old": "Từ văn bản &cũ…", "save": "&Lưu",
    "save_as": "Lưu &thành…", "export_docx": "Xuất .&docx…", "export_pdf": "Xuất &PDF…", "print": "&In…",
    "use_lo": "Xuất PDF bằng &LibreOffice", "lo_absent": "Không tìm thấy LibreOffice trên máy này, nên "
    "PDF sẽ được tạo bằng bộ vẽ trang của chương trình (kết quả giống bản .docx).",
    "lo_found": "PDF sẽ được tạo bằng LibreOffice: {}",
    "recent": "&Gần đây", "no_recent": "(chưa có)", "quit": "T&hoát",
    "data": "&Dữ liệu", "addressbook": "Sổ &địa chỉ…", "lists": "&Danh sách nơi nhận…",
    "profiles": "&Hồ sơ cơ quan…", "signers": "&Người ký…", "register": "Sổ &văn bản đi…",
    "import_directive": "&Nhập chỉ thị mới…",
    "backup": "&Sao lưu dữ liệu…", "restore": "&Khôi phục dữ liệu…", "server": "&Máy chủ dữ liệu của cơ quan…",
    "help": "Trợ &giúp", "guide": "&Hướng dẫn sử dụng", "logs": "Thư mục &nhật ký lỗi", "about": "&Giới thiệu",
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
    "guide_text": "Soạn văn bản theo 6 bước ở cột bên trái. Mỗi bước có ghi chú khi rê chuột lên ô nhập. "
                  "Bước “Xem lại” liệt kê các lỗi thể thức; bấm “Sửa” để đến đúng ô. Ctrl+S lưu bản thảo, "
                  "Ctrl+P in. Bản thảo được lưu tự động vài giây sau mỗi thay đổi và mỗi khi chuyển bước; "
                  "nếu máy tắt đột ngột, lần mở sau chương trình sẽ hỏi để mở lại bản thảo.",
    "ask_save": "Văn bản có thay đổi chưa lưu. Lưu lại trước khi đóng?",
    "ask_save_yes": "Lưu", "ask_save_no": "Không lưu", "ask_save_cancel": "Hủy",
    "about_text": "DNND Drafter {} — soạn công văn đúng thể thức (HD 36-HD/VPTW, NĐ 30/2020/NĐ-CP).",
}


class MainActions:
    """Create the menus of `window` and carry out their commands."""

    def __init__(self, window: "MainWindow") -> None:
        self.window = window
        self.context = window.context  # the office: store, profile, catalog (one object for the window's life)
        self._shortcuts: list[tuple[QAction, QKeySequence | QKeySequence.StandardKey]] = []
        self._filled = False
        self._files: OutputFiles | None = None
        bar = window.menuBar()
        self.menus = {key: bar.addMenu(TEXT[key]) for key in ("file", "data", "help")}
        for menu in self.menus.values():  # filled on first opening, or just after the first frame
            menu.aboutToShow.connect(self.fill_menus)

    @property
    def use_libreoffice(self) -> QAction:
        """Return the Tệp menu's "PDF through LibreOffice" choice."""
        self.fill_menus()
        return self._use_libreoffice

    def fill_menus(self) -> None:
        """Create the menu commands once (not before the first frame: 25 actions)."""
        if self._filled:
            return
        self._filled = True
        window = self.window
        file_menu, data_menu, help_menu = self.menus["file"], self.menus["data"], self.menus["help"]
        self._add(file_menu, "new", self.new, QKeySequence.StandardKey.New)
        self._add(file_menu, "open", self.open, QKeySequence.StandardKey.Open)
        self._add(file_menu, "from_old", self.from_old)
        open_word.add_open_word_action(self, file_menu)
        self.recent_menu = file_menu.addMenu(TEXT["recent"])
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._add(file_menu, "save", self.save, QKeySequence.StandardKey.Save)
        self._add(file_menu, "save_as", self.save_as, QKeySequence("Ctrl+Shift+S"))
        self._add(file_menu, "export_docx", self.export_docx, QKeySequence("Ctrl+E"))
        self._add(file_menu, "export_pdf", self.export_pdf)
        self._add(file_menu, "print", self.print_letter, QKeySequence.StandardKey.Print)
        self._use_libreoffice = self._add(file_menu, "use_lo", self.choose_pdf_engine)
        self._use_libreoffice.setCheckable(True)
        self._use_libreoffice.setChecked(window.settings.value("pdf/libreoffice", False, type=bool))  # type: ignore[arg-type] # value(type=bool) returns a bool
        file_menu.addSeparator()
        self._add(file_menu, "quit", window.close, QKeySequence("Ctrl+Q"))
        for key in ("addressbook", "lists", "profiles", "signers", "register"):
            self._add(data_menu, key, lambda _=False, k=key: self.open_data(k))
        self._add(data_menu, "import_directive", self.import_directive)
        data_menu.addSeparator()
        self._add(data_menu, "backup", self.backup)
        self._add(data_menu, "restore", self.restore)
        self._add(data_menu, "server", self.edit_server)
        self._add(help_menu, "guide", lambda: dialogs.presenter.info(window, TEXT["guide_text"]),
                  QKeySequence.StandardKey.HelpContents)
        self._add(help_menu, "logs", lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.log_dir()))))
        self._add(help_menu, "about", self.about)

    def _add(self, menu: QMenu, key: str, slot, shortcut=None) -> QAction:
        """Add an action named by TEXT[key] to `menu`."""
        action = QAction(TEXT[key], self.window)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        action.triggered.connect(lambda _=False: self.guard(slot))
        action.setObjectName(f"action_{key}")
        menu.addAction(action)
        return action

    def install_shortcuts(self) -> None:
        """Fill the menus and give their commands shortcuts (after the first frame: the first
        setShortcut loads PySide6's whole Qt namespace, 25-40 ms)."""
        self.fill_menus()
        for action, shortcut in self._shortcuts:
            action.setShortcut(shortcut)
        self._shortcuts.clear()

    def edit_server(self) -> None:
        """Choose the office's server (Dữ liệu → Máy chủ dữ liệu của cơ quan…)."""
        from dnnd_drafter.ui.data.server_dialog import edit_server_settings

        edit_server_settings(self.window)

    def guard(self, slot: Callable[[], object]) -> None:
        """Run a command; show a user message instead of failing (:func:`~dnnd_drafter.ui.dialogs.guarded`)."""
        guarded(self.window, slot)

    @property
    def session(self) -> DraftSession:
        """Return the window's draft session."""
        return self.window.session

    # -- files ----------------------------------------------------------------------------
    def new(self) -> None:
        """Begin another letter: choose the profile and template (or a draft) in the start dialog."""
        if not self.may_discard():
            return
        from dnnd_drafter.ui.wizard.start_dialog import choose_start

        session = choose_start(self.context, self.window)
        if session is not None:
            self.replace_session(session)

    def may_discard(self) -> bool:
        """Ask before dropping unsaved changes; return whether to go on."""
        if not self.session.dirty:
            return True
        answer = self.ask_to_save()
        return answer == dialogs.NO or (answer == dialogs.YES and self.save())

    def ask_to_save(self) -> str:
        """Ask whether to save the unsaved changes: dialogs.YES, NO or CANCEL."""
        return dialogs.presenter.ask(self.window, TEXT["ask_save"], TEXT["ask_save_yes"], TEXT["ask_save_no"],
                                     TEXT["ask_save_cancel"])

    def replace_session(self, session: DraftSession) -> None:
        """Close the current session and show `session`."""
        self.session.close()
        self.window.load_session(session)

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

    def open(self) -> None:
        """Ask for a draft file and open it."""
        if not self.may_discard():
            return
        path = dialogs.presenter.open_file(self.window, TEXT["open_title"], str(self._folder()), TEXT["draft_filter"])
        if path:
            self.open_path(Path(path))

    def from_old(self) -> None:
        """Start from an earlier letter: its content with today's date and a blank number."""
        if not self.may_discard():
            return
        path = dialogs.presenter.open_file(self.window, TEXT["open_title"], str(self._folder()), TEXT["draft_filter"])
        if path:
            self.open_path(Path(path), as_new=True)

    def _fill_recent(self) -> None:
        """List the recent drafts in the Gần đây menu."""
        self.recent_menu.clear()
        store = self.context.store
        recent = store.drafts.recent_drafts(10) if store is not None else []
        for item in recent:
            action = self.recent_menu.addAction(f"{item.path.name} — {item.subject[:40]}")
            action.triggered.connect(lambda _=False, p=item.path: self.guard(lambda: self.open_path(p)))
        if not recent:
            self.recent_menu.addAction(TEXT["no_recent"]).setEnabled(False)

    def _folder(self) -> Path:
        """Return the folder the file dialogs start in."""
        return self.session.path.parent if self.session.path else paths.sub_dir("van-ban")

    def save(self) -> bool:
        """Save the draft (asking where the first time); return whether it was saved."""
        self.window.current_page().apply(self.session.draft)
        if self.session.path is None:
            return self.save_as()
        return self._save_checked(None)

    def _save_checked(self, path: Path | None) -> bool:
        """Save at `path`; if another window or process changed the file meanwhile, ask first."""
        from dnnd_drafter.ui.wizard.conflict_questions import save_draft

        saved = save_draft(self.window, self.session, path, self.save_as, self._show_draft_again)
        if saved:
            self.session.restored = False  # a draft back from a crash is safe in its file now
            self.window.autosaves.save_now()  # the autosave holds what the file holds: nothing to recover
        self.window._update_title()
        return saved

    def _show_draft_again(self) -> None:
        """Show the draft after the other side's changes were taken in (saving over a changed file)."""
        for page in self.window.pages.built():
            page.load(self.session.draft)
        self.session.dirty = False
        self.window.revalidate()
        self.window.preview.schedule(self.session.draft)

    def save_as(self) -> bool:
        """Ask for a file name and save the draft there."""
        from dnnd_drafter.files.filenames import letter_file_stem, unique_path

        self.window.current_page().apply(self.session.draft)
        suggested = self.session.path or unique_path(self._folder() / f"{letter_file_stem(self.session.draft)}.json")
        path = dialogs.presenter.save_file(self.window, TEXT["save_title"], str(suggested), TEXT["draft_filter"])
        if not path:
            return False
        target = Path(path if path.lower().endswith(".json") else path + ".json")
        if not self.files.may_replace(target, (self.session.path,)):
            return False
        self.window.current_page().apply(self.session.draft)
        return self._save_checked(target)

    # -- output (ui/output_files.py) ----------------------------------------------------------
    @property
    def files(self) -> "OutputFiles":
        """Return the writer of the letter's files (made on first use)."""
        if self._files is None:
            from dnnd_drafter.ui.wizard.output_files import OutputFiles

            self._files = OutputFiles(self.window)
        return self._files

    def default_output(self) -> Path:
        """Return where the letter goes when the clerk did not choose (a unique, readable name)."""
        return self.files.default_output()

    def write_docx(self, target: Path) -> Path | None:
        """Write the .docx at `target`, asking before replacing another file; return the path."""
        return self.files.write_docx(target)

    def export_docx(self) -> None:
        """Ask where to export and write the .docx."""
        self.files.export_docx()

    def export_pdf(self) -> None:
        """Ask where to export and write the PDF."""
        self.files.export_pdf()

    def choose_pdf_engine(self) -> None:
        """Switch PDF export to LibreOffice when it is installed; say clearly when it is not."""
        from dnnd_drafter.writers import libreoffice

        wanted = self.use_libreoffice.isChecked()
        soffice = libreoffice.find_soffice() if wanted else None
        if wanted and soffice is None:
            self.use_libreoffice.setChecked(False)
            dialogs.presenter.error(self.window, TEXT["lo_absent"])
        elif wanted:
            dialogs.presenter.info(self.window, TEXT["lo_found"].format(soffice))
        self.window.settings.setValue("pdf/libreoffice", self.use_libreoffice.isChecked())

    def print_letter(self) -> None:
        """Open the print dialog for the letter."""
        from dnnd_drafter.writers.qt.printing import print_with_dialog

        self.window.current_page().apply(self.session.draft)
        letter = render_engine().printable(self.session.draft)
        suggested = paths.documents_dir() / self.default_output().with_suffix(".pdf").name
        print_with_dialog(letter, self.window, suggested_file=suggested)

    def after_create(self, key: str) -> None:
        """Carry out an action of the review page on the created file."""
        created = self.window.created
        if key == "open" and created:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(created)))
        elif key == "folder" and created:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(created.parent)))
        elif key == "print":
            self.guard(self.print_letter)
        elif key == "pdf":
            self.guard(self.export_pdf)
        elif key == "register":
            self.guard(self.register)

    def register(self) -> None:
        """Number the letter in the outgoing register and rewrite its files, staying on the step."""
        self.files.register()

    # -- data -----------------------------------------------------------------------------
    def open_data(self, key: str) -> None:
        """Open one of the office data windows (address book, lists, profiles, signers, register)."""
        if self.context.store is None:
            raise UserMessageError(TEXT["no_store"])
        from dnnd_drafter.ui.data import open_data_dialog  # the data windows load when first opened

        open_data_dialog(key, self.window)

    def import_directive(self) -> None:
        """Import a directive into the catalog and offer its tasks in step 3."""
        from PySide6.QtWidgets import QDialog

        from dnnd_drafter.ui.wizard.import_directive import ImportDirectiveDialog

        dialog = ImportDirectiveDialog(self.window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self.refresh_catalog()

    def refresh_catalog(self) -> None:
        """Reload the catalog and show its directives in the tasks step."""
        from dnnd_drafter.catalog import load_catalog

        self.context.catalog = load_catalog()
        tasks = self.window.pages.built_at(Step.TASKS)
        if tasks is not None:  # a tasks step not built yet will read the new catalog when shown
            tasks.set_catalog(self.context.catalog)  # type: ignore[attr-defined] # the tasks step
            tasks.load(self.session.draft)

    def backup(self) -> None:
        """Copy the whole database to a file the clerk chooses."""
        store = self.context.store
        if store is None:
            raise UserMessageError(TEXT["no_store"])
        from dnnd_drafter.files.filenames import safe_file_name, unique_path

        name = safe_file_name(f"dnnd-sao-luu-{_dt.date.today().isoformat()}")
        suggested = unique_path(paths.documents_dir() / f"{name}.sqlite3")
        path = dialogs.presenter.save_file(self.window, TEXT["backup_title"], str(suggested), TEXT["backup_filter"])
        if path and self.files.may_replace(Path(path)):
            store.backup(path)
            dialogs.presenter.info(self.window, TEXT["backup_done"].format(path))

    def restore(self) -> None:
        """Replace the database with a backup the clerk chooses, after asking."""
        store = self.context.store
        if store is None:
            raise UserMessageError(TEXT["no_store"])
        path = dialogs.presenter.open_file(self.window, TEXT["restore_title"], str(paths.documents_dir()),
                                           TEXT["backup_filter"])
        if not path or dialogs.presenter.ask(self.window, TEXT["restore_ask"]) != dialogs.YES:
            return
        from dnnd_drafter.store.restore import OlderBackupError

        try:
            safety = store.restore(path)
        except OlderBackupError as older:
            if dialogs.presenter.ask(self.window, TEXT["restore_older"].format(older.newest)) != dialogs.YES:
                return
            safety = store.restore(path, force=True)
        dialogs.presenter.info(self.window, TEXT["restore_done"].format(safety or "—"))

    def about(self) -> None:
        """Show the program's name and version."""
        dialogs.presenter.info(self.window, TEXT["about_text"].format(__version__))
