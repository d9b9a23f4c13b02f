"""Read emphasis and backslash escapes in one line of body markup, by CommonMark's rules.

The letter body needs only ``*italic*``, ``**bold**`` and ``\\`` escapes. markdown-it-py did this
(``MarkdownIt("zero").enable(["emphasis", "escape"])``), but importing and setting it up costs
15–40 ms in every process that renders a letter (issue 18). This module follows markdown-it-py
4.x's own steps (MIT licence) for exactly these rules: the text rule, ``escape``, ``emphasis``
(``scanDelims``), ``balance_pairs`` (``processDelimiters``) and emphasis's post-processing, and
returns the same emphasis on the same characters; ``tests/unit/test_emphasis_parser.py`` compares
the two on random lines.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

#: what a backslash escapes (CommonMark's ASCII punctuation); any other character keeps its backslash
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_WHITESPACE = frozenset((0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x202F, 0x205F, 0x3000))


@dataclass
class _Delimiter:
    """Hold one `*` or `_` of a run: its token, its run's length, whether it may open or close."""

    marker: str
    length: int
    token: int
    open: bool
    close: bool
    end: int = -1


def _is_whitespace(ch: str) -> bool:
    """Return whether `ch` is whitespace as markdown-it reads it (Zs and the ASCII controls)."""
    code = ord(ch)
    return 0x2000 <= code <= 0x200A or code in _WHITESPACE


def _is_punctuation(ch: str) -> bool:
    """Return whether `ch` is punctuation or a symbol (ASCII or Unicode P* and S*)."""
    return ch in _ESCAPABLE or unicodedata.category(ch).startswith(("P", "S"))


def _flanks(src: str, start: int, end: int, marker: str) -> tuple[bool, bool]:
    """Return whether the run src[start:end] of `marker` can open and can close emphasis."""
    last = src[start - 1] if start > 0 else " "
    following = src[end] if end < len(src) else " "
    last_punct, next_punct = _is_punctuation(last), _is_punctuation(following)
    last_space, next_space = _is_whitespace(last), _is_whitespace(following)
    left = not (next_space or (next_punct and not (last_space or last_punct)))
    right = not (last_space or (last_punct and not (next_space or next_punct)))
    split_word = marker == "*"
    return (left and (split_word or not right or last_punct),
            right and (split_word or not left or next_punct))


def _tokenize(src: str) -> tuple[list[list[str]], list[_Delimiter]]:
    """Return the line's tokens (``[type, content]``) and its emphasis delimiters."""
    tokens: list[list[str]] = []
    delimiters: list[_Delimiter] = []
    pending: list[str] = []
    pos = 0
    while pos < len(src):
        ch = src[pos]
        if ch == "\\" and pos + 1 < len(src):
            following = src[pos + 1]
            pos += 2
            if following == "\n":  # a hard break: nothing printed, the next line's indent skipped
                while pos < len(src) and src[pos] in " \t":
                    pos += 1
                continue
            pending.append(following if following in _ESCAPABLE else "\\" + following)
        elif ch in "*_":
            end = pos
            while end < len(src) and src[end] == ch:
                end += 1
            can_open, can_close = _flanks(src, pos, end, ch)
            if pending:
                tokens.append(["text", "".join(pending)])
                pending = []
            for _ in range(end - pos):
                tokens.append(["text", ch])
                delimiters.append(_Delimiter(ch, end - pos, len(tokens) - 1, can_open, can_close))
            pos = end
        else:
            pending.append(ch)
            pos += 1
    if pending:
        tokens.append(["text", "".join(pending)])
    return tokens, delimiters


def _pair(delimiters: list[_Delimiter]) -> None:
    """Match closers with openers (markdown-it's ``processDelimiters``, with the rule of 3)."""
    openers_bottom: dict[str, list[int]] = {}
    header, last_token = 0, -2
    jumps: list[int] = []
    for closer_index, closer in enumerate(delimiters):
        jumps.append(0)
        if delimiters[header].marker != closer.marker or last_token != closer.token - 1:
            header = closer_index
        last_token = closer.token
        if not closer.close:
            continue
        bottoms = openers_bottom.setdefault(closer.marker, [-1] * 6)
        minimum = bottoms[(3 if closer.open else 0) + closer.length % 3]
        opener_index = header - jumps[header] - 1
        new_minimum = opener_index
        while opener_index > minimum:
            opener = delimiters[opener_index]
            if opener.marker != closer.marker:
                opener_index -= jumps[opener_index] + 1
                continue
            if opener.open and opener.end < 0:
                odd = ((opener.close or closer.open) and (opener.length + closer.length) % 3 == 0
                       and (opener.length % 3 != 0 or closer.length % 3 != 0))
                if not odd:
                    before_can_open = opener_index > 0 and delimiters[opener_index - 1].open
                    last_jump = jumps[opener_index - 1] + 1 if opener_index > 0 and not before_can_open else 0
                    jumps[closer_index] = closer_index - opener_index + last_jump
                    jumps[opener_index] = last_jump
                    closer.open = False
                    opener.end = closer_index
                    opener.close = False
                    new_minimum = -1
                    last_token = -2
                    break
            opener_index -= jumps[opener_index] + 1
        if new_minimum != -1:
            bottoms[(3 if closer.open else 0) + closer.length % 3] = new_minimum


def _emphasise(tokens: list[list[str]], delimiters: list[_Delimiter]) -> None:
    """Turn matched delimiters into em/strong open and close tokens (adjacent pairs make strong)."""
    i = len(delimiters) - 1
    while i >= 0:
        start = delimiters[i]
        if start.end == -1:
            i -= 1
            continue
        end = delimiters[start.end]
        strong = (i > 0 and delimiters[i - 1].end == start.end + 1 and delimiters[i - 1].marker == start.marker
                  and delimiters[i - 1].token == start.token - 1
                  and delimiters[start.end + 1].token == end.token + 1)
        kind = "strong" if strong else "em"
        tokens[start.token] = [kind + "_open", ""]
        tokens[end.token] = [kind + "_close", ""]
        if strong:
            tokens[delimiters[i - 1].token][1] = ""
            tokens[delimiters[start.end + 1].token][1] = ""
            i -= 1
        i -= 1


def inline_tokens(text: str) -> list[tuple[str, str]]:
    """Return the tokens of one line: ``("text", content)``, ``("em_open", "")``, ``("strong_close", "")``…"""
    src = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    tokens, delimiters = _tokenize(src)
    _pair(delimiters)
    _emphasise(tokens, delimiters)
    return [(kind, content) for kind, content in tokens]
