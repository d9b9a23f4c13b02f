"""Write the letter's files from the wizard: the .docx and the PDF, print it, number it in the register.

A part of the wizard's controller (:class:`~dnnd_drafter.ui.wizard.controller.WizardController`).

A letter's default file name is readable and unique (date, then number and symbol, or the first
words of the trích yếu; ``-2``, ``-3`` … when taken). No file is ever replaced without a
Vietnamese question naming it, except the letter's own file written earlier in this session
(rewriting it after numbering is not a replacement of another letter). After "Ghi vào sổ" the
form stays on its step, and the PDF is written again with the number (or offered).
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import TYPE_CHECKING


from dnnd_drafter.base import paths
from dnnd_drafter.base.errors import UserMessageError
from dnnd_drafter.files.filenames import unique_path
from dnnd_drafter.model.vietnamese import short_date
from dnnd_drafter.ui import deferred, dialogs
from dnnd_drafter.ui.deferred import render_engine
from dnnd_drafter.ui.wizard.wizard_view import ControllerParts

if TYPE_CHECKING:
    from dnnd_drafter.store.draft_session import DraftSession

TEXT = {
    "docx_filter": "Văn bản Word (*.docx)", "pdf_filter": "Tệp PDF (*.pdf)",
    "docx_title": "Xuất văn bản", "pdf_title": "Xuất PDF",
    "created": "Đã tạo văn bản: {}", "pdf_done": "Đã xuất PDF: {}",
    "pdf_unnumbered": "\n\nVăn bản chưa có số nên PDF này cũng chưa có số. Sau khi “Ghi vào sổ văn bản đi”, "
                      "PDF sẽ được xuất lại với số.",
    "no_store": "Chưa mở được dữ liệu của cơ quan.",
    "no_profile": "Hãy tạo hồ sơ cơ quan trước (Dữ liệu → Hồ sơ cơ quan).",
    "registered": "Đã ghi vào sổ văn bản đi: số {} ngày {}. Văn bản đã được tạo lại với số mới.",
    "pdf_again": "\n\nPDF đã xuất trước đó cũng được xuất lại với số mới: {}",
    "pdf_offer": "\n\nXuất PDF có số mới ngay bây giờ?", "pdf_yes": "Xuất PDF", "pdf_no": "Để sau",
    "register_first": "Hãy tạo văn bản trước khi ghi vào sổ.",
    "registered_before": "Văn bản này đã được ghi vào sổ văn bản đi (số {}); không cấp số lần nữa.",
    "replace": "Tệp “{name}” đã có trong thư mục “{folder}”.\n\nThay tệp đó bằng văn bản đang soạn? "
               "Nội dung cũ của tệp sẽ mất.",
    "replace_registered": "\n\nTệp này là văn bản số {} đã ghi vào sổ văn bản đi: nếu thay, sổ sẽ báo "
                          "tệp đã bị thay đổi.",
    "replace_yes": "Thay tệp “{}”", "replace_no": "Không thay",
    "lo_absent": "Không tìm thấy LibreOffice trên máy này, nên PDF sẽ được tạo bằng bộ vẽ trang của chương "
                 "trình (kết quả giống bản .docx).",
    "lo_found": "PDF sẽ được tạo bằng LibreOffice: {}",
}


def same_file(a: Path, b: Path | None) -> bool:
    """Return whether `a` and `b` name the same file."""
    if b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


class OutputFiles(ControllerParts):
    """Name, write, print and number the files of the letter for the wizard's controller."""

    def __init__(self) -> None:
        self.pdf_of: tuple["DraftSession", Path] | None = None  # the PDF exported of a session's letter
        self.entry_of: tuple["DraftSession", int] | None = None  # the register entry numbered from a session

    def own_pdf(self) -> Path | None:
        """Return the PDF exported of the letter on screen, or None."""
        return self.pdf_of[1] if self.pdf_of is not None and self.pdf_of[0] is self.session else None

    # -- names ----------------------------------------------------------------------------
    def is_taken(self, path: Path) -> bool:
        """Return whether `path` exists or is the recorded file of a register entry."""
        store = self.context.store
        return path.exists() or (store is not None and bool(store.register.entries_for_file(path)))

    def default_output(self) -> Path:
        """Return where the letter goes when the clerk did not choose: its own file, beside the draft,
        or a new readable name in the letters folder (never another letter's file)."""
        if self.created is not None:
            return self.created
        if self.session.path is not None:
            return self.session.path.with_suffix(".docx")
        stem = render_engine().letter_file_stem(self.session.draft)
        return unique_path(paths.sub_dir("van-ban") / f"{stem}.docx", self.is_taken)

    def may_replace(self, target: Path, own: tuple[Path | None, ...] = ()) -> bool:
        """Return whether `target` may be written: it is new, one of `own`, or the clerk said so."""
        if not target.exists() or any(same_file(target, path) for path in own):
            return True
        text = TEXT["replace"].format(name=target.name, folder=target.parent)
        store = self.context.store
        if store is not None:
            issued = store.register.entries_for_file(target)
            if issued:
                text += TEXT["replace_registered"].format(", ".join(e.label for e in issued))
        answer = self.presenter.ask(self.view.dialog_parent(), text, TEXT["replace_yes"].format(target.name),
                                    TEXT["replace_no"])
        return answer == dialogs.YES

    # -- writing --------------------------------------------------------------------------
    def write_docx(self, target: Path) -> Path | None:
        """Write the .docx at `target` (asking before replacing another file); show where it went."""
        if not self.may_replace(target, (self.created,)):
            return None
        if not self.guard(lambda: render_engine().write_docx(self.session.draft, target)):
            return None
        own = same_file(target, self.created)
        self.created = target
        if own and self.entry_of is not None and self.entry_of[0] is self.session:
            self.context.store.register.attach_file(self.entry_of[1], target)  # type: ignore[union-attr] # only with a store; the same letter, redone
        self.view.show_output(target, created=True)
        self.session.autosave_later()
        return target

    def export_docx(self) -> None:
        """Ask where to export and write the .docx."""
        path = self.presenter.save_file(self.view.dialog_parent(), TEXT["docx_title"], str(self.default_output()),
                                           TEXT["docx_filter"])
        if path:
            self.view.apply_page(self.session.draft)
            if self.write_docx(Path(path if path.lower().endswith(".docx") else path + ".docx")):
                self.presenter.info(self.view.dialog_parent(), TEXT["created"].format(path))

    def export_pdf(self) -> None:
        """Ask where to export and write the PDF; say when it carries no number yet."""
        self.view.apply_page(self.session.draft)
        suggested = self.own_pdf() or self.default_output().with_suffix(".pdf")
        path = self.presenter.save_file(self.view.dialog_parent(), TEXT["pdf_title"], str(suggested),
                                        TEXT["pdf_filter"])
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        if not self.may_replace(target, (self.own_pdf(),)):
            return
        self.write_pdf(target)
        note = "" if self.session.draft.number.strip() else TEXT["pdf_unnumbered"]
        self.presenter.info(self.view.dialog_parent(), TEXT["pdf_done"].format(target) + note)

    def write_pdf(self, target: Path) -> Path:
        """Write the PDF of the letter at `target` with the chosen engine; remember it as this letter's."""
        render = render_engine()
        draft = self.session.draft
        letter, title = render.printable(draft), render.pdf_title(draft)
        deferred.export_pdf(letter, target, title, draft.issuer.name, self.pdf_through_libreoffice)
        self.pdf_of = (self.session, target)
        return target

    # -- the register ---------------------------------------------------------------------
    def register(self) -> None:
        """Issue the next number, put it in the letter, rewrite its file (and its PDF); stay on the step."""
        window = self.view.dialog_parent()
        context, draft, created = self.context, self.session.draft, self.created
        if context.store is None:
            raise UserMessageError(TEXT["no_store"])
        if context.store.server_notice:  # opened without the office's server: try it again now
            reconnected = deferred.off_ui_thread(window, context.store, context.store.reconnect)
            if reconnected and context.profile is None:
                context.profile = next(iter(context.store.profiles.all()), None)
        if context.profile is None or context.profile.id is None:
            raise UserMessageError(TEXT["no_profile"])
        if created is None:
            raise UserMessageError(TEXT["register_first"])
        if self.entry_of is not None and self.entry_of[0] is self.session:
            raise UserMessageError(TEXT["registered_before"].format(context.store.register.get(self.entry_of[1]).label))
        self.view.apply_page(draft)
        profile_id, store = context.profile.id, context.store
        entry = deferred.off_ui_thread(window, store, lambda: store.register.issue(
            profile_id, draft.kind, on=_dt.date.today(), subject=draft.subject,
            recipients=draft.recipients, signer=draft.signature.name, file_name=created.name,
            symbol=draft.symbol or None))
        draft.number, draft.date = str(entry.number), entry.date
        self.entry_of = (self.session, entry.id)
        if draft.symbol == "":
            draft.symbol = entry.symbol
        self.session.mark_changed()
        self._show_numbered()
        self.write_docx(created)  # its own file: rewritten without a question, and its hash recorded
        text = TEXT["registered"].format(entry.number_text, short_date(entry.date))
        earlier = self.own_pdf()
        if earlier is not None:
            rewritten = self.guard(lambda: self.write_pdf(earlier))
            self.presenter.info(window, text + (TEXT["pdf_again"].format(earlier) if rewritten else ""))
        elif self.presenter.ask(window, text + TEXT["pdf_offer"], TEXT["pdf_yes"], TEXT["pdf_no"]) == dialogs.YES:
            self.guard(self.export_pdf)

    def _show_numbered(self) -> None:
        """Show the new number and date on every built page and the preview, on the same step."""
        draft = self.session.draft
        self.view.load_pages(draft)
        self.revalidate()
        self.view.schedule_preview(draft)
        self.update_title()

    # -- printing, the PDF engine, the review step's buttons --------------------------------
    def print_letter(self) -> None:
        """Open the print dialog for the letter."""
        self.view.apply_page(self.session.draft)
        letter = render_engine().printable(self.session.draft)
        suggested = paths.documents_dir() / self.default_output().with_suffix(".pdf").name
        deferred.print_letter(letter, self.view.dialog_parent(), suggested)

    def choose_pdf_engine(self, wanted: bool) -> bool:
        """Write PDFs through LibreOffice when `wanted` and installed (say so either way); return the choice."""
        soffice = deferred.find_libreoffice() if wanted else None
        if wanted and soffice is None:
            self.presenter.error(self.view.dialog_parent(), TEXT["lo_absent"])
        elif wanted:
            self.presenter.info(self.view.dialog_parent(), TEXT["lo_found"].format(soffice))
        self.pdf_through_libreoffice = soffice is not None
        return self.pdf_through_libreoffice

    def after_create(self, key: str) -> None:
        """Carry out a button of the review step on the created file."""
        created = self.created
        if key == "open" and created:
            dialogs.open_in_system(created)
        elif key == "folder" and created:
            dialogs.open_in_system(created.parent)
        elif key == "print":
            self.guard(self.print_letter)
        elif key == "pdf":
            self.guard(self.export_pdf)
        elif key == "register":
            self.guard(self.register)
