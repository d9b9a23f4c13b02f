"""Detect lost updates between two windows or processes, and say in Vietnamese what changed.

Qt-free. A draft file is remembered by its :class:`FileStamp` (mtime, size, SHA-256) when it is
loaded or saved; before it is written again the content is compared (the clock alone is not
trusted), and a difference raises :class:`DraftConflict` instead of overwriting the other side's
change. Address-book entries and recipient lists are updated field by field: inside one
``BEGIN IMMEDIATE`` transaction the stored row is compared with the row as the clerk loaded it,
only the fields the clerk changed are written, and a field changed underneath to another value
raises :class:`EditConflict`. Both carry the fields that differ, so the window can ask ("Ghi đè",
"Lưu thành tệp khác" or "Giữ bản kia", "Hủy") and never drop a change silently.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, NamedTuple

from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.model.letter import Draft

# names of the draft's fields, as a clerk knows them; the body is compared part by part
DRAFT_FIELDS = {
    "number": "số", "symbol": "ký hiệu", "date": "ngày", "subject": "trích yếu", "place": "địa danh",
    "recipients": "Kính gửi", "cc": "Nơi nhận", "signature": "người ký", "issuer": "cơ quan ban hành",
    "family": "khối", "kind": "loại văn bản", "template": "mẫu", "rule_set": "bộ quy tắc",
    "choices": "cách trình bày của cơ quan",
    "content.opening": "phần mở đầu", "content.tasks": "các nhiệm vụ",
    "content.implementation": "tổ chức thực hiện", "content.closing": "phần kết",
    "content.attachment": "tài liệu kèm theo", "content.body": "nội dung", "content.directive": "văn bản được "
    "triển khai", "content.variant": "cách viết", "content.references": "căn cứ",
    "content.upper_reference": "văn bản cấp trên", "content.directing_body": "cơ quan chỉ đạo",
    "content.directing_verb": "lời chỉ đạo", "content.directed": "nơi được chỉ đạo", "content.situation": "tình hình",
    "content.lead_in": "câu dẫn", "content.purpose": "mục đích", "content.propaganda": "nội dung tuyên truyền",
    "content.forwarded": "tài liệu sao gửi", "content.wordin": "ghi chú khi đọc từ Word", "kept": "dữ liệu cũ giữ lại",
}
NUMBER_FIELDS = ("number", "symbol", "date")  # what register issue writes into the file
# draft files larger than this are not read back for a comparison (they are not drafts)
COMPARE_LIMIT = 8 * 1024 * 1024


class FileStamp(NamedTuple):
    """Hold what identifies one version of a file: modification time, size and content hash."""

    mtime_ns: int
    size: int
    sha256: str


def stamp_bytes(path: Path, data: bytes) -> FileStamp:
    """Return the stamp of `path` whose content is `data` (just read or just written)."""
    import hashlib  # not at start: the first window opens without it

    try:
        info = os.stat(path)
        mtime_ns = info.st_mtime_ns
    except OSError:
        mtime_ns = 0
    return FileStamp(mtime_ns, len(data), hashlib.sha256(data).hexdigest())


def read_stamp(path: Path) -> tuple[FileStamp, bytes] | None:
    """Return the stamp and content of the file at `path`, or None when it is not there."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(COMPARE_LIMIT + 1)
    except FileNotFoundError:
        return None
    except OSError:
        return None  # unreadable now: the write itself will report why
    return stamp_bytes(path, data), data


def same_version(remembered: FileStamp, now: FileStamp) -> bool:
    """Return whether `now` is the version remembered (the content decides, not the clock)."""
    return remembered.size == now.size and remembered.sha256 == now.sha256


def field_keys(*drafts: Draft | None) -> list[str]:
    """Return the comparable field keys of `drafts` (:data:`DRAFT_FIELDS`; the body part by part)."""
    return list(DRAFT_FIELDS)


def field_value(draft: Draft, key: str) -> Any:
    """Return the value of the field `key` (``subject``, ``content.tasks``)."""
    if key == "cc":  # the lines and the notes on them go together (a note names its lines)
        return draft.cc, draft.cc_notes
    owner, _, name = key.rpartition(".")
    return getattr(draft.content if owner else draft, name)


def set_field(draft: Draft, key: str, value: Any) -> None:
    """Set the field `key` of `draft` to (a copy of) `value`."""
    value = copy.deepcopy(value)
    if key == "cc":
        draft.cc, draft.cc_notes = value
        return
    owner, _, name = key.rpartition(".")
    setattr(draft.content if owner else draft, name, value)


