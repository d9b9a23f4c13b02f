"""Give the command line a Vietnamese face: help headings, usage line and argparse's errors.

argparse builds its texts through ``gettext`` at the moment it needs them; the parser below
swaps in :data:`ARGPARSE_TEXT` around every step that produces text (building, help, parsing,
errors), so ``--help`` and a bad argument print no English and a bad argument exits with 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

#: argparse's English texts (Python 3.11–3.13) and what the clerk reads instead.
ARGPARSE_TEXT = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "đối số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "subcommands": "lệnh con",
    "show this help message and exit": "xem hướng dẫn này rồi thoát",
    "show program's version number and exit": "xem số phiên bản rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "còn thiếu đối số: %s",
    "one of the arguments %s is required": "cần một trong các đối số: %s",
    "unrecognized arguments: %s": "không hiểu các đối số: %s",
    "not allowed with argument %s": "không dùng được cùng với %s",
    "ignored explicit argument %r": "đối số %r không cần giá trị",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ (cần %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "“%(value)s” không có; chọn một trong: %(choices)s",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "“%(value)s” không có; có phải là %(closest)r? Chọn một trong: %(choices)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "không có lệnh “%(parser_name)s”; chọn một trong: %(choices)s",
    "can't open '%(filename)s': %(error)s": "không mở được “%(filename)s”: %(error)s",
}

#: What argparse calls a value type in ``invalid %(type)s value``.
TYPE_NAMES = {"int": "một số nguyên", "float": "một số", "str": "một chuỗi"}


def _gettext(message: str) -> str:
    """Return the Vietnamese text of an argparse message (the message itself when unknown)."""
    return ARGPARSE_TEXT.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    """Return the Vietnamese text of an argparse message with a count."""
    return _gettext(singular if count == 1 else plural)


@contextmanager
def vietnamese_argparse() -> Iterator[None]:
    """Make argparse build its texts in Vietnamese inside the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined] # argparse's private translation hooks
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined] # argparse's private translation hooks
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined] # argparse's private translation hooks


class VietnameseHelpFormatter(argparse.HelpFormatter):
    """Write the help with a Vietnamese usage line."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        """Add the usage line, headed ``Cách dùng:``."""
        super().add_usage(usage, actions, groups, ARGPARSE_TEXT["usage: "] if prefix is None else prefix)


class VietnameseArgumentParser(argparse.ArgumentParser):
    """Parse arguments like argparse, speaking Vietnamese in the help and the errors.

    Subcommand parsers are of the same class (argparse makes them with the parent's class).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", VietnameseHelpFormatter)
        with vietnamese_argparse():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        """Add subcommands (their usage line is built here)."""
        with vietnamese_argparse():
            return super().add_subparsers(**kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> Any:
        """Add an argument; ``--version`` gets a Vietnamese help line."""
        if kwargs.get("action") == "version":
            kwargs.setdefault("help", ARGPARSE_TEXT["show program's version number and exit"])
        with vietnamese_argparse():
            return super().add_argument(*args, **kwargs)

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:
        """Parse the arguments; messages about them are in Vietnamese."""
        with vietnamese_argparse():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        """Parse the arguments, keeping the unknown ones; messages are in Vietnamese."""
        with vietnamese_argparse():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        """Return the usage line."""
        with vietnamese_argparse():
            return super().format_usage()

    def format_help(self) -> str:
        """Return the whole help text."""
        with vietnamese_argparse():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        """Print the usage and the Vietnamese error, then exit with status 2."""
        for english, name in TYPE_NAMES.items():
            message = message.replace(f"(cần {english})", f"(cần {name})")
        with vietnamese_argparse():
            super().error(message)
