"""Give the wizard window its menus: Tệp, Dữ liệu, Trợ giúp, each command run by the controller.

Menus follow what a Windows user expects, with the usual shortcuts (Ctrl+N, Ctrl+O, Ctrl+S,
Ctrl+Shift+S, Ctrl+P). The menus only forward: every command is a method of
:class:`~dnnd_drafter.ui.wizard.controller.WizardController`, run inside its guard, so an error
meant for the clerk is shown in one place and the draft is never lost. The 25 commands are made
when a menu first opens or just after the first frame, not at start.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMenu

from dnnd_drafter.base import paths
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.wizard import open_word

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QKeySequence

    from dnnd_drafter.ui.wizard.controller import WizardController

PDF_SETTING = "pdf/libreoffice"  # the clerk's choice of PDF engine, kept in the window's settings
RECENT_SHOWN = 10
TEXT = {
    "file": "&Tệp", "new": "&Mới", "open": "&Mở…", "from_old": "Từ văn bản &cũ…", "save": "&Lưu",
    "save_as": "Lưu &thành…", "export_docx": "Xuất .&docx…", "export_pdf": "Xuất &PDF…", "print": "&In…",
    "use_lo": "Xuất PDF bằng &LibreOffice",
    "recent": "&Gần đây", "no_recent": "(chưa có)", "quit": "T&hoát",
    "data": "&Dữ liệu", "addressbook": "Sổ &địa chỉ…", "lists": "&Danh sách nơi nhận…",
    "profiles": "&Hồ sơ cơ quan…", "signers": "&Người ký…", "register": "Sổ &văn bản đi…",
    "import_directive": "&Nhập chỉ thị mới…",
    "backup": "&Sao lưu dữ liệu…", "restore": "&Khôi phục dữ liệu…", "server": "&Máy chủ dữ liệu của cơ quan…",
    "help": "Trợ &giúp", "guide": "&Hướng dẫn sử dụng", "logs": "Thư mục &nhật ký lỗi", "about": "&Giới thiệu",
}


def pdf_setting(settings: QSettings) -> bool:
    """Return whether the clerk chose to write PDFs through LibreOffice."""
    return bool(settings.value(PDF_SETTING, False, type=bool))


class WizardMenus:
    """Create the menus of `window` and forward their commands to `controller`."""

    def __init__(self, window: QMainWindow, controller: WizardController, settings: QSettings) -> None:
        self.window = window
        self.controller = controller
        self.settings = settings
        self._shortcuts: list[tuple[QAction, QKeySequence | QKeySequence.StandardKey]] = []
        self._filled = False
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
        from PySide6.QtGui import QKeySequence  # QAction and QKeySequence: set up here, not at start (~2 ms)

        control = self.controller
        file_menu, data_menu, help_menu = self.menus["file"], self.menus["data"], self.menus["help"]
        self._add(file_menu, "new", control.new, QKeySequence.StandardKey.New)
        self._add(file_menu, "open", control.open, QKeySequence.StandardKey.Open)
        self._add(file_menu, "from_old", control.from_old)
        open_word.add_open_word_action(self.window, control, file_menu)
        self.recent_menu = file_menu.addMenu(TEXT["recent"])
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        self._add(file_menu, "save", control.save, QKeySequence.StandardKey.Save)
        self._add(file_menu, "save_as", control.save_as, QKeySequence("Ctrl+Shift+S"))
        self._add(file_menu, "export_docx", control.export_docx, QKeySequence("Ctrl+E"))
        self._add(file_menu, "export_pdf", control.export_pdf)
        self._add(file_menu, "print", control.print_letter, QKeySequence.StandardKey.Print)
        self._use_libreoffice = self._add(file_menu, "use_lo", self._choose_pdf_engine)
        self._use_libreoffice.setCheckable(True)
        self._use_libreoffice.setChecked(control.pdf_through_libreoffice)
        self._use_libreoffice.toggled.connect(self._pdf_engine_shown)
        file_menu.addSeparator()
        self._add(file_menu, "quit", self.window.close, QKeySequence("Ctrl+Q"))
        for key in ("addressbook", "lists", "profiles", "signers", "register"):
            self._add(data_menu, key, partial(control.open_data, key))
        self._add(data_menu, "import_directive", control.import_directive)
        data_menu.addSeparator()
        self._add(data_menu, "backup", control.backup)
        self._add(data_menu, "restore", control.restore)
        self._add(data_menu, "server", control.edit_server)
        self._add(help_menu, "guide", control.show_guide, QKeySequence.StandardKey.HelpContents)
        self._add(help_menu, "logs", lambda: dialogs.open_in_system(paths.log_dir()))
        self._add(help_menu, "about", control.about)

    def _add(self, menu: QMenu, key: str, slot: Callable[[], object],
             shortcut: QKeySequence | QKeySequence.StandardKey | None = None) -> QAction:
        """Add an action named by TEXT[key] to `menu`, running `slot` inside the controller's guard."""
        from PySide6.QtGui import QAction

        action = QAction(TEXT[key], self.window)
        if shortcut is not None:
            self._shortcuts.append((action, shortcut))
        action.triggered.connect(lambda _=False: self.controller.guard(slot))
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

    def _choose_pdf_engine(self) -> None:
        """Ask the controller for the PDF engine the clerk ticked; show what it could use."""
        self._use_libreoffice.setChecked(self.controller.choose_pdf_engine(self._use_libreoffice.isChecked()))

    def _pdf_engine_shown(self, checked: bool) -> None:
        """Keep the controller's PDF engine and the settings in step with the ticked choice."""
        self.controller.pdf_through_libreoffice = checked
        self.settings.setValue(PDF_SETTING, checked)

    def _fill_recent(self) -> None:
        """List the recent drafts in the Gần đây menu."""
        self.recent_menu.clear()
        store = self.controller.context.store
        recent = store.drafts.recent_drafts(RECENT_SHOWN) if store is not None else []
        for item in recent:
            action = self.recent_menu.addAction(f"{item.path.name} — {item.subject[:40]}")
            action.triggered.connect(lambda _=False, p=item.path: self._open_recent(p))
        if not recent:
            self.recent_menu.addAction(TEXT["no_recent"]).setEnabled(False)

    def _open_recent(self, path: Path) -> None:
        """Open a recent draft through the controller's guard."""
        self.controller.guard(lambda: self.controller.open_path(path))
