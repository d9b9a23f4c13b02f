"""Pack named parts into a ZIP archive (a .docx package), deflated, in the given order.

What :mod:`zipfile` writes for ``writestr`` with ``ZIP_DEFLATED`` (the way python-docx saved):
the same headers, the local time of writing, read-write for the owner, in one pass over
in-memory parts with nothing but ``zlib`` and ``struct`` (no file object, seek or lock per part).
"""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Iterable

_LOCAL = struct.Struct("<4sHHHHHLLLHH")
_CENTRAL = struct.Struct("<4sBBHHHHHLLLHHHHHLL")
_END = struct.Struct("<4sHHHHLLH")
_VERSION = 20  # 2.0: deflate
_UNIX = 3
_OWNER_READ_WRITE = 0o600 << 16


def _dos_time(moment: time.struct_time) -> tuple[int, int]:
    """Return the MS-DOS (time, date) fields of `moment`."""
    dos_time = moment.tm_hour << 11 | moment.tm_min << 5 | moment.tm_sec // 2
    dos_date = (moment.tm_year - 1980) << 9 | moment.tm_mon << 5 | moment.tm_mday
    return dos_time, dos_date


def pack(parts: Iterable[tuple[str, bytes]]) -> bytes:
    """Return a ZIP archive holding `parts` (name, data), each compressed with deflate."""
    dos_time, dos_date = _dos_time(time.localtime())
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data in parts:
        encoded = name.encode("ascii")
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        crc = zlib.crc32(data)
        header = _LOCAL.pack(b"PK\x03\x04", _VERSION, 0, zlib.DEFLATED, dos_time, dos_date, crc,
                             len(packed), len(data), len(encoded), 0)
        central.append(_CENTRAL.pack(b"PK\x01\x02", _VERSION, _UNIX, _VERSION, 0, zlib.DEFLATED, dos_time,
                                     dos_date, crc, len(packed), len(data), len(encoded), 0, 0, 0, 0,
                                     _OWNER_READ_WRITE, offset) + encoded)
        out += (header, encoded, packed)
        offset += len(header) + len(encoded) + len(packed)
    directory = b"".join(central)
    out.append(directory)
    out.append(_END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0))
    return b"".join(out)
