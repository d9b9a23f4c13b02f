"""Offer the other ways to begin above step 1 when the app opens on a new letter: the office
(when there are several), the latest drafts, a draft file, an earlier letter to copy, or a
letter written in Word.

The app opens straight on a new letter from the office profile, ready to type; this strip
keeps the start dialog's other choices one click away (Tệp → Mới still opens the dialog) and
goes away once the clerk starts writing or has chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from dnnd_drafter.store import Profile
    from dnnd_drafter.store.drafts import RecentDraft

TEXT = {
    "begin": "Bắt đầu khác:", "profile_tip": "Soạn văn bản mới của cơ quan khác.",
    "recent": "↻ {}", "recent_tip": "Mở lại bản thảo “{}” ({})",
    "open": "Mở bản thảo…", "open_tip": "Mở một tệp bản thảo (.json).",
    "copy": "Từ văn bản cũ…", "copy_tip": "Chép một văn bản cũ với ngày hôm nay và số để trống.",
    "word": "Mở văn bản Word…", "word_tip": "Đọc một công văn Word (.docx) thành bản thảo để sửa thể thức hoặc soạn tiếp.",
    "close": "✕", "close_tip": "Ẩn dải này",
}
RECENT_SHOWN = 3
RECENT_LABEL_CHARS = 28


class StartStrip(QFrame):
    """Show the other ways to begin; emit what the clerk chose."""

    profile_chosen = Signal(int)  # a profile id: a new letter of that office
    recent_chosen = Signal(Path)
    open_chosen = Signal()
    copy_chosen = Signal()
    word_chosen = Signal()

    def __init__(self, profiles: list[Profile], current_id: int | None, recent: list[RecentDraft],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(QLabel(TEXT["begin"]))
        self.profile: QComboBox | None = None
        if len(profiles) > 1:
            self.profile = QComboBox()
            self.profile.setToolTip(TEXT["profile_tip"])
            for profile in profiles:
                self.profile.addItem(profile.name, profile.id)
            self.profile.setCurrentIndex(max(self.profile.findData(current_id), 0))
            self.profile.activated.connect(lambda _i: self.profile_chosen.emit(int(self.profile.currentData())))
            row.addWidget(self.profile)
        self.recent_buttons: list[QPushButton] = []
        for item in recent[:RECENT_SHOWN]:
            name = item.subject or item.path.stem
            short = name if len(name) <= RECENT_LABEL_CHARS else name[:RECENT_LABEL_CHARS - 1] + "…"
            button = QPushButton(TEXT["recent"].format(short))
            button.setToolTip(TEXT["recent_tip"].format(name, item.path))
            button.clicked.connect(lambda _=False, p=item.path: self.recent_chosen.emit(p))
            row.addWidget(button)
            self.recent_buttons.append(button)
        for key, signal in (("open", self.open_chosen), ("copy", self.copy_chosen), ("word", self.word_chosen)):
            button = QPushButton(TEXT[key])
            button.setToolTip(TEXT[f"{key}_tip"])
            button.clicked.connect(signal)
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(TEXT["close"])
        close.setToolTip(TEXT["close_tip"])
        close.setFlat(True)
        close.clicked.connect(self.hide)
        row.addWidget(close)
