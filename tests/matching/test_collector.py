"""The cycle collector pause: always restored, also when holders overlap across threads."""

from __future__ import annotations

import gc
import threading

import pytest

from bot.matching.collector import cycle_collection_paused


def test_the_collector_is_off_inside_and_back_on_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), cycle_collection_paused():
        assert not gc.isenabled()
        raise RuntimeError("the engine failed")
    assert gc.isenabled()


def test_overlapping_holders_in_two_threads_leave_it_on() -> None:
    inside = threading.Barrier(2)
    first_left = threading.Event()
    seen_by_second: list[bool] = []

    def first() -> None:
        with cycle_collection_paused():
            inside.wait()
        first_left.set()

    def second() -> None:
        with cycle_collection_paused():
            inside.wait()
            first_left.wait()
            seen_by_second.append(gc.isenabled())

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen_by_second == [False]  # the first leaving did not switch it back on early
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_host_stays_off() -> None:
    gc.disable()
    try:
        with cycle_collection_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
