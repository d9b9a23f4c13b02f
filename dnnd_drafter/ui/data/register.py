"""Show Dữ liệu → Sổ văn bản đi: the numbers issued in a year (for one profile or all), cancel a
number with a reason (it is never reused), and export the year to a CSV file for Excel."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from dnnd_drafter.base import paths
from dnnd_drafter.files.filenames import safe_file_name
from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.dialogs import guarded
from dnnd_drafter.ui.server_calls import ServerSide
from dnnd_drafter.ui.data import windows as data_dialogs
from dnnd_drafter.ui.data.windows import DataDialog, button, button_row, form_field, style_table
from dnnd_drafter.ui.data.register_model import RegisterModel
from dnnd_drafter.ui.widgets import ShortText, finish_form_dialog
from dnnd_drafter.model.vietnamese import short_date

if TYPE_CHECKING:
    from dnnd_drafter.store.register import RegisterEntry
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT: dict[str, Any] = {  # strings, and the lists of column headers or step titles
    "title": "Sổ văn bản đi",
    "year": "&Năm:", "year_tip": "Chỉ hiện văn bản ghi ngày trong năm này.",
    "profile": "&Hồ sơ:", "all_profiles": "Tất cả hồ sơ", "profile_tip": "Chỉ hiện văn bản của một cơ quan.",
    "headers": ["Số", "Ký hiệu", "Ngày", "Trích yếu", "Nơi nhận", "Người ký", "Tệp", "Trạng thái",
                "Kiểm tra tệp"],
    "file_ok": "Khớp với sổ", "file_changed": "⚠ Tệp đã bị thay đổi", "file_missing": "⚠ Tệp không còn",
    "file_unknown": "", "file_ok_tip": "Tệp {} vẫn đúng là tệp đã ghi vào sổ (mã SHA-256 khớp).",
    "file_changed_tip": "Tệp {} đã bị sửa hoặc bị thay bằng văn bản khác sau khi ghi vào sổ: "
                        "mã SHA-256 không còn khớp với sổ.",
    "file_missing_tip": "Không còn tệp {} (đã bị xóa, đổi tên hoặc chuyển đi).",
    "file_unknown_tip": "Sổ không ghi đường dẫn tệp của văn bản này nên không kiểm tra được.",
    "issued": "Đã cấp", "cancelled": "Đã hủy: {}",
    "summary": "Năm {year}: {issued} số đã cấp, {cancelled} số đã hủy.",
    "cancel": "&Hủy số…", "cancel_tip": "Hủy số văn bản đang chọn (phải ghi lý do); số đã hủy không được cấp lại.",
    "export": "&Xuất CSV…", "export_tip": "Xuất sổ của năm đang xem ra tệp CSV mở được bằng Excel.",
    "refresh": "&Làm mới", "refresh_tip": "Đọc lại sổ (khi cửa sổ khác vừa cấp số) — F5.",
    "close": "Đóng", "close_tip": "Đóng cửa sổ (Esc).",
    "csv_filter": "Tệp CSV cho Excel (*.csv)", "export_title": "Xuất sổ văn bản đi",
    "exported": "Đã xuất sổ văn bản đi năm {} ra tệp:\n{}",
    "kind": "Loại: {}", "file_hash": "SHA-256: {}",
    "loading": "Đang tải…", "load_failed": "Chưa đọc được từ máy chủ (F5 để thử lại)",
    # the cancel form
    "cancel_title": "Hủy số văn bản",
    "cancel_intro": "Hủy số {number} ngày {date}:\n{subject}\n\nSố đã hủy được giữ trong sổ kèm lý do "
                    "và không bao giờ được cấp lại.",
    "reason": "Lý do hủy:", "reason_tip": "Bắt buộc, ví dụ: Văn bản bị thu hồi để sửa nội dung.",
    "cancel_ok": "Hủy số này", "cancel_back": "Không hủy",
}


def choose_save_path(parent: QWidget, title: str, start: str) -> str:
    """Ask where to write the CSV file; return the path (with ``.csv``), or "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, start, TEXT["csv_filter"])
    if path and not path.lower().endswith(".csv"):
        path += ".csv"
    return path


