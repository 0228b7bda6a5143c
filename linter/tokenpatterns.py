"""What a token pattern (a spaCy Matcher pattern in a rule file) may ask for, checked without spaCy.

spaCy's Matcher keeps every partial match and returns every match: a pattern with several `OP: "*"` took
2.3 GB over one long bullet, and even a lone `*` over a whole document is a match for every pair of its
tokens. So patterns are run over windows of WINDOW tokens (no match is longer), and a pattern may have
at most one operator without an upper bound (`*`, `+`, `{n,}`) and MAX_OPTIONAL optional tokens besides
(`?` is one, `{n,m}` is m - n), and may not be longer than a window once spaCy has expanded its `{n,m}`s.
Measured over 32 tokens that all match, the costliest pattern allowed takes about 2 ms and no memory to
speak of: a document costs time in proportion to its length, and the per-file time budget bounds that.
"""

from __future__ import annotations

import re
from typing import Callable, NoReturn

WINDOW = 16
MAX_OPTIONAL = 4
_OPERATORS = ("!", "?", "+", "*")
_RANGE = re.compile(r"\{(\d*)(,?)(\d*)\}")  # {n}, {n,m}, {n,}, {,m}
ALLOWED = (
    f'Each pattern may use at most one of OP "*", "+" or "{{n,}}", at most {MAX_OPTIONAL} optional tokens '
    f'besides (OP "?" counts one, "{{n,m}}" counts m - n), and at most {WINDOW} tokens with every "{{n,m}}" '
    "written out"
)


def check_token_patterns(
    patterns: list[list[dict]], fail: Callable[[str, str], NoReturn], check_regex: Callable[[str, object], None]
) -> None:
    """fail(subkey, problem) reports a problem under the matcher's `tokens` key; check_regex(subkey,
    pattern) validates a REGEX predicate."""
    for i, pattern in enumerate(patterns):
        unbounded = optional = length = 0
        for j, token in enumerate(pattern):
            where = f"[{i}][{j}]"
            operator = next((value for key, value in token.items() if str(key).upper() == "OP"), None)
            repeats = _repeats(operator)
            if repeats is None:
                fail(
                    f"{where}.OP",
                    f'must be one of "!", "?", "+", "*", "{{n}}", "{{n,m}}", "{{n,}}" or "{{,m}}" with n <= m '
                    f"(got {operator!r})",
                )
            low, high = repeats
            unbounded += high is None
            optional += 0 if high is None else high - low
            length += low + 1 if high is None else max(high, 1)  # the tokens spaCy expands it into
            _check_predicates(token, where, fail, check_regex)
        if unbounded > 1 or optional > MAX_OPTIONAL or length > WINDOW:
            fail(f"[{i}]", f"too costly for spaCy's Matcher to run safely over a long text. {ALLOWED}.")


def _repeats(operator) -> tuple[int, int | None] | None:
    """(least, most) times a token with this OP matches, most None without a bound; None for an OP that
    is none. "!" matches no token, but takes the place of one."""
    if operator is None:
        return 1, 1
    if operator in _OPERATORS:
        return {"!": (0, 0), "?": (0, 1), "+": (1, None), "*": (0, None)}[operator]
    found = _RANGE.fullmatch(operator) if isinstance(operator, str) else None
    if found is None or not (found.group(1) or found.group(3)):
        return None
    low = int(found.group(1) or 0)
    high = None if found.group(2) and not found.group(3) else int(found.group(3) or low)
    return (low, high) if high is None or low <= high else None


def _check_predicates(token: dict, where: str, fail: Callable[[str, str], NoReturn], check_regex) -> None:
    for attribute, value in token.items():
        if not isinstance(attribute, str):
            fail(where, f"a token attribute must be a name such as LOWER (got {attribute!r})")
        if attribute == "_":
            fail(f"{where}._", "custom token attributes (_) are registered by code, so no rule file can use them")
        if isinstance(value, dict):
            for predicate, argument in value.items():
                if str(predicate).upper() == "REGEX":
                    check_regex(f"{where}.{attribute}.{predicate}", argument)
