"""Stopping a run when it is asked to (SIGTERM: a CI job cancelled, `timeout`, a service manager).

While `stop_on_sigterm()` is in force, SIGTERM raises Stopped in the main thread, wherever the run is: it
unwinds like an exception, so each part lets go of what it holds on the way out (the worker pool
terminates its workers, a confined PDF reader kills its child, the time budget's timer is cleared), and
the command line reports the files done so far and exits with 128 + the signal's number (143), as a
process killed by it would. The first SIGTERM restores the default, so a second one ends the process at
once. The Python API installs nothing: signals belong to the program that calls it.
"""

from __future__ import annotations

import contextlib
import signal


class Stopped(BaseException):
    """The run was asked to stop. A BaseException, as KeyboardInterrupt is: no `except Exception` meant for
    one file's failure may swallow it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _stop(signum, frame):
    signal.signal(signum, signal.SIG_DFL)
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_sigterm():
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
