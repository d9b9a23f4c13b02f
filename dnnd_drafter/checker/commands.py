"""Register ``dnnd-drafter check FILE.docx``: list the layout findings of a letter.

Exit status: 0 without errors (warnings allowed), 1 with errors, 2 when the file cannot be read
(the CLI prints the Vietnamese message of the :class:`~dnnd_drafter.checker.reader.CheckerFileError`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from dnnd_drafter.model.letter import FAMILIES
from dnnd_drafter.checker import check_docx
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import open_store

if TYPE_CHECKING:
    from dnnd_drafter.store.profiles import Profile


def add_parsers(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` to the command line."""
    check = subparsers.add_parser(
        "check", help="Kiểm tra thể thức một công văn .docx (lỗi và cảnh báo, có căn cứ).",
        description="Kiểm tra thể thức một tệp .docx theo quy định của khối văn bản: khổ giấy, lề, "
                    "phông, cỡ chữ, phần đầu, số và ký hiệu, ngày tháng, trích yếu, Kính gửi, nội dung, "
                    "khối chữ ký, Nơi nhận, số trang. Trả về 0 khi không có lỗi, 1 khi có lỗi, "
                    "2 khi không đọc được tệp.")
    check.add_argument("file", type=Path, help="tệp .docx cần kiểm tra")
    check.add_argument("--family", choices=list(FAMILIES),
                       help="khối văn bản (mặc định: nhận biết từ phần đầu): "
                            + ", ".join(f"{k} = {v}" for k, v in FAMILIES.items()))
    check.add_argument("--rule-set", default="", help="bộ quy tắc thể thức (mặc định: bộ mới nhất của khối)")
    check.add_argument("--profile", metavar="TÊN", default=None,
                       help="kiểm tra theo lựa chọn trong hồ sơ cơ quan TÊN (dấu cuối dòng, “./.”, chữ “Nơi nhận”); "
                            "mặc định: theo mặc định của khối")
    check.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    check.add_argument("--pages", action="store_true",
                       help="đếm trang bằng LibreOffice để kiểm tra khối chữ ký không đứng riêng một trang (chậm hơn)")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Check the file named in `args`, print the findings and return the exit status."""
    family, choices, whose = args.family, None, ""
    if args.profile is not None:
        profile = office_profile(args.profile)
        family, choices, whose = family or profile.family, profile.choices, f"hồ sơ “{profile.name}”"
    report = check_docx(args.file, family=family, pages=args.pages, rule_set=args.rule_set,
                        choices=choices, choices_from=whose)
    print(report.to_json() if args.json else report.text())
    return report.exit_status


def office_profile(name: str) -> "Profile":
    """Return the office profile called `name` from the store, or raise naming the profiles there are."""
    with open_store() as store:
        profile = store.profiles.by_name(name)
        names = ", ".join(f"“{p.name}”" for p in store.profiles.all())
    if profile is None:
        raise UserDataError(f"Không có hồ sơ cơ quan tên “{name}” (--profile); "
                            + (f"các hồ sơ đã có: {names}." if names else "chưa có hồ sơ nào."), field="profile")
    return profile
