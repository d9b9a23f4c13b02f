"""Tell the clerk, in Vietnamese, why the window cannot open, before Qt aborts in English.

Without a display Qt prints English text and aborts (exit 134); with a display but without one
of the X11 libraries its xcb plugin needs, it names the wrong package. :func:`screen_problem` looks
first, without Qt, and returns a message naming what is missing and what to do instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

# the libraries Qt's xcb plugin loads (ldd libqxcb.so / libQt6XcbQpa.so), with their Debian package
XCB_LIBRARIES = {
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
WINDOWED_PLATFORMS = ("", "xcb", "wayland")  # Qt platforms that need a display server
TEXT = {
    "no_screen": "Không có màn hình để mở cửa sổ soạn thảo (chưa đặt DISPLAY hay WAYLAND_DISPLAY). "
                 "Trên máy không có màn hình, hãy dùng dòng lệnh, ví dụ: "
                 "dnnd-drafter render BẢN_THẢO.json -o VĂN_BẢN.docx (dnnd-drafter --help liệt kê mọi lệnh).",
    "missing_libraries": "Thiếu thư viện hệ thống để mở cửa sổ: {}. Trên Debian/Ubuntu, hãy cài: "
                         "sudo apt-get install {}",
}


def _platform_asked(environ: Mapping[str, str]) -> str:
    """Return the first Qt platform named in QT_QPA_PLATFORM (lower case, '' when unset)."""
    value = environ.get("QT_QPA_PLATFORM", "").strip().lower()
    return value.split(";")[0].split(":")[0].strip()


def _can_load(library: str) -> bool:
    """Return whether the dynamic loader finds `library`."""
    import ctypes

    try:
        ctypes.CDLL(library)
    except OSError:
        return False
    return True


def missing_xcb_packages(can_load: Callable[[str], bool] = _can_load) -> list[str]:
    """Return the Debian packages of the xcb libraries the loader cannot find."""
    return [package for library, package in XCB_LIBRARIES.items() if not can_load(library)]


def screen_problem(environ: Mapping[str, str] | None = None, platform: str | None = None,
                   can_load: Callable[[str], bool] = _can_load) -> str | None:
    """Return why the window cannot open on this Linux/Unix desktop (a Vietnamese message), or None."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin", "cygwin"):
        return None
    asked = _platform_asked(environ)
    if asked not in WINDOWED_PLATFORMS:
        return None  # offscreen, vnc, eglfs, linuxfb…: Qt needs no display server
    has_x11, has_wayland = bool(environ.get("DISPLAY")), bool(environ.get("WAYLAND_DISPLAY"))
    if not (has_x11 or has_wayland):
        return TEXT["no_screen"]
    if asked == "xcb" or (asked == "" and not has_wayland):
        missing = missing_xcb_packages(can_load)
        if missing:
            libraries = ", ".join(lib for lib, pkg in XCB_LIBRARIES.items() if pkg in missing)
            return TEXT["missing_libraries"].format(libraries, " ".join(missing))
    return None
