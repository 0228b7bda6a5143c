"""Configuration from `[tool.rolelint]` in pyproject.toml or from .rolelint.toml, found by walking up from
each linted path. Every problem names the file, the key and what is allowed."""

from __future__ import annotations

import functools
import os
import re
import stat

from .constants import DOCUMENT_KINDS, FAIL_ON, KIND_AUTO, SEVERITIES
from .records import Record

CONFIG_FILES = (".rolelint.toml", "pyproject.toml")  # the first found in a folder wins


class ConfigError(Exception):
    """A configuration that cannot be used: the message names the file and the key."""


class Config(Record):
    path: str | None = None  # the file it came from; None: no configuration
    root: str = "."  # the folder the file is in: globs and folders are relative to it
    role: str | None = None
    job: str | None = None
    kind: str | None = None
    kinds: tuple[tuple[str, str], ...] = ()  # (glob, kind): a kind per file pattern
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (code or prefix, severity)
    rule_dirs: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: str | None = None
    limits: tuple[tuple[str, float], ...] = ()  # (Limits field, value)
    warn_unused_suppressions: bool | None = None
    prefix: str = ""  # how keys are named in the file: "tool.rolelint." in pyproject.toml
    notes: tuple[str, ...] = ()  # configuration files the search passed over, and why

    def where(self, key: str) -> str:
        """How an error names a key of this file: "pyproject.toml: key 'tool.rolelint.role'"."""
        return f"{self.path}: key '{self.prefix}{key}'"


_KEYS = {
    "role": "auto or the name of a role profile (rules/roles/*.yaml, or a rule folder's roles/)",
    "job": "the path of a job description",
    "kind": f"one of {', '.join((KIND_AUTO, *DOCUMENT_KINDS))}",
    "kinds": 'a table of glob = kind, e.g. "answers/*.md" = "answer"',
    "select": "a list of rule codes, code prefixes or group names",
    "ignore": "a list of rule codes, code prefixes or group names",
    "severity": "a table of code = severity (info, warning, error)",
    "rule_dirs": "a list of folders of extra rules, lexicons/ and roles/",
    "include": "a list of globs of files to lint",
    "exclude": "a list of globs of files and folders to skip",
    "fail_on": f"one of {', '.join(FAIL_ON)}",
    "limits": "a table of limits, such as max_file_size = 10 (see the README)",
    "warn_unused_suppressions": "true or false",
}


def find_config(path: str, known: dict[str, Config] | None = None) -> Config:
    """The configuration that applies to `path` (a file or folder): the nearest one above it, or none.

    The search stops at the repository root (the folder holding .git) or the user's home folder, whichever
    comes first, so that a file in a shared ancestor folder cannot configure a checkout below it. Files
    that someone else could have written (owned by another user, or writable by everyone) are skipped, as
    git does for a repository owned by someone else; the configuration found has a note saying so.

    `known` (folder -> its configuration), kept for one run, spares searching again: a folder with no
    configuration file of its own, below where the search stops, is governed as its parent is, so a walk
    down a tree 1,100 folders deep searches each folder once instead of every folder above it again."""
    start = os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".")
    if known is None:
        return _search(start)
    passed = []
    folder = start
    while folder not in known and _config_file_in(folder) is None and not _search_stops_at(folder):
        passed.append(folder)
        folder = os.path.dirname(folder)
    if folder not in known:
        known[folder] = _search(folder)
    known.update(dict.fromkeys(passed, known[folder]))
    return known[folder]


def _search(start: str) -> Config:
    skipped: list[str] = []
    for candidate in _candidates(start):
        info = os.stat(candidate)
        distrust = _untrusted(info)
        if distrust:
            skipped.append(
                f"{candidate} was not applied: it {distrust}, so anyone could have put these settings there; "
                "pass it with --config to use it"
            )
            continue
        config = _load_cached(candidate, info.st_mtime_ns, info.st_size)
        if config is not None:
            return config.replace(notes=tuple(skipped)) if skipped else config
    return Config(notes=tuple(skipped))


def _candidates(folder: str):
    """The configuration files in `folder` and above it, nearest first (the first name found in a folder
    wins; a pyproject.toml without a rolelint table passes the search on to the folder above), up to the
    repository root or the home folder."""
    while True:
        candidate = _config_file_in(folder)
        if candidate is not None:
            yield candidate
        if _search_stops_at(folder):
            return
        folder = os.path.dirname(folder)


def _config_file_in(folder: str) -> str | None:
    """The configuration file of `folder` itself (the first name of CONFIG_FILES found), or None."""
    for name in CONFIG_FILES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    return None


def _search_stops_at(folder: str) -> bool:
    """The file system's root, the home folder or a repository root: the search goes no higher."""
    home = os.path.abspath(os.path.expanduser("~"))
    return os.path.dirname(folder) == folder or folder == home or os.path.exists(os.path.join(folder, ".git"))


def _untrusted(info: os.stat_result) -> str | None:
    """Why a configuration file found by the search is not to be trusted, or None. Files of the current user
    and of root are trusted (root could change anything anyway); POSIX only."""
    if not hasattr(os, "geteuid"):
        return None
    if info.st_uid not in (os.geteuid(), 0):
        return f"is owned by another user (uid {info.st_uid})"
    if info.st_mode & stat.S_IWOTH:
        return "is writable by every user"
    return None


@functools.lru_cache(maxsize=256)
def _load_cached(path: str, mtime_ns: int, size: int) -> Config | None:
    """A configuration file, read once per version of it: an edited file is read again."""
    return load_config(path)


