"""Put Qt's own dialogs into Vietnamese: the file, print and print-preview dialogs, message-box
buttons and the right-click menu of text fields.

Qt ships no ``qtbase_vi.qm``, so the repository keeps its own translation,
``resources/translations/qtbase_vi.ts``, compiled to ``qtbase_vi.qm`` (shipped in the wheel).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from dnnd_drafter.base.shipped_files import locate

QM_NAME = "translations/qtbase_vi.qm"

#: The installed translator and the bytes it reads from (Qt does not copy them).
_installed: dict[int, tuple[QTranslator, bytes]] = {}


def install_qt_translation(app: QCoreApplication) -> QTranslator | None:
    """Load the Vietnamese translation of Qt's standard dialogs into `app`; return the translator.

    Installing twice into the same application is harmless. Returns None (Qt stays in English)
    when the packaged file cannot be read.
    """
    key = id(app)
    if key in _installed:
        return _installed[key][0]
    try:
        data = locate("data", QM_NAME).read_bytes()
    except OSError:
        return None
    translator = QTranslator()
    if not translator.load(data):
        return None
    app.installTranslator(translator)
    _installed[key] = (translator, data)
    return translator


def remove_qt_translation(app: QCoreApplication) -> None:
    """Take the Vietnamese translation out of `app` again (Qt's dialogs go back to English)."""
    installed = _installed.pop(id(app), None)
    if installed is not None:
        app.removeTranslator(installed[0])
