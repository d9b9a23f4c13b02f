"""Answer the address-book search from memory: the folded text of every entry, kept in step with
the database, ranked and ordered in Python, so a keystroke never scans the table.

SQLite's ``LIKE`` over 10 000 rows took 5–8 ms a keystroke on an office PC; Python's substring
test over the same strings in memory takes 1–2 ms. The index is read again whenever the database
changed: through this connection (``total_changes``) or another one (``PRAGMA data_version``).
The rules are those of :meth:`dnnd_drafter.store.addressbook.AddressBook.search`.
"""

from __future__ import annotations

import json
import sqlite3
from typing import NamedTuple

SUBSTRING_MIN = 3  # shorter words must start a word ("uy" must not find "huyện")
#: The columns of the rows the index hands back (those AddressBook builds its entries from).
COLUMNS = "name, short_name, tags, valid_from, valid_to, replaced_by, id, uid, note"


class _Entry(NamedTuple):
    """Hold what the search reads of one entry, and the entry's row (in ``COLUMNS`` order)."""

    id: int
    folded: str
    spaced: str  # " " + folded: a word start is " " + word inside it
    valid_from: str | None
    valid_to: str | None
    tags: str
    row: tuple  # type: ignore[type-arg]


class SearchIndex:
    """Keep the folded search text of every address-book entry of one connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._entries: list[_Entry] = []
        self._version: tuple[int, int] | None = None

    def _fresh(self) -> list[_Entry]:
        """Return the entries, reading them again when the database changed since the last read."""
        version = (self._conn.total_changes, self._conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._version:
            rows = self._conn.execute(f"SELECT folded, {COLUMNS} FROM recipient ORDER BY folded, id")
            self._entries = [_Entry(r[7], r[0], " " + r[0], r[4], r[5], r[3], r[1:]) for r in rows]
            self._version = (self._conn.total_changes, version[1])
        return self._entries

    def search(self, words: list[str], on: str | None, tag: str | None, limit: int) -> list[tuple]:  # type: ignore[type-arg]
        """Return the rows (``COLUMNS``) of the entries holding every word, best first, at most `limit`.

        A word of SUBSTRING_MIN letters or more matches anywhere, a shorter one only at a word
        start. Only entries valid on the ISO date `on` (None: all) and, with `tag`, carrying it.
        Rank: the whole query starts the text, then starts a word, then every word starts a word,
        then the rest; ties in folded order, then by id (the order the entries are kept in).
        """
        entries = self._fresh()
        for word in words:  # each pass is one C-speed comprehension over what is left
            if len(word) >= SUBSTRING_MIN:
                entries = [e for e in entries if word in e.folded]
            else:
                start = " " + word
                entries = [e for e in entries if start in e.spaced]
        if on is not None:
            entries = [e for e in entries if (e.valid_from is None or e.valid_from <= on)
                       and (e.valid_to is None or e.valid_to > on)]
        if tag is not None:
            entries = [e for e in entries if e.tags != "[]" and tag in json.loads(e.tags)]
        if not words:
            return [e.row for e in entries[:limit]]
        joined = " ".join(words)
        at_word = " " + joined
        # rank buckets, best first; each keeps the folded-then-id order the entries are kept in
        best = [e for e in entries if e.folded.startswith(joined)]
        if len(best) < limit:
            rest = [e for e in entries if not e.folded.startswith(joined)]
            best += [e for e in rest if at_word in e.spaced]
            rest = [e for e in rest if at_word not in e.spaced]
            if len(best) < limit and len(words) > 1:
                starts = [" " + w for w in words]
                every = [all(s in e.spaced for s in starts) for e in rest]
                best += [e for e, ok in zip(rest, every) if ok]
                rest = [e for e, ok in zip(rest, every) if not ok]
            if len(best) < limit:
                best += rest
        return [e.row for e in best[:limit]]


def closeness(query: str, texts: tuple[str, ...]) -> tuple[int, int, int]:
    """Return how well `query` names an entry known by `texts` (name, short form): lower is better.

    What the clerk means by Enter: the entry named exactly, else the one where the typed words
    come earliest (``mat tran`` → "Ủy ban Mặt trận …" before "Ban Thường trực Ủy ban Mặt trận …"),
    else the shortest. Marks and case do not matter.
    """
    from dnnd_drafter.vietnamese import fold

    wanted = " ".join(fold(query).split())
    folded = [" ".join(fold(t).split()) for t in texts if t]
    if not wanted or not folded:
        return (1, 0, 0)
    exact = 0 if wanted in folded else 1
    words = wanted.split()

    def position(text: str) -> int:
        """Return where the query (else the sum of where its words) starts in `text`."""
        spaced = " " + text
        at = spaced.find(" " + wanted)
        if at >= 0:
            return at
        return sum(max(spaced.find(" " + w), spaced.find(w), 0) for w in words) + len(text)

    return (exact, min(position(t) for t in folded), min(len(t) for t in folded))
