"""Rules on the office choices: list punctuation, the ``./.`` after the body, the Nơi nhận label.

Real letters differ on these points (format-rules.md Part A, "Office choices"), so a letter is
measured against the office's setting when one is given (a profile, the draft being written)
and against the family's default otherwise. A letter that uses another value the family offers
gets one finding: an error against the office's own setting, a warning against the family's
default (the office may have chosen it), naming which setting was assumed.
"""

from __future__ import annotations

from dnnd_drafter.checker.context import Context, display
from dnnd_drafter.checker.rules_body import _items
from dnnd_drafter.checker.rules_signature import cc_entry, label_style
from dnnd_drafter.checker.report import ERROR, WARNING
from dnnd_drafter.checker.elements import Elements
from dnnd_drafter.model.formats import CHOICE_NONE, FamilyFormat, OfficeChoices
from dnnd_drafter.model.letter import FAMILIES

CLOSING_MARK = "./."
#: How a clerk names each value of an office choice.
VALUE_WORDS = {
    "list_separator": {",": "dấu phẩy “,” cuối mỗi dòng", ";": "dấu chấm phẩy “;” cuối mỗi dòng"},
    "closing_mark": {CLOSING_MARK: "có “./.” sau nội dung", "": "không có “./.” sau nội dung"},
    "cc_label_style": {"underline": "chữ “Nơi nhận:” 14 gạch chân, đứng",
                       "bold_italic": "chữ “Nơi nhận:” 12 đậm nghiêng"},
}
ELEMENTS = {"list_separator": "Dấu cuối dòng Kính gửi, Nơi nhận", "closing_mark": "Dấu kết thúc “./.”",
            "cc_label_style": "Chữ “Nơi nhận”"}
FIELDS = {"list_separator": "recipients", "closing_mark": "content", "cc_label_style": "cc"}


def describe(choice: str, value: str) -> str:
    """Return a value of office choice `choice` in a clerk's words."""
    return VALUE_WORDS[choice].get(value, f"“{value or CHOICE_NONE}”")


def _list_marks(found: Elements) -> list[str]:
    """Return the mark each list (Kính gửi, Nơi nhận) ends its items with, where it uses one mark."""
    lists = [_items(found.recipients)[1][:-1] if found.recipients else [],
             [cc_entry(display(line)) for line in found.cc_items][:-1]]
    marks = []
    for items in lists:
        ends = {item.rstrip()[-1:] for item in items if item.strip()}
        if len(ends) == 1:
            marks.append(ends.pop())
    return marks


def _used_separator(found: Elements, want: str | None = None) -> str | None:
    """Return the list mark the letter uses: the first list's other than `want` when one differs."""
    marks = _list_marks(found)
    return next((mark for mark in marks if mark != want), marks[0] if marks else None)


def _used_closing(found: Elements) -> str | None:
    """Return whether the body ends with ``./.`` (``./.`` or ``""``), None without a body."""
    texts = [p.text.strip() for p in found.body if p.text.strip()]
    if not texts:
        return None
    return CLOSING_MARK if any(t.endswith(CLOSING_MARK) or t == "/." for t in texts[-3:]) else ""


def used_choices(found: Elements, fmt: FamilyFormat | None = None) -> dict[str, str | None]:
    """Return the value of each office choice the letter shows (None where it shows none).

    With `fmt`, a letter whose two lists end differently shows the mark that differs from `fmt`'s.
    """
    want = _chosen_in(fmt, "list_separator") if fmt is not None else None
    return {"list_separator": _used_separator(found, want), "closing_mark": _used_closing(found),
            "cc_label_style": label_style(found.cc_label) if found.cc_label is not None else None}


def read_choices(found: Elements, fmt: FamilyFormat) -> OfficeChoices:
    """Return the office choices a letter shows where they differ from the family's and it offers them."""
    values = {name: used for name, used in used_choices(found).items()
              if used is not None and used != fmt.default_choice(name) and used in fmt.options(name)}
    return OfficeChoices(**values)


def check_choices(ctx: Context) -> None:
    """Report each office choice the letter makes otherwise than the setting assumed."""
    found = used_choices(ctx.found, ctx.fmt)
    setting = ctx.choices_from or f"mặc định của khối {FAMILIES[ctx.fmt.family]}"
    for choice, used in found.items():
        want = _chosen_in(ctx.fmt, choice)
        if used is None or used == want or used not in ctx.fmt.options(choice):
            continue
        severity = ERROR if ctx.choices_from else WARNING
        hint = "" if ctx.choices_from else ("; nếu cơ quan chọn cách này, kiểm tra theo hồ sơ của cơ quan "
                                            "(--profile TÊN)")
        source = ctx.fmt.choices.get("closing_source" if choice == "closing_mark" else "source", "")
        ctx.add(f"choices.{choice}", ELEMENTS[choice], describe(choice, used),
                f"{describe(choice, want)} (theo {setting}){hint}", source, FIELDS[choice], severity)


def _chosen_in(fmt: FamilyFormat, choice: str) -> str:
    """Return the value of `choice` in the figures `fmt` (an office's setting applied or not)."""
    if choice == "list_separator":
        return str(fmt.recipients["separator"])
    if choice == "closing_mark":
        return str(fmt.body.get("closing_mark", ""))
    label = fmt.style("cc_label")
    return next((name for name, style in fmt.cc_label_styles.items() if style == label),
                fmt.default_choice(choice))
