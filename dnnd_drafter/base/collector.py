"""Keep Python's cycle collector out of the program's start.

While the program loads, nearly every object it makes lives as long as the process: modules,
classes, functions, Qt's wrappers. The cycle collector still walks them over and over (a pass
each 700 new objects, a full pass now and then), and a full pass over the wizard's ~54,000
objects takes ~18 ms. Measured over alternating launches (two blocks of 12–20 each), the wizard
took its first keystroke 3–11 ms earlier and showed its first preview 15–17 ms earlier with the
collector held; ``pdf`` ended ~5 ms earlier (15 each).

So the program itself (``cli.entry.main`` run as ``dnnd-drafter``, never a caller in another
process such as the tests) holds the collector (:func:`hold`) from its first line, and lets it go
(:func:`settle`):

* the wizard: once the first preview is on screen (or could not be), at the latest
  :data:`~dnnd_drafter.ui.app.BACKUP_DELAY_MS` after the start, and when it ends;
* a headless command other than ``pdf``/``render``: once its modules are loaded, before it works;
* ``pdf``/``render`` never: their work is one letter within the template's limits, and the process
  ends right after.

Letting go first freezes what is loaded (``gc.freeze``): those objects are never walked again,
so no later full pass can pause a keystroke for them. The cycles made while loading are kept with
them; at the wizard's first preview they are ~460 objects, a few KiB.
"""

from __future__ import annotations

import gc

_state = {"held": False}


def hold() -> None:
    """Stop the cycle collector, unless something else already stopped it."""
    if gc.isenabled():
        gc.disable()
        _state["held"] = True


def settle() -> None:
    """Freeze what is loaded and start the cycle collector again, if :func:`hold` stopped it."""
    if _state["held"]:
        _state["held"] = False
        gc.freeze()
        gc.enable()
