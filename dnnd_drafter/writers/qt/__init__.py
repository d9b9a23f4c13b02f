"""Draw laid-out letters with Qt: fonts, pagination, the page painter, PDF and printing.

The preview, `dnnd-drafter pdf` and printing share these modules, so the three break lines
and pages alike. Importing the package first imports PySide6 without compiling its support
modules again (:mod:`.pyside_code`) and makes its per-module import check cheap
(:mod:`.pyside_import_check`).
"""

from dnnd_drafter.writers.qt import pyside_code, pyside_import_check

if pyside_code.import_pyside():  # without PySide6 there is no check to make cheap
    pyside_import_check.install()
