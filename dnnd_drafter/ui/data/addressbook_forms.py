"""Show the address book's entry forms: add or edit one entry, and rename, merge or retire entries
from a date; each form keeps what was typed when the store refuses it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget

from dnnd_drafter.base.errors import UserDataError
from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.dialogs import guarded
from dnnd_drafter.ui.server_calls import ServerSide
from dnnd_drafter.ui.wizard.conflict_questions import save_edit
from dnnd_drafter.ui.data.windows import OptionalDate, date_edit, form_field, from_qdate
from dnnd_drafter.ui.widgets import ShortText, finish_form_dialog

TEXT: dict[str, Any] = {
    # one entry
    "entry_add": "Thêm địa chỉ", "entry_edit": "Sửa địa chỉ",
    "name": "Tên đầy đủ:", "name_tip": "Tên in ở dòng Kính gửi, ví dụ: Ủy ban nhân dân xã Tân An.",
    "short": "Tên ở Nơi nhận:",
    "short_tip": "Dạng ngắn in dưới Nơi nhận, ví dụ: UBND xã Tân An; bỏ trống thì dùng tên đầy đủ.",
    "tags": "Nhãn:", "tags_tip": "Để lọc và gom nhóm, cách nhau bằng dấu phẩy, ví dụ: xã, khối đảng.",
    "valid_from": "Bắt đầu hiệu lực:", "valid_to": "Hết hiệu lực:", "from_day": "từ ngày",
    "valid_from_tip": "Ngày địa chỉ bắt đầu có (bỏ chọn nếu không rõ).",
    "valid_to_tip": "Ngày địa chỉ không còn dùng nữa (bỏ chọn nếu vẫn đang dùng).",
    "note": "Ghi chú:", "note_tip": "Địa chỉ, số điện thoại, người liên hệ… (không in ra văn bản).",
    "save": "Lưu", "cancel": "Hủy",
    "renamed_meanwhile": "Trong lúc bạn sửa, “{old}” đã được đổi tên thành “{new}” ở cửa sổ khác. Thay đổi "
                         "của bạn được lưu vào tên cũ (dùng cho văn bản trước ngày đổi tên); hãy sửa cả “{new}” "
                         "nếu cần.",
    "ended_meanwhile": "Trong lúc bạn sửa, “{old}” đã được cho ngừng sử dụng ở cửa sổ khác; thay đổi của bạn "
                       "vẫn được lưu.",
    # rename, merge, retire
    "rename_title": "Đổi tên từ ngày", "merge_title": "Gộp địa chỉ", "retire_title": "Ngừng sử dụng",
    "rename_intro": "Đổi tên “{}”. Văn bản ghi ngày trước ngày đổi tên vẫn dùng tên cũ; "
                    "danh sách nơi nhận tự dùng tên mới.",
    "merge_intro": "Gộp các địa chỉ dưới đây thành một (ví dụ: sáp nhập xã năm 2025). "
                   "Văn bản ghi ngày trước ngày gộp vẫn dùng các tên cũ.",
    "retire_intro": "Các địa chỉ dưới đây không còn dùng từ ngày đã chọn (không có cơ quan thay thế). "
                    "Văn bản cũ vẫn giữ tên; danh sách nơi nhận sẽ bỏ qua chúng từ ngày đó.",
    "new_name": "Tên mới:", "new_name_tip": "Tên đầy đủ mới, in ở dòng Kính gửi.",
    "new_short": "Tên mới ở Nơi nhận:", "new_short_tip": "Dạng ngắn mới in dưới Nơi nhận; có thể bỏ trống.",
    "merged_name": "Tên sau khi gộp:", "merged_tags": "Nhãn:",
    "on": "Từ ngày:", "on_tip": "Ngày tên mới (hoặc việc ngừng sử dụng) bắt đầu có hiệu lực.",
    "retire_on": "Ngừng từ ngày:",
    "rename_ok": "Đổi tên", "merge_ok": "Gộp", "retire_ok": "Ngừng sử dụng",
    "same_name": "Tên mới đang giống hệt tên cũ; hãy gõ tên mới.",
    "need_two": "Hãy chọn ít nhất hai địa chỉ để gộp (giữ Ctrl và bấm vào từng dòng).",
}


def split_tags(text: str) -> list[str]:
    """Return the tags typed in one box, separated by commas or semicolons."""
    return [t.strip() for t in text.replace(";", ",").split(",") if t.strip()]


class EntryDialog(QDialog):
    """Add or edit one address-book entry; keep the dialog open with the typed text on an error."""

    def __init__(self, store, entry: Recipient, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.entry = entry
        self.saved: Recipient | None = None
        self.setWindowTitle(TEXT["entry_edit" if entry.id is not None else "entry_add"])
        self.name, self.short = QLineEdit(entry.name), QLineEdit(entry.short_name)
        self.tags = QLineEdit(", ".join(entry.tags))
        self.valid_from = OptionalDate(TEXT["from_day"], entry.valid_from)
        self.valid_to = OptionalDate(TEXT["from_day"], entry.valid_to)
        self.note = ShortText(3)
        self.note.setPlainText(entry.note)
        form = QFormLayout()
        self.errors = {}
        for key, widget in (("name", self.name), ("short", self.short), ("tags", self.tags)):
            self.errors[key] = form_field(form, TEXT[key], widget, TEXT[f"{key}_tip"])
        self.errors["short_name"] = self.errors.pop("short")
        self.errors["valid_from"] = form_field(form, TEXT["valid_from"], self.valid_from, TEXT["valid_from_tip"])
        self.errors["valid_to"] = form_field(form, TEXT["valid_to"], self.valid_to, TEXT["valid_to_tip"])
        self.errors["note"] = form_field(form, TEXT["note"], self.note, TEXT["note_tip"])
        finish_form_dialog(self, QVBoxLayout(self), form, TEXT["save"], TEXT["cancel"], 640, self.name)
        self.name.selectAll()  # the search text is offered as the name: typing replaces it

    def accept(self) -> None:
        """Save the entry (new, or only the fields changed in place); on an error keep the dialog open.

        A field changed meanwhile in another window is asked about; a rename made meanwhile is kept
        and told.
        """
        e = self.entry
        entry = Recipient(self.name.text(), self.short.text(), split_tags(self.tags.text()),
                          self.valid_from.value(), self.valid_to.value(), e.replaced_by, e.id, e.uid,
                          self.note.toPlainText())
        book = ServerSide(self, self.store, "addressbook")  # tries an absent server again, off the UI thread
        if e.id is None:
            if guarded(self, lambda: setattr(self, "saved", book.add(entry)), self.errors):
                super().accept()
            return
        stored: list[Recipient | None] = []
        if not guarded(self, lambda: stored.append(save_edit(self, book.update, entry, e)), self.errors):
            return
        if stored[0] is None:  # the clerk chose Hủy in the conflict question: keep editing
            return
        self.saved = stored[0]
        self._tell_changed_meanwhile(stored[0])
        super().accept()

    def _tell_changed_meanwhile(self, saved: Recipient) -> None:
        """Say when another window renamed or retired the entry while it was being edited."""
        if saved.valid_to is None or saved.valid_to in (self.entry.valid_to, self.valid_to.value()):
            return  # unchanged, or the clerk's own date
        if saved.replaced_by is not None:
            new = self.store.addressbook.get(saved.replaced_by).name
            dialogs.presenter_of(self).info(self, TEXT["renamed_meanwhile"].format(old=saved.name, new=new))
        else:
            dialogs.presenter_of(self).info(self, TEXT["ended_meanwhile"].format(old=saved.name))


class ChangeDialog(QDialog):
    """Rename one entry, merge several, or retire them, from a date."""

    def __init__(self, store, mode: str, entries: list[Recipient],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.mode, self.entries = store, mode, entries
        self.result_id: int | None = None
        self.setWindowTitle(TEXT[f"{mode}_title"])
        intro = QLabel(TEXT[f"{mode}_intro"].format(entries[0].name))
        intro.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        if mode != "rename":
            names = QListWidget()
            names.addItems([e.name for e in entries])
            names.setMaximumHeight(names.sizeHintForRow(0) * min(len(entries), 6) + 8)
            names.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            column.addWidget(names)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.name, self.short, self.tags = QLineEdit(), QLineEdit(), QLineEdit()
        if mode == "rename":
            self.name.setText(entries[0].name)
            self.short.setText(entries[0].short_name)
        if mode == "merge":
            self.tags.setText(", ".join(dict.fromkeys(t for e in entries for t in e.tags)))
        if mode != "retire":
            self.errors["name"] = form_field(form, TEXT["merged_name" if mode == "merge" else "new_name"],
                                            self.name, TEXT["new_name_tip"])
            self.errors["short_name"] = form_field(form, TEXT["new_short"], self.short, TEXT["new_short_tip"])
        if mode == "merge":
            self.errors["tags"] = form_field(form, TEXT["merged_tags"], self.tags, TEXT["tags_tip"])
        self.on = date_edit()
        self.errors["on"] = form_field(form, TEXT["retire_on" if mode == "retire" else "on"], self.on, TEXT["on_tip"])
        finish_form_dialog(self, column, form, TEXT[f"{mode}_ok"], TEXT["cancel"], 600,
                           self.on if mode == "retire" else self.name)
        if mode == "rename":
            self.name.selectAll()

    def _apply(self) -> None:
        """Carry out the change in the store (raises UserMessageError on bad input)."""
        book, on = ServerSide(self, self.store, "addressbook"), from_qdate(self.on.date())
        old = self.entries[0]
        if self.mode == "rename":
            if self.name.text().strip() == old.name and self.short.text().strip() == old.short_name:
                raise UserDataError(TEXT["same_name"], field="name")
            self.result_id = book.rename(old.id, self.name.text(), on, self.short.text()).id
        elif self.mode == "merge":
            self.result_id = book.merge([e.id for e in self.entries], self.name.text(), on,
                                        self.short.text(), split_tags(self.tags.text())).id
        else:
            book.retire([e.id for e in self.entries], on)

    def accept(self) -> None:
        """Apply the change; on an error show it and keep everything typed."""
        if guarded(self, self._apply, self.errors):
            super().accept()
