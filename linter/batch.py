"""Lint many documents with one warm pipeline per process: the layer under the Dask and Spark functions
(linter/dask.py, linter/spark.py), and usable alone.

A `BatchLinter` is made once, on the client: its options, rule packs and job postings are validated and
read there, so that a mistake stops the job before any task runs. It pickles small (the options, the rule
packs' files, the postings as analysed) and builds its engine once in each process it is unpickled in,
whichever task or partition asks first. Each document gives one `FileResult`, the object and JSON shape of
`rolelint check --format json`; whatever goes wrong with one document (unreadable bytes, a bug, a worker
without the spaCy model) is that document's RL9xx result, never an exception that ends the partition.

Documents are given as paths, as `Source` objects (bytes or text under a name, with a kind), or as mappings
with the same keys (a Spark Row's `asDict()`).
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import pickle
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import ClassVar

from .constants import DOCUMENT_KINDS, KIND_AUTO
from .engine import Engine
from .findings import FileResult
from .options import LintOptions
from .problems import INTERNAL_ERROR, UNREADABLE
from .readers import ReadError, read_named_bytes, read_path

_ENGINES: dict[str, Engine] = {}  # one per spec and process: built on first use, kept for every partition
_MATERIALISED: dict[str, str] = {}  # rule pack digest -> the folder it was written to in this process
_LOCK = threading.Lock()  # a worker process may run tasks in several threads


@dataclass(frozen=True)
class Source:
    """One document: the file at `name` when `data` is None, else `data` (bytes, or text) reported as
    `name`. `kind` (resume, answer, writeup) is the document's kind, over the options'; `format` (a
    format's name: pdf, docx, md, txt, ...) is how to read the data, else it comes from the name's
    extension, then from the content."""

    name: str
    data: bytes | str | None = None
    kind: str | None = None
    format: str | None = None

    # the keys a mapping may give a document by ("path" or "name"; "data", "bytes" or "text")
    FIELDS: ClassVar[frozenset[str]] = frozenset({"path", "name", "data", "bytes", "text", "kind", "format"})

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name:
            raise ValueError("a document needs a name (a path, or what to report its bytes or text as)")
        if self.data is not None and not isinstance(self.data, (bytes, bytearray, memoryview, str)):
            raise ValueError(f"a document's data must be bytes or text, not {type(self.data).__name__}")
        if self.kind not in (None, KIND_AUTO, *DOCUMENT_KINDS):
            raise ValueError(f"unknown document kind '{self.kind}' (one of {', '.join(DOCUMENT_KINDS)}, or auto)")

    @classmethod
    def of(cls, item) -> Source:
        """A Source from a path (str or os.PathLike), a Source, or a mapping with `path` or `name`, and
        `data`, `bytes` or `text`, `kind` and `format` (a Spark Row's asDict(), a JSON record)."""
        if isinstance(item, Source):
            return item
        if isinstance(item, (str, os.PathLike)):
            return cls(os.fspath(item))
        if isinstance(item, Mapping):
            unknown = set(item) - cls.FIELDS
            if unknown:
                raise ValueError(f"a document has no field '{sorted(unknown)[0]}' (path or name, data, kind, format)")
            given = [key for key in ("data", "bytes", "text") if item.get(key) is not None]
            if len(given) > 1:
                raise ValueError(f"a document gives both '{given[0]}' and '{given[1]}': give one")
            name = item.get("path") or item.get("name") or ("<text>" if given == ["text"] else "<bytes>")
            if not given and name == "<bytes>":
                raise ValueError("a document needs a path, or its data under a name")
            data = item[given[0]] if given else None
            fmt = item.get("format") or ("txt" if given == ["text"] and "." not in os.path.basename(name) else None)
            return cls(name, data, item.get("kind"), fmt)
        raise ValueError(f"a document is a path, a Source or a mapping, not {type(item).__name__}")

    def read(self, engine: Engine):
        limits, sections = engine.options.limits, engine.ruleset.sections
        if self.data is None:
            return read_path(self.name, limits, sections)
        data = self.data.encode("utf-8") if isinstance(self.data, str) else bytes(self.data)
        return read_named_bytes(data, self.name, limits, sections, self.format)


class BatchLinter:
    """Lints documents in this process, and pickles to lint them in others: its attributes are all it
    carries (the options, the packs' files, the postings as read here and the key of its engine).

    Options are those of `linter.lint_paths` (role, kind, select, rule_dirs, job, ...), validated here;
    `job` may name several postings (files or folders), as --job does. `config_file` reads one
    configuration file for every document; none is read otherwise (a batch's documents have no folder of
    their own). As for `--format json`, each flagged bullet gets its rewrite unless rewrites=False."""

    def __init__(self, config_file: str | None = None, **options):
        from .api import _normalise
        from .discover import posting_files
        from .settings import Resolver

        options.setdefault("rewrites", True)
        job = options.pop("job", None)
        if job is not None:
            given = (job,) if isinstance(job, (str, os.PathLike)) else tuple(job)
            postings = posting_files([os.fspath(p) for p in given])
            options.update(job=postings[0] if postings else None, postings=postings)
        resolver = Resolver(_normalise(options), use_config=config_file is not None, config_file=config_file)
        self.options: LintOptions = resolver.options_for(".")
        self._packs = [_pack(folder) for folder in self.options.rule_dirs]
        engine = Engine(self.options)  # the rule packs are validated here
        if self.options.spacy_model:
            _ = engine.nlp  # a model that cannot be loaded stops the job here, not in every task
        self._job, self._postings = engine.job, engine.postings  # read and analysed once, here
        # what names this batch's engine in every process: made once, here, and carried with the pickle
        self.key = hashlib.sha256(pickle.dumps((self.options, self._packs, self._job, self._postings))).hexdigest()
        _ENGINES.setdefault(self.key, engine)

    def files(self, paths: Iterable) -> list[str]:
        """The files under `paths` that `rolelint check` would lint, folders walked as it walks them (with
        the include and exclude options, .gitignore files and hidden folders), in its order."""
        from .discover import Skipped, expand_paths

        found = expand_paths([os.fspath(p) for p in paths], lambda folder: self.options)
        return [path for _, path in found if not isinstance(path, Skipped)]

    def engine(self) -> Engine:
        """This process's engine for these options: built once, whichever task asks first."""
        engine = _ENGINES.get(self.key)
        if engine is None:
            with _LOCK:
                engine = _ENGINES.get(self.key)
                if engine is None:
                    folders = tuple(_folder_for(pack) for pack in self._packs)
                    engine = Engine(self.options.replace(rule_dirs=folders), (self._job, self._postings))
                    _ENGINES[self.key] = engine
        return engine

    def lint(self, documents: Iterable) -> Iterator[FileResult]:
        """One result per document, in their order, each as soon as it is done."""
        engine = self.engine()
        for number, item in enumerate(documents, 1):
            yield self._lint_one(engine, number, item)

    def lint_partition(self, documents: Iterable) -> list[FileResult]:
        return list(self.lint(documents))

    def lint_json(self, documents: Iterable) -> Iterator[dict]:
        """Each document's entry of `rolelint check --format json`'s "files" list."""
        from .report.json import file_entry

        for result in self.lint(documents):
            yield file_entry(result)

    def lint_jsonl(self, documents: Iterable) -> Iterator[str]:
        """Each document's JSON entry as one line of JSON Lines (no newline at its end)."""
        for entry in self.lint_json(documents):
            yield json.dumps(entry, ensure_ascii=False)

    @staticmethod
    def _lint_one(engine: Engine, number: int, item) -> FileResult:
        from .engine import JobError
        from .nlp import ModelNotFound
        from .schema import RuleError

        try:
            source = Source.of(item)
        except ValueError as error:
            return engine.error_result(f"<document {number}>", ReadError(UNREADABLE, f"cannot be linted: {error}"))
        try:
            return engine.read_and_lint(source.name, lambda: source.read(engine), source.kind)
        except (JobError, ModelNotFound, RuleError) as error:  # the worker cannot lint anything: say so per document
            reason = " ".join(str(error).split())[:200]
            return engine.error_result(source.name, ReadError(INTERNAL_ERROR, f"could not be linted here: {reason}"))


def _pack(folder: str) -> tuple[str, str, dict[str, bytes]]:
    """A rule pack as it travels to the workers: its folder, a digest of its files, and the files."""
    files: dict[str, bytes] = {}
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, folder)] = handle.read()
    return folder, _digest(files), files


def _digest(files: dict[str, bytes]) -> str:
    sha = hashlib.sha256()
    for name in sorted(files):
        sha.update(name.encode("utf-8") + b"\0" + hashlib.sha256(files[name]).digest())
    return sha.hexdigest()


def _folder_for(pack: tuple[str, str, dict[str, bytes]]) -> str:
    """The pack's own folder when this machine has it as it was on the client, else a copy of it written
    once per process to a temporary folder (a cluster's workers do not see the client's disk)."""
    folder, digest, files = pack
    if digest in _MATERIALISED:
        return _MATERIALISED[digest]
    here = folder
    if not os.path.isdir(folder) or _pack(folder)[1] != digest:
        here = tempfile.mkdtemp(prefix="rolelint-pack-")
        atexit.register(shutil.rmtree, here, True)
        for name, data in files.items():
            path = os.path.join(here, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
    _MATERIALISED[digest] = here
    return here


def lint_documents(documents: Iterable, **options) -> Iterator[FileResult]:
    """Lint documents (paths, Sources or mappings) in this process: `BatchLinter(**options).lint(...)`."""
    return BatchLinter(**options).lint(documents)
