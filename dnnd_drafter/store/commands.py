"""Register the headless ``data`` and ``register`` subcommands (no display needed).

``data export|import|backup|restore FILE`` and ``register list|issue|cancel|export``. Every
message is in Vietnamese; wrong input raises :class:`UserDataError` (exit status 2) and
changes nothing.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path
from typing import Any

from dnnd_drafter.model import letter as model
from dnnd_drafter.files.atomic import refuse_read_only
from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store import Store, marks, open_store
from dnnd_drafter.store.issued_drafts import write_number
from dnnd_drafter.store.profiles import Profile
from dnnd_drafter.store.register import RegisterEntry
from dnnd_drafter.model.vietnamese import fold, parse_vn_date
from dnnd_drafter.store.restore import OlderBackupError


def _date(text: str) -> _dt.date:
    """Return the date of a command-line argument (``14/02/2026`` or ``2026-02-14``)."""
    try:
        return parse_vn_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” không phải ngày hợp lệ; viết dạng 14/02/2026.") from None


def _open() -> Store:
    """Open the store, printing the recovery notice when the database had to be replaced."""
    store = open_store()
    for notice in (store.recovery_notice, store.read_only_notice):
        if notice:
            print(notice, file=sys.stderr)
    for note in store.register_notes:
        print(note, file=sys.stderr)
    return store


def number_label(entry: RegisterEntry, family: str) -> str:
    """Return ``05/UBND-VP`` (State, mass organisations) or ``05-CV/HU`` (Party, Youth Union)."""
    return marks.number_label(entry.number, entry.symbol, family)


def _data_export(args: argparse.Namespace) -> int:
    """Export address book, lists (and profiles in JSON) to a file."""
    with _open() as store:
        written = store.export(args.file)
    print("Đã xuất dữ liệu ra: " + ", ".join(f"“{p}”" for p in written))
    return 0


def _data_import(args: argparse.Namespace) -> int:
    """Import a JSON or CSV export; all or nothing."""
    with _open() as store:
        report = store.import_file(args.file)
    print(f"Đã nhập “{args.file}”. {report.summary()}")
    return 0


def _data_backup(args: argparse.Namespace) -> int:
    """Copy the whole database to one file."""
    with _open() as store:
        target = store.backup(args.file)
    print(f"Đã sao lưu toàn bộ dữ liệu vào “{target}”.")
    return 0


def _data_restore(args: argparse.Namespace) -> int:
    """Replace the whole database by a backup file."""
    with _open() as store:
        try:
            safety = store.restore(args.file, force=args.force)
        except OlderBackupError as exc:
            raise UserDataError(f"{exc.message} Nếu vẫn muốn khôi phục, chạy lại lệnh với --force.") from exc
    print(f"Đã khôi phục dữ liệu từ “{args.file}”."
          + (f" Dữ liệu trước khi khôi phục được giữ tại “{safety}”." if safety else ""))
    return 0


def _profile_for(store: Store, name: str | None, draft: model.Draft | None = None) -> Profile:
    """Return the profile named `name`, or the only one, or the one matching the draft's issuer."""
    profiles = store.profiles.all()
    listing = ", ".join(f"“{p.name}”" for p in profiles)
    if name:
        profile = store.profiles.by_name(name)
        if profile is None:
            raise UserDataError(f"Không có hồ sơ cơ quan “{name}”. Các hồ sơ hiện có: {listing or 'chưa có'}.")
        return profile
    if not profiles:
        raise UserDataError("Chưa có hồ sơ cơ quan nào. Hãy tạo hồ sơ trong trình soạn thảo hoặc nhập "
                            "một tệp .json có hồ sơ bằng lệnh “dnnd-drafter data import”.")
    if draft is not None:
        same = [p for p in profiles if p.family == draft.family
                and fold(p.issuing_body) == fold(draft.issuer.name)]
        if len(same) == 1:
            return same[0]
    if len(profiles) == 1:
        return profiles[0]
    raise UserDataError(f"Có nhiều hồ sơ cơ quan ({listing}); hãy chọn bằng --profile TÊN.")


