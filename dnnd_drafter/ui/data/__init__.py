"""Hold the data windows: address book, recipient lists, profiles, signers and the register.

:func:`open_data_dialog` opens them from the wizard's Dữ liệu menu. The wizard imports this
package when the clerk first opens one of them (none is needed to start).
"""

from __future__ import annotations

from typing import Any

from dnnd_drafter.ui import dialogs
from dnnd_drafter.ui.data.addressbook import AddressBookDialog
from dnnd_drafter.ui.data.lists import ListsDialog
from dnnd_drafter.ui.data.profiles import ProfilesDialog
from dnnd_drafter.ui.data.register import RegisterDialog
from dnnd_drafter.ui.data.signers import SignersDialog
from dnnd_drafter.ui.data.windows import DataDialog

TEXT = {"no_store": "Chưa mở được dữ liệu của cơ quan nên chưa xem được mục này."}
DATA_WINDOWS: dict[str, type[DataDialog]] = {
    "addressbook": AddressBookDialog, "lists": ListsDialog, "profiles": ProfilesDialog,
    "signers": SignersDialog, "register": RegisterDialog,
}


def open_data_dialog(key: str, window: Any) -> None:
    """Show the data window `key` (one of :data:`DATA_WINDOWS`) over `window` until the clerk closes it."""
    context = window.context
    if context.store is None:
        dialogs.presenter.error(window, TEXT["no_store"])
        return
    if context.store.server_notice:  # opened without the office's server: try it again, say when it is still away
        from dnnd_drafter.ui.server_calls import reach_server

        dialogs.guarded(window, lambda: reach_server(window, context.store))
    dialog = DATA_WINDOWS[key](context, window)  # type: ignore[call-arg] # each window names its own title
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()
    refresh = getattr(window, "refresh_from_store", None)
    if refresh is not None:  # lists, signers or the profile may have changed
        refresh()
