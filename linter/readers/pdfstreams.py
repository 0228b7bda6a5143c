"""Checks how far a PDF's compressed streams would inflate, before PDFium or pdfminer inflate any of them
whole: a page of a 1 MB file can inflate to gigabytes.

Each stream's /Filter chain is applied the way a PDF library would apply it: ASCII85 and hex (which only
shrink) and the expanding filters Flate, LZW and run-length. The last expanding filter is only counted, a
piece at a time; an earlier one (a stream compressed twice) is decoded, up to the limit. Every filter
marks the end of its own data, so no /Length needs to be trusted. Image filters (DCT, JPX, CCITT, JBIG2)
end the chain: PDFium does not decode images to read text. Data a filter cannot decode is skipped: that
stream is damaged, and reading it is the PDF library's business.

A stream's dictionary is read with a tokenizer (linter/readers/pdfobjects.py), its /Filter resolved when it
is a reference, so that no comment, escaped name, reference or decoy string hides the filter; and whatever
the dictionary says, a stream whose bytes are zlib data is measured as Flate. Encrypted streams cannot be
measured here: this is the cheap first bound, and the child process that reads the file the real one
(see linter/readers/pdf.py).
"""

from __future__ import annotations

import base64
import re
import zlib

from .pdfobjects import BadObject, Name, Objects, parse_object, skip_space

_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")  # "endstream" closes a stream, it opens none
_FILTERS = {
    b"FlateDecode": "flate",
    b"Fl": "flate",
    b"LZWDecode": "lzw",
    b"LZW": "lzw",
    b"RunLengthDecode": "runlength",
    b"RL": "runlength",
    b"ASCII85Decode": "ascii85",
    b"A85": "ascii85",
    b"ASCIIHexDecode": "hex",
    b"AHx": "hex",
}
_EXPANDING = {"flate", "lzw", "runlength"}
_CANDIDATES = 4  # object headers tried, last first, for the one whose dictionary the stream keyword ends
_INPUT_PIECE = 64 * 1024  # compressed bytes fed to zlib at a time
_OUTPUT_PIECE = 1024 * 1024  # inflated bytes held at a time, then dropped


class TooLarge(Exception):
    """A stream inflates past the limit."""


def largest_stream_within(data: bytes, limit: int) -> None:
    """Raise TooLarge when any stream of the PDF in `data` would inflate past `limit` bytes."""
    objects = Objects(data)
    position = 0
    while (match := _STREAM_START.search(data, position)) is not None:
        filters = _filters(objects, _dictionary(objects, position, match.start()))
        position = match.end()
        if not any(name in _EXPANDING for name in filters) and _is_zlib(data, match.end()):
            filters = ["flate"]  # a filter the dictionary hides, or one that lies
        if any(name in _EXPANDING for name in filters):
            position = _check(data, match.end(), filters, limit)


def _dictionary(objects: Objects, since: int, keyword: int) -> dict | None:
    """The dictionary of the stream whose keyword is at `keyword`: that of the last object header before it
    whose dictionary ends right there (a header inside a string or a comment gives none that does)."""
    for body in objects.headers_before(keyword, since)[:_CANDIDATES]:
        try:
            value, end = parse_object(objects.data, body)
        except BadObject:
            continue
        if isinstance(value, dict) and skip_space(objects.data, end) == keyword:
            return value
    return None


def _filters(objects: Objects, dictionary: dict | None) -> list[str]:
    """The filter chain a stream's dictionary names, up to the first filter not known here."""
    value = objects.resolve(dictionary.get(b"Filter")) if dictionary else None
    names = value if isinstance(value, list) else [value]
    chain = []
    for name in names:
        if not isinstance(name, Name) or name not in _FILTERS:
            break  # an image filter or encryption: nothing after it is decoded to read text
        chain.append(_FILTERS[name])
    return chain


def _is_zlib(data: bytes, start: int) -> bool:
    """Whether the bytes at `start` open a zlib stream (RFC 1950: deflate, a window of at most 32 KB, no
    preset dictionary, and a header that is a multiple of 31)."""
    if start + 2 > len(data):
        return False
    method, flags = data[start], data[start + 1]
    return method & 0x0F == 8 and method >> 4 <= 7 and not flags & 0x20 and (method << 8 | flags) % 31 == 0


