"""Plain text (.txt) and standard input."""
from __future__ import annotations

from ..document import Document, Note
from .base import ENCODING_FALLBACK, decode_text, normalise_newlines
from .structure import SourceLine, build_blocks


def read_text(data: bytes, path: str, fmt: str = "txt") -> Document:
    decoded = decode_text(data)
    lines = normalise_newlines(decoded.text).split("\n")
    doc = Document(path, fmt, build_blocks([SourceLine(t, i) for i, t in enumerate(lines, 1)]))
    if decoded.note:
        doc.notes.append(Note(ENCODING_FALLBACK, decoded.note))
    return doc
