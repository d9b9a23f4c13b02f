"""Offer the ways to begin: a new letter from a template and a profile, a recent draft, a draft
file, or an earlier letter copied with a new date and a blank number."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model import drafting
from dnnd_drafter.model import letter as model
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.wizard.step_header import TEMPLATES
from dnnd_drafter.ui.widgets import add_field
from dnnd_drafter.compose.template_files import available_templates

if TYPE_CHECKING:
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT = {
    "title": "Bắt đầu soạn văn bản",
    "new_box": "Văn bản mới", "profile": "Cơ quan:", "profile_tip": "Hồ sơ cơ quan dùng để điền sẵn thể thức.",
    "template": "Mẫu văn bản:", "template_tip": "Loại văn bản và mẫu nội dung.",
    "new": "Tạo văn bản mới", "new_tip": "Mở trình soạn thảo với mọi thông tin cơ quan đã điền sẵn.",
    "recent_box": "Bản thảo gần đây", "recent_tip": "Nhấp đúp để mở lại.", "none": "(chưa có bản thảo nào)",
    "open": "Mở bản thảo…", "open_tip": "Mở một tệp bản thảo (.json).",
    "copy": "Từ văn bản cũ…", "copy_tip": "Chép một văn bản cũ với ngày hôm nay và số để trống.",
    "open_title": "Mở bản thảo", "filter": "Bản thảo DNND (*.json)",
}


class StartChoice(NamedTuple):
    """Say how to begin: ``new`` (profile id, template), ``open`` or ``copy`` (path)."""

    action: str
    template: str = "cong_van_trien_khai"
    profile_id: int | None = None
    path: Path | None = None


def template_choices() -> list[str]:
    """Return the template names that exist (shipped or the user's), known ones first."""
    names = set(available_templates())
    return [n for n in TEMPLATES if n in names] + sorted(names - set(TEMPLATES))


class StartDialog(QDialog):
    """Let the clerk choose how to begin."""

    def __init__(self, context: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TEXT["title"])
        self.context = context
        self.presenter = context.presenter  # its messages, before it has a window to belong to
        self.choice: StartChoice | None = None
        column = QVBoxLayout(self)
        new_box = QGroupBox(TEXT["new_box"])
        form = QFormLayout(new_box)
        self.profile = QComboBox()
        store = context.store
        for profile in (store.profiles.all() if store is not None else []):
            self.profile.addItem(profile.name, profile.id)
        if context.profile is not None:
            self.profile.setCurrentIndex(max(self.profile.findData(context.profile.id), 0))
        self.template = QComboBox()
        for name in template_choices():
            self.template.addItem(TEMPLATES.get(name, name), name)
        add_field(form, TEXT["profile"], self.profile, TEXT["profile_tip"])
        add_field(form, TEXT["template"], self.template, TEXT["template_tip"])
        self.new_button = QPushButton(TEXT["new"])
        self.new_button.setToolTip(TEXT["new_tip"])
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.choose_new)
        form.addRow("", self.new_button)
        column.addWidget(new_box)
        recent_box = QGroupBox(TEXT["recent_box"])
        recent_column = QVBoxLayout(recent_box)
        self.recent = QListWidget()
        self.recent.setToolTip(TEXT["recent_tip"])
        self.recent_paths: list[Path] = []  # the path of each row of `recent`
        for item in (store.drafts.recent_drafts(10) if store is not None else []):
            if item.exists:
                self.recent.addItem(QListWidgetItem(f"{item.path.name} — {item.subject[:60]}"))
                self.recent_paths.append(item.path)
        if not self.recent.count():
            self.recent.addItem(QListWidgetItem(TEXT["none"]))
        self.recent.itemDoubleClicked.connect(self._open_recent)
        recent_column.addWidget(self.recent)
        buttons = QHBoxLayout()
        for key, slot in (("open", lambda: self._choose_file("open")), ("copy", lambda: self._choose_file("copy"))):
            button = QPushButton(TEXT[key])
            button.setToolTip(TEXT[f"{key}_tip"])
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        recent_column.addLayout(buttons)
        column.addWidget(recent_box)
        column.addWidget(QLabel(""))
        self.resize(640, 480)

    def choose_new(self) -> None:
        """Begin a new letter with the chosen profile and template."""
        self.choice = StartChoice("new", self.template.currentData() or "cong_van_trien_khai",
                                  self.profile.currentData())
        self.accept()

    def _open_recent(self, item: QListWidgetItem) -> None:
        """Reopen a recent draft."""
        row = self.recent.row(item)
        if 0 <= row < len(self.recent_paths):
            self.choice = StartChoice("open", path=self.recent_paths[row])
            self.accept()

    def _choose_file(self, action: str) -> None:
        """Ask for a draft file to open or to copy."""
        path = dialogs.presenter_of(self).open_file(self, TEXT["open_title"], str(Path.home()), TEXT["filter"])
        if path:
            self.choice = StartChoice(action, path=Path(path))
            self.accept()


def session_for(choice: StartChoice, context: "AppContext") -> DraftSession:
    """Return the session a start choice asks for; a new letter uses the chosen profile."""
    store = context.store
    if choice.action in ("open", "copy") and choice.path is not None:
        if choice.action == "copy":
            return DraftSession(drafting.copy_as_new(model.load(choice.path)), None, store)
        session = DraftSession.open(choice.path, store)  # remembers the version read
        if store is not None:
            store.drafts.record_recent(choice.path, session.draft.subject)
        return session
    if store is not None and choice.profile_id is not None:
        context.profile = store.profiles.get(choice.profile_id)
    signer = None
    if store is not None and context.profile is not None and context.profile.id is not None:
        signer = store.profiles.default_signer(context.profile.id)
    return DraftSession(drafting.new_draft(context.profile, signer, choice.template,
                                           family=context.family_without_profile), None, store)


def choose_start(context: "AppContext", parent: QWidget | None = None) -> DraftSession | None:
    """Show the start dialog; return the chosen session, or None when the clerk closed it."""
    dialog = StartDialog(context, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
        return None
    try:
        return session_for(dialog.choice, context)
    except UserMessageError as exc:
        context.presenter.error(parent, exc.message)
        return None
