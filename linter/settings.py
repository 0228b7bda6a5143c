"""The settings resolver: the one place where configuration files, command-line options and Python API
arguments become the LintOptions of a file, validated against the rule packs they name.

Every entry point comes through here: `check`, `rules`, `explain`, `init` and the Python API (and a
language server would too). A value is checked where it came from, so an error names its source: the
flag (`--role`), the keyword (`role=`), or the file and key (`pyproject.toml: key 'tool.rolelint.role'`),
followed by the same words whichever it was. In a directory walk, the nearest configuration file above
each file governs it, as in ruff and sqlfluff.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from .config import Config, ConfigError, find_config, load_config
from .constants import DOCUMENT_KINDS, FAIL_ON, KIND_AUTO, ROLE_AUTO, SEVERITIES
from .schema import RuleError

if TYPE_CHECKING:
    from .options import LintOptions


class SettingsError(ValueError):
    """A setting that cannot be used. `where` names its source, `problem` says what is wrong, the same
    words whether the value came from a flag, a keyword argument or a configuration file."""

    def __init__(self, where: str, problem: str, param: str | None = None):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
        self.param = param  # the command-line flag, when the value came from one


class Sources(NamedTuple):
    """How to name the source of each value the caller gave: a flag, or a keyword of the Python API."""

    labels: tuple[tuple[str, str], ...] = ()  # option name -> label
    flags: bool = False  # labels are command-line flags

    def of(self, name: str) -> str:
        return dict(self.labels).get(name, name if not self.flags else "--" + name.replace("_", "-"))


class Resolver:
    """Resolves the options of each file or folder from the configuration files that govern it and the
    caller's overrides. `config_file` names one configuration for everything; `use_config=False` reads
    none."""

    def __init__(
        self,
        overrides: dict | None = None,
        sources: Sources = Sources(),
        use_config: bool = True,
        config_file: str | None = None,
    ):
        from .options import OPTION_NAMES  # here, not at the top: `rules` and `explain` start faster

        unknown = set(overrides or {}) - OPTION_NAMES
        if unknown:
            raise TypeError(f"unknown option {sorted(unknown)[0]!r}")
        self.overrides = dict(overrides or {})
        self.sources = sources
        self.use_config = use_config
        self.fixed = self._load(config_file) if config_file else None
        self._resolved: dict[Config, LintOptions] = {}
        self._configs: dict[str, Config] = {}  # folder -> its config, looked up once per run

    @staticmethod
    def _load(path: str) -> Config:
        config = load_config(path)
        if config is None:
            raise ConfigError(f"{path}: has no [tool.rolelint] table")
        return config

    @property
    def config_files(self) -> list[str]:
        """The configuration files the options resolved so far came from."""
        return sorted({c.path for c in self._resolved if c.path is not None})

    def config_for(self, folder: str) -> Config:
        """The configuration that governs a folder (and the files in it)."""
        if self.fixed is not None:
            return self.fixed
        if not self.use_config:
            return Config()
        key = os.path.abspath(folder)
        if key not in self._configs:  # a walk or a pre-commit file list asks once per file
            self._configs[key] = find_config(folder, self._configs)
        return self._configs[key]

    def options_for(self, folder: str) -> LintOptions:
        """The validated options of the files in `folder`."""
        return self.resolve(self.config_for(folder))

    def resolve(self, config: Config) -> LintOptions:
        if config not in self._resolved:
            options, origins = _merge(config, self.overrides, self.sources)
            self._resolved[config] = _validate(options, origins)
        return self._resolved[config]


def _merge(config: Config, overrides: dict, sources: Sources) -> tuple[LintOptions, dict[str, str]]:
    """LintOptions from a config file, with `overrides` taking precedence, and where each set value came
    from."""
    from .options import LintOptions

    base = LintOptions(notes=config.notes)
    origins: dict[str, str] = {}
    if config.path is not None:
        values = {
            "role": config.role,
            "job": config.job,
            "kind": config.kind,
            "select": config.select or None,
            "ignore": config.ignore or None,
            "rule_dirs": config.rule_dirs or None,
            "root": config.root,
            "kinds": config.kinds or None,
            "severity": config.severity or None,
            "include": config.include or None,
            "exclude": config.exclude or None,
            "fail_on": config.fail_on,
            "warn_unused_suppressions": config.warn_unused_suppressions,
        }
        values = {k: v for k, v in values.items() if v is not None}
        base = base.replace(**values)
        origins.update({k: config.where(k) for k in values})
        if config.limits:
            base = base.replace(limits=base.limits.replace(**dict(config.limits)))
    overrides = dict(overrides)
    if isinstance(overrides.get("limits"), dict):
        overrides["limits"] = base.limits.replace(**overrides["limits"])
    origins.update({k: sources.of(k) for k in overrides})
    merged = base.replace(**overrides)
    if merged.job and not merged.postings:  # a config file's `job` is its one posting
        merged = merged.replace(postings=(merged.job,))
    return merged, origins


def _validate(options: LintOptions, origins: dict[str, str]) -> LintOptions:
    from .ruleset import load_ruleset

    def fail(name: str, problem: str):
        where = origins.get(name, name)
        raise SettingsError(where, problem, where if where.startswith("--") else None)

    try:
        ruleset = load_ruleset(tuple(options.rule_dirs))
    except RuleError as error:
        if "rule_dirs" not in origins:
            raise  # the built-in rules themselves: the message names the file and the key
        raise SettingsError(origins["rule_dirs"], f"bad rule file: {error}") from None
    role = (options.role or "").lower()
    if role != ROLE_AUTO and role not in ruleset.profiles:
        fail("role", f"'{options.role}' is not a role; choose from: {', '.join((ROLE_AUTO, *ruleset.profiles))}")
    if options.kind not in (KIND_AUTO, *DOCUMENT_KINDS):
        fail(
            "kind",
            f"'{options.kind}' is not a kind of document; choose from: {', '.join((KIND_AUTO, *DOCUMENT_KINDS))}",
        )
    for name in ("include", "exclude", "kinds"):  # each list is compiled into one regular expression
        count, limit = len(getattr(options, name)), options.limits.max_glob_patterns
        if count > limit:
            fail(name, f"has {count} patterns, more than {limit} (raise the limit with --max-glob-patterns)")
    if options.fail_on not in FAIL_ON:
        fail("fail_on", f"'{options.fail_on}' is not a severity; choose from: {', '.join(FAIL_ON)}")
    select = _selection(options.select, ruleset, lambda problem: fail("select", problem))
    ignore = _selection(options.ignore, ruleset, lambda problem: fail("ignore", problem))
    for code, level in options.severity:
        if not ruleset.codes_in(code):
            fail("severity", f"'{code}' matches no rule code (see `rolelint rules`)")
        if level not in SEVERITIES:
            fail("severity", f"'{level}' is not a severity; choose from: {', '.join(SEVERITIES)}")
    return options.replace(role=role, select=select, ignore=ignore)


def _selection(entries, ruleset, fail) -> tuple[str, ...]:
    """--select and --ignore entries: codes and prefixes stay as they are; a group name becomes its codes."""
    out: list[str] = []
    for entry in entries:
        codes = ruleset.codes_in(entry)
        if not codes:
            fail(f"'{entry}' matches no rule code or group (see `rolelint rules`)")
        out.extend(codes if entry.lower() in ruleset.groups else (entry.upper(),))
    return tuple(dict.fromkeys(out))
