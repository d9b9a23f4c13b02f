"""Run ``dnnd-drafter``: the wizard without arguments, headless subcommands otherwise.

Each area registers its own subcommands: a module imported in :func:`build_parser` defines
``add_parsers(subparsers)`` and sets ``func`` (``args -> exit status``) on each parser.
A :class:`~dnnd_drafter.base.errors.UserMessageError` prints its Vietnamese message and exits with
its status (2 for bad input), as does an OSError (the disk or the rights, not a bug); any other
exception is logged and reported with the log path.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dnnd_drafter import __version__
from dnnd_drafter.base.errors import UserMessageError, file_failure_message

if TYPE_CHECKING:
    import argparse

def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand registered.

    The command modules are imported here, not at the top: the wizard (no subcommand) starts
    without them, which saves a third to half a second (``python -X importtime``: they pull
    in the store, the checker and the Word reader).
    """
    from dnnd_drafter.catalog import commands as catalog_commands
    from dnnd_drafter.checker import commands as checker_commands
    from dnnd_drafter.cli import letter_commands, pdf_commands
    from dnnd_drafter.cli.parser import VietnameseArgumentParser
    from dnnd_drafter.store import commands as store_commands
    from dnnd_drafter.wordin import commands as wordin_commands

    parser = VietnameseArgumentParser(
        prog="dnnd-drafter",
        description="Soạn công văn đúng thể thức. Không có lệnh con: mở trình soạn thảo.",
    )
    parser.add_argument("--version", action="version", version=f"dnnd-drafter {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH")
    for module in (letter_commands, catalog_commands, store_commands, checker_commands, pdf_commands,
                   wordin_commands):
        module.add_parsers(subparsers)
    return parser


def _configure_stdio() -> None:
    """Make stdout and stderr write UTF-8, so Vietnamese prints on a Windows console."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding="utf-8", errors="replace")
            except (ValueError, OSError):
                pass


def _run_wizard() -> int:
    """Start the wizard (Qt is imported only here)."""
    from dnnd_drafter.ui.app import run_app

    return run_app(sys.argv[:1])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` and return the exit status."""
    _configure_stdio()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:  # the wizard: start it without importing every subcommand first
        return _run_wizard()
    parser = build_parser()
    args = parser.parse_args(arguments)
    if not getattr(args, "func", None):
        return _run_wizard()
    from dnnd_drafter.base import crashlog

    crashlog.setup_logging()
    try:
        return int(args.func(args) or 0)
    except UserMessageError as exc:
        print(f"Lỗi: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output was piped into a program that stopped reading (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the disk, not the program: a full disk, a read-only stick, no rights
        crashlog.log_exception(*sys.exc_info())
        print(f"Lỗi: {file_failure_message(exc, exc.filename or 'dữ liệu')}", file=sys.stderr)
        return 2
    except Exception:  # noqa: BLE001 - the one place that turns a bug into a message
        path = crashlog.log_exception(*sys.exc_info())
        where = f"Chi tiết đã được ghi vào: {path}" if path else "Không ghi được tệp nhật ký."
        print(f"Lỗi không mong muốn. {where}", file=sys.stderr)
        return 1
