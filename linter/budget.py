"""A per-file time budget, so that one pathological file cannot stall a CI run. It uses an interval timer
(SIGALRM), so it applies on POSIX systems in the main thread of a process (the CLI and its worker
processes); elsewhere the work simply runs unbounded."""

from __future__ import annotations

import contextlib
import signal
import threading


class OutOfTime(Exception):
    pass


@contextlib.contextmanager
def time_budget(seconds: float | None):
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not seconds or not usable:
        yield
        return

    def expire(signum, frame):
        raise OutOfTime()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
