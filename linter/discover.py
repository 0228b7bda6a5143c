"""Expands the paths given on the command line into the files to lint, in a stable order: supported
extensions, honouring .gitignore files, each folder's configured include and exclude globs, and skipping
hidden and vendored folders. Symbolic links to folders are not followed, so a link loop cannot trap the walk.

Which options govern a folder is the caller's to say (`options_for(folder)`): the nearest configuration
file above it, so that a sub-project's own configuration applies to its files in a walk from above.
"""

from __future__ import annotations

import os

from .bounded import UnusableFile, read_bounded
from .config import ConfigError
from .formats import BY_EXTENSION
from .globs import GlobList, compile_globs, matches_any
from .readers import STDIN

SKIPPED_DIRS = {"node_modules", "venv", "site-packages", "__pycache__", "build", "dist", "vendor", "third_party"}


def expand_paths(paths, options_for) -> list[tuple[object, str]]:
    """(options, file) for every file to lint. Files named explicitly are kept (even with an unknown
    extension: the reader will say what is wrong) unless an exclude glob matches them; folders are walked."""
    out: dict[str, object] = {}
    for path in paths:
        if path == STDIN:
            out.setdefault(path, options_for("."))
        elif os.path.isdir(path):
            for options, found in _walk(path, options_for):
                out.setdefault(found, options)
        else:
            options = options_for(os.path.dirname(path) or ".")
            if not _excluded(path, options.root, options.exclude):
                out.setdefault(path, options)
    return [(options, path) for path, options in out.items()]


def _relative(path: str, root: str) -> str:
    return os.path.relpath(os.path.abspath(path), os.path.abspath(root))


def _excluded(path: str, root: str, exclude, is_dir: bool = False) -> bool:
    return matches_any(tuple(exclude), _relative(path, root), is_dir)


def _gitignores_above(folder: str, limit: int) -> list[tuple[str, GlobList]]:
    """.gitignore files from the folder's parents up to the repository root (the folder holding .git)."""
    found = []
    current = os.path.dirname(os.path.abspath(folder))
    while True:
        globs = _read_gitignore(current, limit)
        if globs is not None:
            found.append((current, globs))
        if os.path.exists(os.path.join(current, ".git")) or os.path.dirname(current) == current:
            return found[::-1]  # outermost first
        current = os.path.dirname(current)


def _read_gitignore(folder: str, limit: int) -> GlobList | None:
    """A folder's .gitignore, compiled; None if it has none. One that is there but cannot be honoured
    stops the run: walking on without it would lint (and report the text of) files it keeps out."""
    path = os.path.join(folder, ".gitignore")
    try:
        raw = read_bounded(path, what=".gitignore file")
    except FileNotFoundError:
        return None
    except UnusableFile as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    lines = [line for line in raw.decode("utf-8", errors="replace").split("\n") if line.strip()]
    patterns = tuple(line for line in lines if not line.startswith("#"))
    if len(patterns) > limit:
        raise ConfigError(
            f"{path}: has {len(patterns)} patterns, more than the {limit} rolelint reads of a .gitignore file "
            "(raise the limit with --max-glob-patterns)"
        )
    return compile_globs(patterns) if patterns else None


def _ignored(path: str, is_dir: bool, ignores: list[tuple[str, GlobList]], with_parents: bool = False) -> bool:
    """As git decides: of the .gitignore files above the path, the deepest with a pattern that matches it
    decides, and nothing inside an ignored folder can be re-included. A walk has decided the folders above
    already; with_parents decides them too."""
    if with_parents:
        parent = os.path.dirname(path)
        while parent != os.path.dirname(parent):
            if _ignored(parent, True, ignores):
                return True
            parent = os.path.dirname(parent)
    for base, globs in reversed(ignores):
        relative = os.path.relpath(path, base)
        if relative == "." or relative.startswith(".."):
            continue
        verdict = globs.decides(relative.replace(os.sep, "/"), is_dir)
        if verdict is not None:
            return verdict
    return False


def _walk(top: str, options_for):
    above = _gitignores_above(top, options_for(top).limits.max_glob_patterns)
    if _ignored(os.path.abspath(top), True, above, with_parents=True):
        return  # a folder that git ignores, named on the command line
    ignores = {os.path.abspath(top): above}
    for folder, dirs, files in os.walk(top):
        here = os.path.abspath(folder)
        options = options_for(folder)  # governs this folder's files and which of its folders are walked
        root, include, exclude = options.root, tuple(options.include), tuple(options.exclude)
        inherited = ignores.get(here, [])
        own = _read_gitignore(here, options.limits.max_glob_patterns)
        active = inherited + ([(here, own)] if own else [])
        kept = []
        for name in sorted(dirs):
            path = os.path.join(folder, name)
            if (
                name.startswith(".")
                or name in SKIPPED_DIRS
                or _ignored(os.path.abspath(path), True, active)
                or _excluded(path, root, exclude, is_dir=True)
            ):
                continue
            ignores[os.path.abspath(path)] = active
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            path = os.path.join(folder, name)
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in BY_EXTENSION:
                continue
            if _ignored(os.path.abspath(path), False, active) or _excluded(path, root, exclude):
                continue
            if include and not matches_any(include, _relative(path, root)):
                continue
            yield options, os.path.normpath(path)
