"""The worker processes behind --jobs: files are handed out in chunks, and each result comes back as soon as
its file is done, so the pool always knows which file each worker is on.

It runs its own processes rather than a concurrent.futures pool, for what happens when things go wrong:

- A worker that dies (the system's out-of-memory killer, a crash in a C library) costs the file it was
  linting, reported as an error (RL9xx worker-died) that names how the worker died; the rest of its chunk
  goes to a worker started in its place, and the run goes on. (A ProcessPoolExecutor breaks as a whole,
  and loses every chunk in flight.)
- When the run ends for any reason (done, an exception, the command line's SIGTERM handling, ^C), every
  worker is terminated and reaped before the results stop coming. A worker also dies with the parent
  (PR_SET_PDEATHSIG on Linux), and one that finds the parent gone leaves (its connection closes).

Workers are forked on Linux, inheriting the pipeline the parent has built; elsewhere they are spawned and
build their own (forking a process that has loaded system frameworks is unsafe on macOS).
"""

from __future__ import annotations

import collections
import signal
import sys

from .discover import Skipped
from .engine import Engine
from .findings import FileResult
from .options import LintOptions
from .problems import WORKER_DIED
from .readers import ReadError
from .readers.confine import die_with_parent, load_libc
from .stopping import Stopped

_MAX_CHUNK = 16  # files a worker is given at a time
_GRACE = 2.0  # seconds a terminated worker has to leave before it is killed
_FORK = sys.platform.startswith("linux")


def lint_in_workers(files: list, options: LintOptions, jobs: int, progress=None):
    """Each file's result, in the order of `files`, as soon as it and every file before it are done.

    When the run is stopped (Stopped, on SIGTERM), the workers are terminated first, then the results that
    are done but were waiting for an earlier file are yielded, then Stopped goes on."""
    import multiprocessing

    engine: Engine | None = None
    if _FORK:  # built once, here: forked workers inherit it (building it in each would cost a start-up each)
        engine = Engine(options)
        engine.warm_up()
        load_libc()
    context = multiprocessing.get_context("fork" if _FORK else "spawn")
    pool = _Pool(context, options, engine, jobs)
    waiting = collections.deque(_chunks(len(files), jobs))
    done: dict[int, FileResult] = {}
    reported = 0
    try:
        while reported < len(files):
            pool.hand_out(waiting, files)
            for index, result in pool.collect(files, waiting):
                done[index] = result
            start = reported
            while reported in done:
                yield done.pop(reported)
                reported += 1
            if progress is not None and reported > start:
                progress(reported - start)
    except Stopped:
        pool.close()
        for index in sorted(done):
            yield done.pop(index)
        raise
    finally:
        pool.close()


