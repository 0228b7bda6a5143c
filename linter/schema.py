"""Typed, keyed validation of rule-pack YAML: every error names the file and the key.

Rule kinds declare their keys as Fields (linter/kinds/*.py, `SCHEMA`), role profiles, lexicons and section
vocabularies are read through a Checker: so every problem in a rule pack reads the same way."""

from __future__ import annotations

import re
from typing import Any, NoReturn


class RuleError(Exception):
    """A rule pack that cannot be used; the message names the file and the key."""


class References:
    """What a rule file may refer to by name: lexicons, role profiles, section names and question kinds
    (None: not known yet, so not checked), and whether the data came from the validated cache."""

    __slots__ = ("lexicons", "profiles", "sections", "trusted", "questions")

    def __init__(
        self,
        lexicons: dict | None = None,
        profiles: dict | None = None,
        sections: frozenset[str] | None = None,
        trusted: bool = False,
        questions: tuple[str, ...] | None = None,
    ):
        self.lexicons, self.profiles, self.sections, self.trusted = lexicons, profiles, sections, trusted
        self.questions = questions


class Checker:
    """Typed access to a YAML mapping; every error names the file and the key."""

    def __init__(self, path, data: dict, trusted: bool = False):
        self.path = path
        self.data = data
        self.trusted = trusted  # from the validated cache: regular expressions are not compiled again

    def fail(self, key: str, problem: str) -> NoReturn:
        raise RuleError(f"{self.path}: key '{key}': {problem}")

    def only(self, allowed: set[str]) -> None:
        self.only_in("", self.data, allowed)

    def only_in(self, parent: str, mapping: dict, allowed: set[str]) -> None:
        for key in mapping:
            if key not in allowed:
                self.fail(f"{parent}.{key}" if parent else key, f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def require(self, key: str) -> None:
        if key not in self.data:
            self.fail(key, "missing")

    def string(self, key: str, default=None) -> str:
        value = self.data.get(key, default)
        if value is None:
            self.fail(key, "missing")
        if not isinstance(value, str) or (key in self.data and not value.strip()):
            self.fail(key, "must be non-empty text")
        return value.strip() if key in self.data else value

    def choice(self, key: str, allowed) -> str:
        value = self.data.get(key)
        if not isinstance(value, str) or value not in allowed:
            self.fail(key, f"must be one of {', '.join(allowed)} (got {value!r})")
        return value

    def strings(self, key: str, default=None, allowed=None, optional: bool = False):
        if key not in self.data:
            if default is None and not optional:
                self.fail(key, "missing")
            return default
        value = self.data[key]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(key, "must be a list of text")
        for v in value:
            if allowed is not None and v not in allowed:
                self.fail(key, f"{v!r} is not one of {', '.join(allowed)}")
        return value

    def mapping(self, key: str) -> dict:
        value = self.data.get(key)
        if not isinstance(value, dict) or not value:
            self.fail(key, "must be a mapping")
        return value

    def template(self, key: str, text: str) -> str:
        """A message, suggestion or rewrite: text whose placeholders are {name} alone. A format spec, a
        conversion, an attribute or an index ({match:>1500000000}, {match!r}, {match.__class__}) would let
        a rule file allocate gigabytes or reach into objects. Values (document text among them) are put in
        once and never formatted again, so a brace in a document is only text."""
        import string

        try:
            parts = list(string.Formatter().parse(text))
        except ValueError as exc:
            self.fail(key, f"{exc} (write a literal brace twice: {{{{ or }}}})")
        for _, name, spec, conversion in parts:
            if name is not None and (not name.isidentifier() or spec or conversion):
                written = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
                self.fail(key, f"{written}: a placeholder is a name in braces, such as {{match}}, with nothing else")
        return text

    def regex(self, key: str, pattern) -> None:
        if not isinstance(pattern, str):
            self.fail(key, "must be a regular expression as text")
        self.regexes(key, [pattern])

    def regexes(self, key: str, patterns: list[str]) -> None:
        """Patterns compiled as the matchers compile them: together, as one expression."""
        if self.trusted:
            return
        from .regexes import RegexError, combine

        try:
            combine(patterns, re.IGNORECASE, check=True)
        except RegexError as exc:
            self.fail(key, str(exc))


class Field:
    """One key of a rule kind's schema: checks its value where it stands (`key` is its dotted path)."""

    def check(self, value: Any, key: str, checker: Checker, refs: References) -> None:
        raise NotImplementedError


class Number(Field):
    def __init__(self, low: float, high: float, whole: bool = False):
        self.low, self.high, self.whole = low, high, whole

    def check(self, value, key, checker, refs) -> None:
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not self.low <= value <= self.high
            or (self.whole and not isinstance(value, int))
        ):
            checker.fail(
                key,
                f"must be {'a whole number' if self.whole else 'a number'} from {self.low:g} to "
                f"{self.high:g} (got {value!r})",
            )


class Flag(Field):
    def check(self, value, key, checker, refs) -> None:
        if not isinstance(value, bool):
            checker.fail(key, "must be true or false")


class Text(Field):
    """Non-empty text that a message may take in through a placeholder."""

    def check(self, value, key, checker, refs) -> None:
        if not isinstance(value, str) or not value.strip():
            checker.fail(key, "must be non-empty text")
        checker.template(key, value)


class OneOf(Field):
    def __init__(self, allowed: tuple[str, ...]):
        self.allowed = allowed

    def check(self, value, key, checker, refs) -> None:
        if value not in self.allowed:
            checker.fail(key, f"must be one of {', '.join(self.allowed)} (got {value!r})")


class KindSchema:
    """The keys a rule kind takes beyond the ones every rule has, each with its Field."""

    def __init__(self, required: dict[str, Field] | None = None, optional: dict[str, Field] | None = None):
        self.required = required or {}
        self.optional = optional or {}

    @property
    def keys(self) -> set[str]:
        return set(self.required) | set(self.optional)

    def params(self, checker: Checker, refs: References) -> dict:
        """The kind's keys from the rule file, each checked."""
        for key in sorted(self.required):
            checker.require(key)
        fields = {**self.optional, **self.required}
        params = {key: checker.data[key] for key in fields if key in checker.data}
        for key, value in params.items():
            fields[key].check(value, key, checker, refs)
        return params
