"""The PDF reader: PDFium's lines and indents agree with pdfplumber's, the pdfplumber fallback explains
what PDFium refuses, and neither library writes anything to the terminal."""

import base64
import random
import zlib

import pytest

from linter.limits import Limits
from linter.readers import ReadError, read_bytes
from linter.readers.pdf import page_lines
from linter.readers.pdfstreams import TooLarge, _lzw, largest_stream_within
from linter.readers.pdftext import pdfium_rows, pdfplumber_rows
from tests.conftest import SAMPLES, run_check
from tests.make_broken_files import generate

PDFS = sorted((SAMPLES / "resumes").glob("*.pdf"))


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_pdfium_and_pdfplumber_find_the_same_lines_and_indents(path):
    data = path.read_bytes()
    fast, slow = page_lines(pdfium_rows(data, Limits())), page_lines(pdfplumber_rows(data, Limits()))
    assert [(line.page, line.line) for line in fast] == [(line.page, line.line) for line in slow]
    for a, b in zip(fast, slow):
        # pdfplumber shows the bullet glyph of these fonts as "(cid:127)", PDFium as the character itself
        assert a.text == b.text.replace("(cid:127)", "•"), (a.text, b.text)
        if a.text:  # the blank line closing each page has no indent
            assert abs(a.indent - b.indent) < 0.5, (a.text, a.indent, b.indent)


def test_pdfium_reads_the_bullet_glyph_as_a_bullet():
    document = read_bytes((SAMPLES / "resumes" / "ds_resume.pdf").read_bytes(), "r.pdf", "pdf")
    texts = [block.text for block in document.blocks]
    assert not any("(cid:" in text for text in texts)
    assert any(block.type == "bullet" for block in document.blocks)


def test_files_pdfium_refuses_are_explained_by_pdfminer():
    with pytest.raises(ReadError) as caught:
        read_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "broken.pdf", "pdf")
    assert caught.value.problem == "corrupt" and "PDFSyntaxError" in caught.value.reason


def test_broken_pdfs_print_nothing_but_the_report(tmp_path):
    paths = generate(tmp_path / "broken")
    result = run_check("--format", "json", *[str(p) for p in paths if p.suffix == ".pdf"])
    assert result.returncode in (1, 2) and result.stderr == "", result.stderr


# --- compressed streams: every expanding filter, alone and chained, is checked before a library inflates it


def _stream(filters: bytes, data: bytes) -> bytes:
    return (
        b"%PDF-1.4\n4 0 obj\n<< /Length "
        + str(len(data)).encode()
        + b" /Filter "
        + filters
        + b" >>\nstream\n"
        + data
        + b"\nendstream\nendobj\n"
    )


def _lzw_codes(codes: list[int]) -> bytes:
    """Packs LZW codes at the widths a PDF decoder reads them (9 to 12 bits, widening one code early)."""
    width, known, previous, bits, value, out = 9, 258, None, 0, 0, bytearray()
    for code in codes:
        value, bits = (value << width) | code, bits + width
        while bits >= 8:
            bits -= 8
            out.append((value >> bits) & 0xFF)
        value &= (1 << bits) - 1
        if code == 256:
            width, known, previous = 9, 258, None
            continue
        if previous is not None and known < 4096:
            known += 1
        if known + 1 >= (1 << width) and width < 12:
            width += 1
        previous = code
    if bits:
        out.append((value << (8 - bits)) & 0xFF)
    return bytes(out)


def _lzw_bomb(megabytes: int) -> bytes:
    """Each code repeats the entry before it plus one byte: a table's worth of codes is 7 MB of spaces."""
    codes, size = [], 0
    while size < megabytes * 2**20:
        codes += [256, 32] + list(range(258, 4096))
        size += sum(range(1, 4096 - 258 + 2))
    return _lzw_codes(codes + [257])


def _lzw_encode(data: bytes) -> bytes:
    table, codes, word = {bytes([i]): i for i in range(256)}, [256], b""
    for byte in data:
        longer = word + bytes([byte])
        if longer in table:
            word = longer
            continue
        codes.append(table[word])
        if len(table) + 2 < 4096:
            table[longer] = len(table) + 2
        word = bytes([byte])
    return _lzw_codes(codes + ([table[word]] if word else []) + [257])


BOMBS = {
    "flate": (b"/FlateDecode", zlib.compress(b" " * 60 * 2**20)),
    "ascii85 then flate": (
        b"[/ASCII85Decode /FlateDecode]",
        base64.a85encode(zlib.compress(b" " * 60 * 2**20)) + b"~>",
    ),
    "hex then flate": (b"[/AHx /Fl]", zlib.compress(b" " * 60 * 2**20).hex().encode() + b">"),
    "flate twice": (b"[/FlateDecode /FlateDecode]", zlib.compress(zlib.compress(b" " * 60 * 2**20))),
    "lzw": (b"/LZWDecode", _lzw_bomb(60)),
    "run length": (b"/RunLengthDecode", bytes([129, 32]) * (60 * 2**20 // 128) + bytes([128])),
}


@pytest.mark.parametrize("name", sorted(BOMBS))
def test_stream_bombs_are_refused(name):
    filters, data = BOMBS[name]
    with pytest.raises(TooLarge):
        largest_stream_within(_stream(filters, data), 50 * 2**20)
    largest_stream_within(_stream(filters, data), 100 * 2**20)  # under a higher limit it passes


def test_our_lzw_decoder_agrees_with_pdfminers():
    from pdfminer.lzw import lzwdecode

    rng = random.Random(3)
    for size in (0, 1, 300, 20_000, 200_000):  # past every code width and a full table
        data = bytes(rng.choice(b"abcdefgh \n") for _ in range(size))
        encoded = _lzw_encode(data)
        assert lzwdecode(encoded) == data
        assert _lzw(encoded, 0, 2**30, counting=False)[0] == data
        _lzw(encoded, 0, size, counting=True)  # counting finds exactly the decoded size
        if size:
            with pytest.raises(TooLarge):
                _lzw(encoded, 0, size - 1, counting=True)


def test_streams_that_are_not_what_they_say_are_left_to_the_pdf_library():
    for filters, data in (
        (b"/FlateDecode", b"not zlib at all"),
        (b"/LZWDecode", b"\xff" * 64),
        (b"/ASCII85Decode", b"\x00\x01 not ascii85 ~>"),
        (b"/DCTDecode", b"\xff\xd8jpeg"),
    ):
        largest_stream_within(_stream(filters, data), 2**20)


def test_a_long_stream_dictionary_does_not_hide_its_filter():
    filters, data = BOMBS["flate"]
    padded = _stream(filters, data).replace(b"/Filter", b"/Padding (" + b"x" * 100_000 + b") /Filter")
    with pytest.raises(TooLarge):
        largest_stream_within(padded, 50 * 2**20)