def load_config(path: str) -> Config | None:
    """The configuration in one file; None for a pyproject.toml without a [tool.rolelint] table."""
    from .bounded import UnusableFile, read_bounded

    try:
        raw = read_bounded(path, what="configuration file")
    except UnusableFile as exc:
        raise ConfigError(f"{path}: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    pyproject = os.path.basename(path) == "pyproject.toml"
    if pyproject and not _may_hold_table(raw):
        return None  # importing the TOML parser alone costs rolelint's whole start-up budget twice over
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: not UTF-8 ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:  # tomllib parses nested arrays and tables by recursion
        raise ConfigError(f"{path}: not valid TOML: nested too deeply (arrays or tables within each other)") from None
    if pyproject:
        table = data.get("tool", {}).get("rolelint")
        if table is None:
            return None
        prefix = "tool.rolelint."
    else:
        table = data.get("tool", {}).get("rolelint", data)
        prefix = ""
    return parse_config(table, path, prefix)


_TABLE_HEADER = re.compile(rb"""^\s*\[\s*tool\s*\.\s*["']?rolelint\b""")
_KEY_UNDER_TOOL = re.compile(rb"""^\s*["']?rolelint["']?\s*[.=]""")
_TOP_LEVEL_KEY = re.compile(rb"""^\s*tool\s*(?:\.\s*["']?rolelint\b|=.*\brolelint\b)""")
_HEADER = re.compile(rb"^\s*\[")
_TOOL_HEADER = re.compile(rb"^\s*\[\s*tool\s*\]")


def _may_hold_table(raw: bytes) -> bool:
    """Whether a pyproject.toml can hold a rolelint table: a [tool.rolelint...] header, a rolelint key
    under [tool], or a top-level tool.rolelint key. Only the parser says for sure, so a False here must
    never be wrong; a True is checked by parsing (a script named rolelint under [project.scripts] is not
    mistaken for one, as it is not under [tool])."""
    if b"rolelint" not in raw:
        return False
    section = None  # None: the top level; b"tool": under [tool]; b"": under any other table
    for line in raw.splitlines():
        if _TABLE_HEADER.match(line):
            return True
        if _HEADER.match(line):
            section = b"tool" if _TOOL_HEADER.match(line) else b""
        elif b"rolelint" in line and (
            (section == b"tool" and _KEY_UNDER_TOOL.match(line)) or (section is None and _TOP_LEVEL_KEY.match(line))
        ):
            return True
    return False


def parse_config(table, path: str, prefix: str = "") -> Config:
    from .limits import LIMIT_KEYS, limit_values  # only a file with a table needs them

    def fail(key: str, problem: str):
        raise ConfigError(f"{path}: key '{prefix}{key}': {problem}")

    if not isinstance(table, dict):
        fail("", "must be a table")
    for key in table:
        if key not in _KEYS:
            fail(key, f"unknown key (allowed: {', '.join(_KEYS)})")
    root = os.path.dirname(os.path.abspath(path))

    def text(key):
        value = table.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            fail(key, f"must be {_KEYS[key]}")
        return value

    def strings(key):
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail(key, f"must be {_KEYS[key]}")
        return tuple(value)

    def choice(key, allowed):
        value = text(key)
        if value is not None and value not in allowed:
            fail(key, f"must be {_KEYS[key]} (got {value!r})")
        return value

    def table_of(key):
        value = table.get(key, {})
        if not isinstance(value, dict):
            fail(key, f"must be {_KEYS[key]}")
        return value

    kinds = []
    for pattern, kind in table_of("kinds").items():
        if kind not in DOCUMENT_KINDS:
            fail(f"kinds.{pattern}", f"must be one of {', '.join(DOCUMENT_KINDS)} (got {kind!r})")
        kinds.append((pattern, kind))
    severity = []
    for code, level in table_of("severity").items():
        if level not in SEVERITIES:
            fail(f"severity.{code}", f"must be one of {', '.join(SEVERITIES)} (got {level!r})")
        severity.append((code.upper(), level))
    limits: list[tuple[str, float]] = []
    for key, value in table_of("limits").items():
        if key not in LIMIT_KEYS:
            fail(f"limits.{key}", f"unknown limit (allowed: {', '.join(LIMIT_KEYS)})")
        spec = LIMIT_KEYS[key]
        number = (int,) if spec.whole else (int, float)
        if isinstance(value, bool) or not isinstance(value, number) or value <= 0 or (spec.whole and value < 1):
            kind = "a whole number" if spec.whole else "a number"
            fail(
                f"limits.{key}",
                f"must be {kind} of {spec.unit}, {'1 or more' if spec.whole else 'above 0'} (got {value!r})",
            )
        limits.extend(limit_values(spec, value).items())
    warn = table.get("warn_unused_suppressions")
    if warn is not None and not isinstance(warn, bool):
        fail("warn_unused_suppressions", "must be true or false")
    role = text("role")
    job = text("job")
    return Config(
        path=path,
        root=root,
        role=role.lower() if role else None,
        job=os.path.join(root, job) if job else None,
        kind=choice("kind", (KIND_AUTO, *DOCUMENT_KINDS)),
        kinds=tuple(kinds),
        select=tuple(c.upper() for c in strings("select")),
        ignore=tuple(c.upper() for c in strings("ignore")),
        severity=tuple(severity),
        rule_dirs=tuple(os.path.join(root, d) for d in strings("rule_dirs")),
        include=strings("include"),
        exclude=strings("exclude"),
        fail_on=choice("fail_on", FAIL_ON),
        limits=tuple(limits),
        warn_unused_suppressions=warn,
        prefix=prefix,
    )
