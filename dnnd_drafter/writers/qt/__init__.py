"""Draw laid-out letters with Qt: fonts, pagination, the page painter, PDF and printing.

The preview, `dnnd-drafter pdf` and printing share these modules, so the three break lines
and pages alike. Importing the package first makes PySide6's import check cheap
(:mod:`.pyside_import_check`).
"""

from dnnd_drafter.writers.qt import pyside_import_check

pyside_import_check.install()
