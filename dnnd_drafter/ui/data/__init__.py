"""Hold the data windows: address book, recipient lists, profiles, signers and the register.

:func:`open_data_dialog` opens them from the wizard's Dữ liệu menu. The wizard imports this
package when the clerk first opens one of them (none is needed to start).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.data.addressbook import AddressBookDialog
from dnnd_drafter.ui.data.lists import ListsDialog
from dnnd_drafter.ui.data.profiles import ProfilesDialog
from dnnd_drafter.ui.data.register import RegisterDialog
from dnnd_drafter.ui.data.signers import SignersDialog
from dnnd_drafter.ui.data.windows import DataDialog
from dnnd_drafter.ui.server_calls import reach_server

if TYPE_CHECKING:
    from dnnd_drafter.ui.wizard.step_base import AppContext

TEXT = {"no_store": "Chưa mở được dữ liệu của cơ quan nên chưa xem được mục này."}
DATA_WINDOWS: dict[str, type[DataDialog]] = {
    "addressbook": AddressBookDialog, "lists": ListsDialog, "profiles": ProfilesDialog,
    "signers": SignersDialog, "register": RegisterDialog,
}


def open_data_dialog(key: str, window: QWidget, context: AppContext,
                     changed: Callable[[], None] | None = None) -> None:
    """Show the data window `key` (one of :data:`DATA_WINDOWS`) of `context` over `window` until the
    clerk closes it; then call `changed` (lists, signers or the profile may have changed)."""
    if context.store is None:
        context.presenter.error(window, TEXT["no_store"])
        return
    if context.store.server_notice:  # opened without the office's server: try it again, say when it is still away

        dialogs.guarded(window, lambda: reach_server(window, context.store), presenter=context.presenter)
    dialog = DATA_WINDOWS[key](context, window)  # type: ignore[call-arg] # each window names its own title
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
    if changed is not None:
        changed()
