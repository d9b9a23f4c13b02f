"""Write an issued number into its draft file, after the register has committed it.

``register issue`` commits the entry first (with the draft's path and the issuing process in
``pending_pid``), then :func:`write_number` writes number, symbol and date into the file and
clears the mark. A crash in between leaves a pending entry; :func:`reconcile`, run on every
open of the store, completes it (writes the number into the file) or reports it. So a number
is never in a file without being in the register, and is never handed out twice.
:func:`keep_issued_number` lets a window that saves an older copy of the draft keep the number.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.store.drafts import process_alive

if TYPE_CHECKING:
    from dnnd_drafter.store.register import Register, RegisterEntry

_LOG = logging.getLogger(__name__)
TEXT = {
    "completed": "Lần cấp số trước cho “{path}” bị gián đoạn; đã ghi số {number} vào tệp cho khớp với "
                 "sổ văn bản đi.",
    "unreadable": "Số {number} đã được cấp cho “{path}” nhưng không ghi được vào tệp ({reason}). Số này "
                  "vẫn nằm trong sổ văn bản đi và không bao giờ được cấp lại; hãy ghi số vào văn bản.",
    "other_number": "Sổ văn bản đi ghi số {number} cho “{path}” nhưng tệp đang mang số {found}. Hãy kiểm "
                    "tra lại; số {number} không bao giờ được cấp lại.",
}


def _same_number(text: str, number: int) -> bool:
    """Return whether the number written in a draft (``05``, ``5``) is `number`."""
    text = text.strip()
    return text.isdigit() and int(text) == number


def write_number(register: Register, entry: RegisterEntry, path: Path, draft: model.Draft | None = None) -> None:
    """Write the number of `entry` into the draft at `path` and record the file; clear pending.

    If the file cannot be written (the old file is then intact), the number is taken back
    (:meth:`~dnnd_drafter.store.register.Register.withdraw`) and the error raised again.
    """
    try:
        draft = draft if draft is not None else model.load(path)
        numbered = draft.copy(number=entry.number_text, symbol=entry.symbol, date=entry.date)
        model.save(numbered, path)
    except UserMessageError:
        register.withdraw(entry)
        raise
    register.attach_file(entry.id, path)
    register.save_marks()


def reconcile(register: Register) -> list[str]:
    """Complete the pending entries of processes that died; return Vietnamese notes for the clerk."""
    notes: list[str] = []
    for entry_id, pid in register.pending():
        if pid != os.getpid() and process_alive(pid):
            continue  # that process is writing the file right now
        entry = register.get(entry_id)
        note = _complete(register, entry)
        if note:
            _LOG.warning("register entry %s: %s", entry_id, note)
            notes.append(note)
    register.save_marks()
    return notes


def _complete(register: Register, entry: RegisterEntry) -> str | None:
    """Bring the draft file of a pending `entry` in line with the register; return a note or None."""
    path = Path(entry.draft_path)
    fields = {"path": path, "number": f"{entry.number_text}/{entry.symbol}"}
    try:
        draft = model.load(path)
        if _same_number(draft.number, entry.number):
            register.attach_file(entry.id, path)
            return None
        if draft.is_numbered:
            register.attach_file(entry.id, file_hash="")
            return TEXT["other_number"].format(found=draft.number, **fields)
        model.save(draft.copy(number=entry.number_text, symbol=entry.symbol, date=entry.date), path)
        register.attach_file(entry.id, path)
        return TEXT["completed"].format(**fields)
    except UserMessageError as exc:
        register.attach_file(entry.id, file_hash="")
        return TEXT["unreadable"].format(reason=exc.message.rstrip("."), **fields)


def keep_issued_number(register: Register, draft: model.Draft, path: str | Path) -> model.Draft:
    """Return `draft` with the number the register issued for the file at `path`, if it lacks one.

    A window that opened the draft before ``register issue`` numbered it would otherwise save
    the file without its number while the register keeps it. Only a number the file at `path`
    still carries is kept.
    """
    if draft.is_numbered:
        return draft
    entry = register.entry_for_draft(path)
    if entry is None:
        return draft
    try:
        on_disk = model.load(path)
    except UserMessageError:
        return draft
    if not _same_number(on_disk.number, entry.number):
        return draft  # the file no longer carries it (reused for another letter): nothing to keep
    return draft.copy(number=entry.number_text, symbol=entry.symbol, date=entry.date)
