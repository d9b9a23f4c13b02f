"""Answer the address-book search from memory: the folded text of every entry, kept in step with
the database, ranked and ordered in Python, so a keystroke never scans the table. Only what the
search tests is kept: one string an entry (its folded text and id, about 130 bytes), the ids in
an array and the validity and tags of the few entries that have them; the rows of the entries
found are read from the table by id.

SQLite's ``LIKE`` over 10 000 rows took 5–8 ms a keystroke on an office PC; Python's substring
test over the same strings in memory takes 1–2 ms. When the database changed (through this
connection, ``total_changes``, or another one, ``PRAGMA data_version``), the index reads only the
entries that changed: triggers on ``recipient`` write the id of every inserted, updated or deleted
row into the small ``recipient_change`` log (created on first use, the last
:data:`LOG_KEPT` changes kept), and the index reads the log past the last change it applied. A
write elsewhere (the wizard's autosave every 30 s) costs one query instead of re-reading 100,000
rows. It reads everything again only when the log cannot tell (first use, a restored database,
more than :data:`LOG_KEPT` changes missed, or inside a transaction that may still roll back).
The rules are those of :meth:`dnnd_drafter.store.addressbook.AddressBook.search`.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from array import array
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from dnnd_drafter.store.connection import StoreConnection
from dnnd_drafter.store.db import transaction
from dnnd_drafter.model.vietnamese import fold

SUBSTRING_MIN = 3  # shorter words must start a word ("uy" must not find "huyện")
#: The columns of the rows the index hands back (those AddressBook builds its entries from).
COLUMNS = "name, short_name, tags, valid_from, valid_to, replaced_by, id, uid, note"
LOG_KEPT = 5000  # changes the log keeps; an index further behind reads everything again
REREAD_AT = 2000  # more changed entries than this: reading everything is as quick
#: the change log and its triggers (``IF NOT EXISTS``: created by the first index on a database)
LOG_SQL = (
    "CREATE TABLE IF NOT EXISTS recipient_change (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
    "recipient_id INTEGER NOT NULL)",
    *(f"CREATE TRIGGER IF NOT EXISTS recipient_change_{event.lower()} AFTER {event} ON recipient BEGIN "
      f"INSERT INTO recipient_change (recipient_id) VALUES ({row}.id); "
      f"DELETE FROM recipient_change WHERE seq <= last_insert_rowid() - {LOG_KEPT}; END"
      for event, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old"))),
)
_TRIGGERS = ("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN "
             "('recipient_change_insert', 'recipient_change_update', 'recipient_change_delete')")
_LAST_SEQ = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'recipient_change'), 0)"
#: On the office's server the log is kept by a trigger made at setup; its counter is the last change.
_SERVER_LAST_SEQ = "SELECT n FROM change_counter WHERE name = 'recipient'"
_KEY_COLUMNS = "' ' || folded, id, valid_from, valid_to, nullif(tags, '[]')"

# An entry's key: " " + folded text (a word start is " " + word inside it), then ID_MARK, the
# number of hex digits of its id and the digits, all written as control characters. Keys sort as
# (folded text, id), and no search word can match inside the id: clean() drops control characters.
ID_MARK = "\x00"
_HEX = "0123456789abcdef"
_CONTROL_DIGITS = "".join(chr(code) for code in range(0x01, 0x11))
_TO_CONTROL = str.maketrans(_HEX, _CONTROL_DIGITS)
_FROM_CONTROL = str.maketrans(_CONTROL_DIGITS, _HEX)
FEW_CHANGED = 2  # up to this many changed entries are each found by a byte search of the ids


def _id_suffix(entry_id: int) -> str:
    """Return the end of the key of the entry `entry_id` (ID_MARK and the id's digits)."""
    digits = format(entry_id, "x")
    return f"{ID_MARK}{chr(len(digits))}{digits.translate(_TO_CONTROL)}"


def _key(spaced: str, entry_id: int) -> str:
    """Return the key of an entry: its spaced folded text followed by its id."""
    return spaced + _id_suffix(entry_id)


def _id_of(key: str) -> int:
    """Return the id written at the end of `key`."""
    return int(key[key.rindex(ID_MARK) + 2:].translate(_FROM_CONTROL), 16)


def _on_server(conn: object) -> bool:
    """Return whether `conn` is the office's PostgreSQL server (not an SQLite file)."""
    return getattr(conn, "dialect", "sqlite") == "postgres"


def _filter(keys: list[str], word: str) -> list[str]:
    """Return the keys holding `word`: anywhere from SUBSTRING_MIN letters, else at a word start."""
    # one C-speed comprehension; a word holds no space, so it is in " " + folded iff in folded
    probe = word if len(word) >= SUBSTRING_MIN else " " + word
    return [k for k in keys if probe in k]


def _narrows(word: str, before: str) -> bool:
    """Return whether every entry holding `word` holds `before` (so `before`'s entries can be filtered)."""
    return word.startswith(before) and (len(before) >= SUBSTRING_MIN or len(word) < SUBSTRING_MIN)


class SearchIndex:
    """Keep the folded search text of every address-book entry of one connection."""

    def __init__(self, conn: StoreConnection) -> None:
        self._conn = conn
        self._keys: list[str] = []  # one key an entry, sorted (by folded text, then id)
        self._ids = array("q")  # the id of every key, in the same order (where an entry is, in C speed)
        #: validity and tags (the JSON list) of the entries that have any, by key
        self._limits: dict[str, tuple[str | None, str | None, str | None]] = {}
        self._version: tuple[int, int | None] | None = None
        self._seq: int | None = None  # the last change of the log applied; None: unknown
        self._loggable = True  # False once creating the log failed (a read-only database)
        self._server = _on_server(conn)
        self._last_seq = _SERVER_LAST_SEQ if self._server else _LAST_SEQ
        # the last query's words and the keys left after each of them (levels[0]: all keys)
        self._words: list[str] = []
        self._levels: list[list[str]] = []

    def forget(self) -> None:
        """Read every entry again at the next search (the whole database was replaced under it)."""
        self._version = self._seq = None

    def _version_now(self) -> tuple[int, int]:
        """Return what changes when the database changes: one cheap query (no row is read)."""
        if self._server:  # a colleague's change moves the server's counter
            return self._conn.total_changes, self._conn.execute(_SERVER_LAST_SEQ).fetchone()[0]
        return self._conn.total_changes, self._conn.execute("PRAGMA data_version").fetchone()[0]

    def _fresh(self) -> list[str]:
        """Return the keys, applying what changed in the database since the last call."""
        version = self._version_now()
        if version == self._version:
            return self._keys
        if self._conn.in_transaction:  # what it holds may still roll back: read it, trust nothing later
            self._read_all()
            self._seq = self._version = None
            return self._keys
        applied = False
        if self._seq is not None:
            with transaction(self._conn, immediate=False):  # one snapshot for the log and the rows
                applied = self._apply_changes()
        if not applied:
            logged = self._has_log()
            with transaction(self._conn, immediate=False):
                self._read_all()
                row = self._conn.execute(self._last_seq).fetchone() if logged else None
                self._seq = row[0] if row is not None else None
        # on the server, the change applied last (a change after it moves the counter again)
        self._version = (self._conn.total_changes, self._seq) if self._server else self._version_now()
        return self._keys

    def _keyed(self, rows: Iterable[tuple[Any, ...]], ids: array[int]) -> list[str]:
        """Return the keys of `rows` (``_KEY_COLUMNS``), adding their ids to `ids` and noting the
        validity and tags they hold."""
        keys = []
        for spaced, entry_id, valid_from, valid_to, tags in rows:
            key = _key(spaced, entry_id)
            keys.append(key)
            ids.append(entry_id)
            if valid_from is not None or valid_to is not None or tags is not None:
                self._limits[key] = (valid_from, valid_to, tags)
        return keys

    def _read_all(self) -> None:
        """Read every entry."""
        self._limits, self._ids = {}, array("q")
        rows = self._conn.execute(f"SELECT {_KEY_COLUMNS} FROM recipient ORDER BY folded, id")
        self._keys = self._keyed(rows, self._ids)  # the table's order is the keys' order
        self._levels = []

    def _has_log(self) -> bool:
        """Return whether the change log and its triggers exist, creating them when they do not."""
        if self._server:
            return True
        if not self._loggable:
            return False
        if self._conn.execute(_TRIGGERS).fetchone()[0] == len(LOG_SQL) - 1:
            return True
        try:
            with transaction(self._conn):
                for statement in LOG_SQL:
                    self._conn.execute(statement)
        except sqlite3.Error:
            self._loggable = False
            return False
        return True

    def _keys_of(self, ids: set[int]) -> list[str]:
        """Return the keys in the index of the entries `ids` (a new entry has none)."""
        if len(ids) > FEW_CHANGED:  # one pass: about 6 ms at 100,000 entries
            return [self._keys[at] for at, entry_id in enumerate(self._ids) if entry_id in ids]
        raw, size, found = self._ids.tobytes(), self._ids.itemsize, []
        for entry_id in ids:
            wanted = array("q", [entry_id]).tobytes()
            at = raw.find(wanted)  # a byte search: a few hundred microseconds at 100,000 entries
            while at >= 0 and at % size:  # the bytes straddle two ids
                at = raw.find(wanted, at + 1)
            if at >= 0:
                found.append(self._keys[at // size])
        return found

    def _apply_changes(self) -> bool:
        """Apply the entries the log names past the last applied change; False when it cannot tell."""
        assert self._seq is not None
        if not self._server and self._conn.execute(_TRIGGERS).fetchone()[0] != len(LOG_SQL) - 1:
            return False  # a restored copy without the log
        last = self._conn.execute(self._last_seq).fetchone()[0]
        if last == self._seq:
            return True  # something else changed (a draft's autosave): nothing to read
        oldest = self._conn.execute("SELECT min(seq) FROM recipient_change").fetchone()[0]
        if last < self._seq or oldest is None or oldest > self._seq + 1:
            return False  # another database (a restore), or changes the log no longer holds
        ids = {r[0] for r in self._conn.execute("SELECT recipient_id FROM recipient_change WHERE seq > ?",
                                                (self._seq,))}
        if len(ids) > REREAD_AT:
            return False
        marks = ",".join("?" * len(ids))
        olds = self._keys_of(ids)
        for old in olds:
            self._limits.pop(old, None)
        rows = self._conn.execute(f"SELECT {_KEY_COLUMNS} FROM recipient WHERE id IN ({marks})", tuple(ids))
        new_ids: array[int] = array("q")
        news = self._keyed(rows, new_ids)
        levels = self._levels if self._levels and self._levels[0] is self._keys else [self._keys]
        for depth, level in enumerate(levels):  # all keys (and their ids), then what each word of the last query left
            for old in olds:
                at = bisect.bisect_left(level, old)
                if at < len(level) and level[at] == old:
                    del level[at]
                    if depth == 0:
                        del self._ids[at]
            for key, entry_id in zip(news, new_ids):
                if all(_filter([key], word) for word in self._words[:depth]):
                    at = bisect.bisect_left(level, key)
                    level.insert(at, key)
                    if depth == 0:
                        self._ids.insert(at, entry_id)
        self._levels = levels
        self._seq = last
        return True

    def _narrowed(self, words: list[str]) -> list[str]:
        """Return the keys of the entries holding every word, starting from what the last query left.

        As the clerk types, each query extends the last one: the entries left after its first
        words are kept, and a word that extends the last query's word (``uy`` → ``uy b``, ``ba``
        → ``ban`` is not: three letters match anywhere) starts from what that word left.
        """
        keys = self._fresh()
        if not self._levels or self._levels[0] is not keys:
            self._levels, self._words = [keys], []
        same = 0
        while same < min(len(words), len(self._words)) and words[same] == self._words[same]:
            same += 1
        levels = self._levels[:same + 1]
        if same < len(words) and same < len(self._words) and _narrows(words[same], self._words[same]):
            levels.append(self._levels[same + 1])  # filter it again with the longer word below
            levels[-1] = _filter(levels[-1], words[same])
            same += 1
        for word in words[same:]:
            levels.append(_filter(levels[-1], word))
        self._levels, self._words = levels, list(words)
        return levels[-1]

    def _rows(self, found: list[str]) -> list[tuple[Any, ...]]:
        """Return the rows (``COLUMNS``) of the entries `found` (keys), in their order."""
        by_id: dict[int, tuple[Any, ...]] = {}
        ids = [_id_of(k) for k in found]
        for start in range(0, len(ids), 900):  # under SQLite's limit of bound values
            chunk = ids[start:start + 900]
            by_id.update((r[6], r) for r in self._conn.execute(
                f"SELECT {COLUMNS} FROM recipient WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return [by_id[i] for i in ids if i in by_id]

    def _kept(self, candidates: list[str], on: str | None, tag: str | None) -> Iterator[str]:
        """Yield the candidates valid on the ISO date `on` (None: all) and carrying `tag`, in order."""
        limits = self._limits
        if tag is None and (on is None or not limits):
            yield from candidates  # no entry is limited: every candidate is kept
            return
        for key in candidates:
            held = limits.get(key)
            if held is None:
                if tag is None:  # valid at every date, carrying no tag
                    yield key
                continue
            valid_from, valid_to, tags = held
            if ((on is None or ((valid_from is None or valid_from <= on) and (valid_to is None or valid_to > on)))
                    and (tag is None or (tags is not None and tag in json.loads(tags)))):
                yield key

    def search(self, words: list[str], on: str | None, tag: str | None, limit: int) -> list[tuple[Any, ...]]:
        """Return the rows (``COLUMNS``) of the entries holding every word, best first, at most `limit`.

        A word of SUBSTRING_MIN letters or more matches anywhere, a shorter one only at a word
        start; `words` are folded and cleaned (no control character). Only entries valid on the
        ISO date `on` (None: all) and, with `tag`, carrying it. Rank: the whole query starts the
        text, then starts a word, then every word starts a word, then the rest; ties in folded
        order, then by id (the order the keys are kept in).
        """
        keys = self._narrowed(words)
        if not words:
            return self._rows(list(islice(self._kept(keys, on, tag), limit)))
        at_word = " " + " ".join(words)
        # the entries starting with the query are one run of the sorted list: found by bisection,
        # and when they fill the limit no other entry is looked at
        low = bisect.bisect_left(keys, at_word)
        high = bisect.bisect_left(keys, at_word + "\U0010ffff")
        best = list(islice(self._kept(keys[low:high], on, tag), limit))
        if len(best) < limit:  # rank buckets, best first; each keeps the folded-then-id order
            rest = list(self._kept(keys[:low] + keys[high:], on, tag))
            best += [k for k in rest if at_word in k]
            rest = [k for k in rest if at_word not in k]
            if len(best) < limit and len(words) > 1:
                starts = [" " + w for w in words]
                every = [all(s in k for s in starts) for k in rest]
                best += [k for k, ok in zip(rest, every) if ok]
                rest = [k for k, ok in zip(rest, every) if not ok]
            if len(best) < limit:
                best += rest
        return self._rows(best[:limit])


def closeness(query: str, texts: tuple[str, ...]) -> tuple[int, int, int]:
    """Return how well `query` names an entry known by `texts` (name, short form): lower is better.

    What the clerk means by Enter: the entry named exactly, else the one where the typed words
    come earliest (``mat tran`` → "Ủy ban Mặt trận …" before "Ban Thường trực Ủy ban Mặt trận …"),
    else the shortest. Marks and case do not matter.
    """
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
