"""Register ``dnnd-drafter catalog list|show|import``: the directive catalog on the command line.

Output is Vietnamese plain text for a console. Errors are raised as CatalogError and printed
by :func:`dnnd_drafter.cli.entry` (exit status 2).
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
from typing import Any

from dnnd_drafter.catalog.importer import ImportResult, import_file, import_text
from dnnd_drafter.catalog.model import Directive
from dnnd_drafter.catalog.store import catalog_warnings, get_directive, load_catalog, save_directive
from dnnd_drafter.catalog.textin import decode_bytes
from dnnd_drafter.model.citations import cite_full, cite_short
from dnnd_drafter.files.input_guard import MAX_FILE_BYTES
from dnnd_drafter.model.vietnamese import short_date

WIDTH = 92


def _wrap(text: str, indent: str = "    ") -> str:
    """Return `text` wrapped to the console width, each paragraph indented by `indent`."""
    return "\n".join(textwrap.fill(par, WIDTH, initial_indent=indent, subsequent_indent=indent)
                     for par in text.split("\n") if par.strip())


def _date(directive: Directive) -> str:
    """Return the directive date as cited, or a placeholder."""
    return short_date(directive.date) if directive.date else "(chưa có ngày)"


def _print_warnings() -> None:
    """Print the warnings of the last catalog load to stderr."""
    for warning in catalog_warnings():
        print(f"Cảnh báo: {warning}", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    """List the directives of the catalog, newest first."""
    catalog = load_catalog()
    print(f"Danh mục văn bản chỉ đạo ({len(catalog)} văn bản):")
    for directive in catalog.values():
        where = "gói phần mềm" if directive.origin.startswith("gói") else "người dùng nhập"
        print(f"\n  {directive.number}  ngày {_date(directive)}  "
              f"{directive.type_name} của {directive.issuer}")
        print(_wrap(f"{directive.subject} ({len(directive.tasks)} nhiệm vụ; {where})", "      "))
    _print_warnings()
    return 0


#: The project's own reference to a sample file ("seed 000_5f6a…, phần 2"): nothing to a clerk.
_INTERNAL_ID = re.compile(r"\bseed\s+\d+(?:_[0-9a-f]+)?(?:,\s*phần\s+\d+)?\s*[,:;]?\s*", re.IGNORECASE)


def clerk_source(source: str) -> str:
    """Return where a directive comes from without the project's internal sample ids."""
    text = _INTERNAL_ID.sub("", source).strip(" ,;:")
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1]
    return text[:1].upper() + text[1:]


def _print_directive(directive: Directive, show_variants: bool = False) -> None:
    """Print a directive: citation, lead-in, tasks (with leads and variants), implementation."""
    print(cite_full(directive))
    print(f"Trích dẫn rút gọn: {cite_short(directive)}")
    source = clerk_source(directive.source)
    if source:
        print(f"Nguồn: {source}")
    labels = directive.variant_labels()
    if labels:
        print("Phương án địa phương: " + "; ".join(labels))
    if directive.lead_in:
        print("\nMở đầu phần nhiệm vụ:")
        print(_wrap(directive.lead_in))
    print(f"\nNhiệm vụ ({len(directive.tasks)}):")
    for task in directive.tasks:
        print(f"\n  {task.number}. {task.title}")
        print(_wrap(task.text, "     "))
        if task.leads:
            print(_wrap("Thường chủ trì: " + "; ".join(task.leads), "     "))
        for label, text in task.variants.items():
            if show_variants:
                print(f"     Phương án “{label}”:")
                print(_wrap(text, "       "))
            else:
                print(f"     Có phương án “{label}” (xem bằng --variants).")
    if directive.implementation:
        print("\nTổ chức thực hiện:")
        for item in directive.implementation:
            print(_wrap(f"- {item}", "  "))
    if show_variants:
        for label, items in directive.implementation_variants.items():
            print(f"\nTổ chức thực hiện, phương án “{label}”:")
            for item in items:
                print(_wrap(f"- {item}", "  "))