def _register_issue(args: argparse.Namespace) -> int:
    """Issue the next number for a draft file and write number, symbol and date into it."""
    path = Path(args.draft)
    model.load(path)  # a bad draft is refused before the store is opened
    with _open() as store:  # opening completes an issue a crash interrupted (maybe of this draft)
        draft = model.load(path)
        if draft.is_numbered:
            raise UserDataError(f"Bản thảo “{path.name}” đã có số {draft.number}; không cấp số lần nữa.")
        profile = _profile_for(store, args.profile, draft)
        if profile.family != draft.family:
            raise UserDataError(f"Bản thảo thuộc khối {model.FAMILIES[draft.family]} nhưng hồ sơ "
                                f"“{profile.name}” thuộc khối {model.FAMILIES[profile.family]}.")
        refuse_read_only(path)
        # the register is the truth: the number is committed (with the draft's path) before it
        # is written into the file; a crash in between is completed on the next open
        entry = store.register.issue(
            profile.id or 0, draft.kind, on=args.date or _dt.date.today(), subject=draft.subject,
            recipients=draft.recipients, signer=draft.signature.name, file_name=path.name,
            symbol=draft.symbol or None, unit=args.unit, draft_path=path.resolve())
        write_number(store.register, entry, path, draft)
    print(f"Đã cấp số {number_label(entry, profile.family)} ngày {entry.date.strftime('%d/%m/%Y')} "
          f"cho “{path}”.")
    return 0


def _register_list(args: argparse.Namespace) -> int:
    """Print the outgoing register, optionally for one year and one profile."""
    with _open() as store:
        profile = _profile_for(store, args.profile) if args.profile else None
        families = {p.id: p.family for p in store.profiles.all()}
        entries = store.register.entries(args.year, profile.id if profile else None)
    if not entries:
        print("Sổ văn bản đi chưa có văn bản nào" + (f" trong năm {args.year}." if args.year else "."))
        return 0
    for e in entries:
        state = f" [ĐÃ HỦY: {e.cancel_reason}]" if e.cancelled else ""
        print(f"{e.id:>5}  {number_label(e, families.get(e.profile_id, '')):<18} "
              f"{e.date.strftime('%d/%m/%Y')}  {model.KINDS.get(e.kind, e.kind)}: {e.subject}{state}")
    return 0


def _register_cancel(args: argparse.Namespace) -> int:
    """Cancel an issued number with a reason."""
    with _open() as store:
        entry = store.register.cancel(args.entry, args.reason)
    print(f"Đã hủy số {entry.number_text}/{entry.symbol}. Số này sẽ không được cấp lại.")
    return 0


def _register_export(args: argparse.Namespace) -> int:
    """Export the register to CSV for Excel."""
    with _open() as store:
        profile = _profile_for(store, args.profile) if args.profile else None
        target = store.register.export_csv(args.file, args.year, profile.id if profile else None)
    print(f"Đã xuất sổ văn bản đi ra “{target}”.")
    return 0


