"""Hold the Qt user interface: the wizard (:mod:`.wizard`) and the data windows (:mod:`.data`).

The pages of paper themselves are drawn by :mod:`dnnd_drafter.writers.qt`, imported here first
so that its cheap PySide6 import check is in place before any window module loads. Before it,
the caches of compiled code are installed (:mod:`dnnd_drafter.base.kept_code`): the regular
expressions importing PySide6 compiles and the dataclasses' code of the letter's model are taken
from them instead of being compiled again in every start.
"""

from dnnd_drafter.base import kept_code

kept_code.install()

import dnnd_drafter.writers.qt  # noqa: E402,F401 - installs the PySide6 import check first
