"""One run over paths: expand folders into files, each with the options the settings resolver gives it,
lint them (in worker processes with jobs > 1: linter/pool.py), and return one FileResult per file. The CLI and the
Python API both come through here."""

from __future__ import annotations

from .discover import expand_paths
from .engine import Engine
from .options import LintOptions
from .settings import Resolver

_SERIAL_UP_TO = 16  # files: fewer are linted in this process, as a worker would take about as long to fork


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


def iter_lint(files: list, options: LintOptions, jobs: int = 1, progress=None):
    """Each file's result, in the order of `files`, as soon as it (and every file before it) is done."""
    if jobs <= 1 or len(files) <= _SERIAL_UP_TO:
        yield from Engine(options).iter_files(files, progress)
        return
    from .pool import lint_in_workers

    yield from lint_in_workers(files, options, jobs, progress)
