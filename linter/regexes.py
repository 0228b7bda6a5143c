"""Regular expressions from rule packs (a matcher's `regex`, a lexicon's `patterns`), compiled the one way
they are used: a list of them as one expression, each pattern an alternative. Rule files are validated by
compiling them the same way when they are loaded, so a pattern that is fine alone but breaks the
combination (a global flag such as `(?i)` that is no longer at the start, a group name used twice) is a
one-line rule error, never an error on every file linted.

What no compilation can catch is a pattern that backtracks catastrophically, such as `(a+)+b`, over a long
line: the per-file time budget (--timeout) interrupts it, and the file is reported as out of time.
"""

from __future__ import annotations

import importlib
import re
import threading
import warnings

_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
# catch_warnings swaps the process's warning filters in and out: two threads compiling at once (the Python
# API from a thread pool) could leave "DeprecationWarning is an error" in force for the whole process.
_WARNINGS = threading.Lock()


class RegexError(ValueError):
    """A pattern, or a list of them, that cannot be compiled as rolelint compiles it."""


def combine(patterns, flags: int = 0, check: bool = False) -> re.Pattern:
    """One expression that matches where any of the patterns does, the first listed winning at a place.
    With check (when a rule file is loaded), each pattern is also compiled alone, so that an error names
    the pattern at fault, and a pattern that would refer to another's group is refused."""
    groups = 0
    for pattern in patterns if check else ():
        if groups and _numbered_references(pattern):
            raise RegexError(
                f"{pattern!r} refers to a group by number (\\1), which once the patterns are combined is a group of "
                "an earlier pattern: name the group instead, (?P<name>...) and (?P=name)"
            )
        groups += _compile(pattern, flags, f"invalid regular expression {pattern!r}").groups
    alternatives = "|".join(f"(?:{scoped(pattern)})" for pattern in patterns)
    return _compile(alternatives, flags, "the patterns cannot be combined into one regular expression")


class Alternatives:
    """Patterns searched as one, faster where many of them are anchored at the start of the text ("^what
    is"): those are tried once, at the start, and only the others are searched through the text. A search
    in which any pattern matches finds a match, the leftmost one (an anchored one where both start at 0)."""

    def __init__(self, patterns, flags: int = 0):
        at_start = [p for p in patterns if anchored(p)]
        rest = [p for p in patterns if not anchored(p)]
        self._anchored = combine(at_start, flags) if at_start else None
        self._rest = combine(rest, flags) if rest else None

    def search(self, text: str) -> re.Match | None:
        found = self._anchored.match(text) if self._anchored is not None else None
        return found or (self._rest.search(text) if self._rest is not None else None)


def anchored(pattern: str) -> bool:
    """Whether every match of a pattern starts at the start of the text: it opens with "^" and has no "|"
    outside its groups and classes ("^a|b" may match anywhere)."""
    if not pattern.startswith("^"):
        return False
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
    return True


def scoped(pattern: str) -> str:
    """The pattern with the global flags it starts with ("(?i)word") made its own ("(?i:word)"): only the
    start of a whole expression may set global flags, and a flag of one pattern must not reach the others."""
    flags = ""
    while match := _LEADING_FLAGS.match(pattern):
        flags += match.group(1)
        pattern = pattern[match.end() :]
    if not flags:
        return pattern
    return f"(?{flags}:{pattern}\n)" if "x" in flags else f"(?{flags}:{pattern})"  # "\n" ends an (?x) comment


def _compile(pattern: str, flags: int, what: str) -> re.Pattern:
    try:
        with _WARNINGS, warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)  # Python 3.10 warns of a misplaced global flag
            return re.compile(pattern, flags)
    except (re.error, DeprecationWarning, RecursionError, OverflowError) as exc:
        raise RegexError(f"{what}: {exc}") from None


def _numbered_references(pattern: str) -> bool:
    """Whether the pattern refers to one of its groups by number. Parsed after one more group, a reference
    by name moves with the groups; one by number stays where it was."""
    try:
        parser = importlib.import_module("re._parser")  # Python 3.11 and later
    except ImportError:
        parser = importlib.import_module("sre_parse")
    alone = _references(parser.parse(pattern))
    shifted = _references(parser.parse(f"()(?:{scoped(pattern)})"))
    return any(before == after for before, after in zip(alone, shifted))


def _references(parsed) -> list[int]:
    """The group numbers that back-references and conditionals in a parsed pattern refer to, in order."""
    found: list[int] = []
    stack = [parsed]
    while stack:
        item = stack.pop()
        if hasattr(item, "data"):  # a parsed (sub)pattern: a list of (opcode, argument)
            for op, argument in reversed(item.data):
                if str(op) == "GROUPREF":
                    found.append(argument)
                elif str(op) == "GROUPREF_EXISTS":
                    found.append(argument[0])
                    stack.extend(reversed(argument[1:]))
                else:
                    stack.append(argument)
        elif isinstance(item, (list, tuple)):
            stack.extend(reversed(item))
    return found
