"""Make file names that every system accepts, and readable default names for letters.

One helper serves every place that proposes a file name (the letter's .docx and PDF, printing
to a file, backups, exports; a letter's readable name, from its number as laid out, is
:func:`dnnd_drafter.render.letter_file_stem`): characters that Windows, macOS or Linux refuse become ``-`` or
disappear, Vietnamese letters stay, names Windows keeps for devices (``CON``, ``LPT1``) get a
``_``, and the name is cut at a word so that it fits every file system (255 bytes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

MAX_BYTES = 150  # UTF-8 bytes of a name before its suffix: room left for "-99.docx" and for folders
# patterns compiled on first use (re's own cache), not when the module loads at start
_SEPARATORS = r"\s*[/\\:|]+\s*"  # read as a break: "CV/ĐU" -> "CV-ĐU"
_DROPPED = r"[*?\"<>\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
_SPACES = r"\s+"
_DASHES = r"-{2,}"
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def safe_file_name(text: str, fallback: str = "van-ban", max_bytes: int = MAX_BYTES) -> str:
    """Return `text` as a file name valid on Windows, macOS and Linux (Vietnamese letters kept).

    ``/ \\ : |`` become ``-``; ``* ? " < >`` and control characters are dropped; runs of spaces
    become one; leading and trailing dots, spaces and dashes go; a device name of Windows gets a
    leading ``_``; a name longer than `max_bytes` in UTF-8 is cut at a word. An empty result gives `fallback`.
    """
    name = re.sub(_DROPPED, "", unicodedata.normalize("NFC", text).replace("\n", " ").replace("\t", " "))
    name = re.sub(_SPACES, " ", re.sub(_SEPARATORS, "-", name))
    name = re.sub(_DASHES, "-", name).strip(" .-")
    name = _cut(name, max_bytes).rstrip(" .-")
    if not name:
        return fallback
    if name.split(".")[0].strip().upper() in _RESERVED:
        name = "_" + name
    return name


def _cut(name: str, max_bytes: int) -> str:
    """Return `name` shortened to at most `max_bytes` UTF-8 bytes, at a space when there is one."""
    if len(name.encode("utf-8")) <= max_bytes:
        return name
    cut = name.encode("utf-8")[:max_bytes].decode("utf-8", "ignore")
    space = cut.rfind(" ")
    return cut[:space] if space > len(cut) // 2 else cut


def unique_path(path: Path, is_taken: Callable[[Path], bool] = Path.exists) -> Path:
    """Return `path`, or the first of ``name-2``, ``name-3`` … beside it that is not taken."""
    candidate, count = path, 1
    while is_taken(candidate):
        count += 1
        candidate = path.with_name(f"{path.stem}-{count}{path.suffix}")
    return candidate
