"""Register ``dnnd-drafter server setup|upload``: the office's PostgreSQL server from the command line.

``server setup`` creates or upgrades the schema and the two roles on the database named by
``--database`` or ``DNND_DRAFTER_DATABASE``; ``server upload`` moves this PC's local data up
in one transaction (``--skip-collisions``: all but what collides, which is listed).
Messages are in Vietnamese; a refusal exits with status 2.
"""

from __future__ import annotations

import argparse
from typing import Any

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.server import ENV_DATABASE, configured_uri, describe
from dnnd_drafter.store.server_schema import open_server, setup
from dnnd_drafter.base import paths
from dnnd_drafter.store import open_store
from dnnd_drafter.store.server_backup import upload

TEXT = {
    "no_uri": f"Chưa có địa chỉ máy chủ dữ liệu: dùng --database postgresql://NGƯỜI_DÙNG@MÁY/TÊN_CSDL hoặc "
              f"đặt biến môi trường {ENV_DATABASE}.",
    "setup_new": "Đã thiết lập cơ sở dữ liệu trên máy chủ ({where}): lược đồ {after}, hai vai trò vanthu và "
                 "chuyenvien. Hãy tạo tài khoản cho từng người (xem docs/server.md).",
    "setup_upgraded": "Đã nâng cấp cơ sở dữ liệu trên máy chủ ({where}) từ lược đồ {before} lên {after}; "
                      "quyền của hai vai trò vanthu và chuyenvien đã được cập nhật.",
    "setup_same": "Cơ sở dữ liệu trên máy chủ ({where}) đã ở lược đồ {after}; quyền của hai vai trò vanthu và "
                  "chuyenvien đã được cập nhật.",
    "uploaded": "Đã chuyển dữ liệu của máy này lên máy chủ ({where}). {summary}",
}


def _uri(args: argparse.Namespace) -> str:
    """Return the server URI of the command line, else of the environment."""
    uri = (args.database or "").strip() or configured_uri()
    if not uri:
        raise UserDataError(TEXT["no_uri"])
    return uri


def _setup(args: argparse.Namespace) -> int:
    """Create or upgrade the schema and the roles on the server."""
    uri = _uri(args)
    before, after = setup(uri)
    key = "setup_new" if before == 0 else "setup_same" if before == after else "setup_upgraded"
    print(TEXT[key].format(where=describe(uri), before=before, after=after))
    return 0


def _upload(args: argparse.Namespace) -> int:
    """Move this PC's profiles, address book, lists and register to the server."""
    uri = _uri(args)
    server = open_server(uri)
    try:
        with open_store(paths.database_file()) as local:
            report = upload(local.local_conn, server, skip_collisions=args.skip_collisions)
    finally:
        server.close()
    print(TEXT["uploaded"].format(where=describe(uri), summary=report.summary()))
    return 0


def add_parsers(subparsers: Any) -> None:
    """Register ``server`` with ``setup`` and ``upload``."""
    server = subparsers.add_parser("server", help="Máy chủ dữ liệu của cơ quan (PostgreSQL): thiết lập, chuyển "
                                   "dữ liệu lên.", description="Dùng chung sổ văn bản đi, sổ địa chỉ, danh sách "
                                   "nơi nhận và hồ sơ cơ quan trên một máy chủ PostgreSQL (xem docs/server.md).")
    ssub = server.add_subparsers(dest="server_command", metavar="VIỆC", required=True)
    for name, help_text, func in (
            ("setup", "Tạo hoặc nâng cấp lược đồ và hai vai trò vanthu, chuyenvien trên cơ sở dữ liệu (chạy "
                      "bằng tài khoản quản trị).", _setup),
            ("upload", "Chuyển hồ sơ cơ quan, người ký, sổ địa chỉ, danh sách nơi nhận và sổ văn bản đi của "
                       "máy này lên máy chủ trong một giao dịch; từ chối (kèm danh sách) nếu trùng với dữ liệu "
                       "đã có.", _upload)):
        p = ssub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        if name == "upload":
            p.add_argument("--skip-collisions", action="store_true",
                           help="Bỏ qua các mục trùng (hồ sơ cùng với người ký và sổ văn bản đi của nó, danh sách, "
                                "địa chỉ cùng mã), chuyển mọi thứ còn lại trong một giao dịch và liệt kê những gì "
                                "đã bỏ qua.")
        p.add_argument("--database", metavar="URI", help=f"Địa chỉ máy chủ, ví dụ postgresql://postgres@192.168.1.10/"
                       f"dnnd (mặc định: biến môi trường {ENV_DATABASE}).")
