"""Estimate, before running it, how large the result of an amplifying template operation is.

Most operations a template can run build a result about as large as their inputs, and
:func:`dnnd_drafter.compose.limits.check_value` measures it afterwards. A few build a result
that is the *product* of their inputs, so measuring afterwards is too late (the memory is
gone): ``'x' * n``, ``n ** k``, ``s.replace(a, b)``, ``sep.join(items)``, ``s.center(n)``,
``'%*d' % (n, 1)``, ``'{:>{}}'.format(1, n)``, the filters ``indent``, ``wordwrap``,
``urlize``, ``tojson``, ``batch``, ``slice``, ``sum``, and ``lipsum``. Here each gets an upper
bound of its result's size from its arguments, and the two filters whose time grows faster
than their result (``wordwrap`` cutting a long word, ``pprint`` of nested lists) a bound of
their work. :func:`check_method`, :func:`check_filter` and :func:`check_binop` raise
:class:`~dnnd_drafter.compose.limits.TemplateBudgetError` when a bound passes its limit, and
return the arguments (iterables consumed twice, by ``join`` and ``sum``, made into lists).
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Sized
from typing import Any

from jinja2.utils import Namespace

from dnnd_drafter.compose.limits import (MAX_RANGE, MAX_VALUE, check_bits, check_size, check_work,
                                          too_big, weight)

_TEXT = (str, bytes, bytearray)
_HUGE = MAX_VALUE + 1
_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[a-zA-Z%]?")
_DIGITS = re.compile(r"\d+")
#: What one row made by ``batch`` or ``slice`` counts for: as many rows as ``range()`` items pass.
_ROW = MAX_VALUE // MAX_RANGE

Args = tuple[Any, ...]
Kwargs = dict[str, Any]


def _int(value: Any) -> int:
    """Return `value` as a size when it is an integer, else 0 (the operation will refuse it)."""
    return abs(value) if isinstance(value, int) else 0


def _arg(args: Args, kwargs: Kwargs, index: int, name: str, default: Any = None) -> Any:
    """Return the argument at `index` or named `name`, else `default`."""
    return args[index] if len(args) > index else kwargs.get(name, default)


def _digits(text: str) -> int:
    """Return the sum of the numbers written in `text` (a format spec), huge when one is."""
    return sum(_HUGE if len(d) > 9 else int(d) for d in _DIGITS.findall(text))


def _items(*values: Any) -> list[Any]:
    """Return `values`, with the items of those that are lists or tuples and the values of dicts."""
    found: list[Any] = []
    for value in values:
        if isinstance(value, dict):
            found.extend(value.values())
        elif isinstance(value, (list, tuple)):
            found.extend(value)
        else:
            found.append(value)
    return found


def _fields_size(template: str, fields: int, specs: list[str], *values: Any) -> int:
    """Return an upper bound of a format's result: each field may print the largest value.

    `specs` are the fields' format specs; the numbers written in them (widths, precisions) add
    up, and a width given by an argument (``*`` or ``{}``) may be the largest integer argument.
    """
    items = _items(*values)
    largest = max((weight(item) for item in items), default=0)
    nested = max((_int(item) for item in items), default=0)
    total = len(template) + fields * largest
    for spec in specs:
        total += _digits(spec) + nested * (spec.count("{") + spec.count("*"))
    return total


def printf_size(template: Any, values: Any) -> int:
    """Return an upper bound of the length of ``template % values``."""
    if not isinstance(template, _TEXT):
        return 0
    text = template.decode("latin-1") if isinstance(template, (bytes, bytearray)) else template
    specs = [match.group(0) for match in _PRINTF.finditer(text)]
    return _fields_size(text, len(specs), specs, values)


def format_size(template: Any, args: Args, kwargs: Kwargs) -> int:
    """Return an upper bound of the length of ``template.format(*args, **kwargs)``."""
    if not isinstance(template, str):
        return 0
    try:
        fields = [spec or "" for _, name, spec, _ in string.Formatter().parse(template) if name is not None]
    except ValueError:
        return len(template)  # str.format refuses it
    return _fields_size(template, len(fields), fields, args, kwargs)


def _replace_size(text: Any, old: Any, new: Any, count: Any) -> int:
    """Return an upper bound of the length of ``text.replace(old, new, count)``."""
    if not isinstance(text, _TEXT) or not isinstance(new, _TEXT):
        return 0
    times = text.count(old) if isinstance(old, type(text)) and old else len(text) + 1  # type: ignore[arg-type] # old is of text's type, checked here
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * len(new)


def _join_size(separator: Any, items: Any) -> int:
    """Return an upper bound of the length of ``separator.join(items)``."""
    if not isinstance(items, Sized):
        return 0
    return weight(items) + len(items) * len(separator if isinstance(separator, _TEXT) else str(separator))


def _sized(value: Any) -> Any:
    """Return `value`, as a list when it is an iterator or generator (so it can be measured)."""
    if isinstance(value, Sized) or not hasattr(value, "__iter__"):
        return value
    items = []
    total = 0
    for item in value:
        items.append(item)
        total += weight(item) + 1
        if total > MAX_VALUE:
            raise too_big("dãy giá trị")
    return items


def _translate_size(text: Any, table: Any) -> int:
    """Return an upper bound of the length of ``text.translate(table)``."""
    if isinstance(text, str) and isinstance(table, dict):
        longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1)
        return len(text) * max(longest, 1)
    return len(text) if isinstance(text, _TEXT) else 0


def _sum_size(items: Any, start: Any) -> int:
    """Return how many items ``sum(items, start)`` copies when it adds lists (quadratic)."""
    if isinstance(start, (int, float)) or not isinstance(items, Sized):
        return 0
    copied = length = len(start) if isinstance(start, Sized) else 0
    for item in items:  # type: ignore[attr-defined] # sum() takes iterables; Sized keeps generators out
        length += len(item) if isinstance(item, Sized) else 1
        copied += length
        if copied > MAX_VALUE:
            break
    return copied


#: Size bounds of the amplifying methods of str, bytes and int, by method name.
_METHODS: dict[str, Callable[[Any, Args, Kwargs], int]] = {
    "center": lambda s, a, k: len(s) + _int(_arg(a, k, 0, "width")),
    "ljust": lambda s, a, k: len(s) + _int(_arg(a, k, 0, "width")),
    "rjust": lambda s, a, k: len(s) + _int(_arg(a, k, 0, "width")),
    "zfill": lambda s, a, k: len(s) + _int(_arg(a, k, 0, "width")),
    "expandtabs": lambda s, a, k: len(s) + s.count("\t" if isinstance(s, str) else b"\t")
    * _int(_arg(a, k, 0, "tabsize", 8)),
    "replace": lambda s, a, k: _replace_size(s, _arg(a, k, 0, "old"), _arg(a, k, 1, "new"), _arg(a, k, 2, "count")),
    "join": lambda s, a, k: _join_size(s, _arg(a, k, 0, "iterable")),
    "format": lambda s, a, k: format_size(s, a, k),
    "format_map": lambda s, a, k: format_size(s, (), _arg(a, k, 0, "mapping") or {}),
    "translate": lambda s, a, k: _translate_size(s, _arg(a, k, 0, "table")),
    "to_bytes": lambda s, a, k: _int(_arg(a, k, 0, "length", 1)),
}


def check_method(receiver: Any, name: str, args: Args, kwargs: Kwargs) -> Args:
    """Refuse a method call of str, bytes or int whose result would be too large; return args."""
    estimate = _METHODS.get(name)
    if estimate is None or not isinstance(receiver, int if name == "to_bytes" else _TEXT):
        return args
    if name == "join" and args:
        args = (_sized(args[0]), *args[1:])
    check_size(estimate(receiver, args, kwargs))
    return args


def _lipsum_size(args: Args, kwargs: Kwargs) -> int:
    """Return an upper bound of the words ``lipsum(n, html, min, max)`` writes."""
    paragraphs = _int(_arg(args, kwargs, 0, "n", 5))
    return paragraphs * max(_int(_arg(args, kwargs, 2, "min", 20)), _int(_arg(args, kwargs, 3, "max", 100)))


def check_lipsum(args: Args, kwargs: Kwargs) -> None:
    """Refuse a ``lipsum()`` that would write too many words."""
    check_size(_lipsum_size(args, kwargs) * 10)


def _lines(text: Any) -> int:
    """Return how many lines `text` has (1 for anything else)."""
    return text.count("\n") + 1 if isinstance(text, str) else 1


def _wordwrap_size(s: Any, a: Args, k: Kwargs) -> int:
    """Return an upper bound of the length of ``s|wordwrap(width, …, wrapstring)``."""
    if not isinstance(s, str):
        return 0
    width = max(_int(_arg(a, k, 0, "width", 79)), 1)
    wrap = _arg(a, k, 2, "wrapstring")
    breaks = len(s) // width + _lines(s)
    return len(s) + breaks * (len(wrap) if isinstance(wrap, str) else 2)


def _urlize_size(s: Any, a: Args, k: Kwargs) -> int:
    """Return an upper bound of the length of ``s|urlize(…, target, rel)``."""
    if not isinstance(s, str):
        return 0
    extra = sum(len(v) for v in (_arg(a, k, 2, "target"), _arg(a, k, 3, "rel")) if isinstance(v, str))
    return len(s) * 3 + (len(s.split()) + 1) * (extra + 60)


#: Size bounds of the amplifying filters, by filter name: (value, arguments after it, keywords).
_FILTERS: dict[str, Callable[[Any, Args, Kwargs], int]] = {
    "center": lambda v, a, k: weight(v) + _int(_arg(a, k, 0, "width", 80)),
    "indent": lambda v, a, k: weight(v) + _lines(v) * (
        len(w) if isinstance(w := _arg(a, k, 0, "width", 4), str) else _int(w)),
    "format": lambda v, a, k: printf_size(v, k or a),
    "replace": lambda v, a, k: _replace_size(v, _arg(a, k, 0, "old"), _arg(a, k, 1, "new"), _arg(a, k, 2, "count")),
    "join": lambda v, a, k: _join_size(_arg(a, k, 0, "d", ""), v),
    "wordwrap": _wordwrap_size,
    "urlize": _urlize_size,
    "tojson": lambda v, a, k: weight(v) * (8 + _int(_arg(a, k, 0, "indent", 0))),
    "batch": lambda v, a, k: _int(_arg(a, k, 0, "linecount")) * _ROW,
    "slice": lambda v, a, k: _int(_arg(a, k, 0, "slices")) * _ROW,
    "sum": lambda v, a, k: _sum_size(v, _arg(a, k, 1, "start", 0)),
}


def _depth(value: Any) -> int:
    """Return how deeply lists, tuples, sets, dicts and namespaces nest in `value` (0: none)."""
    deepest = visited = 0
    stack = [(value, 1)]
    while stack and visited <= MAX_VALUE:
        item, depth = stack.pop()
        visited += 1
        if isinstance(item, Namespace):
            item = object.__getattribute__(item, "_Namespace__attrs")
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, (list, tuple, set, frozenset)):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def _wordwrap_work(s: Any, a: Args, k: Kwargs) -> int:
    """Return the characters ``wordwrap`` copies: a word longer than the width is cut piece by piece."""
    if not isinstance(s, str):
        return 0
    longest = max(map(len, s.split()), default=0)
    return len(s) + longest * longest // (2 * max(_int(_arg(a, k, 0, "width", 79)), 1))


#: Work bounds of the filters whose time grows faster than their result, by filter name.
_WORK: dict[str, Callable[[Any, Args, Kwargs], int]] = {
    "wordwrap": _wordwrap_work,
    "pprint": lambda v, a, k: weight(v) * (_depth(v) + 1) ** 2,  # pprint measures every level again
}


def check_filter(name: str, value: Any, args: Args, kwargs: Kwargs) -> Any:
    """Refuse a filter call whose result would be too large or too slow; return the value to filter."""
    if name in ("join", "sum"):
        value = _sized(value)
    if name in _FILTERS:
        check_size(_FILTERS[name](value, args, kwargs))
    if name in _WORK:
        check_work(_WORK[name](value, args, kwargs), name)
    return value


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse ``*``, ``**`` or ``%`` whose result would be too large (``+`` is measured after)."""
    if operator == "*":
        for seq, count in ((left, right), (right, left)):
            if isinstance(seq, (*_TEXT, list, tuple)) and isinstance(count, int):
                check_size(weight(seq) * count)
        if isinstance(left, int) and isinstance(right, int):
            check_bits(left.bit_length() + right.bit_length())
    elif operator == "**":
        if isinstance(left, int) and isinstance(right, int) and right > 0:
            check_bits(left.bit_length() * right if abs(left) > 1 else 1)
    elif operator == "%":
        check_size(printf_size(left, right))
