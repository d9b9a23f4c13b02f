"""Read ``*emphasis*``, ``**strong**`` and backslash escapes in one line, as markdown-it-py does.

A port of the part of markdown-it-py (3.x, CommonMark) the letter bodies use: its ``zero``
preset with the ``emphasis`` and ``escape`` rules (``MarkdownIt("zero").enable(["emphasis",
"escape"]).parseInline``), down to the delimiter-run rules (flanking, the rule of 3) and the
pairing of ``**`` into strong. Importing markdown-it-py costs a ``dnnd-drafter render``
process more than the rest of composing; tests/unit/test_markup_emphasis.py compares the two on
every kind of line hypothesis can make.
"""

from __future__ import annotations

import unicodedata

_ESCAPED = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_WHITE = frozenset("\t\n\x0b\x0c\r \xa0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))))


class _Delimiter:
    """Hold one emphasis marker character: its token, its run's length and what it may do."""

    __slots__ = ("marker", "length", "token", "end", "open", "close")

    def __init__(self, marker: str, length: int, token: int, can_open: bool, can_close: bool) -> None:
        """Record a marker of a run of `length` at token index `token`."""
        self.marker, self.length, self.token, self.end = marker, length, token, -1
        self.open, self.close = can_open, can_close


def _punctuation(ch: str) -> bool:
    """Return whether `ch` counts as punctuation for flanking (ASCII, Unicode P and S)."""
    return ch in _ESCAPED or unicodedata.category(ch).startswith(("P", "S"))


def _scan(src: str, start: int) -> tuple[bool, bool, int]:
    """Return (can open, can close, length) of the marker run at `start` (markdown-it's scanDelims)."""
    marker, pos = src[start], start
    last = src[start - 1] if start > 0 else " "
    while pos < len(src) and src[pos] == marker:
        pos += 1
    following = src[pos] if pos < len(src) else " "
    last_punct, next_punct = _punctuation(last), _punctuation(following)
    last_white, next_white = last in _WHITE, following in _WHITE
    left = not (next_white or (next_punct and not (last_white or last_punct)))
    right = not (last_white or (last_punct and not (next_white or next_punct)))
    split = marker == "*"
    return (left and (split or not right or last_punct), right and (split or not left or next_punct),
            pos - start)


def _tokenize(src: str) -> tuple[list[list[str]], list[_Delimiter]]:
    """Return the [type, content] tokens of `src` and its emphasis delimiters."""
    tokens: list[list[str]] = []
    delimiters: list[_Delimiter] = []
    pending: list[str] = []
    pos, end = 0, len(src)

    def push(kind: str, content: str) -> None:
        if pending:
            tokens.append(["text", "".join(pending)])
            pending.clear()
        tokens.append([kind, content])

    while pos < end:
        ch = src[pos]
        if ch == "\\" and pos + 1 < end:
            following = src[pos + 1]
            if following == "\n":
                push("hardbreak", "")
                pos += 2
                while pos < end and src[pos] in " \t":
                    pos += 1
                continue
            escaped, pos = following, pos + 1
            if 0xD800 <= ord(following) <= 0xDBFF and pos + 1 < end and 0xDC00 <= ord(src[pos + 1]) <= 0xDFFF:
                escaped += src[pos + 1]
                pos += 1
            push("text", escaped if following in _ESCAPED else "\\" + escaped)
            pos += 1
        elif ch in "*_":
            can_open, can_close, length = _scan(src, pos)
            for _ in range(length):
                push("text", ch)
                delimiters.append(_Delimiter(ch, length, len(tokens) - 1, can_open, can_close))
            pos += length
        else:
            pending.append(ch)
            pos += 1
    if pending:
        tokens.append(["text", "".join(pending)])
    return tokens, delimiters


def _pair(delimiters: list[_Delimiter]) -> None:
    """Match each closing marker with its opener (markdown-it's processDelimiters)."""
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
        new_bottom = opener_index
        while opener_index > bottom[slot]:
            opener = delimiters[opener_index]
            if opener.marker != closer.marker:
                opener_index -= jumps[opener_index] + 1
                continue
            if opener.open and opener.end < 0:
                odd = ((opener.close or closer.open) and (opener.length + closer.length) % 3 == 0
                       and (opener.length % 3 != 0 or closer.length % 3 != 0))
                if not odd:
                    after_closed = opener_index > 0 and not delimiters[opener_index - 1].open
                    jump = jumps[opener_index - 1] + 1 if after_closed else 0
                    jumps[closer_index] = closer_index - opener_index + jump
                    jumps[opener_index] = jump
                    closer.open, opener.close, opener.end = False, False, closer_index
                    new_bottom, last_token = -1, -2
                    break
            opener_index -= jumps[opener_index] + 1
        if new_bottom != -1:
            bottom[(3 if closer.open else 0) + closer.length % 3] = new_bottom


def _tag(tokens: list[list[str]], delimiters: list[_Delimiter]) -> None:
    """Turn paired markers into strong/em open and close tokens (markdown-it's emphasis postProcess)."""
    i = len(delimiters) - 1
    while i >= 0:
        start = delimiters[i]
        if start.end == -1:
            i -= 1
            continue
        finish = delimiters[start.end]
        strong = (i > 0 and delimiters[i - 1].end == start.end + 1 and delimiters[i - 1].marker == start.marker
                  and delimiters[i - 1].token == start.token - 1
                  and delimiters[start.end + 1].token == finish.token + 1)
        kind = "strong" if strong else "em"
        tokens[start.token] = [kind + "_open", ""]
        tokens[finish.token] = [kind + "_close", ""]
        if strong:
            tokens[delimiters[i - 1].token][1] = ""
            tokens[delimiters[start.end + 1].token][1] = ""
            i -= 1
        i -= 1


def inline_tokens(src: str) -> list[tuple[str, str]]:
    """Return the (type, content) tokens markdown-it gives for one line (text, strong/em open/close, hardbreak)."""
    src = src.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    tokens, delimiters = _tokenize(src)
    _pair(delimiters)
    _tag(tokens, delimiters)
    return [(kind, content) for kind, content in tokens]
