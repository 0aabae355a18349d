"""Pausing Python's cycle collector while the engine runs, safely across threads."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Run a block with the cycle collector off; the last of overlapping holders restores it.

    The engine allocates millions of small, acyclic objects (profiles, neighbour maps, moves).
    Each allocation burst makes the collector rescan every live object, which at 100,000
    members costs about 4 s and never finds a cycle; reference counting frees all of it anyway.
    The switch is process-wide: while a large round runs, the bot's other threads (the event
    loop) run without cycle collection too, which is why the engine pauses it only for large
    communities. Overlapping holders (rounds of two communities computed in two threads) are
    counted and only the last one to leave switches it back on, collecting the youngest
    generation at once so garbage made meanwhile does not wait for the next allocation burst.
    """
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
                gc.collect(0)
