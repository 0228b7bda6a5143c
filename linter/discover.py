"""Expands the paths given on the command line into the files to lint, in a stable order: supported
extensions, honouring .gitignore files, each folder's configured include and exclude globs, and skipping
hidden and vendored folders, and the files every repository has that are not a candidate's documents
(requirements.txt, LICENSE.md, CHANGELOG.md). Symbolic links to folders are not followed, so a link loop
cannot trap the walk; a link to a file outside the folder being walked is skipped with a note, so that a
contributed `notes.txt -> ~/.ssh/id_rsa` cannot put a private file's text into a report CI publishes.
Files named on the command line are read as given.

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
from .records import Record

SKIPPED_DIRS = {"node_modules", "venv", "site-packages", "__pycache__", "build", "dist", "vendor", "third_party"}
# Names (before the first dot, any case, and any suffix after "-" or "_") of the files of a repository's
# own upkeep: dependency pins, licences, change logs, contribution policies. Written in a document format,
# they are not resumes, answers or write-ups, and linted as answers they are only noise.
REPOSITORY_FILES = {
    "requirements",
    "constraints",
    "license",
    "licence",
    "copying",
    "notice",
    "changelog",
    "changes",
    "history",
    "news",
    "authors",
    "contributors",
    "contributing",
    "code_of_conduct",
    "security",
    "codeowners",
    "citation",
    "robots",
    "cmakelists",
}


class Skipped(Record):
    """A file the walk found and does not lint, and why: reported as a note naming it."""

    path: str = ""
    reason: str = ""


def repository_file(name: str) -> bool:
    stem = name.split(".", 1)[0].lower()
    return stem in REPOSITORY_FILES or any(stem.startswith(known + sep) for known in REPOSITORY_FILES for sep in "-_")


class NoPostings(ValueError):
    """A folder of postings that holds none."""


def posting_files(given, linted=()) -> tuple[str, ...]:
    """The postings a job option names: each file as given, and the files of each folder that are of a known
    format, in name order, save the files being linted (a resume kept beside its postings is no posting)."""
    out: list[str] = []
    checked = {os.path.realpath(p) for p in linted if os.path.isfile(p)}
    for path in given:
        if os.path.isdir(path):
            names = sorted(n for n in os.listdir(path) if os.path.splitext(n)[1].lower() in BY_EXTENSION)
            if not names:
                raise NoPostings(f"{path}: the folder holds no posting (txt, md, pdf, docx or html)")
            out += [
                os.path.join(path, n)
                for n in names
                if not n.startswith(".") and os.path.realpath(os.path.join(path, n)) not in checked
            ]
        else:
            out.append(path)
    return tuple(dict.fromkeys(out))


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


def _leaves(path: str, top: str) -> bool:
    """Whether a link found in the walk of `top` points outside it."""
    target = os.path.realpath(path)
    return os.path.commonpath([target, top]) != top


def _walk(top: str, options_for):
    above = _gitignores_above(top, options_for(top).limits.max_glob_patterns)
    if _ignored(os.path.abspath(top), True, above, with_parents=True):
        return  # a folder that git ignores, named on the command line
    ignores = {os.path.abspath(top): above}
    real_top = os.path.realpath(top)
    for folder, dirs, files in _folders(top):
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
            if name.startswith(".") or not _walked(name):
                continue
            if _ignored(os.path.abspath(path), False, active) or _excluded(path, root, exclude):
                continue
            if include and not matches_any(include, _relative(path, root)):
                continue
            if repository_file(name):
                continue
            path = os.path.normpath(path)
            if os.path.islink(path) and _leaves(path, real_top):
                reason = "was not read: it is a link to a file outside the folder being checked (name it to lint it)"
                yield options, Skipped(path, reason)
                continue
            yield options, path


def _folders(top: str):
    """What os.walk(top) yields, top-down, with symbolic links to folders listed in `dirs` but not entered,
    and folders that cannot be listed skipped, but without recursion: Python's own walk recurses once per
    level, and a tree deeper than its recursion limit (1,100 folders) ended the run in a RecursionError.
    The caller prunes `dirs` in place, as with os.walk."""
    pending = [top]
    while pending:
        folder = pending.pop()
        dirs: list[str] = []
        files: list[str] = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    (dirs if is_dir else files).append(entry.name)
        except OSError:
            continue
        yield folder, dirs, files
        pending.extend(
            path for path in (os.path.join(folder, name) for name in reversed(dirs)) if not os.path.islink(path)
        )


def _walked(name: str) -> bool:
    """Whether a directory walk lints a file of this name: a known format that is not read only when named."""
    fmt = BY_EXTENSION.get(os.path.splitext(name)[1].lower())
    return fmt is not None and fmt.walked
