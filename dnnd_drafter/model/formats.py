"""Load the layout figures of each family from ``resources/formats/*.toml``.

Every figure lives in data with its source; code reads it from a :class:`FamilyFormat`. A file
may name a base rule set with ``inherits`` and override only what differs. Adding a rule set
(e.g. a future ``dang-2026``) is adding a file.

Where the rule allows a range (NĐ 30: body 13–14 pt, left margin 30–35 mm), the file keeps the
exact figure we write (``size = 14``, ``left_mm = 30``) and adds the accepted bounds next to it
with the suffixes ``_min`` / ``_max`` (``size_min = 13``, ``left_mm_max = 35``; a missing bound
is the written figure) and their citation as ``range_source`` in the same table. The writers
use the figure; the checker accepts anything in :meth:`Style.size_range` and
:meth:`FamilyFormat.margin_range`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

from dnnd_drafter.base import shipped_files as resources
from dnnd_drafter.base.toml_cache import parsed_toml
from dnnd_drafter.base.errors import DraftError, UserMessageError

DEFAULT_RULE_SETS = {"dang": "dang-2018", "nha_nuoc": "nha_nuoc-2020",
                     "doan_the": "doan_the-2024", "doan_tn": "doan_tn-2013"}
MARGINS = ("top", "bottom", "left", "right")


class Range(NamedTuple):
    """Hold the values a rule accepts for one figure (pt or mm) and where the rule says so."""

    low: float
    high: float
    source: str

    @property
    def fixed(self) -> bool:
        """Return whether the rule allows one value only."""
        return self.low == self.high

    def holds(self, value: float, slack: float = 0.0) -> bool:
        """Return whether `value` lies in the range, `slack` (measuring error) either side."""
        return self.low - slack <= value <= self.high + slack


def _range(table: dict[str, Any], key: str) -> Range:
    """Return the accepted range of figure `key` in `table` (``key_min`` … ``key_max``)."""
    value = float(table[key])
    low, high = float(table.get(f"{key}_min", value)), float(table.get(f"{key}_max", value))
    if low == high == value:
        return Range(low, high, table.get("source", ""))
    return Range(low, high, table.get("range_source", ""))


def _check_range(table: dict[str, Any], key: str, where: str) -> None:
    """Raise DraftError when figure `key` of `table` lies outside its range or the range has no source."""
    value, (low, high, source) = float(table[key]), _range(table, key)
    if value < low or value > high:
        bound, word = (f"{key}_min = {low:g}", "nhỏ hơn") if value < low else (f"{key}_max = {high:g}", "lớn hơn")
        raise DraftError(f"Thể thức “{where}”: {key} = {value:g} {word} {bound}; con số viết ra phải nằm "
                         "trong khoảng cho phép.", field="rule_set")
    if not source:
        raise DraftError(f"Thể thức “{where}”: khoảng cho phép của {key} thiếu nguồn (range_source).",
                         field="rule_set")


@dataclass(frozen=True)
class Style:
    """Describe the type of one element: size in pt, weight, slant, underline, paragraph form.

    ``size`` is what we write; ``size_min`` / ``size_max`` widen what a letter may use (a missing
    bound is ``size``) and ``range_source`` cites the rule that allows it.
    """

    size: float
    size_min: float | None = None
    size_max: float | None = None
    range_source: str = ""
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str = "center"
    first_indent_mm: float = 0.0
    space_after_pt: float = 0.0
    line_exact_pt: float = 0.0
    source: str = ""

    @property
    def size_range(self) -> Range:
        """Return the sizes in pt the rule accepts for this element, with their citation."""
        table = {"size": self.size, "source": self.source, "range_source": self.range_source}
        table |= {k: v for k, v in (("size_min", self.size_min), ("size_max", self.size_max)) if v is not None}
        return _range(table, "size")


@dataclass(frozen=True)
class FamilyFormat:
    """Hold every layout figure of one family and rule set."""

    family: str
    rule_set: str
    title: str
    font: str
    page: dict[str, Any]
    header: dict[str, Any]
    number: dict[str, Any]
    subject: dict[str, Any]
    recipients: dict[str, Any]
    cc: dict[str, Any]
    body: dict[str, Any]
    signature: dict[str, Any]
    styles: dict[str, Style] = field(default_factory=dict)
    choices: dict[str, Any] = field(default_factory=dict)
    cc_label_styles: dict[str, Style] = field(default_factory=dict)

    def style(self, name: str) -> Style:
        """Return the style of element `name` (e.g. ``issuer``, ``body``)."""
        return self.styles[name]

    @property
    def text_width_mm(self) -> float:
        """Return the width between the left and right margins."""
        return float(self.page["width_mm"] - self.page["left_mm"] - self.page["right_mm"])

    def margin_range(self, side: str) -> Range:
        """Return the margins in mm the rule accepts on `side` (``top``, ``bottom``, ``left``, ``right``)."""
        return _range(self.page, f"{side}_mm")

    def options(self, choice: str) -> list[str]:
        """Return the values an office may pick for `choice` (see :data:`CHOICES`), default first."""
        values = list(self.choices.get(CHOICE_LISTS[choice], []))
        default = self.default_choice(choice)
        return [default] + [v for v in values if v != default]

    def default_choice(self, choice: str) -> str:
        """Return the family's own value of office choice `choice`."""
        if choice == "list_separator":
            return str(self.recipients["separator"])
        if choice == "closing_mark":
            return str(self.body.get("closing_mark", ""))
        return str(self.choices.get("cc_label_styles", [""])[0])

    def with_choices(self, choices: "OfficeChoices | None") -> "FamilyFormat":
        """Return these figures with an office's `choices` applied (None or unset: the family's own).

        A value the family does not offer raises DraftError naming the choice.
        """
        if choices is None or choices.is_default():
            return self
        chosen = {name: self.pick(name, getattr(choices, name)) for name in CHOICES}
        styles = dict(self.styles)
        if chosen["cc_label_style"] in self.cc_label_styles:
            styles["cc_label"] = self.cc_label_styles[chosen["cc_label_style"]]
        return replace(self, recipients={**self.recipients, "separator": chosen["list_separator"]},
                       cc={**self.cc, "separator": chosen["list_separator"]},
                       body={**self.body, "closing_mark": chosen["closing_mark"]}, styles=styles)

    def pick(self, choice: str, value: str | None) -> str:
        """Return `value` for office choice `choice`, the family's own when None; refuse one not offered."""
        if value is None:
            return self.default_choice(choice)
        if value not in self.options(choice):
            offered = ", ".join(f"“{v or CHOICE_NONE}”" for v in self.options(choice))
            raise DraftError(f"Trường “choices.{choice}”: “{value}” không dùng được cho bộ quy tắc "
                             f"{self.rule_set}; dùng {offered}.", field=f"choices.{choice}")
        return value


