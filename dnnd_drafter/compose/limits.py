"""Bound the work of one template rendering: steps, wall time, output and the size of each value.

A user template is a program; without limits ``{% for a in range(100000) %}{% for b in
range(100000) %}…`` runs for hours and ``{{ s|replace("a", s) }}`` fills the memory. The
sandbox (:mod:`dnnd_drafter.compose.sandbox`) calls in here:

- :func:`step` at every loop iteration, macro body, call, filter, test and intercepted operator;
  a rendering may take :data:`MAX_STEPS` steps and :data:`MAX_SECONDS` of wall time;
- :func:`output` for every ``{{ … }}`` printed, and :func:`step` with the literal text of each
  loop or macro body: the text written (buffers included) stays under :data:`MAX_OUTPUT`;
- :func:`check_value` for every value a template builds (list, tuple and dict literals, ``~``,
  operators, call and filter results): at most :data:`MAX_VALUE` characters or items;
- the estimators of :mod:`dnnd_drafter.compose.estimates` before the few operations that can
  build a huge result from small inputs (``*``, ``replace``, ``center``, ``join``, ``format`` …).

A real letter (200 tasks, 500 recipients) takes under a thousand steps, under 150 000
characters and milliseconds; the limits are a hundred to a thousand times above that. Going past one raises
:class:`TemplateBudgetError`, which :mod:`dnnd_drafter.compose.engine` turns into a Vietnamese
TemplateError naming the file and the line. Limits on steps, time and output hold while a
:func:`budget` is open (every ``Template.render`` of the sandbox opens one); size checks always.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, MappingView
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from types import GeneratorType
from typing import Any

import jinja2
from jinja2.utils import Namespace

#: Loop iterations, macro bodies, calls, filters, tests and operators one rendering may run.
MAX_STEPS = 1_000_000
#: Wall time one rendering may take (checked at every step).
MAX_SECONDS = 3.0
#: Characters one value a template builds may hold (items of a list count as one each, plus theirs).
MAX_VALUE = 2_000_000
#: Characters a rendering may write, counting text written into macro and ``set`` buffers too.
MAX_OUTPUT = 10_000_000
#: Elementary steps (characters copied or visited) one filter may take: about a second at worst.
MAX_WORK = 1_000_000_000
#: Items of one ``range()`` (Jinja's own sandbox limit).
MAX_RANGE = 100_000
#: Bits of one integer a template computes with ``*`` or ``**`` (about 30 000 digits).
MAX_INT_BITS = 100_000
#: Bytes of one user template file (shipped ones have 3 000; compiling 100 000 takes a second or two).
MAX_TEMPLATE_BYTES = 100_000


def _number(value: int) -> str:
    """Return `value` written the Vietnamese way (``1.000.000``)."""
    return f"{value:,}".replace(",", ".")


class TemplateBudgetError(jinja2.TemplateRuntimeError):
    """Report a template that went past a limit; `reason` says which, in Vietnamese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def too_big(what: str = "một giá trị") -> TemplateBudgetError:
    """Return the error for a value longer than :data:`MAX_VALUE`."""
    return TemplateBudgetError(f"{what} dài hơn {_number(MAX_VALUE)} ký tự")


def weight(value: Any, limit: int = MAX_VALUE) -> int:
    """Return about how many characters `value` prints as, stopping soon after `limit`.

    Strings count their length, integers their digits, lists, tuples, sets, dicts, dict views
    and Jinja namespaces one per item plus their items (shared items count each time, as they
    print); other objects count one. Iterative, so a deeply nested list neither recurses nor
    takes long.
    """
    total = 0
    stack = [value]
    pop, extend = stack.pop, stack.extend
    while stack:
        item = pop()
        kind = type(item)  # not isinstance: a Namespace answers __class__ in Python, slowly
        if kind is str or issubclass(kind, (str, bytes, bytearray)):
            total += len(item)
        elif kind is dict or issubclass(kind, dict):
            total += len(item) + 1
            extend(item.keys())
            extend(item.values())
        elif kind is Namespace:  # prints its attributes; Jinja lets this name through
            total += 1
            stack.append(object.__getattribute__(item, "_Namespace__attrs"))
        elif issubclass(kind, int):
            total += item.bit_length() // 3 + 1
        elif issubclass(kind, (list, tuple, set, frozenset, MappingView)):
            total += len(item) + 1
            extend(item)
        else:
            total += 1
        if total > limit:
            return total
    return total