def changed_fields(before: Draft | None, after: Draft | None) -> list[str]:
    """Return the keys of the fields that differ between two drafts (all of them if one is None)."""
    keys = field_keys(before, after)
    if before is None or after is None:
        return keys if before is not after else []
    return [key for key in keys if field_value(before, key) != field_value(after, key)]


def field_label(key: str) -> str:
    """Return the Vietnamese name of the field `key`."""
    return DRAFT_FIELDS[key]


def field_labels(keys: list[str]) -> str:
    """Return the Vietnamese names of the fields `keys`, comma separated."""
    return ", ".join(field_label(k) for k in keys)


class DraftConflict(UserMessageError):
    """Report that the draft file changed on disk since this window loaded or saved it.

    `theirs` is the file's draft now (None when it no longer reads as a draft); `base` the
    draft as this window loaded or last saved it; `mine` the window's draft.
    """

    def __init__(self, path: Path, mine: Draft, base: Draft | None, theirs: Draft | None,
                 stamp: FileStamp | None = None) -> None:
        self.path, self.mine, self.base, self.theirs = path, mine, base, theirs
        self.stamp = stamp  # the file's version now: what "Ghi đè" agrees to replace
        self.theirs_changed = changed_fields(base, theirs)
        self.mine_changed = changed_fields(base, mine)
        what = field_labels(self.theirs_changed) if theirs is not None else "nội dung không đọc được"
        super().__init__(f"Tệp bản thảo “{path.name}” đã bị cửa sổ hoặc chương trình khác thay đổi "
                         f"sau khi được mở ({what}); chưa ghi gì vào tệp. Hãy lưu thành tệp khác, "
                         "hoặc mở lại tệp rồi sửa tiếp.")

    @property
    def both_changed(self) -> list[str]:
        """Return the fields that both sides changed, to different values."""
        if self.theirs is None:
            return list(self.mine_changed)
        return [k for k in self.theirs_changed
                if k in self.mine_changed and field_value(self.theirs, k) != field_value(self.mine, k)]

    @property
    def numbered_meanwhile(self) -> bool:
        """Return whether the file received a number (``register issue``) that this window lacks."""
        return self.theirs is not None and self.theirs.is_numbered and not self.mine.is_numbered

    def merged(self) -> Draft:
        """Return the window's draft with the other side's changes to fields this window left alone.

        A number given to the file meanwhile is always kept, with its symbol and date: the
        register holds it, so it must not vanish from the file.
        """
        merged = self.mine.copy()
        if self.theirs is None:
            return merged
        keep = [k for k in self.theirs_changed if k not in self.mine_changed]
        if self.numbered_meanwhile:
            keep += [k for k in NUMBER_FIELDS if k not in keep]
        for key in keep:
            set_field(merged, key, field_value(self.theirs, key))
        return merged


def draft_conflict(path: Path, mine: Draft, base: Draft | None, found: tuple[FileStamp, bytes]) -> DraftConflict:
    """Return the conflict between the window's `mine`, the loaded `base` and the file `found` now."""
    stamp, data = found
    try:
        theirs: Draft | None = model.loads(data.decode("utf-8-sig")) if len(data) <= COMPARE_LIMIT else None
    except Exception:  # noqa: BLE001 - whatever the file holds now, it is not a draft we can merge
        theirs = None
    return DraftConflict(path, mine, base, theirs, stamp)


@dataclass
class FieldChange:
    """Hold one field both sides changed: its name, Vietnamese label, the stored value and the clerk's."""

    name: str
    label: str
    theirs: str
    mine: str


class EditConflict(UserMessageError):
    """Report that a stored row changed underneath the clerk's edit, field by field.

    `current` is the row as stored now; `changes` the fields the clerk changed that another
    window changed too (to a different value); `editable` every field a clerk may change.
    """

    def __init__(self, what: str, current: Any, changes: list[FieldChange], editable: Iterable[str]) -> None:
        lines = "\n".join(f"• {c.label}: nơi khác đã sửa thành “{c.theirs}”, bạn sửa thành “{c.mine}”"
                          for c in changes)
        super().__init__(f"{what} vừa được sửa ở cửa sổ khác trong lúc bạn sửa:\n{lines}")
        self.what = what
        self.current = current
        self.changes = changes
        self.editable = tuple(editable)

    def rebased(self, mine: Any, original: Any, keep_theirs: bool = False) -> Any:
        """Return the stored row with the clerk's changes (`mine` against `original`) applied on top.

        With `keep_theirs`, the fields both sides changed keep the stored value. Save the result
        with :attr:`current` as the new original.
        """
        clashing = {c.name for c in self.changes}
        changes = {f: getattr(mine, f) for f in self.editable if getattr(mine, f) != getattr(original, f)
                   and not (keep_theirs and f in clashing)}
        return replace(self.current, **changes)
