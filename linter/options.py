"""Everything that shapes the linting of a file, whether it came from the command line, a config file or the
Python API. The settings resolver (linter/settings.py) builds and validates these."""

from __future__ import annotations

import os

from .constants import KIND_AUTO, ROLE_AUTO
from .limits import Limits
from .records import Record


class LintOptions(Record):
    role: str = ROLE_AUTO
    kind: str = KIND_AUTO
    job: str | None = None  # the posting the target role is inferred from (the first --job)
    postings: tuple[str, ...] = ()  # every posting a resume is matched against (each --job, folders expanded)
    select: tuple[str, ...] = ()  # codes or code prefixes; empty: all rules
    ignore: tuple[str, ...] = ()
    spacy_model: str | None = None
    rule_dirs: tuple[str, ...] = ()  # extra rule folders besides the built-ins
    limits: Limits = Limits()
    root: str = "."  # the folder that globs (kinds, include, exclude) are relative to
    kinds: tuple[tuple[str, str], ...] = ()  # (glob, document kind)
    severity: tuple[tuple[str, str], ...] = ()  # (code or prefix, severity) overrides
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str = "warning"
    warn_unused_suppressions: bool = False
    keep_text: bool = False  # keep each document's blocks in its result (the HTML report shows the text)
    rewrites: bool = False  # compose one rewrite per flagged bullet and answer opening (--rewrite, JSON, HTML)
    notes: tuple[str, ...] = ()  # said in the report of every file these options govern (skipped configs)
    stdin_filename: str | None = None  # the name standard input is reported under, its extension its format

    def wants(self, code: str) -> bool:
        """--select and --ignore, by exact code or prefix ("RL1", "RL10")."""
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)

    def severity_of(self, code: str, default: str) -> str:
        """The configured severity for a code: the longest matching code or prefix wins."""
        matches = [(len(prefix), level) for prefix, level in self.severity if code.startswith(prefix)]
        return max(matches)[1] if matches else default

    def shown_path(self, path: str) -> str:
        """The name a file is reported under: standard input's is --stdin-filename, else <stdin>."""
        from .readers import STDIN, STDIN_NAME

        return path if path != STDIN else self.stdin_filename or STDIN_NAME

    def kind_pattern(self, path: str) -> tuple[str, str | None]:
        """The kind for `path` and the `kinds` glob that gave it (None: the kind option gave it)."""
        if self.kinds and path not in ("-", "<stdin>"):
            from .globs import matches

            relative = os.path.relpath(os.path.abspath(path), self.root)
            for pattern, kind in self.kinds:
                if matches(pattern, relative):
                    return kind, pattern
        return self.kind, None


OPTION_NAMES = set(LintOptions._fields)
