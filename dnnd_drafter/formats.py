"""Load the layout figures of each family from ``resources/formats/*.toml``.

Every figure lives in data with its source; code reads it from a :class:`FamilyFormat`. A file
may name a base rule set with ``inherits`` and override only what differs. Adding a rule set
(e.g. a future ``dang-2026``) is adding a file.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dnnd_drafter import resources
from dnnd_drafter.errors import DraftError

DEFAULT_RULE_SETS = {"dang": "dang-2018", "nha_nuoc": "nha_nuoc-2020",
                     "doan_the": "doan_the-2024", "doan_tn": "doan_tn-2013"}


@dataclass(frozen=True)
class Style:
    """Describe the type of one element: size in pt, weight, slant, underline, paragraph form."""

    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    align: str = "center"
    first_indent_mm: float = 0.0
    space_after_pt: float = 0.0
    line_exact_pt: float = 0.0
    source: str = ""


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

    def style(self, name: str) -> Style:
        """Return the style of element `name` (e.g. ``issuer``, ``body``)."""
        return self.styles[name]

    @property
    def text_width_mm(self) -> float:
        """Return the width between the left and right margins."""
        return float(self.page["width_mm"] - self.page["left_mm"] - self.page["right_mm"])


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
    try:
        data = tomllib.loads(resources.read_text("data", f"formats/{rule_set}.toml"))
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
    styles = {key: Style(**value) for key, value in data.get("style", {}).items()}
    return FamilyFormat(
        family=family, rule_set=data["rule_set"], title=data["title"], font=data["font"],
        page=data["page"], header=data["header"], number=data["number"], subject=data["subject"],
        recipients=data["recipients"], cc=data["cc"], body=data["body"],
        signature=data["signature"], styles=styles,
    )


def rule_sets() -> list[str]:
    """Return the names of every shipped rule set."""
    return [n.removesuffix(".toml") for n in resources.list_names("data", "formats", ".toml")]


@lru_cache(maxsize=1)
def _metrics() -> dict[str, Any]:
    """Return the advance-width table of Times New Roman's metric twin."""
    return json.loads(resources.read_text("data", "formats/metrics-times.json"))


def text_width_mm(text: str, size: float, bold: bool = False, italic: bool = False) -> float:
    """Return the printed width of `text` set in Times New Roman at `size` pt."""
    key = ("bold_" if bold else "") + ("italic" if italic else "")
    table = _metrics()[key.rstrip("_") or "regular"]
    units = sum(table.get(ch, 500.0) for ch in text)
    return units * size / 1000 * 25.4 / 72
