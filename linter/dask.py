"""rolelint on Dask: lint a bag (or a list) of documents with `map_partitions`, one warm pipeline per
worker process. Needs the `dask` extra: pip install "rolelint[dask]".

    from dask.distributed import Client, LocalCluster
    from linter.batch import BatchLinter
    from linter.dask import lint_bag, warm_up

    client = Client(LocalCluster(n_workers=2, threads_per_worker=1))
    batch = BatchLinter(role="mle")            # validated here, before any task runs
    warm_up(client, batch)                     # optional: each worker builds its pipeline now
    results = lint_bag(["resumes/"], linter=batch).compute()

The options and rule packs travel once, as one task's value that every partition's task depends on; each
worker builds its engine from them the first time it lints, and keeps it for the next partitions.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from .batch import BatchLinter

_PARTITION_SIZE = 64  # documents per partition when a list is given: large enough that a task's overhead
# (tens of milliseconds with the distributed scheduler) is small beside its linting


def _bag(documents, batch: BatchLinter, partition_size: int):
    import dask.bag as db

    if isinstance(documents, db.Bag):
        return documents
    items: list = []
    for item in documents:  # a folder among the paths is walked here, as the command line walks it
        if isinstance(item, (str, os.PathLike)) and os.path.isdir(item):
            items += batch.files([item])
        else:
            items.append(item)
    return db.from_sequence(items, partition_size=max(1, partition_size))


def _batch(linter: BatchLinter | None, options: dict) -> BatchLinter:
    if linter is not None and options:
        raise TypeError("give either linter= or options, not both (the linter holds its options)")
    return linter if linter is not None else BatchLinter(**options)


def lint_bag(documents, linter: BatchLinter | None = None, partition_size: int = _PARTITION_SIZE, **options):
    """A bag of `FileResult`s, one per document, in the documents' order. `documents`: a Dask bag, or an
    iterable (paths, folders, `Source`s, mappings) made into one. `linter`: a `BatchLinter`, else one is made
    from `options` (validated now, on the client)."""
    return _mapped(_lint_partition, documents, linter, partition_size, options)


def lint_bag_json(documents, linter: BatchLinter | None = None, partition_size: int = _PARTITION_SIZE, **options):
    """A bag of each document's entry of `rolelint check --format json` (plain dicts)."""
    return _mapped(_json_partition, documents, linter, partition_size, options)


def _mapped(function, documents, linter: BatchLinter | None, partition_size: int, options: dict):
    import dask

    batch = _batch(linter, options)
    shared = dask.delayed(batch, pure=True)  # one value in the graph, sent once to each worker
    return _bag(documents, batch, partition_size).map_partitions(function, shared)


def write_jsonl(
    documents, path, linter: BatchLinter | None = None, partition_size: int = _PARTITION_SIZE, **options
) -> list[str]:
    """Lint the documents and write one JSON Lines file per partition (`path`: a folder, or a name with
    `*` for the partition's number, as Dask's to_textfiles takes); returns the files written."""
    bag = lint_bag_json(documents, linter, partition_size, **options)
    return bag.map(json.dumps, ensure_ascii=False).to_textfiles(path)


def warm_up(client, linter: BatchLinter) -> dict:
    """Build `linter`'s engine (spaCy, the matchers) on every worker of a distributed `client` now, so that
    the first partitions do not wait for it; returns each worker's time in seconds."""
    return client.run(_warm, linter)


def _warm(batch: BatchLinter) -> float:
    import time

    start = time.perf_counter()
    batch.engine().warm_up()
    return time.perf_counter() - start


def _lint_partition(documents: Iterable, batch: BatchLinter) -> list:
    return batch.lint_partition(documents)


def _json_partition(documents: Iterable, batch: BatchLinter) -> list[dict]:
    return list(batch.lint_json(documents))
