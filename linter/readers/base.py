"""What every reader shares: the error it raises, the limits it honours, and text decoding."""
from __future__ import annotations

from dataclasses import dataclass

# Input-problem codes (the RL9xx rules in rules/input/ describe each one).
UNREADABLE = "RL901"
WRONG_FORMAT = "RL902"
EMPTY = "RL903"
CORRUPT = "RL904"
NO_TEXT_LAYER = "RL905"
ENCRYPTED = "RL906"
TOO_LARGE = "RL907"
ENCODING_FALLBACK = "RL908"
MALFORMED = "RL909"
UNUSED_SUPPRESSION = "RL910"
OUT_OF_TIME = "RL911"
INTERNAL_ERROR = "RL912"


class ReadError(Exception):
    """A file that cannot be turned into a Document. `reason` is one line, naming the problem and what to do."""

    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code = code
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 10 * 1024 * 1024
    max_pdf_pages: int = 50
    # A PDF stream is stored compressed: a 1 MB file can hold a page that inflates to gigabytes.
    max_pdf_stream: int = 50 * 1024 * 1024
    # DOCX is a zip: refuse before inflating anything if the declared sizes say it would be huge.
    max_docx_uncompressed: int = 100 * 1024 * 1024
    max_docx_member: int = 50 * 1024 * 1024
    max_docx_ratio: int = 200
    # Notebooks carry their outputs (plots as base64), and JSON Lines files can hold many answers.
    max_data_bytes: int = 50 * 1024 * 1024
    max_line_length: int = 20_000  # characters; minified or generated text, not prose
    timeout: float = 30.0  # seconds to read and lint one file


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