def _sub(parent: Any, name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
    """Add one sub-command with a Vietnamese help text and its handler."""
    parser: argparse.ArgumentParser = parent.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(func=func)
    return parser


def add_parsers(subparsers: Any) -> None:
    """Register ``data`` and ``register`` with their sub-commands."""
    data = subparsers.add_parser("data", help="Xuất, nhập, sao lưu, khôi phục dữ liệu của cơ quan.",
                                 description="Xuất, nhập, sao lưu và khôi phục sổ địa chỉ, danh sách "
                                 "nơi nhận, hồ sơ cơ quan và toàn bộ cơ sở dữ liệu.")
    dsub = data.add_subparsers(dest="data_command", metavar="VIỆC", required=True)
    p = _sub(dsub, "export", "Xuất sổ địa chỉ và danh sách nơi nhận ra tệp .json (kèm hồ sơ cơ quan) "
             "hoặc .csv (mở được bằng Excel; danh sách ghi vào tệp “….danh-sach.csv” bên cạnh).", _data_export)
    p.add_argument("file", metavar="TỆP", help="Tệp đích, đuôi .json hoặc .csv.")
    p = _sub(dsub, "import", "Nhập sổ địa chỉ, danh sách (và hồ sơ) từ tệp .json hoặc .csv. Kiểm tra "
             "toàn bộ trước; nếu có lỗi thì không thay đổi gì.", _data_import)
    p.add_argument("file", metavar="TỆP", help="Tệp nguồn, đuôi .json hoặc .csv (UTF-8).")
    p = _sub(dsub, "backup", "Sao lưu toàn bộ cơ sở dữ liệu vào một tệp.", _data_backup)
    p.add_argument("file", metavar="TỆP", help="Tệp sao lưu sẽ ghi, ví dụ sao-luu.sqlite3.")
    p = _sub(dsub, "restore", "Khôi phục toàn bộ cơ sở dữ liệu từ tệp sao lưu (dữ liệu hiện tại được "
             "giữ lại một bản trong thư mục backups).", _data_restore)
    p.add_argument("file", metavar="TỆP", help="Tệp sao lưu đã tạo bằng “data backup”.")
    p.add_argument("--force", action="store_true", help="Vẫn khôi phục khi bản sao lưu cũ hơn số văn bản "
                   "mới nhất (các số đã cấp sau đó vẫn không bị cấp lại).")

    reg = subparsers.add_parser("register", help="Sổ văn bản đi: xem, cấp số, hủy số, xuất CSV.",
                                description="Sổ văn bản đi: cấp số không trùng, hủy số có lý do, "
                                "xem và xuất sổ theo năm.")
    rsub = reg.add_subparsers(dest="register_command", metavar="VIỆC", required=True)
    p = _sub(rsub, "list", "In sổ văn bản đi.", _register_list)
    p.add_argument("--year", type=int, metavar="NĂM", help="Chỉ in văn bản của năm này (ví dụ 2026).")
    p.add_argument("--profile", metavar="TÊN", help="Chỉ in văn bản của hồ sơ cơ quan này.")
    p = _sub(rsub, "issue", "Cấp số tiếp theo cho bản thảo: ghi số, ký hiệu, ngày vào tệp bản thảo "
             "và vào sổ văn bản đi.", _register_issue)
    p.add_argument("draft", metavar="BẢN_THẢO.json", help="Tệp bản thảo (.json) cần cấp số.")
    p.add_argument("--profile", metavar="TÊN", help="Hồ sơ cơ quan cấp số (bỏ trống nếu chỉ có một hồ sơ "
                   "hoặc tên cơ quan trong bản thảo khớp một hồ sơ).")
    p.add_argument("--date", type=_date, metavar="NGÀY", help="Ngày ban hành (mặc định: hôm nay), "
                   "ví dụ 14/02/2026.")
    p.add_argument("--unit", metavar="ĐƠN_VỊ", help="Chữ viết tắt đơn vị soạn thảo trong ký hiệu "
                   "(mặc định: đơn vị đầu tiên của hồ sơ nếu hồ sơ chọn “Ghi đơn vị soạn thảo vào ký hiệu”; "
                   "văn bản Đảng mặc định không ghi), ví dụ VP.")
    p = _sub(rsub, "cancel", "Hủy một số đã cấp, có ghi lý do; số đó không bao giờ được cấp lại.",
             _register_cancel)
    p.add_argument("entry", type=int, metavar="STT", help="Số thứ tự của dòng trong sổ (cột đầu của "
                   "“register list”).")
    p.add_argument("--reason", required=True, metavar="LÝ_DO", help="Lý do hủy số.")
    p = _sub(rsub, "export", "Xuất sổ văn bản đi ra tệp CSV (mở được bằng Excel).", _register_export)
    p.add_argument("file", metavar="TỆP.csv", help="Tệp CSV đích.")
    p.add_argument("--year", type=int, metavar="NĂM", help="Chỉ xuất văn bản của năm này.")
    p.add_argument("--profile", metavar="TÊN", help="Chỉ xuất văn bản của hồ sơ cơ quan này.")
