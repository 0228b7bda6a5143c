"""Gitignore-style globs ("drafts/", "**/*.md", "answers/*.jsonl"), for configured patterns and .gitignore
files, matched as git matches them, in time linear in the length of the path whatever the pattern.

The semantics are git's (a test compares them with git's own on random trees): the last pattern that
matches a path decides (`!` re-includes); a pattern with a slash at its start or in its middle is anchored
to its folder, one without is matched against the name at any depth; a trailing slash matches only
folders; `*`, `?` and brackets never match a slash; `**/` at the start of a pattern or of a segment matches
any run of folders or none, and `/**` at the end anything inside. A path inside an ignored folder is
ignored, and cannot be re-included (git never looks inside such a folder).

Why not a glob library: those translate `*` into a backtracking regular expression, and a name that almost
matches `*a*a*a*a*a*a*a*a*b` takes time exponential in the number of stars. Here, of the stars of a path
segment, all but the last jump to the earliest place where the text after them fits and never come back
(and so do all but the last `**` of a pattern, over whole folders). The earliest place is always a right
one: what follows a star only gains room from it. Python has no atomic groups before 3.11; a lookahead that
captures, followed by a back-reference to the capture, behaves as one.
"""

from __future__ import annotations

import functools
import itertools
import os
import re

_POSIX_CLASSES = {  # inside brackets, "[[:digit:]]"; ASCII, as git's are
    "alnum": "a-zA-Z0-9",
    "alpha": "a-zA-Z",
    "blank": " \\t",
    "cntrl": "\\x00-\\x1f\\x7f",
    "digit": "0-9",
    "graph": "!-~",
    "lower": "a-z",
    "print": " -~",
    "punct": "!-/:-@\\[-`{-~",
    "space": " \\t\\n\\r\\f\\v",
    "upper": "A-Z",
    "xdigit": "0-9A-Fa-f",
}


class GlobList:
    """Patterns compiled into one regular expression, tried last pattern first: the first alternative that
    matches is the pattern that decides."""

    def __init__(self, patterns: tuple[str, ...]):
        alternatives: list[str] = []
        self._negated: dict[str, bool] = {}
        for pattern in reversed(patterns):
            compiled = _translate(pattern, len(alternatives))
            if compiled is None:
                continue
            regex, negated = compiled
            name = f"p{len(alternatives)}"
            alternatives.append(f"(?P<{name}>{regex})")
            self._negated[name] = negated
        self.count = len(alternatives)  # the lines that are patterns (not blank, a comment or malformed)
        self._regex = re.compile("|".join(alternatives)) if alternatives else None

    def decides(self, path: str, is_dir: bool) -> bool | None:
        """True: the path itself is ignored; False: re-included by a `!` pattern; None: no pattern matches."""
        if self._regex is None:
            return None
        match = self._regex.fullmatch(path + "\0" if is_dir else path)
        if match is None:
            return None
        return not self._negated[str(match.lastgroup)]  # the outermost group: the pattern that matched

    def matches(self, relative: str, is_dir: bool = False) -> bool:
        """Whether a path (relative to the patterns' folder, with / or os.sep) is ignored, folders above it
        included."""
        path = relative.replace(os.sep, "/")
        if path.startswith("../") or path in ("", ".", ".."):
            return False
        parts = path.split("/")
        for depth in range(1, len(parts)):  # a folder above it that is ignored hides it
            if self.decides("/".join(parts[:depth]), True):
                return True
        return bool(self.decides(path, is_dir))


@functools.lru_cache(maxsize=512)
def compile_globs(patterns: tuple[str, ...]) -> GlobList:
    return GlobList(patterns)


def matches(pattern: str, relative: str, is_dir: bool = False) -> bool:
    return matches_any((pattern,), relative, is_dir)


def matches_any(patterns, relative: str, is_dir: bool = False) -> bool:
    return bool(patterns) and compile_globs(tuple(patterns)).matches(relative, is_dir)


