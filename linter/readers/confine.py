"""Runs a reader's work on hostile bytes in a forked child process with hard limits on its memory and CPU
time, and brings back its result as plain data.

Why a child: a PDF library decides for itself what to inflate and what to build, and a file of a few KB can
make it take gigabytes (a stream behind an encryption or a filter no pre-check sees, a drawing that draws
itself ten times over seven levels). Only the operating system can bound that whatever the file does:
the child runs under an address-space limit (RLIMIT_AS: what it has when forked, plus `memory`) and a CPU
limit, and when an allocation fails there, it is the child that dies, never the run.

How: fork (cheap: the child shares the parent's pages, and the library is already loaded), set the limits,
run the function, and send its result back over a pipe as JSON (plain data: the parent never unpickles
what a child that read hostile bytes wrote). The child cannot outlive its parent: it is killed and reaped
when the parent's wait unwinds for any reason (the per-file time budget's OutOfTime included), it is
sent SIGKILL by the kernel if the parent dies (PR_SET_PDEATHSIG), and the parent waits no longer than
`seconds` of wall-clock time, which bounds the work where the time budget cannot (outside the main
thread). The child writes nothing: its standard output and error go to /dev/null, it leaves by os._exit
(flushing none of the parent's buffers), and it dumps no core.

Where fork is unavailable or unsafe (anything but Linux: macOS can fork, but not safely once system
frameworks are loaded, and it does not enforce RLIMIT_AS), the function runs in this process, bounded only
by the checks made before it (`CONFINED` says which).
"""

from __future__ import annotations

import faulthandler
import functools
import json
import math
import os
import select
import signal
import sys
import time

from .base import ReadError

CONFINED = sys.platform.startswith("linux")
if CONFINED:  # imported by the parent, never in a child (see _confine); there is no such module on Windows
    import resource

# How the child dies when an allocation fails: C++ (std::bad_alloc, uncaught) and CPython abort. A trap (SIGILL,
# SIGTRAP) is also how PDFium stops on a broken internal check, so it says "crashed", not "out of memory".
_ALLOCATION_FAILED = signal.SIGABRT
_PIECE = 1 << 16
_PR_SET_PDEATHSIG, _PR_SET_DUMPABLE = 1, 4


class OutOfMemory(Exception):
    """The work needed more memory than it was given."""


class OutOfCpu(Exception):
    """The work used more CPU time or wall-clock time than it was given."""


class Crashed(Exception):
    """The child died some other way, or its reply is broken: the message says which (SIGSEGV...)."""


def run_confined(function, *args, memory: int, seconds: float, max_reply: int):
    """function(*args), run in a child limited to `memory` bytes more than it starts with and `seconds` of
    CPU and wall-clock time; its result must be JSON data of at most `max_reply` bytes. A ReadError it
    raises is raised here; running out of memory, time or luck raises OutOfMemory, OutOfCpu or Crashed."""
    if not CONFINED:
        return function(*args)
    libc = load_libc()
    reading, writing = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(reading)
        os.close(writing)
        raise
    if pid == 0:  # the child: never returns
        _run_child(reading, writing, function, args, memory, seconds, libc)
    status = None
    try:
        os.close(writing)
        reply = _collect(reading, seconds, max_reply)
        if reply is not None:  # the child closed the pipe: it is leaving
            status = os.wait4(pid, 0)[1]
    finally:
        os.close(reading)
        if status is None:  # too slow, too long, or this process is unwinding (OutOfTime, ^C): stop the child
            _kill(pid)
    return _outcome(reply, status)


def _collect(reading: int, seconds: float, max_reply: int) -> bytes | None:
    """The child's reply, read until it closes the pipe, or None (the child still running) when it takes
    longer than `seconds`."""
    deadline = time.monotonic() + seconds
    poller = select.poll()  # not select(): it cannot wait on a descriptor numbered past 1023
    poller.register(reading, select.POLLIN)
    pieces: list[bytes] = []
    size = 0
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(math.ceil(left * 1000)):
            return None
        piece = os.read(reading, _PIECE)
        if not piece:
            return b"".join(pieces)
        size += len(piece)
        if size > max_reply:  # only a child gone wrong says more than its work can produce
            raise Crashed(f"a reply of more than {max_reply} bytes")
        pieces.append(piece)


