"""rolelint on Spark: lint a DataFrame of documents with `mapPartitions`, one warm pipeline per Python
worker. Needs the `spark` extra (pip install "rolelint[spark]") and Java 17 or newer.

    from pyspark.sql import SparkSession
    from linter.spark import lint_dataframe

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    documents = spark.createDataFrame([("resumes/a.pdf", None), ("answers/b.md", "answer")], "path string, kind string")
    results = lint_dataframe(documents, role="ds")   # path, kind, role, error, findings, result (JSON)

A row gives a document as a path (`path`), or as its bytes (`data`, binary) or text (`text`) under a
`name`, with an optional `kind` and `format`: Spark's `binaryFile` source gives `path` and `content`,
so `lint_dataframe(spark.read.format("binaryFile").load("resumes/"), data_column="content")` reads the
files on the cluster's storage rather than on each worker's disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from .batch import BatchLinter, Source

# what lint_dataframe gives for each document; `result` is its entry of `rolelint check --format json`
RESULT_SCHEMA = "path string, kind string, role string, error string, findings int, result string"


def lint_rows(rows: Iterable, linter: BatchLinter, columns: dict[str, str] | None = None) -> Iterator[tuple]:
    """The partition function: one (path, kind, role, error, findings, result) tuple per row. A row is a
    Spark Row (or anything with asDict(), or a mapping); `columns` maps a document field (path, name,
    data, text, kind, format) to the row's column that holds it, where the names differ."""
    from .report.json import file_entry

    renames = {column: field for field, column in (columns or {}).items()}

    def documents():
        for row in rows:
            record = row.asDict() if hasattr(row, "asDict") else dict(row)
            fields = {renames.get(key, key): value for key, value in record.items()}
            yield {key: value for key, value in fields.items() if key in Source.FIELDS}

    for result in linter.lint(documents()):
        entry = file_entry(result)
        yield (entry["path"], result.kind, result.role, result.error, len(result.findings), json.dumps(entry))


def lint_dataframe(
    frame,
    linter: BatchLinter | None = None,
    *,
    path_column: str = "path",
    data_column: str | None = None,
    text_column: str | None = None,
    kind_column: str | None = "kind",
    **options,
):
    """A DataFrame of RESULT_SCHEMA, one row per row of `frame`. Each row's document is the file at
    `path_column`, or the bytes in `data_column` or the text in `text_column` reported under the path.
    `linter`: a `BatchLinter`, else one is made from `options` (validated now, on the driver)."""
    if linter is not None and options:
        raise TypeError("give either linter= or options, not both (the linter holds its options)")
    batch = linter if linter is not None else BatchLinter(**options)
    wanted = {"path": path_column}
    if data_column:
        wanted["data"] = data_column
    if text_column:
        wanted["text"] = text_column
    if kind_column and kind_column in frame.columns:
        wanted["kind"] = kind_column
    missing = [column for column in wanted.values() if column not in frame.columns]
    if missing:
        raise ValueError(f"the DataFrame has no column '{missing[0]}' (it has {', '.join(frame.columns)})")
    selected = frame.select(*wanted.values())
    columns = dict(wanted)

    def partition(rows):  # a closure of two small values: the batch and the column names
        return lint_rows(rows, batch, columns)

    return frame.sparkSession.createDataFrame(selected.rdd.mapPartitions(partition), RESULT_SCHEMA)