# Tokens of a pattern. A str is the slash or a one-character regex (a literal, `?`, a bracket expression).
_SLASH = "/"
_STAR = object()  # `*`: any run of characters but the slash
_ANY_SLASH = object()  # `**/`: any run of folders, or none
_ANY = object()  # `**` at the end of the pattern: anything at all
_NOT_SEPARATOR = "[^/\0]"  # "\0" ends the path of a folder: a folder is matched as "its/path\0"


def _translate(pattern: str, serial: int) -> tuple[str, bool] | None:
    """(regular expression over a path, followed by "\\0" for a folder; whether the pattern is negated), or
    None for a line that is no pattern: blank, a comment, or malformed (git never matches those either)."""
    text = _strip_trailing_spaces(pattern)
    if not text or text.startswith("#"):
        return None
    negated = text.startswith("!")
    text = text[1:] if negated else text
    tokens = _tokens(text)
    if tokens is None:
        return None
    dir_only = bool(tokens) and tokens[-1] == _SLASH
    while tokens and tokens[-1] == _SLASH:
        tokens.pop()
    # A slash at the start or in the middle (even in brackets, as git reads it): relative to the folder.
    anchored = "/" in text.rstrip("/")
    while tokens and tokens[0] == _SLASH:
        tokens.pop(0)
    if not tokens:
        return None  # "/", "!"
    names = (f"g{serial}_{n}" for n in itertools.count())
    if anchored:
        tokens = _globstars(tokens, len(re.split(r"[*?\[\\]", text.lstrip("/"), maxsplit=1)[0]))
    else:
        tokens = [_ANY_SLASH, *_stars(tokens)]  # the name, in any folder
    body = _path_regex(tokens, names)
    return body + ("\0" if dir_only else "\0?"), negated


def _tokens(text: str) -> list | None:
    """The pattern as tokens, runs of stars as (_STAR, length); None if it is malformed (a trailing
    backslash, an unclosed bracket)."""
    tokens: list = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "*":
            run = len(text) - i - len(text[i:].lstrip("*"))
            tokens.append((_STAR, run))
            i += run
        elif char == "?":
            tokens.append(_NOT_SEPARATOR)
            i += 1
        elif char == "[":
            found = _bracket(text, i)
            if found is None:
                return None
            regex, i = found
            tokens.append(regex)
        elif char == "\\":
            if i + 1 == len(text):
                return None
            tokens.append(_SLASH if text[i + 1] == "/" else re.escape(text[i + 1]))
            i += 2
        else:
            tokens.append(_SLASH if char == "/" else re.escape(char))
            i += 1
    return tokens


def _stars(tokens: list) -> list:
    """A name's pattern: every run of stars is one `*`."""
    return [_STAR if isinstance(t, tuple) else t for t in tokens]


def _globstars(tokens: list, literal_prefix: int) -> list:
    """A path's pattern: as git does, a run of two or more stars that starts the pattern, a segment or the
    pattern after its literal prefix (git compares that prefix on its own, and matches the rest as a new
    pattern), and is followed by a slash, matches any run of folders or none (`**/`); at the end of the
    pattern, anything at all. Any other run of stars is one `*`."""
    out: list = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (
            isinstance(token, tuple)
            and token[1] >= 2
            and (i == literal_prefix or tokens[i - 1] == _SLASH)
            and (i + 1 == len(tokens) or tokens[i + 1] == _SLASH)
        ):
            token = _ANY if i + 1 == len(tokens) else _ANY_SLASH
            i += 1  # the slash is part of `**/`
            if out and out[-1] is _ANY_SLASH:
                out.pop()  # "**/**/" is "**/", and "**/**" is "**"
        elif isinstance(token, tuple):
            token = _STAR
        out.append(token)
        i += 1
    return out


def _strip_trailing_spaces(pattern: str) -> str:
    """Trailing spaces are dropped, unless escaped with a backslash; so are the line's ending characters."""
    text = pattern.rstrip("\r\n")
    stripped = text.rstrip(" ")
    if len(stripped) < len(text) and stripped.endswith("\\") and (len(stripped) - len(stripped.rstrip("\\"))) % 2:
        return stripped + " "
    return stripped


