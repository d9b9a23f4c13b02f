"""Run ``dnnd-drafter``: the wizard without arguments, headless subcommands otherwise.

Each area registers its own subcommands: a module named in :data:`COMMANDS` defines
``add_parsers(subparsers)`` and sets ``func`` (``args -> exit status``) on each parser. A run of
one subcommand imports only the module that defines it (the checker, the Word reader and the
store stay unloaded during ``render``); help and unknown commands load them all.
A :class:`~dnnd_drafter.base.errors.UserMessageError` prints its Vietnamese message and exits with
its status (2 for bad input), as does an OSError (the disk or the rights, not a bug); any other
exception is logged and reported with the log path. Run as the program, a subcommand named in
:data:`QUICK_EXIT` ends the process as soon as it is done (output and log flushed first).
"""

from __future__ import annotations

import os
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dnnd_drafter import __version__
from dnnd_drafter.base import collector, kept_code
from dnnd_drafter.base.errors import UserMessageError, file_failure_message

if TYPE_CHECKING:
    import argparse

# subcommand -> the module that registers it (tests/unit/test_cli_lazy.py keeps the two in step)
COMMANDS = {
    "render": "dnnd_drafter.cli.letter_commands",
    "catalog": "dnnd_drafter.catalog.commands",
    "data": "dnnd_drafter.store.commands",
    "register": "dnnd_drafter.store.commands",
    "server": "dnnd_drafter.store.server_commands",
    "check": "dnnd_drafter.checker.commands",
    "pdf": "dnnd_drafter.cli.pdf_commands",
    "from-docx": "dnnd_drafter.wordin.commands",
    "fix": "dnnd_drafter.wordin.commands",
}
COMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))
# subcommands whose process ends as soon as they are done, without the interpreter's teardown
# (freeing Qt, lxml's trees and every module took 30–100 ms of a 250–350 ms `pdf` or `render`):
# they write their file atomically and start no thread, so nothing is left to finish (_end_process)
QUICK_EXIT = frozenset({"pdf", "render"})


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Return the argument parser with `command`'s module registered, or every module's."""
    from dnnd_drafter.cli.parser import VietnameseArgumentParser  # the wizard starts without it

    parser = VietnameseArgumentParser(
        prog="dnnd-drafter",
        description="Soạn công văn đúng thể thức. Không có lệnh con: mở trình soạn thảo.",
    )
    parser.add_argument("--version", action="version", version=f"dnnd-drafter {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name in (COMMANDS[command],) if command in COMMANDS else COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
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
    """Start the wizard (Qt is imported only here), the database's integrity check running beside
    the imports (:mod:`dnnd_drafter.base.early_check`)."""
    _start_early_check()
    from dnnd_drafter.ui.app import run_app

    return run_app(sys.argv[:1])


def _start_early_check() -> None:
    """Start checking the office's database on a thread; a problem here is the store's to report."""
    from dnnd_drafter.base import early_check, paths

    try:
        early_check.start(paths.data_dir() / paths.DATABASE_NAME)  # creates nothing
    except Exception:  # noqa: BLE001 - no early check: the store checks the file when it opens it
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` and return the exit status."""
    if argv is None:  # the program itself: no collector passes while it loads (base/collector.py)
        collector.hold()
    _configure_stdio()
    arguments = list(sys.argv[1:] if argv is None else argv)
    if not arguments:  # the wizard: start it without importing every subcommand first
        return _run_wizard()
    kept_code.install()  # the command's model classes and patterns: compiled once, not per run
    parser = build_parser(arguments[0])
    args = parser.parse_args(arguments)
    if not getattr(args, "func", None):
        return _run_wizard()
    if args.command not in QUICK_EXIT:  # loaded; its work may run long: collect as usual
        collector.settle()
    status = _run_command(args)
    kept_code.finish()
    if argv is None and args.command in QUICK_EXIT:  # the program itself, not a caller in this process
        _end_process(status)
    return status


def _end_process(status: int) -> None:
    """Flush the output and the log, then end the process with `status` at once."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()
    os._exit(status)


def _run_command(args: argparse.Namespace) -> int:
    """Run the subcommand chosen in `args`; turn its failures into messages and exit statuses."""
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
