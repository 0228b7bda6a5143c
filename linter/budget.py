"""A per-file time budget, so that one pathological file cannot stall a CI run.

Two mechanisms hold it. In the main thread of a POSIX process (the command line and its worker processes)
an interval timer (SIGALRM) interrupts the work wherever it is. In any thread, the engine calls
`check_time()` between stages, texts, rules and units, which raises OutOfTime once the budget is spent:
that is what bounds the Python API called from other threads, where no signal can be delivered. There a
single long step (one PDF library call, spaCy tokenizing one very long text) can overrun the budget by
its own length before the next check notices.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time


class OutOfTime(BaseException):
    """The budget ran out. A BaseException, as KeyboardInterrupt is, so that the `except Exception` a reader
    keeps for a library's many error types (python-docx, pdfminer) cannot turn it into "damaged file"."""


_current = threading.local()  # .deadline: time.monotonic() at which this thread's budget runs out


def check_time() -> None:
    """Raise OutOfTime if this thread's budget has run out (nothing happens outside a budget)."""
    deadline = getattr(_current, "deadline", None)
    if deadline is not None and time.monotonic() >= deadline:
        raise OutOfTime()


@contextlib.contextmanager
def time_budget(seconds: float | None):
    """Run the block within `seconds` (None or 0: unbounded). Budgets nest: an inner one never extends an
    outer one."""
    if not seconds:
        yield
        return
    outer = getattr(_current, "deadline", None)
    deadline = time.monotonic() + seconds
    _current.deadline = deadline if outer is None else min(deadline, outer)
    try:
        with _alarm(_current.deadline - time.monotonic()):
            yield
    finally:
        _current.deadline = outer


@contextlib.contextmanager
def unbudgeted():
    """Work whose cost belongs to the run rather than to the file being linted (a rule's matcher, compiled
    the first time a file needs it): the file's clock stops while it runs, so that a low --timeout does not
    fail whichever file happens to come first."""
    deadline = getattr(_current, "deadline", None)
    if deadline is None:
        yield
        return
    _current.deadline = None
    in_main = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    left = signal.setitimer(signal.ITIMER_REAL, 0)[0] if in_main else 0.0
    started = time.monotonic()
    try:
        yield
    finally:
        _current.deadline = deadline + (time.monotonic() - started)
        if left:
            signal.setitimer(signal.ITIMER_REAL, left)


def _expire(signum, frame):
    raise OutOfTime()


@contextlib.contextmanager
def _alarm(seconds: float):
    """SIGALRM after `seconds`, in the main thread where signals can be used; a timer that was already set
    (an outer budget, or the host program's own) is set again afterwards for what is left of it."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous_handler = signal.signal(signal.SIGALRM, _expire)
    previous_delay, _ = signal.setitimer(signal.ITIMER_REAL, max(seconds, 1e-6))
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if previous_delay:
            signal.setitimer(signal.ITIMER_REAL, max(previous_delay - (time.monotonic() - started), 1e-6))
