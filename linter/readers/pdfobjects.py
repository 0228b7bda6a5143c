"""PDF objects as a PDF library reads them (ISO 32000-1, 7.2 and 7.3), enough to read a stream's dictionary:
comments, literal strings (nested parentheses, escapes), hex strings, names (with #xx escapes), numbers,
arrays, dictionaries and indirect references (N G R), which are resolved through the file's object headers.

A regular expression over the raw bytes is fooled by a comment between a key and its value, an escaped
name (/Fil#74er), a value given as a reference, or a string or nested dictionary that contains "/Filter";
a tokenizer is not. Work is linear in the bytes read, and nesting is bounded.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

_WHITESPACE = b"\x00\t\n\x0c\r "
_DELIMITERS = b"()<>[]{}/%"
_REGULAR = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_NUMBER = re.compile(rb"[+-]?(?:\d+\.?\d*|\.\d+)\Z")
_HEADER = re.compile(rb"(\d{1,10})\s+(\d{1,5})\s+obj\b")
_REFERENCE = re.compile(rb"(\d{1,10})[\x00\t\n\x0c\r ]+(\d{1,5})[\x00\t\n\x0c\r ]+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
_MAX_DEPTH = 32  # arrays and dictionaries inside each other; a stream's dictionary needs a few
_MAX_INDIRECTION = 8  # references to references


class Name(bytes):
    """A PDF name, its #xx escapes decoded: /Fil#74er is Name(b"Filter")."""


class Keyword(str):
    """A bare word that is not a number, a name or true, false or null: obj, R, stream..."""


class Ref(NamedTuple):
    number: int
    generation: int


class BadObject(ValueError):
    """Bytes that are not a PDF object."""


def skip_space(data: bytes, position: int) -> int:
    """The position of the next token: past white space and comments."""
    length = len(data)
    while position < length:
        byte = data[position]
        if byte in _WHITESPACE:
            position += 1
        elif byte == 0x25:  # "%": a comment runs to the end of the line
            while position < length and data[position] not in b"\r\n":
                position += 1
        else:
            break
    return position


def parse_object(data: bytes, position: int, depth: int = 0):
    """(the object that starts at `position`, where it ends). A reference (N G R) is a Ref."""
    if depth > _MAX_DEPTH:
        raise BadObject("nested too deeply")
    position = skip_space(data, position)
    if position >= len(data):
        raise BadObject("ends early")
    if data.startswith(b"<<", position):
        items, position = _items(data, position + 2, b">>", depth)
        if len(items) % 2 or not all(isinstance(key, Name) for key in items[::2]):
            raise BadObject("a dictionary of other than name-value pairs")
        return dict(zip(items[::2], items[1::2])), position
    byte = data[position]
    if byte == 0x5B:  # "["
        return _items(data, position + 1, b"]", depth)
    if byte == 0x28:  # "("
        return _literal_string(data, position + 1)
    if byte == 0x3C:  # "<": a hex string
        end = data.find(b">", position)
        if end < 0:
            raise BadObject("an unterminated hex string")
        return bytes.fromhex(_even(b"".join(data[position + 1 : end].split()))), end + 1
    if byte == 0x2F:  # "/"
        word = _REGULAR.match(data, position + 1)
        assert word is not None  # the pattern matches the empty string too
        return Name(_NAME_ESCAPE.sub(lambda m: bytes.fromhex(m[1].decode()), word[0])), word.end()
    if byte in _DELIMITERS:
        raise BadObject(f"an unexpected {chr(byte)!r}")
    reference = _REFERENCE.match(data, position)
    if reference:
        return Ref(int(reference[1]), int(reference[2])), reference.end()
    word = _REGULAR.match(data, position)
    assert word is not None
    return _word(word[0]), word.end()


def _items(data: bytes, position: int, closing: bytes, depth: int) -> tuple[list, int]:
    """The objects of an array or dictionary, up to `closing`."""
    items: list = []
    while True:
        position = skip_space(data, position)
        if position >= len(data):
            raise BadObject("an unterminated array or dictionary")
        if data.startswith(closing, position):
            return items, position + len(closing)
        item, position = parse_object(data, position, depth + 1)
        items.append(item)


def _literal_string(data: bytes, position: int) -> tuple[bytes, int]:
    """A literal string's raw bytes (escapes left as they are: only its extent matters here)."""
    start, nesting, length = position, 1, len(data)
    while position < length:
        byte = data[position]
        if byte == 0x5C:  # a backslash escapes the next byte, a parenthesis included
            position += 2
            continue
        if byte == 0x28:
            nesting += 1
        elif byte == 0x29:
            nesting -= 1
            if nesting == 0:
                return bytes(data[start:position]), position + 1
        position += 1
    raise BadObject("an unterminated string")


def _even(digits: bytes) -> str:
    text = digits.decode("latin-1")
    return text + "0" * (len(text) % 2)


def _word(word: bytes):
    if _NUMBER.match(word):
        return float(word) if b"." in word else int(word)
    return {b"true": True, b"false": False, b"null": None}.get(word, Keyword(word.decode("latin-1")))


class Objects:
    """The indirect objects of a file, found by their headers (N G obj); a later definition replaces an
    earlier one, as an incremental update does."""

    def __init__(self, data: bytes):
        self.data = data

    @functools.cached_property
    def _offsets(self) -> dict[tuple[int, int], int]:
        """(number, generation) -> where the object's body starts; looked for only once a reference is."""
        return {(int(m[1]), int(m[2])): m.end() for m in _HEADER.finditer(self.data)}

    def headers_before(self, position: int, since: int) -> list[int]:
        """Where the bodies of the objects whose headers lie between `since` and `position` start, last first."""
        return [m.end() for m in _HEADER.finditer(self.data, since, position)][::-1]

    def resolve(self, value, depth: int = 0):
        """`value` with references replaced by what they point to (one level inside arrays); None for one
        that cannot be found here (an object inside an object stream, or none)."""
        if isinstance(value, list):
            return [self.resolve(item, depth) for item in value]
        while isinstance(value, Ref):
            offset = self._offsets.get(value)
            depth += 1
            if offset is None or depth > _MAX_INDIRECTION:
                return None
            try:
                value = parse_object(self.data, offset)[0]
            except (BadObject, ValueError):
                return None
        return value
