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
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from dnnd_drafter.store import Profile
    from dnnd_drafter.store.drafts import RecentDraft

TEXT = {
    "begin": "Bắt đầu khác:", "profile_tip": "Soạn văn bản mới của cơ quan khác.",
    "recent": "↻ {}", "recent_tip": "Mở lại bản thảo “{}” ({})",
    "open": "Mở bản thảo…", "open_tip": "Mở một tệp bản thảo (.json).",
    "copy": "Từ văn bản cũ…", "copy_tip": "Chép một văn bản cũ với ngày hôm nay và số để trống.",
    "word": "Mở văn bản Word…",
    "word_tip": "Đọc một công văn Word (.docx) thành bản thảo để sửa thể thức hoặc soạn tiếp.",
    "close": "✕", "close_tip": "Ẩn dải này",
}
RECENT_SHOWN = 3
RECENT_LABEL_CHARS = 28


class ElidedButton(QPushButton):
    """Paint as much of its text as its width allows, ending in "…"; it never widens the window.

    The text itself (and so the size the button asks for) stays whole; only the painting is cut.
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setMinimumWidth(6 * self.fontMetrics().averageCharWidth())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        """Paint the button, its text cut to the width it has when the whole text does not fit."""
        padding = self.sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())
        room = max(self.width() - padding, 0)
        if self.fontMetrics().horizontalAdvance(self.text()) <= room:
            super().paintEvent(event)
            return
        from PySide6.QtCore import Qt  # only when cutting: the Qt namespace costs start time
        from PySide6.QtWidgets import QStyle, QStyleOptionButton, QStylePainter  # as Qt: 14 enums at first access

        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, room)
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_PushButton, option)


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
        rows = QVBoxLayout(self)  # the offices and recent drafts in a row of their own, shortened to fit
        rows.setContentsMargins(6, 2, 6, 2)
        rows.setSpacing(2)
        row, recent_row = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(row)
        rows.addLayout(recent_row)
        row.addWidget(QLabel(TEXT["begin"]))
        self.profile: QComboBox | None = None
        if len(profiles) > 1:
            self.profile = QComboBox()
            self.profile.setToolTip(TEXT["profile_tip"])
            self.profile.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.profile.setMinimumContentsLength(12)  # a long office name must not widen the window
            for profile in profiles:
                self.profile.addItem(profile.name, profile.id)
            self.profile.setCurrentIndex(max(self.profile.findData(current_id), 0))
            self.profile.activated.connect(lambda _i: self.profile_chosen.emit(int(self.profile.currentData())))
            recent_row.addWidget(self.profile)
        self.recent_buttons: list[QPushButton] = []
        for item in recent[:RECENT_SHOWN]:
            name = item.subject or item.path.stem
            short = name if len(name) <= RECENT_LABEL_CHARS else name[:RECENT_LABEL_CHARS - 1] + "…"
            button = ElidedButton(TEXT["recent"].format(short))
            button.setToolTip(TEXT["recent_tip"].format(name, item.path))
            button.clicked.connect(lambda _=False, p=item.path: self.recent_chosen.emit(p))
            recent_row.addWidget(button)
            self.recent_buttons.append(button)
        recent_row.addStretch(1)
        for key, signal, place in (("open", self.open_chosen, row), ("copy", self.copy_chosen, row),
                                   ("word", self.word_chosen, recent_row)):  # two rows: 1024 px wide fits
            button = QPushButton(TEXT[key])  # type: ignore[assignment] # plain buttons after the elided recent ones
            button.setToolTip(TEXT[f"{key}_tip"])
            button.clicked.connect(signal)
            place.addWidget(button)
        row.addStretch(1)
        close = QPushButton(TEXT["close"])
        close.setToolTip(TEXT["close_tip"])
        close.setFlat(True)
        close.clicked.connect(self.hide)
        row.addWidget(close)
