"""The Python API behind `linter.lint_text` and `linter.lint_paths`; the command line uses it too."""
from __future__ import annotations

from .engine import Engine
from .findings import FileResult, Finding
from .options import LintOptions
from .readers import ReadError, read_bytes


def make_options(**options) -> LintOptions:
    for key in ("select", "ignore", "rule_dirs"):
        if isinstance(options.get(key), str):
            options[key] = (options[key],)
        elif key in options:
            options[key] = tuple(options[key])
    return LintOptions(**options)


def lint_paths(paths, **options) -> list[FileResult]:
    """Lint files and directories (walked for supported files); "-" is standard input."""
    if isinstance(paths, str):
        paths = [paths]
    return Engine(make_options(**options)).lint_paths([str(p) for p in paths])


def lint_text_result(text: str, path: str = "<text>", fmt: str = "txt", **options) -> FileResult:
    """Lint one document given as text (fmt "txt" or "md"); the whole result, with kind and role."""
    engine = Engine(make_options(**options))
    try:
        document = read_bytes(text.encode("utf-8"), path, fmt, engine.options.limits)
    except ReadError as error:
        return engine.lint_documents([(path, error)])[0]
    return engine.lint_documents([(path, document)])[0]


def lint_text(text: str, path: str = "<text>", fmt: str = "txt", **options) -> list[Finding]:
    """Lint one document given as text; returns its findings."""
    return lint_text_result(text, path, fmt, **options).findings
