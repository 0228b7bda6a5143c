"""One run over paths: expand folders into files, each with the options the settings resolver gives it,
lint them (in parallel worker processes with jobs > 1), and return one FileResult per file. The CLI and the
Python API both come through here."""

from __future__ import annotations

from .discover import expand_paths
from .engine import Engine
from .options import LintOptions
from .settings import Resolver

_SERIAL_UP_TO = 16  # files: fewer are linted in this process, as a worker would take about as long to fork
_MAX_CHUNK = 16  # files a worker lints at a time
_WORKER_ENGINE: Engine | None = None


def plan(paths, resolver: Resolver) -> list[tuple[LintOptions, list[str]]]:
    """The files to lint, in the order the paths were given (folders walked), as runs of consecutive files
    that share their options: each file's are those of the nearest configuration above it."""
    runs: list[tuple[LintOptions, list[str]]] = []
    for options, path in expand_paths(paths, resolver.options_for):
        assert isinstance(options, LintOptions)
        if runs and runs[-1][0] == options:
            runs[-1][1].append(path)
        else:
            runs.append((options, [path]))
    return runs


def run(paths, resolver: Resolver, jobs: int = 1, progress=None):
    return [r for options, files in plan(paths, resolver) for r in iter_lint(files, options, jobs, progress)]


def iter_lint(files: list[str], options: LintOptions, jobs: int = 1, progress=None):
    """Each file's result, in the order of `files`, as soon as it (and every file before it) is done."""
    if jobs <= 1 or len(files) <= _SERIAL_UP_TO:
        yield from Engine(options).iter_files(files, progress)
        return
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform.startswith("linux"):
        # The pipeline is built once, here, and the forked workers inherit it: building it in each worker
        # would cost every worker the whole start-up again. (macOS can fork too, but forking a process that
        # has loaded system frameworks is unsafe there, which is why Python spawns by default.)
        engine = Engine(options)
        engine.warm_up()
        context, initargs = multiprocessing.get_context("fork"), (None, engine)
    else:  # each spawned worker builds its own pipeline, once
        context, initargs = multiprocessing.get_context("spawn"), (options, None)
    chunks = _chunks(files, jobs)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=initargs
    ) as pool:
        for chunk_results in pool.map(_lint_chunk, chunks):
            yield from chunk_results
            if progress is not None:
                progress(len(chunk_results))


def _chunks(files: list[str], jobs: int) -> list[list[str]]:
    """Chunks that shrink towards the end: large while there is plenty of work (fewer round trips), then
    small, so that no worker is still busy with a long chunk while the others have nothing left to do."""
    chunks, start = [], 0
    while start < len(files):
        size = max(1, min(_MAX_CHUNK, (len(files) - start) // (jobs * 4)))
        chunks.append(files[start : start + size])
        start += size
    return chunks


def _start_worker(options: LintOptions | None, engine: Engine | None) -> None:
    global _WORKER_ENGINE
    if engine is None:
        assert options is not None  # a spawned worker is given the options, a forked one the engine
        engine = Engine(options)
    _WORKER_ENGINE = engine


def _lint_chunk(files: list[str]):
    assert _WORKER_ENGINE is not None, "worker not started"
    return _WORKER_ENGINE.lint_files(files)