def _path_regex(tokens: list, names) -> str:
    """The pattern split at its `**`s into pieces: the first is anchored at the start of the path and the
    last at its end; each one between finds its earliest place, atomically (see the module's docstring),
    as does the end of every piece but the last: what comes after it can only gain room from that."""
    pieces: list[list] = [[]]
    separators = []
    for token in tokens:
        if token is _ANY_SLASH or token is _ANY:
            separators.append(token)
            pieces.append([])
        else:
            pieces[-1].append(token)
    if not separators:
        return _piece(pieces[0], False, names)
    out = _piece(pieces[0], True, names)
    for piece in pieces[1:-1]:  # between two `**/`
        out += _atomic(f"(?:[^\0]*?/)??{_piece(piece, True, names)}", next(names))
    if separators[-1] is _ANY:
        return out + "[^\0]*"
    return out + f"(?:[^\0]*/)?{_piece(pieces[-1], False, names)}"


def _piece(tokens: list, earliest_end: bool, names) -> str:
    segments: list[list] = [[]]
    for token in tokens:
        if token == _SLASH:
            segments.append([])
        else:
            segments[-1].append(token)
    last = len(segments) - 1
    return "/".join(_segment(segment, earliest_end and i == last, names) for i, segment in enumerate(segments))


def _segment(tokens: list, earliest_end: bool, names) -> str:
    """One path segment: stars split it into chunks of fixed width. The chunks between stars find their
    earliest place; the last one ends the segment (or, with earliest_end, also takes its earliest place)."""
    chunks: list[str] = [""]
    for token in tokens:
        if token is _STAR:
            chunks.append("")
        else:
            chunks[-1] += token
    if len(chunks) == 1:
        return chunks[0]
    middle = "".join(_atomic(f"{_NOT_SEPARATOR}*?{chunk}", next(names)) for chunk in chunks[1:-1])
    if earliest_end:
        end = _atomic(f"{_NOT_SEPARATOR}*?{chunks[-1]}", next(names)) if chunks[-1] else ""
    else:
        end = f"{_NOT_SEPARATOR}*{chunks[-1]}"
    return chunks[0] + middle + end


def _atomic(regex: str, name: str) -> str:
    return f"(?=(?P<{name}>{regex}))(?P={name})"


def _bracket(glob: str, start: int) -> tuple[str, int] | None:
    """A bracket expression at glob[start] ("[a-z]", "[!0-9]", "[]x]", "[[:digit:]]") as a regex that never
    matches a slash, and the index after it; None if it is not closed. As in git, a range's first character
    always matches, so a reversed range ("[c-a]") is that character alone."""
    i = start + 1
    negate = i < len(glob) and glob[i] in "!^"
    i += negate
    items = []
    first = True
    while i < len(glob) and (glob[i] != "]" or first):
        first = False
        if glob.startswith("[:", i):
            end = glob.find(":]", i + 2)
            if end == -1 or glob[i + 2 : end] not in _POSIX_CLASSES:
                return None
            items.append(_POSIX_CLASSES[glob[i + 2 : end]])
            i = end + 2
            continue
        char = glob[i]
        if char == "\\":
            if i + 1 == len(glob):
                return None
            i += 1
            char = glob[i]
        if i + 2 < len(glob) and glob[i + 1] == "-" and glob[i + 2] != "]":
            high = glob[i + 2]
            i += 3
            if high == "\\":
                if i == len(glob):
                    return None
                high = glob[i]
                i += 1
            items.append(f"{re.escape(char)}-{re.escape(high)}" if high >= char else re.escape(char))
        else:
            items.append(re.escape(char))
            i += 1
    if i >= len(glob):
        return None
    body = "".join(items)
    return (f"[^/\0{body}]" if negate else f"(?![/\0])[{body}]"), i + 1
