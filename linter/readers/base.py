"""What every reader shares: the error it raises and text decoding."""

from __future__ import annotations

import re
from dataclasses import dataclass


class ReadError(Exception):
    """A file that cannot be turned into a Document: `problem` is one of linter.problems, `reason` one line
    naming what is wrong and what to do."""

    def __init__(self, problem: str, reason: str):
        super().__init__(reason)
        self.problem = problem
        self.reason = reason


@dataclass(frozen=True)
class DecodedText:
    text: str
    note: str | None  # set when the bytes were not UTF-8 and a fallback was used


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of control characters: not a text file."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))
    return bool(sample) and controls / len(sample) > 0.05


def decode_text(data: bytes) -> DecodedText:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return DecodedText(data.decode("utf-8"), None)
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "Latin-1"
    return DecodedText(text, f"not valid UTF-8 (first bad byte at offset {where}); read as {encoding}")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(text: str) -> tuple[str, str | None]:
    """`text` with every lone surrogate (what a JSON "\\ud800" escape without its other half decodes to: not
    a character, and not encodable) replaced by U+FFFD, one for one so that positions hold; and a note
    naming the first, or None when there was none."""
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return text, None
    note = f"\\u{ord(found.group()):04x} is half of a UTF-16 surrogate pair, not a character; read as U+FFFD"
    return _LONE_SURROGATE.sub("\ufffd", text), note
