"""The bulk passes pause the cyclic collector and always give it back as it was."""

from __future__ import annotations

import gc

import pytest

from app.services import bulk


def test_the_collector_is_paused_inside_and_restored_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError), bulk.collector_paused():
        assert not gc.isenabled()
        assert gc.get_freeze_count() > 0  # what was alive at the start is left out of collections
        raise RuntimeError("the batch failed")
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_collector_already_off_stays_off():
    gc.disable()
    try:
        with bulk.collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