class RegisterDialog(DataDialog):
    """Browse the outgoing register by year, cancel numbers and export."""

    def __init__(self, context: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(context, parent, TEXT["title"], (1240, 620))
        self.year = QComboBox()
        self.year.setToolTip(TEXT["year_tip"])
        self.profile = QComboBox()
        self.profile.setToolTip(TEXT["profile_tip"])
        self.profile.setMinimumContentsLength(22)
        self.profile.addItem(TEXT["all_profiles"], None)
        for profile in ServerSide(self, self.store, "profiles", retry=False).all():
            self.profile.addItem(profile.name, profile.id)
        active = context.profile.id if context.profile is not None else None
        self.profile.setCurrentIndex(max(self.profile.findData(active), 0) if active is not None else 0)
        self.model = RegisterModel(self.store, TEXT)
        self.table = QTableView()
        self.table.setModel(self.model)
        style_table(self.table, 3)
        self.summary = QLabel()
        self.buttons = {key: button(TEXT[key], TEXT[f"{key}_tip"], slot) for key, slot in (
            ("cancel", self.cancel_number), ("export", self.export_csv), ("refresh", self.refresh),
            ("close", self.accept))}
        year_label, profile_label = QLabel(TEXT["year"]), QLabel(TEXT["profile"])
        year_label.setBuddy(self.year)
        profile_label.setBuddy(self.profile)
        top = QHBoxLayout()
        for widget in (year_label, self.year, profile_label, self.profile):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.buttons["refresh"])
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addLayout(button_row(self.summary, self.buttons["cancel"], self.buttons["export"], None,
                                    self.buttons["close"], stretch_at=1))
        for index, width in enumerate((50, 110, 90, 0, 220, 150, 140, 170, 150)):
            if width:
                self.table.setColumnWidth(index, width)
        self.fill_years()
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.profile.currentIndexChanged.connect(lambda _i: self._profile_changed())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.model.dataChanged.connect(lambda *_: self._update_buttons())  # a page read from the server
        self.finished.connect(lambda _result: self.model.close())
        self.shortcut("F5", self.refresh)
        self.refresh()

    def fill_years(self) -> None:
        """Offer this year and every year with a letter of the chosen profile, newest first."""
        chosen = self.year.currentData() or _dt.date.today().year
        years = set(ServerSide(self, self.store, "register", retry=False).years(self.profile.currentData()))
        years.add(_dt.date.today().year)
        self.year.blockSignals(True)
        self.year.clear()
        for year in sorted(years, reverse=True):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(chosen), 0))
        self.year.blockSignals(False)

    def _profile_changed(self) -> None:
        """Show the years of the newly chosen profile, then its entries."""
        self.fill_years()
        self.refresh()

    def entries(self) -> list["RegisterEntry"]:
        """Return the entries of the chosen year and profile."""
        return self.store.register.entries(self.year.currentData(), self.profile.currentData())

    def refresh(self) -> None:
        """Show the register of the chosen year and profile, keeping the selection.

        Only the ids of the year are read here; the table reads the rows it shows (and checks
        their files) as they come into view.
        """
        keep = self.selected_id()
        year, profile_id = self.year.currentData(), self.profile.currentData()
        self.model.load(year, profile_id)
        row = self.model.row_of(keep) if keep is not None else None
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        cancelled = ServerSide(self, self.store, "register", retry=False).cancelled_count(year, profile_id)
        self.summary.setText(TEXT["summary"].format(year=year, issued=len(self.model.ids) - cancelled,
                                                    cancelled=cancelled))
        self._update_buttons()

    def selected_id(self) -> int | None:
        """Return the id of the selected entry, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.ids[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        """Allow cancelling only a selected number that is still issued."""
        rows = self.table.selectionModel().selectedRows()
        entry = self.model.entry(rows[0].row()) if rows else None  # None until its page is read
        self.buttons["cancel"].setEnabled(entry is not None and not entry.cancelled)

    def cancel_number(self) -> None:
        """Ask for a reason and cancel the selected number."""
        chosen = self.selected_id()
        if chosen is None:
            return
        entry = ServerSide(self, self.store, "register").get(chosen)  # as stored now
        if entry.cancelled:
            return
        if data_dialogs.run_dialog(CancelDialog(self.store, entry, self)):
            self.refresh()

    def export_csv(self) -> None:
        """Write the chosen year (and profile) to a CSV file the clerk chooses."""
        year = self.year.currentData()
        start = str(paths.documents_dir() / f"{safe_file_name(f'so-van-ban-di-{year}')}.csv")
        path = choose_save_path(self, TEXT["export_title"], start)
        register, profile_id = ServerSide(self, self.store, "register"), self.profile.currentData()
        if path and self.guard(lambda: register.export_csv(path, year, profile_id)):
            dialogs.presenter_of(self).info(self, TEXT["exported"].format(year, path))


class CancelDialog(QDialog):
    """Cancel one number; the reason is required and kept when something goes wrong."""

    def __init__(self, store, entry: "RegisterEntry", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.entry = store, entry
        self.setWindowTitle(TEXT["cancel_title"])
        intro = QLabel(TEXT["cancel_intro"].format(number=entry.label, date=short_date(entry.date),
                                                   subject=entry.subject))
        intro.setWordWrap(True)
        self.reason = ShortText(3)
        form = QFormLayout()
        self.errors = {"reason": form_field(form, TEXT["reason"], self.reason, TEXT["reason_tip"])}
        column = QVBoxLayout(self)
        column.addWidget(intro)
        finish_form_dialog(self, column, form, TEXT["cancel_ok"], TEXT["cancel_back"], 560, self.reason)

    def accept(self) -> None:
        """Cancel the number in the store; an empty reason shows the Vietnamese message."""
        register = ServerSide(self, self.store, "register")  # tries an absent server again, off the UI thread
        if guarded(self, lambda: register.cancel(self.entry.id, self.reason.toPlainText()), self.errors):
            super().accept()