def cmd_show(args: argparse.Namespace) -> int:
    """Show one directive of the catalog in full."""
    directive = get_directive(args.number)
    _print_directive(directive, show_variants=args.variants)
    _print_warnings()
    return 0


def _print_import(result: ImportResult) -> None:
    """Print what an import found and the notes to check."""
    d = result.directive
    print("Đã đọc được:")
    print(f"  Số, ký hiệu: {d.number or '(chưa có)'}")
    print(f"  Ngày ban hành: {_date(d)}")
    print(f"  Loại văn bản: {d.type_name or '(chưa có)'}")
    print(f"  Cơ quan ban hành: {d.issuer or '(chưa có)'}")
    print(_wrap(f"Trích yếu: {d.subject or '(chưa có)'}", "  "))
    print(f"  Số nhiệm vụ: {len(d.tasks)}; số mục tổ chức thực hiện: {len(d.implementation)}")
    for task in d.tasks:
        head = task.text.split("\n")[0]
        print(_wrap(f"{task.number}. {head[:140]}{'…' if len(head) > 140 else ''}", "    "))
    if result.notes:
        print("\nCần kiểm tra:")
        for note in result.notes:
            print(_wrap(f"- {note}", "  "))


def cmd_import(args: argparse.Namespace) -> int:
    """Import a directive from a file (or ``-`` for standard input), optionally saving it."""
    if args.file == "-":
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)  # /dev/zero piped in must not fill the memory
        result = import_text(decode_bytes(data, "đầu vào chuẩn"),
                             origin="đầu vào chuẩn")
    else:
        result = import_file(args.file)
    _print_import(result)
    if args.save:
        path = save_directive(result.directive, overwrite=args.overwrite)
        print(f"\nĐã lưu vào danh mục: {path}")
    else:
        print("\nChưa lưu. Thêm --save để lưu vào danh mục của người dùng.")
    return 0


def _help(parser: argparse.ArgumentParser) -> Any:
    """Return a handler that prints the help of `parser` and exits with status 2."""
    def handler(args: argparse.Namespace) -> int:
        parser.print_help(sys.stderr)
        return 2
    return handler


def add_parsers(subparsers: Any) -> None:
    """Add the ``catalog`` command and its ``list``, ``show`` and ``import`` subcommands."""
    parser = subparsers.add_parser(
        "catalog", help="danh mục văn bản chỉ đạo (Chỉ thị 12-CT/TW …)",
        description="Xem danh mục văn bản chỉ đạo, hoặc nhập văn bản mới từ tệp .docx/.txt.")
    parser.set_defaults(func=_help(parser))
    sub = parser.add_subparsers(dest="catalog_command", metavar="LỆNH")
    p_list = sub.add_parser("list", help="liệt kê các văn bản trong danh mục")
    p_list.set_defaults(func=cmd_list)
    p_show = sub.add_parser("show", help="xem đầy đủ một văn bản, ví dụ: catalog show 12-CT/TW")
    p_show.add_argument("number", metavar="SỐ", help="số, ký hiệu, ví dụ 12-CT/TW")
    p_show.add_argument("--variants", action="store_true",
                        help="in cả nội dung các phương án địa phương")
    p_show.set_defaults(func=cmd_show)
    p_import = sub.add_parser("import", help="nhập văn bản mới từ tệp .docx, .txt hoặc .md")
    p_import.add_argument("file", metavar="TỆP", help="đường dẫn tệp, hoặc - để đọc từ đầu vào chuẩn")
    p_import.add_argument("--save", action="store_true", help="lưu vào danh mục của người dùng")
    p_import.add_argument("--overwrite", action="store_true",
                          help="ghi đè nếu danh mục đã có văn bản cùng số")
    p_import.set_defaults(func=cmd_import)
