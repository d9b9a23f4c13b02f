"""Typing in the recipient picker rewrites its list in place (no reset of the list's model, so a
keystroke costs the search and one repaint) and the list always shows what the search finds."""

from __future__ import annotations

import datetime as dt

from dnnd_drafter.store.addressbook import Recipient
from dnnd_drafter.store import open_store
from dnnd_drafter.ui.wizard.recipient_picker import MATCH_LIMIT, RecipientPicker
from tests.unit.test_store_search_index import address_book_entries


def test_each_key_shows_the_search_without_rebuilding_the_list(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Check every prefix typed and erased lists the search's names, best first, with no model reset."""
    store = open_store(auto_backup=False)
    store.addressbook.add_many([Recipient(n, s) for n, s in address_book_entries(400)])
    picker = RecipientPicker("kinh_gui", store)
    qtbot.addWidget(picker)
    picker.show()
    picker.set_date(dt.date.today())
    resets: list[int] = []
    picker.results.model().modelReset.connect(lambda: resets.append(1))
    query = "uy ban nhan dan xa tan an zz"
    for text in [query[:end] for end in range(1, len(query) + 1)] + [query[:end] for end in range(len(query) - 1, -1, -1)]:
        picker.search.setText(text)
        expected = [e.name for e in store.addressbook.search(text.strip(), on=dt.date.today(),
                                                             limit=MATCH_LIMIT if text.strip() else 300)]
        shown = [picker.results.item(row).text() for row in range(picker.results.count())]
        assert shown == expected, text
        assert (picker.results.currentRow() >= 0) == bool(expected)  # the closest hit is selected
    assert resets == []
    store.close()
