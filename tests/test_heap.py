"""The garbage-collector pause around long-lived objects restores the collector as it found it."""

import gc

import pytest

from linter.heap import long_lived


@pytest.mark.parametrize("enabled", [True, False])
def test_long_lived_restores_the_collector(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with long_lived():
            assert not gc.isenabled()
            kept = [[i] for i in range(10)]
        assert gc.isenabled() is enabled
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def test_long_lived_restores_the_collector_after_an_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with long_lived():
            raise ValueError("boom")
    assert gc.isenabled()
    gc.unfreeze()