def _check(data: bytes, start: int, filters: list[str], limit: int) -> int:
    """Apply `filters` to the stream starting at `start`; returns where its encoded data ends."""
    last = max(i for i, name in enumerate(filters) if name in _EXPANDING)
    try:
        payload, end = _first(data, start, filters[0], limit, counting=last == 0)
        for index, name in enumerate(filters[1 : last + 1], 1):
            payload, _ = _first(payload, 0, name, limit, counting=index == last)
    except (ValueError, zlib.error):
        return start  # damaged or not what the dictionary says: the PDF library will say
    return end


def _first(data: bytes, start: int, name: str, limit: int, counting: bool) -> tuple[bytes, int]:
    """Decode one filter's data from `start`: (the decoded bytes, or b"" when only counting; where the
    encoded data ends). Raises TooLarge past the limit."""
    if name == "ascii85":
        end = data.find(b"~>", start)
        end = len(data) if end < 0 else end + 2
        encoded = bytes(data[start:end]).removesuffix(b"~>")
        return base64.a85decode(encoded, ignorechars=b" \t\n\r\x0b\x0c\x00"), end
    if name == "hex":
        end = data.find(b">", start)
        end = len(data) if end < 0 else end + 1
        digits = bytes(data[start:end]).rstrip(b">")
        digits = b"".join(digits.split())
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii")), end
    if name == "flate":
        return _inflate(data, start, limit, counting)
    if name == "lzw":
        return _lzw(data, start, limit, counting)
    return _runlength(data, start, limit, counting)


def _inflate(data: bytes, start: int, limit: int, counting: bool) -> tuple[bytes, int]:
    view = memoryview(data)
    inflater = zlib.decompressobj()
    kept: list[bytes] = []
    size = 0
    offset = start
    while not inflater.eof and offset < len(data):
        pending: bytes | memoryview = view[offset : offset + _INPUT_PIECE]
        offset += len(pending)
        while pending and not inflater.eof:
            piece = inflater.decompress(pending, _OUTPUT_PIECE)
            size += len(piece)
            if size > limit:
                raise TooLarge()
            if not counting:
                kept.append(piece)
            pending = inflater.unconsumed_tail
    return b"".join(kept), offset - len(inflater.unused_data)


def _lzw(data: bytes, start: int, limit: int, counting: bool) -> tuple[bytes, int]:
    """PDF's LZW: codes of 9 to 12 bits, most significant bit first, widening one code early. When
    counting, only each table entry's length is kept, so a bomb costs one step per code, not per byte."""
    table: list[bytes] = [bytes([i]) for i in range(256)] + [b"", b""]  # 256 clears the table, 257 ends
    lengths: list[int] = [1] * 256 + [0, 0]
    out = bytearray()
    size = 0
    width, bits, buffered, offset = 9, 0, 0, start
    previous: int | None = None
    while True:
        while bits < width:
            if offset >= len(data):
                return bytes(out), offset
            buffered = (buffered << 8) | data[offset]
            offset += 1
            bits += 8
        bits -= width
        code = (buffered >> bits) & ((1 << width) - 1)
        buffered &= (1 << bits) - 1
        if code == 256:
            del table[258:], lengths[258:]
            width, previous = 9, None
            continue
        if code == 257:
            return bytes(out), offset
        known = len(lengths)
        if code > known or (code == known and previous is None):
            raise ValueError("bad LZW code")
        if code == known:  # the entry being defined: the previous one and its own first byte
            assert previous is not None  # checked just above
            length = lengths[previous] + 1
            entry = b"" if counting else table[previous] + table[previous][:1]
        else:
            length = lengths[code]
            entry = b"" if counting else table[code]
        if previous is not None and known < 4096:  # a full table stays as it is until a clear code
            lengths.append(lengths[previous] + 1)
            if not counting:
                table.append(table[previous] + entry[:1])
        size += length
        if size > limit:
            raise TooLarge()
        if not counting:
            out += entry
        previous = code
        if len(lengths) + 1 >= (1 << width) and width < 12:
            width += 1


def _runlength(data: bytes, start: int, limit: int, counting: bool) -> tuple[bytes, int]:
    out = bytearray()
    size = 0
    offset = start
    while offset < len(data):
        length = data[offset]
        offset += 1
        if length == 128:  # end of data
            break
        if length < 128:
            chunk = data[offset : offset + length + 1]
            offset += length + 1
            size += len(chunk)
            if not counting:
                out += chunk
        else:
            if offset >= len(data):
                break
            size += 257 - length
            if not counting:
                out += bytes([data[offset]]) * (257 - length)
            offset += 1
        if size > limit:
            raise TooLarge()
    return bytes(out), offset