def _chunks(count: int, jobs: int) -> list[list[int]]:
    """Chunks of file indices that shrink towards the end: large while there is plenty of work (fewer
    round trips), then small, so that no worker is still busy with a long chunk while the others have
    nothing left to do."""
    chunks, start = [], 0
    while start < count:
        size = max(1, min(_MAX_CHUNK, (count - start) // (jobs * 4)))
        chunks.append(list(range(start, start + size)))
        start += size
    return chunks


class _Worker:
    def __init__(self, process, connection):
        self.process = process
        self.connection = connection
        self.pending: collections.deque[int] = collections.deque()  # indices handed out, not yet returned


class _Pool:
    def __init__(self, context, options: LintOptions, engine: Engine | None, jobs: int):
        self.context, self.options, self.engine, self.jobs = context, options, engine, jobs
        self.workers: list[_Worker] = []

    def hand_out(self, waiting: collections.deque, files: list) -> None:
        """Give the next chunk to each idle worker, starting workers (up to `jobs`) as there is work."""
        for worker in list(self.workers):
            if waiting and not worker.pending:
                self._give(worker, waiting, files)
        while waiting and len(self.workers) < self.jobs:
            self._give(self._start(), waiting, files)

    def _give(self, worker: _Worker, waiting: collections.deque, files: list) -> None:
        chunk = waiting.popleft()
        try:
            worker.connection.send([(i, files[i]) for i in chunk])
        except OSError:  # it died while idle: none of its files is lost, and the chunk waits for another
            waiting.appendleft(chunk)
            self._remove(worker)
            return
        worker.pending.extend(chunk)

    def _remove(self, worker: _Worker) -> None:
        worker.process.join(_GRACE)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.connection.close()
        self.workers.remove(worker)

    def _start(self) -> _Worker:
        ours, theirs = self.context.Pipe()
        # A forked worker inherits this end, and the ends of the workers before it: it closes them all, so
        # that each worker sees its connection close when the parent goes.
        inherited = [w.connection for w in self.workers] + [ours] if _FORK else []
        process = self.context.Process(
            target=_work,
            args=(theirs, None if _FORK else self.options, self.engine, inherited),
            daemon=True,
        )
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self.workers.append(worker)
        return worker

    def collect(self, files: list, waiting: collections.deque):
        """(index, result) pairs as they arrive, after waiting for at least one worker to say something or
        die. A dead worker's file is reported lost, and the rest of its work put back at the front."""
        from multiprocessing.connection import wait

        busy = [w for w in self.workers if w.pending]
        if not busy:
            return
        ready = set(wait([w.connection for w in busy] + [w.process.sentinel for w in busy]))
        for worker in busy:
            if worker.connection in ready or worker.process.sentinel in ready:
                yield from self._drain(worker)
                if not worker.process.is_alive() or worker.connection.closed:
                    yield from self._bury(worker, files, waiting)

    def _drain(self, worker: _Worker):
        """What the worker has sent; its connection is closed when it is gone."""
        connection = worker.connection
        while not connection.closed and connection.poll():
            try:
                message = connection.recv()
            except (EOFError, OSError):  # the worker died, perhaps in the middle of a message
                connection.close()
                return
            if isinstance(message, BaseException):  # a usage error (the job description, a rule): the run stops
                raise message
            index, result = message
            worker.pending.remove(index)
            yield index, result

    def _bury(self, worker: _Worker, files: list, waiting: collections.deque):
        """A dead worker: the file it was on is lost, the rest of its work is put back at the front."""
        self._remove(worker)
        if worker.pending:
            lost = worker.pending.popleft()
            if worker.pending:
                waiting.appendleft(list(worker.pending))
            yield lost, _lost_result(self.engine or Engine(self.options), files[lost], worker.process.exitcode)

    def close(self) -> None:
        """Terminate and reap every worker (all are signalled first: they leave together). A SIGTERM that
        comes meanwhile waits until they are all reaped: raised halfway, it would leave some unreaped."""
        masking = hasattr(signal, "pthread_sigmask")
        if masking:
            before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
        try:
            for worker in self.workers:
                if worker.process.is_alive():
                    worker.process.terminate()
            for worker in list(self.workers):
                self._remove(worker)
        finally:
            if masking:
                signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _lost_result(engine: Engine, source, exitcode: int | None) -> FileResult:
    if isinstance(source, Skipped):  # not to be linted anyway
        return FileResult(source.path, notes=[source.reason], skipped=True)
    if exitcode is not None and exitcode < 0:
        how = f"was killed by {signal.Signals(-exitcode).name}"
        if -exitcode == signal.SIGKILL:
            how += " (the system's out-of-memory killer does that)"
    else:
        how = f"exited with status {exitcode}"
    reason = (
        f"could not be linted: the worker process linting it {how}, so it was skipped and the other files "
        "were linted (lint it alone to see whether it is the cause)"
    )
    return engine.error_result(engine.options.shown_path(source), ReadError(WORKER_DIED, reason))


def _work(connection, options: LintOptions | None, engine: Engine | None, inherited) -> None:
    """A worker: lint the chunks it is given, sending each file's result back as soon as it is done, until
    the parent terminates it or goes away."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # terminated by the parent: leave at once
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ^C reaches the whole process group: the parent handles it
    for other in inherited:
        other.close()
    if _FORK:
        die_with_parent(load_libc())  # loaded by the parent before the fork: a child must load nothing
    try:
        if engine is None:
            assert options is not None  # a spawned worker is given the options, a forked one the engine
            engine = Engine(options)
        while True:
            chunk = connection.recv()
            paths = [path for _, path in chunk]
            for (index, _), result in zip(chunk, engine.iter_files(paths)):
                connection.send((index, result))
    except (EOFError, BrokenPipeError):  # the parent is gone
        return
    except Exception as error:  # raised on purpose (JobError, RuleError ...): the parent raises it
        connection.send(error)
