"""Checks how far a PDF's compressed streams would inflate, before PDFium or pdfminer inflate any of them
whole: a page of a 1 MB file can inflate to gigabytes.

Each stream's /Filter chain is applied the way a PDF library would apply it: ASCII85 and hex (which only
shrink) and the expanding filters Flate, LZW and run-length. The last expanding filter is only counted, a
piece at a time; an earlier one (a stream compressed twice) is decoded, up to the limit. Every filter
marks the end of its own data, so no /Length needs to be trusted. Image filters (DCT, JPX, CCITT, JBIG2)
end the chain: PDFium does not decode images to read text. Data a filter cannot decode is skipped: that
stream is damaged, and reading it is the PDF library's business.
"""

from __future__ import annotations

import base64
import re
import zlib

_STREAM_START = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")  # "endstream" closes a stream, it opens none
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_NAME = re.compile(rb"/([A-Za-z0-9]+)")
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
_OBJECT_HEADER = re.compile(rb"\d+\s+\d+\s+obj\b")
_INPUT_PIECE = 64 * 1024  # compressed bytes fed to zlib at a time
_OUTPUT_PIECE = 1024 * 1024  # inflated bytes held at a time, then dropped


class TooLarge(Exception):
    """A stream inflates past the limit."""


def largest_stream_within(data: bytes, limit: int) -> None:
    """Raise TooLarge when any stream of the PDF in `data` would inflate past `limit` bytes."""
    position = 0
    while (match := _STREAM_START.search(data, position)) is not None:
        # The stream's dictionary: what follows the last object header since the previous stream.
        between = data[position : match.start()]
        headers = list(_OBJECT_HEADER.finditer(between))
        filters = _filters(between[headers[-1].end() :] if headers else between)
        position = match.end()
        if any(name in _EXPANDING for name in filters):
            position = _check(data, match.end(), filters, limit)


def _filters(dictionary: bytes) -> list[str]:
    """The filter chain a stream's dictionary names, up to the first filter not known here."""
    found = list(_FILTER.finditer(dictionary))
    if not found:
        return []
    chain = []
    for name in _NAME.findall(found[-1].group(1)):
        if name not in _FILTERS:
            break  # an image filter or encryption: nothing after it is decoded to read text
        chain.append(_FILTERS[name])
    return chain


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
