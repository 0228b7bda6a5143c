"""Text from documents and file names shown so that it cannot act on a terminal or a CI log, and so that
every report can be written as UTF-8.

Control characters (escape sequences, carriage returns, line breaks inside a field) and bidirectional
overrides are written out visibly, as \\x1b or \\u202e, instead of being sent raw. A file name that is not
valid UTF-8 reaches Python with each undecodable byte kept as a lone surrogate (U+DC80 to U+DCFF); every
reporter shows such a byte as \\xe9, the way the text report shows a control character, so a name reads the
same in every format and no report holds a character UTF-8 cannot encode."""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _shown(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (Python's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character shown as its escape (a tab stays a tab)."""
    return _UNSAFE.sub(_shown, text) if _UNSAFE.search(text) else text


def encodable(text: str) -> str:
    """`text` with only the characters UTF-8 cannot encode (lone surrogates) shown as escapes: for formats
    that escape control characters their own way (JSON, HTML)."""
    return _SURROGATE.sub(_shown, text) if _SURROGATE.search(text) else text


def encodable_data(value):
    """A JSON-ready value (dicts, lists, strings, numbers) with `encodable` applied to every string in it."""
    if isinstance(value, str):
        return encodable(value)
    if isinstance(value, dict):
        return {encodable_data(key): encodable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [encodable_data(item) for item in value]
    return value
