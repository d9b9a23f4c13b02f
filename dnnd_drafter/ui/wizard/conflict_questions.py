"""Ask the clerk what to do when another window or process changed what they are saving.

A draft file changed since it was opened: "Ghi đè" (keeping what only the other side changed,
and always a number issued meanwhile), "Lưu thành tệp khác" or "Hủy". An address-book entry or
a recipient list whose field was changed meanwhile: "Ghi đè", "Giữ bản kia" or "Hủy". The
question names the fields each side changed; nothing is dropped without the clerk seeing it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from pathlib import Path

from PySide6.QtWidgets import QWidget

from dnnd_drafter.store.conflicts import NUMBER_FIELDS, DraftConflict, EditConflict, field_label
from dnnd_drafter.model.letter import Draft
from dnnd_drafter.store.draft_session import DraftSession
from dnnd_drafter.ui import dialogs
from dnnd_drafter.model.vietnamese import short_date

TEXT = {
    "draft": "Tệp bản thảo “{}” đã được thay đổi ở cửa sổ hoặc chương trình khác sau khi bạn mở nó.",
    "theirs": "Nơi khác đã sửa: {}.", "mine": "Bạn đã sửa: {}.", "mine_none": "Bạn chưa sửa mục nào.",
    "both": "Cả hai cùng sửa: {}; nếu ghi đè, bản của bạn được giữ ở các mục này.",
    "unreadable": "Nội dung tệp hiện không đọc được như một bản thảo; nếu ghi đè, nội dung đó sẽ mất.",
    "numbered": "Tệp đã được cấp số {} trong sổ văn bản đi: số, ký hiệu và ngày này được giữ khi ghi đè.",
    "draft_choices": "• Ghi đè: lưu bản đang sửa vào tệp này; các mục chỉ nơi khác sửa được giữ như trong tệp.\n"
                     "• Lưu thành tệp khác: để nguyên tệp này, lưu bản đang sửa sang một tệp mới.\n"
                     "• Hủy: chưa lưu gì.",
    "row_choices": "• Ghi đè: lưu giá trị bạn vừa sửa.\n"
                   "• Giữ bản kia: giữ giá trị đã sửa ở nơi khác (các thay đổi khác của bạn vẫn được lưu).\n"
                   "• Hủy: chưa lưu gì, quay lại sửa tiếp.",
    "overwrite": "Ghi đè", "save_elsewhere": "Lưu thành tệp khác", "keep_theirs": "Giữ bản kia", "cancel": "Hủy",
}
# fields whose value fits in the question
SHOWN_VALUES = ("number", "symbol", "date", "subject", "place")


def _fields(draft: Draft | None, keys: list[str]) -> str:
    """Return the names of draft fields `keys`, with the short values `draft` has for them."""
    parts = []
    for key in keys:
        value = getattr(draft, key, "") if draft is not None and key in SHOWN_VALUES else ""
        value = short_date(value) if key == "date" and value else value  # type: ignore[arg-type] # the date field holds a date
        text = str(value)
        parts.append(f"{field_label(key)} “{text[:80]}{'…' if len(text) > 80 else ''}”" if text else field_label(key))
    return ", ".join(parts)


def draft_question(conflict: DraftConflict) -> str:
    """Return the question about a draft file changed meanwhile, naming what each side changed."""
    lines = [TEXT["draft"].format(conflict.path.name), ""]
    if conflict.theirs is None:
        lines.append(TEXT["unreadable"])
    else:
        lines.append(TEXT["theirs"].format(_fields(conflict.theirs, conflict.theirs_changed)))
    lines.append(TEXT["mine"].format(_fields(conflict.mine, conflict.mine_changed))
                 if conflict.mine_changed else TEXT["mine_none"])
    both = [k for k in conflict.both_changed if not (conflict.numbered_meanwhile and k in NUMBER_FIELDS)]
    if conflict.theirs is not None and both:
        lines.append(TEXT["both"].format(_fields(None, both)))
    if conflict.numbered_meanwhile and conflict.theirs is not None:
        lines.append(TEXT["numbered"].format(conflict.theirs.number))
    return "\n".join([*lines, "", TEXT["draft_choices"]])


def save_draft(parent: QWidget, session: DraftSession, path: Path | None,
               save_elsewhere: Callable[[], bool], shown_again: Callable[[], None]) -> bool:
    """Save `session` (at `path`); when its file changed meanwhile ask what to do; return whether saved."""
    try:
        session.save(path)
        return True
    except DraftConflict as first:
        conflict = first
    while True:
        answer = dialogs.presenter_of(parent).ask(parent, draft_question(conflict), TEXT["overwrite"],
                                                  TEXT["save_elsewhere"], TEXT["cancel"])
        if answer == dialogs.NO:
            return save_elsewhere()
        if answer != dialogs.YES:
            return False
        try:
            session.overwrite(conflict)
        except DraftConflict as again:  # changed once more while the clerk was reading
            conflict = again
            continue
        shown_again()
        return True


def row_question(conflict: EditConflict) -> str:
    """Return the question about an entry or a list changed meanwhile."""
    return f"{conflict.message}\n\n{TEXT['row_choices']}"


def ask_row_conflict(parent: QWidget, conflict: EditConflict) -> str:
    """Ask about `conflict`; return YES (overwrite), NO (keep the other side's values) or CANCEL."""
    return dialogs.presenter_of(parent).ask(parent, row_question(conflict), TEXT["overwrite"], TEXT["keep_theirs"],
                                            TEXT["cancel"])


def save_edit(parent: QWidget, save: Callable[[Any, Any], Any], mine: Any, original: Any) -> Any | None:
    """Save `mine` (edited from `original`) with ``save(mine, original)``; ask on a conflict.

    Return what was stored, or None when the clerk chose "Hủy" (nothing written, keep editing).
    """
    while True:
        try:
            return save(mine, original)
        except EditConflict as conflict:
            answer = ask_row_conflict(parent, conflict)
            if answer not in (dialogs.YES, dialogs.NO):
                return None
            mine, original = conflict.rebased(mine, original, keep_theirs=answer == dialogs.NO), conflict.current
