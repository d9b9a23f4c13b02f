"""Register the core subcommands: ``render`` a draft to .docx."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from dnnd_drafter.model import letter as model
from dnnd_drafter.base.errors import DraftError
from dnnd_drafter.model.validation import RECIPIENTS_MISSING, missing_recipients
from dnnd_drafter.render import write_docx


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``render`` to the command line."""
    add_draft_command(subparsers, "render", ".docx", ".docx", run_render)


def add_draft_command(subparsers: argparse._SubParsersAction[argparse.ArgumentParser], name: str, what: str,
                      suffix: str, run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """Add command `name`, which makes a `what` file (`suffix`) from a draft; return its parser."""
    parser = subparsers.add_parser(
        name, help=f"Tạo tệp {what} từ một bản thảo (.json), không cần màn hình.",
        description=f"Tạo tệp {what} đúng thể thức từ một tệp bản thảo JSON.")
    parser.add_argument("draft", type=Path, help="tệp bản thảo .json")
    parser.add_argument("-o", "--output", type=Path, help=f"tệp {suffix} cần tạo (mặc định: cạnh bản thảo)")
    parser.set_defaults(func=run)
    return parser


def output_path(draft_path: Path, output: Path | None, suffix: str) -> Path:
    """Return where to write: `output`, or the draft's path with `suffix`."""
    target = output if output is not None else draft_path.with_suffix(suffix)
    if target.suffix.lower() != suffix:
        raise DraftError(f"Tệp đầu ra “{target}” phải có đuôi {suffix}.", field="output")
    return target


def run_render(args: argparse.Namespace) -> int:
    """Render the draft named in `args` to .docx and print where it went."""
    draft = model.load(args.draft)
    if missing_recipients(draft):  # a công văn without Kính gửi is never sent
        raise DraftError(f"Trường “recipients”: {RECIPIENTS_MISSING}", field="recipients")
    target = output_path(args.draft, args.output, ".docx")
    write_docx(draft, target)
    print(f"Đã tạo: {target}")
    return 0
