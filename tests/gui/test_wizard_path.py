"""Drive the wizard as a clerk would, key by key, to a finished .docx."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt

from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.app import build_window, first_session
from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.gui.clerk import press, type_text




def _next(qtbot, win) -> None:
    qtbot.mouseClick(win.next, Qt.MouseButton.LeftButton)


def _letter_text(path: Path) -> tuple[list[str], list[str]]:
    document = docx.Document(str(path))  # the layout's explicit line breaks read as spaces
    body = [p.text.replace("\n", " ") for p in document.paragraphs if p.text.strip()]
    cells = [p.text.replace("\n", " ") for t in document.tables for c in t._cells for p in c.paragraphs
             if p.text.strip()]
    return body, cells


def fill_the_letter(qtbot, win, output: Path) -> None:
    """Walk all six steps as the clerk of the issue does."""
    header = win.pages[0]
    assert header.issuer.text() == "ỦY BAN NHÂN DÂN\nXÃ CÁT TIÊN"  # from the profile
    assert header.place.text() == "Cát Tiên"
    type_text(header.subject.edit if hasattr(header.subject, "edit") else header.subject,
              "triển khai thực hiện Chỉ thị số 12-CT/TW về đối ngoại nhân dân")
    type_text(header.upper, "Kế hoạch số 45-KH/UBND ngày 20/02/2026 của Ủy ban nhân dân tỉnh")
    _next(qtbot, win)
    picker = win.pages[1].picker
    for query in ("uy ban nhan", "mat tran", "doan thanh nien", "hoi lien hiep phu nu"):
        qtbot.keyClicks(picker.search, query)  # no diacritics: plain ASCII keys
        press(picker.search, Qt.Key.Key_Return)
    assert picker.names() == ["Ủy ban nhân dân xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
                              "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "Hội Liên hiệp Phụ nữ xã"]
    _next(qtbot, win)
    tasks = win.pages[2]
    tasks.task_list.setFocus()
    for row in (0, 2, 5):
        tasks.task_list.setCurrentRow(row)
        press(tasks.task_list, Qt.Key.Key_Space)
    assert tasks.checked_rows() == [0, 2, 5]
    tasks.task_list.setCurrentRow(2)
    edit = tasks.task_text.edit
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    type_text(edit, " Ưu tiên các nước láng giềng.")
    _next(qtbot, win)
    signature = win.pages[3]
    signature.signer.setFocus()
    press(signature.signer, Qt.Key.Key_Down)
    press(signature.signer, Qt.Key.Key_Down)
    assert signature.name.text() == "Trần Thị Bình"
    _next(qtbot, win)
    cc = win.pages[4].picker
    assert cc.names() == ["Như trên", "Lưu: VT, VP"]
    type_text(cc.search, "Thường trực Đảng ủy xã (b/c)")
    qtbot.mouseClick(cc.new_button, Qt.MouseButton.LeftButton)
    cc.chosen.list.setCurrentRow(2)
    press(cc.chosen.list, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert cc.names() == ["Như trên", "Thường trực Đảng ủy xã (b/c)", "Lưu: VT, VP"]
    _next(qtbot, win)
    review = win.pages[5]
    assert win.next.text() == "Tạo văn bản"
    review.output.setText(str(output))


def test_a_clerk_drafts_a_whole_letter_key_by_key(qtbot, window, presenter, tmp_path: Path) -> None:
    output = tmp_path / "cong_van.docx"
    fill_the_letter(qtbot, window, output)
    _next(qtbot, window)  # Tạo văn bản
    assert presenter.errors == []
    assert output.exists()
    body, cells = _letter_text(output)
    assert "V/v triển khai thực hiện Chỉ thị số 12-CT/TW về đối ngoại nhân dân" in cells
    assert "Số:      /UBND-VP" in cells
    kinh_gui = [line for line in body if line.startswith(("Kính gửi", "- "))][:4]
    assert kinh_gui == ["Kính gửi:\t- Ủy ban nhân dân xã;", "- Ủy ban Mặt trận Tổ quốc Việt Nam xã;",
                        "- Đoàn Thanh niên Cộng sản Hồ Chí Minh xã;", "- Hội Liên hiệp Phụ nữ xã."]
    numbered = [line for line in body if line[:2] in ("1.", "2.", "3.", "4.")]
    assert [line[:2] for line in numbered] == ["1.", "2.", "3."]
    assert numbered[0].startswith("1. Tập trung quán triệt")
    assert numbered[1].startswith("2. Chủ động xây dựng chiến lược") and numbered[1].endswith("Ưu tiên các nước láng giềng.")
    assert numbered[2].startswith("3. Nâng cao hiệu quả công tác thông tin đối ngoại nhân dân")
    opening = body[len(kinh_gui)]
    assert opening.startswith("Thực hiện Kế hoạch số 45-KH/UBND ngày 20/02/2026 của Ủy ban nhân dân tỉnh")
    assert "Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư “về tăng cường" in opening
    assert ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Bình"] == [c for c in cells if c in
                                                              ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Bình")]
    assert cells[-4:] == ["- Như trên;", "- Thường trực Đảng ủy xã (b/c);", "- Lưu: VT, VP.", "Trần Thị Bình"] or \
        ["- Như trên;", "- Thường trực Đảng ủy xã (b/c);", "- Lưu: VT, VP."] == [c for c in cells if c.startswith("- ")]
    assert window.review.done_box.isVisibleTo(window.review)


def test_switching_to_the_party_family_changes_header_number_and_authority(qtbot, window, presenter, tmp_path: Path) -> None:
    output = tmp_path / "dang.docx"
    fill_the_letter(qtbot, window, output)
    window.controller.go_to(0)
    header = window.pages[0]
    header.family.setFocus()
    header.family.setCurrentIndex(header.family.findData("dang"))
    qtbot.waitUntil(lambda: window.session.draft.family == "dang")
    window.preview.refresh_now(window.session.draft)
    qtbot.waitUntil(lambda: window.preview.letter is not None and window.preview.letter.family == "dang", timeout=5000)
    letter = window.preview.letter
    assert letter.find("motto1")[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert letter.find("number")[0].text == "Số      -CV/UBND-VP"
    assert letter.find("authority")[0].text == "K/T CHỦ TỊCH"
    window.controller.go_to(5)
    window.pages[5].output.setText(str(output))
    _next(qtbot, window)
    assert presenter.errors == [], [f.message for f in window.review.findings]
    _, cells = _letter_text(output)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cells and "Số      -CV/UBND-VP" in cells and "K/T CHỦ TỊCH" in cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in cells
    assert "- Như kính gửi," in cells


def test_missing_required_fields_block_creation_until_fixed(qtbot, window, presenter, tmp_path: Path) -> None:
    output = tmp_path / "thieu.docx"
    header = window.pages[0]
    header.place.selectAll()
    press(header.place, Qt.Key.Key_Delete)
    assert "Chưa nhập địa danh" in header.errors["place"].text()
    assert header.errors["place"].isVisibleTo(header)
    window.controller.go_to(5)
    window.pages[5].output.setText(str(output))
    _next(qtbot, window)
    assert not output.exists()
    assert presenter.errors and "lỗi cần sửa" in presenter.errors[-1]
    messages = [f.message for f in window.review.findings]
    assert "Chưa nhập địa danh (ví dụ: Lâm Đồng)." in messages and "Chưa chọn nơi gửi (Kính gửi)." in messages
    # "Sửa" jumps to the field
    window.controller.jump_to_field("place")
    assert window.stack.currentIndex() == 0 and window.focusWidget() is header.place
    type_text(header.place, "Cát Tiên")
    type_text(header.subject, "Về việc tuyên truyền")
    assert header.errors["place"].text() == ""
    window.controller.go_to(1)
    picker = window.pages[1].picker
    qtbot.keyClicks(picker.search, "uy ban nhan")
    press(picker.search, Qt.Key.Key_Return)
    window.controller.go_to(2)
    window.pages[2].task_list.setCurrentRow(0)
    press(window.pages[2].task_list, Qt.Key.Key_Space)
    window.controller.go_to(5)
    window.pages[5].output.setText(str(output))
    presenter.errors.clear()
    _next(qtbot, window)
    assert presenter.errors == [], [f.message for f in window.review.findings]
    assert output.exists()
    assert header.place.text() == "Cát Tiên"  # nothing the clerk typed was cleared


CRASHING_CLERK = """
import os, sys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
from dnnd_drafter.catalog import load_catalog
from dnnd_drafter.store import open_store
from dnnd_drafter.ui.app import build_window, first_session
from dnnd_drafter.ui.wizard.step_base import AppContext
from tests.gui.clerk import make_office, press, type_text
store = open_store()
context = AppContext(store, make_office(store), load_catalog())
win = build_window(context, first_session(context))
win.show()
type_text(win.pages[0].subject, "Về việc tuyên truyền đối ngoại")
win.controller.go_to(1)                       # a page change autosaves
type_text(win.pages[1].picker.search, "cong an")
press(win.pages[1].picker.search, Qt.Key.Key_Return)
win.controller.autosaves.save_now()           # the 30-second timer fires: the write is handed to a thread
win.session.store.autosaver.flush() # ... which has written it
print(win.session.draft.subject, "|", ";".join(win.session.draft.recipients), flush=True)
os._exit(3)                        # the PC loses power: no close, no clean-up
"""


def test_autosave_then_a_crash_then_restart_offers_the_draft_back(qtbot, presenter, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    child = subprocess.run([sys.executable, "-c", CRASHING_CLERK], capture_output=True, text=True,
                           env=env, cwd=REPO, timeout=120)
    assert child.returncode == 3, child.stderr
    assert child.stdout.strip().splitlines()[-1] == "Về việc tuyên truyền đối ngoại | Công an xã"
    from dnnd_drafter.catalog import load_catalog
    from dnnd_drafter.store import open_store

    with open_store() as store:
        context = AppContext(store, store.profiles.all()[0], load_catalog(), presenter=presenter)
        presenter.answers = [dialogs.YES]
        restored = first_session(context)
        assert presenter.questions and "đóng đột ngột" in presenter.questions[-1]
        assert restored.draft.subject == "Về việc tuyên truyền đối ngoại"
        assert restored.draft.recipients == ["Công an xã"]
        assert restored.draft.issuer.name == "ỦY BAN NHÂN DÂN\nXÃ CÁT TIÊN"
        assert restored.draft.cc == ["Như trên", "Lưu: VT, VP"]
        win = build_window(context, restored)
        qtbot.addWidget(win)
        assert win.pages[0].subject.text() == "Về việc tuyên truyền đối ngoại"
        assert win.pages[1].picker.names() == ["Công an xã"]
        win.session.dirty = False
        win.preview.wait_idle()
        # a second start does not offer it again once the restored session is closed cleanly
        win.close()
        presenter.questions.clear()
        first_session(context)
        assert presenter.questions == []


def test_the_start_dialog_begins_a_letter_from_the_chosen_profile_and_template(qtbot, office, presenter, tmp_path) -> None:
    from dnnd_drafter.model import letter as model
    from dnnd_drafter.store import Profile
    from dnnd_drafter.ui.wizard.start_dialog import session_for
    from dnnd_drafter.ui.wizard.start_dialog import StartDialog

    party = office.store.profiles.save(Profile(
        name="Đảng ủy xã", family="dang", issuing_body="ĐẢNG ỦY XÃ CÁT TIÊN", abbreviation="ĐU",
        default_place="Cát Tiên", archive_line="Lưu Văn phòng Đảng ủy"))
    dialog = StartDialog(office)
    qtbot.addWidget(dialog)
    dialog.profile.setCurrentIndex(dialog.profile.findData(party.id))
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    session = session_for(dialog.choice, office)
    assert (session.draft.family, session.draft.issuer.name, session.draft.symbol) == ("dang", "ĐẢNG ỦY XÃ CÁT TIÊN", "CV/ĐU")
    assert session.draft.cc == ["Như kính gửi", "Lưu Văn phòng Đảng ủy"]
    assert office.profile.id == party.id
    # start from an earlier letter: same content, today's date, blank number
    old = model.load(Path(__file__).resolve().parents[2] / "examples" / "dang_cat_tien_492.json")
    path = model.save(old, tmp_path / "cu.json")
    presenter.open_file = lambda *a: str(path)
    again = StartDialog(office)
    qtbot.addWidget(again)
    again._choose_file("copy")
    copied = session_for(again.choice, office)
    assert copied.draft.number == "" and copied.draft.content == old.content and copied.path is None
    assert copied.draft.date != old.date
