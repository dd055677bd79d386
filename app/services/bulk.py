"""Helpers for the background work that handles a whole national catalogue in one go (rebuilds, scans)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk pass, and freeze what is alive when it starts.

    A rebuild or a duplicate scan creates millions of short-lived results (reasons, rows to write) beside
    millions of long-lived objects (the index, the known pairs). Each creation burst sets off collections,
    and the full ones walk every live object: at 100x that was a quarter of a duplicate scan. Those objects
    form no reference cycles worth collecting meanwhile (tuples, dicts, arrays), and reference counting still
    frees them; the collector is restored (and the frozen objects thawed) when the pass ends, however it ends.
    """
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.unfreeze()
