"""Hold the Qt user interface: the wizard (:mod:`.wizard`) and the data windows (:mod:`.data`).

The pages of paper themselves are drawn by :mod:`dnnd_drafter.writers.qt`, imported here first
so that its cheap PySide6 import check is in place before any window module loads, and the
dataclasses' code is taken from its cache (:mod:`dnnd_drafter.base.dataclass_code`) before any
module of the letter's model defines one.
"""

import dnnd_drafter.writers.qt  # noqa: F401 - installs the PySide6 import check first
from dnnd_drafter.base import dataclass_code

dataclass_code.install()
