"""Edit a free letter's body as rich text: bold and italic shown as such, ``## `` lines as bold,
slightly larger headings, item lines (``1.``, ``a)``, ``- ``, ``+ ``) as the text the clerk typed.

The body is stored as the letter's Markdown subset (:mod:`dnnd_drafter.compose.markup`): each
markup line is one block of the document and back. A line the clerk has not changed is written
back exactly as it was read, so opening and saving a body never rewrites its markup.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QTextBlock, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtGui import QKeyEvent, QTextBlockFormat, QTextFormat
from PySide6.QtWidgets import QTextEdit, QToolButton, QWidget

from dnnd_drafter.compose.markup import Run, parse_blocks, write_inline
from dnnd_drafter.ui.editors import buttons_above

TEXT = {
    "bold": "Đậm", "bold_tip": "In đậm phần chữ đang chọn (Ctrl+B)",
    "italic": "Nghiêng", "italic_tip": "In nghiêng phần chữ đang chọn (Ctrl+I)",
    "heading": "Tiêu đề", "heading_tip": "Đặt (hoặc bỏ) dòng đang chọn làm đề mục",
}
HEADING_LEVEL = 2          # a ``## `` line
LITERAL = 1                # block state: the line's leading ``- ``/``+ `` is text, not an item marker
ITEM_MARKS = ("- ", "+ ")
Signature = tuple[bool, str, tuple[Run, ...]]  # heading?, leading-literal?, runs


def _heading_format(on: bool) -> QTextCharFormat:
    """Return the character format a heading line is shown with (or without)."""
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, 1 if on else 0)
    return fmt


def _char_format(run: Run, heading: bool) -> QTextCharFormat:
    """Return the character format of one run of a line."""
    fmt = _heading_format(heading)
    if run.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(run.italic)
    return fmt


def _line_shape(line: str) -> tuple[bool, bool, str, tuple[Run, ...]]:
    """Return how a markup line shows: heading?, literal marker?, item marker text, runs."""
    blocks = parse_blocks(line)
    if not blocks:
        return False, False, "", ()
    block = blocks[0]
    marker = {"dash": "- ", "plus": "+ "}.get(block.kind, "")
    literal = block.kind == "para" and block.text.startswith(ITEM_MARKS)
    return block.kind == "heading", literal, marker, block.runs


def fill_document(document: QTextDocument, text: str) -> dict[Signature, str]:
    """Replace `document` with the blocks of markup `text`; return each line's markup by its shape."""
    document.clear()
    cursor = QTextCursor(document)
    originals: dict[Signature, str] = {}
    for index, line in enumerate(text.split("\n")):
        if index:
            cursor.insertBlock(QTextBlockFormat(), _heading_format(False))
        heading, literal, marker, runs = _line_shape(line)
        block_format = QTextBlockFormat()
        block_format.setHeadingLevel(HEADING_LEVEL if heading else 0)
        cursor.setBlockFormat(block_format)
        cursor.block().setUserState(LITERAL if literal else 0)
        if marker:
            cursor.insertText(marker, _heading_format(False))
        for run in runs:
            cursor.insertText(run.text, _char_format(run, heading))
        cursor.setCharFormat(_heading_format(heading))
        originals.setdefault(block_signature(cursor.block()), line)
    return originals


def block_runs(block: QTextBlock) -> tuple[Run, ...]:
    """Return the styled runs of one block as shown (a heading's own bold not counted)."""
    heading = block.blockFormat().headingLevel() == HEADING_LEVEL
    text = block.text()
    runs = []
    for part in block.textFormats():
        fmt = part.format
        bold = fmt.fontWeight() >= QFont.Weight.Bold and not heading
        runs.append(Run(text[part.start:part.start + part.length], bold, fmt.fontItalic()))
    return tuple(runs)


def block_signature(block: QTextBlock) -> Signature:
    """Return what decides a block's markup: heading?, literal-marker state, runs."""
    literal = "literal" if block.userState() == LITERAL else ""
    return block.blockFormat().headingLevel() == HEADING_LEVEL, literal, block_runs(block)


def block_markup(block: QTextBlock) -> str:
    """Return the markup line of one block."""
    heading, literal, runs = block_signature(block)
    text = "".join(run.text for run in runs)
    if not text.strip():
        return ""
    if heading:
        return "## " + write_inline(_trimmed(runs, len(text) - len(text.lstrip()))).strip()
    stripped = text.lstrip()
    if stripped.startswith(ITEM_MARKS) and not literal:
        return stripped[:2] + write_inline(_trimmed(runs, len(text) - len(stripped) + 2)).strip()
    line = write_inline(runs).strip()
    return "\\" + line if line.startswith((*ITEM_MARKS, "## ")) else line  # `*## :*` needs no escape


def _trimmed(runs: tuple[Run, ...], count: int) -> list[Run]:
    """Return `runs` without their first `count` characters."""
    out = []
    for run in runs:
        cut = min(count, len(run.text))
        count -= cut
        if run.text[cut:]:
            out.append(Run(run.text[cut:], run.bold, run.italic))
    return out


