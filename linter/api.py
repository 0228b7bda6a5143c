"""The Python API behind `linter.lint_text` and `linter.lint_paths`; the command line uses it too.

Options are validated by the settings resolver, as the command line's are: an unknown role, kind or rule
code raises settings.SettingsError (a ValueError) with the same words the command line prints."""

from __future__ import annotations

from .engine import Engine
from .findings import FileResult, Finding
from .options import LintOptions
from .readers import ReadError, read_bytes
from .settings import Resolver


def _normalise(options: dict) -> dict:
    for key in ("select", "ignore", "rule_dirs", "include", "exclude"):
        if isinstance(options.get(key), str):
            options[key] = (options[key],)
        elif key in options:
            options[key] = tuple(options[key])
    for key in ("select", "ignore"):
        if key in options:
            options[key] = tuple(c.upper() for c in options[key])
    return options


def make_options(**options) -> LintOptions:
    """Validated options from keyword arguments alone (no configuration file)."""
    return Resolver(_normalise(options), use_config=False).options_for(".")


def lint_paths(paths, use_config: bool = True, jobs: int = 1, **options) -> list[FileResult]:
    """Lint files and directories (walked for supported files); "-" is standard input. Configuration files
    ([tool.rolelint] in pyproject.toml, or .rolelint.toml) apply unless use_config is False, the nearest
    one above each file governing it; options given here take precedence over them."""
    from .run import run

    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    return run([str(p) for p in paths], Resolver(_normalise(options), use_config=use_config), jobs=jobs)


def lint_text_result(text: str, path: str = "<text>", fmt: str = "txt", **options) -> FileResult:
    """Lint one document given as text (fmt "txt", "md" or "jsonl"); the whole result, with kind and role."""
    engine = Engine(make_options(**options))
    try:
        document = read_bytes(text.encode("utf-8"), path, fmt, engine.options.limits, engine.ruleset.sections)
    except ReadError as error:
        return engine.lint_documents([(path, error)])[0]
    return engine.lint_documents([(path, document)])[0]


def lint_text(text: str, path: str = "<text>", fmt: str = "txt", **options) -> list[Finding]:
    """Lint one document given as text; returns its findings."""
    return lint_text_result(text, path, fmt, **options).findings
