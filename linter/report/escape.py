"""Text from documents and file names shown so that it cannot act on a terminal or a CI log: control
characters (escape sequences, carriage returns, line breaks inside a field) and bidirectional overrides
are written out visibly, as \\x1b or \\u202e, instead of being sent raw."""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character shown as its escape (a tab stays a tab)."""
    return _UNSAFE.sub(_shown, text) if _UNSAFE.search(text) else text