def document_markup(document: QTextDocument, originals: dict[Signature, str] | None = None) -> str:
    """Return the markup of `document`, one line per block; an unchanged line as it was read."""
    lines = []
    block = document.firstBlock()
    while block.isValid():
        original = (originals or {}).get(block_signature(block))
        lines.append(original if original is not None else block_markup(block))
        block = block.next()
    return "\n".join(lines)


class RichText(QTextEdit):
    """Show formatted text; take only plain text from a paste or a drop, so Word's styles stay out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAcceptRichText(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt naming
        """Start a body line, not another heading, when Enter ends a heading line."""
        cursor = self.textCursor()
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not cursor.hasSelection()
                and cursor.atBlockEnd() and cursor.blockFormat().headingLevel() == HEADING_LEVEL):
            cursor.insertBlock(QTextBlockFormat(), _heading_format(False))
            self.setTextCursor(cursor)
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt naming
        """Insert the plain text of `source`, in the format at the caret."""
        if source.hasText():
            self.textCursor().insertText(source.text().replace("\r\n", "\n").replace("\r", "\n"))


class RichBodyEditor(QWidget):
    """Edit a free letter body as rich text; read and write it as body markup."""

    textChanged = Signal()  # noqa: N815 - Qt naming

    def __init__(self, lines: int = 14, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = RichText()
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * lines + 14)
        self.originals: dict[Signature, str] = {}
        self.bold = self._button("bold", self.toggle_bold)
        self.italic = self._button("italic", self.toggle_italic)
        self.heading = self._button("heading", self.toggle_heading)
        for key, action in ((QKeySequence.StandardKey.Bold, self.toggle_bold),
                            (QKeySequence.StandardKey.Italic, self.toggle_italic)):
            shortcut = QShortcut(key, self.edit, action)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the body has the caret
        buttons_above(self, (self.bold, self.italic, self.heading), self.edit)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.cursorPositionChanged.connect(self.show_state)
        self.edit.currentCharFormatChanged.connect(self.show_state)

    def show_state(self) -> None:
        """Press the buttons that match the text at the caret: bold, italic, heading line."""
        fmt = self.edit.currentCharFormat()
        heading = self.edit.textCursor().blockFormat().headingLevel() == HEADING_LEVEL
        self.bold.setChecked(fmt.fontWeight() >= QFont.Weight.Bold and not heading)
        self.italic.setChecked(fmt.fontItalic())
        self.heading.setChecked(heading)

    def _button(self, key: str, action: Callable[[], None]) -> QToolButton:
        """Return a tool button labelled from TEXT that runs `action`."""
        button = QToolButton()
        button.setText(TEXT[key])
        button.setToolTip(TEXT[f"{key}_tip"])
        button.setCheckable(True)
        button.clicked.connect(action)
        button.clicked.connect(self.show_state)
        return button

    def text(self) -> str:
        """Return the body markup."""
        return document_markup(self.edit.document(), self.originals)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt naming
        """Show the body markup `text` (nothing happens when it is the text shown)."""
        if text == self.text():
            return
        self.originals = fill_document(self.edit.document(), text)
        self.edit.moveCursor(QTextCursor.MoveOperation.Start)

    def _merge(self, fmt: QTextCharFormat) -> None:
        """Apply `fmt` to the selection, or to what is typed next when nothing is selected."""
        cursor = self.edit.textCursor()
        if cursor.hasSelection():
            cursor.mergeCharFormat(fmt)
        self.edit.mergeCurrentCharFormat(fmt)

    def _all(self, test: object) -> bool:
        """Return whether every selected character (or the caret's format) passes `test`."""
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            return bool(test(self.edit.currentCharFormat()))  # type: ignore[operator]
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        probe = QTextCursor(self.edit.document())
        document = self.edit.document()
        for position in range(start, end):
            if document.characterAt(position) == "\u2029":  # a line end has no format of its own
                continue
            probe.setPosition(position + 1)
            if not test(probe.charFormat()):  # type: ignore[operator]
                return False
        return True

    def toggle_bold(self) -> None:
        """Make the selection bold, or plain again when it is all bold."""
        on = not self._all(lambda f: f.fontWeight() >= QFont.Weight.Bold)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
        self._merge(fmt)

    def toggle_italic(self) -> None:
        """Make the selection italic, or upright again when it is all italic."""
        on = not self._all(lambda f: f.fontItalic())
        fmt = QTextCharFormat()
        fmt.setFontItalic(on)
        self._merge(fmt)

    def toggle_heading(self) -> None:
        """Make the line(s) at the caret headings, or body lines again when the first is one."""
        cursor = self.edit.textCursor()
        on = cursor.blockFormat().headingLevel() != HEADING_LEVEL
        cursor.beginEditBlock()
        block_format = QTextBlockFormat()
        block_format.setHeadingLevel(HEADING_LEVEL if on else 0)
        cursor.mergeBlockFormat(block_format)
        whole = QTextCursor(self.edit.document())
        whole.setPosition(self.edit.document().findBlock(cursor.selectionStart()).position())
        end_block = self.edit.document().findBlock(cursor.selectionEnd())
        whole.setPosition(end_block.position() + end_block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        whole.mergeCharFormat(_heading_format(on))
        cursor.endEditBlock()
        self.edit.mergeCurrentCharFormat(_heading_format(on))
