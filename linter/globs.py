"""Gitignore-style globs ("drafts/", "**/*.md", "answers/*.jsonl"), for config patterns and .gitignore."""

from __future__ import annotations

import functools
import os


@functools.lru_cache(maxsize=512)
def _spec(patterns: tuple[str, ...]):
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def matches(pattern: str, relative: str, is_dir: bool = False) -> bool:
    return matches_any((pattern,), relative, is_dir)


def matches_any(patterns, relative: str, is_dir: bool = False) -> bool:
    if not patterns:
        return False
    path = relative.replace(os.sep, "/")
    if path.startswith("../"):
        return False
    return _spec(tuple(patterns)).match_file(path + ("/" if is_dir else ""))