def _kill(pid: int) -> None:
    """Kill a child that has not been reaped, and reap it."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def _outcome(reply: bytes | None, status: int | None):
    if reply is None or status is None:
        raise OutOfCpu()
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        if number == _ALLOCATION_FAILED:
            raise OutOfMemory()
        if number in (signal.SIGXCPU, signal.SIGKILL):  # the soft CPU limit, then the hard one
            raise OutOfCpu()
        raise Crashed(signal.Signals(number).name)
    try:
        answer = json.loads(reply)
    except ValueError:
        answer = None
    if not isinstance(answer, dict) or os.WEXITSTATUS(status) != 0:
        raise Crashed("a broken reply")
    if "memory" in answer:
        raise OutOfMemory()
    if "read_error" in answer:
        problem, reason = answer["read_error"]
        raise ReadError(problem, reason)
    if "failed" in answer:
        raise RuntimeError(answer["failed"])
    return answer.get("value")


def _run_child(reading: int, writing: int, function, args, memory: int, seconds: float, libc):
    code = 1
    try:
        os.close(reading)
        _confine(memory, seconds, libc)
        try:
            answer = {"value": function(*args)}
        except ReadError as error:
            answer = {"read_error": [error.problem, error.reason]}
        except MemoryError:
            answer = {"memory": True}
        except Exception as exc:  # a bug in the work: the parent reports it as one
            answer = {"failed": f"{type(exc).__name__}: {exc}"}
        reply = json.dumps(answer).encode("utf-8")
        view = memoryview(reply)
        while view:
            view = view[os.write(writing, view) :]
        code = 0
    except MemoryError:
        code = 3
    finally:
        os._exit(code)  # no cleanup of the parent's state: no atexit, no flushing of its buffers


@functools.lru_cache(maxsize=1)
def load_libc():
    """The C library, loaded by the parent: a child forked while another thread was loading a library (a
    module's first import) would wait forever for the loader's lock, as it would for an import's."""
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def die_with_parent(libc) -> None:
    """A forked child is killed by the kernel when its parent dies; `libc` is load_libc(), called before the fork."""
    parent = os.getppid()
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _confine(memory: int, seconds: float, libc) -> None:
    """Everything the child does before the work: limits, no way to outlive the parent, no output. It
    imports nothing and loads nothing: the Python API called from several threads forks from a process
    whose other threads may hold the locks an import takes (a PDF then waited out its whole time budget)."""
    die_with_parent(libc)
    libc.prctl(_PR_SET_DUMPABLE, 0)  # no core dump, even through a core_pattern pipe
    faulthandler.disable()  # it would write a traceback to the parent's terminal on a crash
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGXCPU):  # die at once, as the parent expects
        signal.signal(number, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # they may be other files than 1 and 2 (a host's, pytest's)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    cpu = math.ceil(seconds)  # a backstop: the parent's wall clock, never shorter, is what normally stops it
    resource.setrlimit(resource.RLIMIT_CPU, _within(resource.RLIMIT_CPU, cpu, cpu + 1))
    size = _address_space()
    resource.setrlimit(resource.RLIMIT_AS, _within(resource.RLIMIT_AS, size + memory, size + memory))


def _within(kind: int, soft: int, hard: int) -> tuple[int, int]:
    """(soft, hard), lowered to the limits the process already has: they can be lowered, never raised."""
    _, current = resource.getrlimit(kind)
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    return soft, hard


def _address_space() -> int:
    """Bytes of address space this process has mapped now."""
    with open("/proc/self/statm", "rb") as handle:
        return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
