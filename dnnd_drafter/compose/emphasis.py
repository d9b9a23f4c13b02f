"""Read ``*emphasis*``, ``**strong**`` and backslash escapes in one line, as markdown-it-py does.

The letter bodies use only these of Markdown's inline rules (``MarkdownIt("zero")`` with
``emphasis`` and ``escape`` enabled, see :mod:`dnnd_drafter.compose.markup`). This module follows
markdown-it-py 4.x step by step — the escape rule, the emphasis delimiters (CommonMark's
flanking rules), ``balance_pairs`` with its rule of three and ``emphasis.postProcess`` — so a
command such as ``dnnd-drafter pdf`` reads a line without importing markdown-it (about 15 ms of
a 300 ms process). :func:`inline_tokens` returns None for what it does not follow (line breaks,
carriage returns, NUL); the caller then asks markdown-it. tests/unit/test_markup_emphasis.py
compares the two on generated lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: ASCII punctuation: a backslash before one of these prints it literally (CommonMark)
ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_SPECIAL = re.compile(r"[\\*_]")
_WHITESPACE = frozenset("\t\n\v\f\r \u00a0\u1680\u202f\u205f\u3000")
UNSUPPORTED = ("\n", "\r", "\0")


@dataclass
class _Delimiter:
    """Hold one emphasis marker character: its run's length, token, pair and abilities."""

    marker: str
    length: int
    token: int
    end: int
    open: bool
    close: bool


def _is_white(ch: str) -> bool:
    """Return whether `ch` is Markdown whitespace (Zs or a control space)."""
    return ch in _WHITESPACE or "\u2000" <= ch <= "\u200a"


def _is_punct(ch: str) -> bool:
    """Return whether `ch` is ASCII punctuation or a Unicode punctuation or symbol."""
    return ch in ESCAPABLE or unicodedata.category(ch).startswith(("P", "S"))


def _scan(src: str, start: int) -> tuple[bool, bool, int]:
    """Return whether the marker run at `start` can open and close emphasis, and its length."""
    marker, pos = src[start], start
    while pos < len(src) and src[pos] == marker:
        pos += 1
    last = src[start - 1] if start > 0 else " "
    following = src[pos] if pos < len(src) else " "
    last_punct, next_punct = _is_punct(last), _is_punct(following)
    last_white, next_white = _is_white(last), _is_white(following)
    left = not (next_white or (next_punct and not (last_white or last_punct)))
    right = not (last_white or (last_punct and not (next_white or next_punct)))
    split_word = marker == "*"
    can_open = left and (split_word or not right or last_punct)
    can_close = right and (split_word or not left or next_punct)
    return can_open, can_close, pos - start


def _balance(delimiters: list[_Delimiter]) -> None:
    """Pair openers with closers (markdown-it's ``balance_pairs.processDelimiters``)."""
    bottoms: dict[str, list[int]] = {}
    header, last_token, jumps = 0, -2, []
    for closer_index, closer in enumerate(delimiters):
        jumps.append(0)
        if delimiters[header].marker != closer.marker or last_token != closer.token - 1:
            header = closer_index
        last_token = closer.token
        if not closer.close:
            continue
        bottom = bottoms.setdefault(closer.marker, [-1] * 6)
        slot = (3 if closer.open else 0) + closer.length % 3
        opener_index = header - jumps[header] - 1
        new_min = opener_index
        while opener_index > bottom[slot]:
            opener = delimiters[opener_index]
            if opener.marker != closer.marker:
                opener_index -= jumps[opener_index] + 1
                continue
            if opener.open and opener.end < 0:
                odd = ((opener.close or closer.open) and (opener.length + closer.length) % 3 == 0
                       and (opener.length % 3 != 0 or closer.length % 3 != 0))
                if not odd:
                    last_jump = (jumps[opener_index - 1] + 1
                                 if opener_index > 0 and not delimiters[opener_index - 1].open else 0)
                    jumps[closer_index] = closer_index - opener_index + last_jump
                    jumps[opener_index] = last_jump
                    closer.open, opener.end, opener.close = False, closer_index, False
                    new_min, last_token = -1, -2
                    break
            opener_index -= jumps[opener_index] + 1
        if new_min != -1:
            bottom[slot] = new_min


def _mark_pairs(tokens: list[list[str]], delimiters: list[_Delimiter]) -> None:
    """Turn paired markers into em/strong tokens (markdown-it's ``emphasis.postProcess``)."""
    index = len(delimiters) - 1
    while index >= 0:
        start = delimiters[index]
        if start.end == -1:
            index -= 1
            continue
        end = delimiters[start.end]
        strong = (index > 0 and delimiters[index - 1].end == start.end + 1
                  and delimiters[index - 1].marker == start.marker
                  and delimiters[index - 1].token == start.token - 1
                  and delimiters[start.end + 1].token == end.token + 1)
        kind = "strong" if strong else "em"
        tokens[start.token] = [f"{kind}_open", ""]
        tokens[end.token] = [f"{kind}_close", ""]
        if strong:
            tokens[delimiters[index - 1].token][1] = ""
            tokens[delimiters[start.end + 1].token][1] = ""
            index -= 1
        index -= 1


def inline_tokens(src: str) -> list[list[str]] | None:
    """Return the [type, content] tokens of one line, or None when markdown-it must read it."""
    if any(ch in src for ch in UNSUPPORTED):
        return None
    tokens: list[list[str]] = []
    delimiters: list[_Delimiter] = []
    pos = 0
    while pos < len(src):
        found = _SPECIAL.search(src, pos)
        at = found.start() if found else len(src)
        if at > pos:
            tokens.append(["text", src[pos:at]])
        if found is None:
            break
        if src[at] == "\\":
            if at + 1 == len(src):  # a backslash ending the line prints as typed
                tokens.append(["text", "\\"])
                break
            escaped = src[at + 1]
            tokens.append(["text", escaped if escaped in ESCAPABLE else "\\" + escaped])
            pos = at + 2
            continue
        can_open, can_close, count = _scan(src, at)
        for _ in range(count):
            tokens.append(["text", src[at]])
            delimiters.append(_Delimiter(src[at], count, len(tokens) - 1, -1, can_open, can_close))
        pos = at + count
    _balance(delimiters)
    _mark_pairs(tokens, delimiters)
    return tokens
