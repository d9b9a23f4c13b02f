"""Write screenshots of every wizard step at the usual screen sizes, so anyone can look at the whole wizard.

Usage: python scripts/screenshots.py [--offscreen] [OUT_DIR]  (default: ./screenshots).

By default the real app runs in an Xvfb screen under openbox (tests/realwindow/xsession.py) at
1024×600, 1366×768 (as it opens, and maximised) and 1920×1080; the trích yếu is pasted through
the clipboard, Alt+→ walks the steps and the whole screen is saved at each. ``--offscreen``
instead grabs the window and the dialogs at 1366×768 without an X server. Both use a throw-away
data folder filled with a sample office, address book and signer.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path


def sample_store(home: Path):  # type: ignore[no-untyped-def]
    """Return a store in `home` with a Party profile, a signer and an address book."""
    os.environ["DNND_DRAFTER_HOME"] = str(home)
    from dnnd_drafter.store import Profile, Signer, open_store
    from dnnd_drafter.store.addressbook import Recipient

    store = open_store()
    profile = store.profiles.save(Profile(
        name="Đảng ủy xã Cát Tiên", family="dang", issuing_body="ĐẢNG ỦY XÃ CÁT TIÊN",
        parent_body="ĐẢNG BỘ TỈNH LÂM ĐỒNG", abbreviation="ĐU", default_place="Cát Tiên",
        archive_line="Lưu Văn phòng Đảng ủy", term_start=dt.date(2025, 10, 1), term_end=dt.date(2030, 9, 30)))
    store.profiles.save_signer(Signer(profile.id, "Nguyễn Văn An", "PHÓ BÍ THƯ", "T/M", "BAN THƯỜNG VỤ", True))
    for name, short in (("Ủy ban nhân dân xã", "UBND xã"), ("Ủy ban Mặt trận Tổ quốc Việt Nam xã", "UBMTTQVN xã"),
                        ("Các chi bộ trực thuộc Đảng ủy", "Các chi bộ"), ("Đoàn Thanh niên xã", "Đoàn TN xã"),
                        ("Hội Liên hiệp Phụ nữ xã", "Hội LHPN xã"), ("Hội Cựu chiến binh xã", "Hội CCB xã"),
                        ("Thường trực Đảng ủy", "Thường trực Đảng ủy")):
        store.addressbook.add(Recipient(name, short))
    return store


SCREENS = (("1024x600", 1024, 600, None), ("1366x768", 1366, 768, False),
           ("1366x768-maximised", 1366, 768, True), ("1920x1080", 1920, 1080, None))
SUBJECT = "Về việc triển khai thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư"


def real_screens(out: Path) -> int:
    """Run the real app on each screen size under openbox and save the screen at every step."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.realwindow lives beside scripts/
    from tests.realwindow.xsession import RealApp, XScreen

    out.mkdir(parents=True, exist_ok=True)
    for name, width, height, maximised in SCREENS:
        screen = XScreen(width, height)
        with tempfile.TemporaryDirectory() as home:
            sample_store(Path(home)).close()
            app = RealApp(screen, Path(home))
            try:
                app.idle(within=20.0)
                if maximised is not None:
                    app.maximise(maximised)
                screen.run("xclip", "-selection", "clipboard", input_text=SUBJECT)
                app.keys("ctrl+v")
                for step in range(6):
                    app.idle(within=10.0)
                    path = out / f"{name}-step-{step + 1}.png"
                    screen.screenshot(path)
                    print(path)
                    app.keys("alt+Right")
            finally:
                app.close()
                screen.close()
    return 0


def main(out: Path) -> int:
    """Open the wizard offscreen on a sample letter and save one PNG per page and dialog."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as home:
        store = sample_store(Path(home))
        from dnnd_drafter.catalog import load_catalog
        from dnnd_drafter.ui.app import build_window, first_session
        from dnnd_drafter.ui.wizard.main_window import TEXT as WINDOW
        from dnnd_drafter.ui.wizard.step_base import AppContext

        context = AppContext(store, store.profiles.all()[0], load_catalog())
        window = build_window(context, first_session(context))
        window.resize(1366, 768)
        window.show()
        window.session.draft.subject = "Về việc triển khai thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư"
        window.session.draft.recipients = ["Ủy ban nhân dân xã", "Các chi bộ trực thuộc Đảng ủy"]
        window.controller.load_session(window.session)
        while not window.settled:  # the preview engine loads just after the first frame
            app.processEvents()
        for index in range(len(window.pages)):
            window.controller.go_to(index)
            window.preview.refresh_now(window.session.draft)
            window.preview.wait_idle()
            app.processEvents()
            app.processEvents()
            path = out / f"page-{index + 1}-{WINDOW['steps'][index].replace(' ', '_')}.png"
            window.grab().save(str(path))
            print(path)
        from dnnd_drafter.ui.data.profile_dialog import ProfileDialog
        from dnnd_drafter.ui.wizard.start_dialog import StartDialog

        from dnnd_drafter.ui.wizard.import_directive import ImportDirectiveDialog

        for name, dialog in (("start", StartDialog(context)), ("profile", ProfileDialog(store, context.profile)),
                             ("import", ImportDirectiveDialog())):
            dialog.show()
            app.processEvents()
            path = out / f"dialog-{name}.png"
            dialog.grab().save(str(path))
            print(path)
            dialog.close()
        window.session.dirty = False
        window.close()
        store.close()
    return 0


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--offscreen"]
    target = Path(arguments[0]) if arguments else Path("screenshots")
    sys.exit(main(target) if "--offscreen" in sys.argv[1:] else real_screens(target))