def _bounded_items(items: Iterator[Any]) -> Iterator[Any]:
    """Yield the items of generator `items`, one step each, raising once they pass MAX_VALUE."""
    total = 0
    for item in items:
        total += weight(item) + 1
        if total > MAX_VALUE:
            raise too_big("dãy giá trị")
        step()
        yield item


def check_value(value: Any) -> Any:
    """Return `value`, or raise when it is longer than :data:`MAX_VALUE`.

    A generator (``map``, ``select``, ``batch`` …) is returned wrapped: each item it gives
    counts a step and their sizes add up, whoever consumes it (a loop or ``list``).
    """
    if isinstance(value, GeneratorType):
        return _bounded_items(value)
    if weight(value) > MAX_VALUE:
        raise too_big()
    return value


def check_size(size: int, what: str = "kết quả") -> None:
    """Raise when an operation would build a result of `size` characters or items (too many)."""
    if size > MAX_VALUE:
        raise too_big(what)


def check_work(work: int, what: str) -> None:
    """Raise when filter `what` would take more than :data:`MAX_WORK` elementary steps."""
    if work > MAX_WORK:
        raise TemplateBudgetError(f"bộ lọc “{what}” phải làm quá nhiều việc với giá trị này")


def check_bits(bits: int) -> None:
    """Raise when an integer of `bits` bits is too large to compute."""
    if bits > MAX_INT_BITS:
        raise TemplateBudgetError(f"số có hơn {_number(MAX_INT_BITS)} bit")


def safe_range(*args: Any) -> range:
    """Return ``range(*args)``, or raise when it has more than :data:`MAX_RANGE` items."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateBudgetError(f"range() có hơn {_number(MAX_RANGE)} phần tử")
    return numbers


@dataclass
class Budget:
    """Count what one rendering has used; `deadline` is on :func:`time.monotonic`'s clock."""

    deadline: float
    steps: int = 0
    written: int = 0

    def charge(self, chars: int) -> None:
        """Count one step writing `chars` characters; raise past a limit."""
        self.steps += 1
        self.written += chars
        if self.steps > MAX_STEPS:
            raise TemplateBudgetError(f"hơn {_number(MAX_STEPS)} bước lặp hoặc lời gọi")
        if self.written > MAX_OUTPUT:
            raise TemplateBudgetError(f"văn bản dài hơn {_number(MAX_OUTPUT)} ký tự")
        if time.monotonic() > self.deadline:
            seconds = f"{MAX_SECONDS:g}".replace(".", ",")
            raise TemplateBudgetError(f"chạy quá {seconds} giây")


_CURRENT: ContextVar[Budget | None] = ContextVar("dnnd_template_budget", default=None)


@contextmanager
def budget() -> Iterator[Budget]:
    """Open the budget of one rendering (in this thread), or reuse the one already open."""
    current = _CURRENT.get()
    if current is not None:
        yield current
        return
    fresh = Budget(deadline=time.monotonic() + MAX_SECONDS)
    token = _CURRENT.set(fresh)
    try:
        yield fresh
    finally:
        _CURRENT.reset(token)


def step(chars: int = 0) -> bool:
    """Count one step writing `chars` characters of literal text; return True (for loop tests)."""
    current = _CURRENT.get()
    if current is not None:
        current.charge(chars)
    return True


def output(value: Any) -> Any:
    """Return `value` as the text written for a ``{{ … }}``, counted (the environment's ``finalize``)."""
    current = _CURRENT.get()
    if current is None:
        return value
    if not isinstance(value, str):
        if weight(value) > MAX_VALUE:
            raise too_big()
        value = str(value)
    current.charge(len(value))
    return value
