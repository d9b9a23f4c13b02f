"""Handle Vietnamese text: normalisation, dates with the zero rule, accent folding, case, lists.

No Qt, no docx here: these helpers serve the model, the layout, the store and the checker.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

# patterns compiled on first use (re's own cache), not when the module loads at start
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffe\uffff]"
_SPACES = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+"


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def clean(text: str, multiline: bool = False) -> str:
    """Return `text` NFC-normalised with control characters dropped and spaces tidied.

    With `multiline`, line breaks are kept (``\\r\\n`` and ``\\r`` become ``\\n``); otherwise
    they become spaces. Surrogates left over from bad decoding are dropped too.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.encode("utf-8", "ignore").decode("utf-8") if _has_surrogates(text) else text
    text = nfc(re.sub(_CONTROL, "", text.replace("\t", " ")))
    if not multiline:
        return re.sub(_SPACES, " ", text.replace("\n", " ")).strip()
    lines = [re.sub(_SPACES, " ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def _has_surrogates(text: str) -> bool:
    """Return whether `text` holds lone surrogate code points (the one thing UTF-8 cannot encode;
    the encoder finds them at C speed, ~10× faster than looking at each character in Python)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def fold(text: str) -> str:
    """Return `text` without marks, in lower case, for accent-insensitive search.

    ``Đ`` folds to ``d``; tone placement does not matter (``Uỷ`` and ``Ủy`` both fold to ``uy``).
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(_SPACES, " ", stripped.lower()).strip()


def upper(text: str) -> str:
    """Return `text` in Vietnamese upper case, NFC."""
    return nfc(text.upper())


def day_text(day: int) -> str:
    """Return the day as written in a date line: two digits below 10 (``05``)."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Return the month as written in a date line: ``01``, ``02``, then ``3`` … ``12``."""
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, date: _dt.date) -> str:
    """Return ``<Place>, ngày DD tháng M năm YYYY`` with the zero rule of NĐ 30 and HD 36."""
    return f"{place}, ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def short_date(date: _dt.date) -> str:
    """Return a date cited inside text: ``05/01/2022``, ``24/6/2022``, ``06/7/2011``."""
    return f"{day_text(date.day)}/{month_text(date.month)}/{date.year}"


def parse_iso_date(text: str) -> _dt.date:
    """Return the date of an ISO ``YYYY-MM-DD`` string; raise ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise ValueError(text)
    return _dt.date.fromisoformat(text.strip())


def parse_vn_date(text: str) -> _dt.date:
    """Return the date of ``05/01/2022``, ``5/1/2022`` or an ISO date; raise ValueError otherwise."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _dt.date(year, month, day)
    return parse_iso_date(text)


def punctuate(items: list[str], separator: str, final: str = ".") -> list[str]:
    """Return `items` with `separator` after each but the last, which ends with `final`.

    Trailing punctuation typed by the user (``,`` ``;`` ``.``) is replaced, so a list never
    ends ``;.``; a trailing ``./.`` or a closing parenthesis after a note is kept as typed.
    """
    out: list[str] = []
    for index, item in enumerate(items):
        body = item.rstrip()
        body = re.sub(r"\s*[,;.]+$", "", body) if not body.endswith("./.") else body[:-3]
        end = final if index == len(items) - 1 else separator
        out.append(body + end)
    return out


_STRAIGHT_PAIR = r'"([^"\n]*)"'


def curly_quotes(text: str) -> str:
    """Return `text` with each pair of straight double quotes made “ ” (an unpaired one stays)."""
    return re.sub(_STRAIGHT_PAIR, lambda m: f"“{m.group(1).strip()}”", text) if '"' in text else text


def pad_number(number: str) -> str:
    """Return a document number with a leading zero below 10 (``5`` → ``05``)."""
    number = number.strip()
    return f"0{number}" if number.isdigit() and len(number) == 1 else number


NB_HYPHEN = "\u2011"
# compiled on first use (re's own cache: 4 ms), not when the module loads at start
_SYMBOL = r"[0-9A-Za-zÀ-ỹĐđ]+(?:-[0-9A-Za-zÀ-ỹĐđ]+)*(?:/[0-9A-Za-zÀ-ỹĐđ]+(?:-[0-9A-Za-zÀ-ỹĐđ]+)*)+"


def protect_symbols(text: str) -> str:
    """Return `text` with the hyphens inside document symbols (``12-CT/TW``, ``UBND-VP``) made
    non-breaking (U+2011), so a line never ends in ``12-``."""
    if "-" not in text or "/" not in text:
        return text
    return re.sub(_SYMBOL, lambda m: m.group(0).replace("-", NB_HYPHEN), text)
