"""Keeps Python's garbage collector off the objects that live for the whole run.

Importing spaCy and building the pipeline, the rules' matchers and the role scorer allocate several hundred
thousand objects that are never freed. Collecting while they are built only rescans them (a tenth of the
start-up time), and every full collection afterwards would walk them again; so collection pauses while
they are built, and they are then frozen: moved where the collector never looks (gc.freeze). In worker
processes forked afterwards, frozen objects also keep their memory pages shared with the parent.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def long_lived():
    """Build objects that last for the process's lifetime: no collection meanwhile, frozen afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