#: The office choices (spec Part A, "Office choices") and the list of values in ``[choices]``.
CHOICE_LISTS = {"list_separator": "list_separators", "closing_mark": "closing_marks",
                "cc_label_style": "cc_label_styles"}
CHOICES = tuple(CHOICE_LISTS)
CHOICE_NONE = "không có"


@dataclass(frozen=True)
class OfficeChoices:
    """Hold an office's choices where real letters differ; None means the family's default.

    ``list_separator``: ``,`` or ``;`` after each Kính gửi and Nơi nhận item; ``closing_mark``:
    ``./.`` or ``""`` after the body; ``cc_label_style``: ``underline`` (Party) or
    ``bold_italic`` (State) for the ``Nơi nhận:`` label.
    """

    list_separator: str | None = None
    closing_mark: str | None = None
    cc_label_style: str | None = None

    def is_default(self) -> bool:
        """Return whether every choice is left to the family."""
        return all(getattr(self, name) is None for name in CHOICES)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Return `base` deep-merged with `over` (tables merge, values replace)."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


@lru_cache(maxsize=None)
def _raw(rule_set: str) -> dict[str, Any]:
    """Return the merged TOML data of `rule_set`, following ``inherits``."""
    name = f"formats/{rule_set}.toml"  # read after the first frame, parsed once (base/toml_cache.py)
    try:
        data = parsed_toml(name, resources.read_text("data", name))
    except FileNotFoundError:
        raise DraftError(f"Không có bộ quy tắc thể thức “{rule_set}”.", field="rule_set") from None
    base = data.pop("inherits", None)
    return _merge(_raw(base), data) if base else data


@lru_cache(maxsize=None)
def load_format(family: str, rule_set: str = "") -> FamilyFormat:
    """Return the layout figures of `family` under `rule_set` (its default when empty)."""
    name = rule_set or DEFAULT_RULE_SETS[family]
    data = _raw(name)
    if data.get("family") != family:
        raise DraftError(f"Bộ quy tắc “{name}” không dành cho khối “{family}”.", field="rule_set")
    for side in MARGINS:
        _check_range(data["page"], f"{side}_mm", f"{name} [page]")
    for key, value in data.get("style", {}).items():
        _check_range(value, "size", f"{name} [style.{key}]")
    styles = {key: Style(**value) for key, value in data.get("style", {}).items()}
    return FamilyFormat(
        family=family, rule_set=data["rule_set"], title=data["title"], font=data["font"],
        page=data["page"], header=data["header"], number=data["number"], subject=data["subject"],
        recipients=data["recipients"], cc=data["cc"], body=data["body"],
        signature=data["signature"], styles=styles, choices=data.get("choices", {}),
        cc_label_styles={k: Style(**v) for k, v in data.get("cc_label_styles", {}).items()},
    )


def subject_figures(family: str, rule_set: str = "") -> dict[str, Any]:
    """Return the trích yếu's limits of `family` (``max_chars``, ``max_lines``); none for a rule set
    that cannot be read (it has its own message, naming ``rule_set``)."""
    try:
        return dict(load_format(family, rule_set).subject)
    except UserMessageError:
        return {}


@lru_cache(maxsize=1)
def _metrics() -> dict[str, Any]:
    """Return the advance-width table of Times New Roman's metric twin."""
    table: dict[str, Any] = json.loads(resources.read_text("data", "formats/metrics-times.json"))
    return table


def text_width_mm(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Return the printed width of `text` set in Times New Roman at `size` pt."""
    key = ("bold_" if bold else "") + ("italic" if italic else "")
    table: dict[str, float] = _metrics()[key.rstrip("_") or "regular"]
    units = sum(table.get(ch, 500.0) for ch in text)
    return units * size / 1000 * 25.4 / 72
