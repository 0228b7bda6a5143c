"""PDF text, line by line in reading order, with the layout's hints: each piece of text comes with its box
(linter/readers/pdftext.py), and linter/readers/pdflayout.py reads columns one at a time, ends blocks at
gaps, and finds the bullets whose glyph was lost. Lines are numbered within each page (pdflayout says what
a line number counts).

A PDF library decides for itself how much to inflate and how much to build, and a file of a few KB can make
it take gigabytes, so reading one is bounded three ways:

1. Before any library sees the file, its compressed streams are measured (linter/readers/pdfstreams.py,
   --max-pdf-stream): the common bomb is refused in milliseconds, by a message that names the stream.
2. The library reads the text layer (linter/readers/pdftext.py) in a child process with a memory and a CPU
   limit of its own (linter/readers/confine.py; --max-pdf-memory, --timeout). What the pre-check cannot see
   (an encrypted stream, an embedded font, a drawing that repeats itself) costs that child, never the run:
   the file is refused with one line, and the other files are linted.
3. Pages and characters are counted as they are read (--max-pdf-pages, --max-pdf-text).

The child costs about 5 ms a PDF at start-up and about 17 ms once spaCy is loaded (the fork, and the
copy-on-write faults it causes on both sides), against a second or so to start rolelint: a resume linted
end to end takes as long as before, within noise, and a run of twenty 2-page PDFs about 15% longer.
Outside Linux, where the child cannot be confined, the text layer is read in this process, bounded by 1 and
3 alone.
"""

from __future__ import annotations

import contextlib
import threading

from ..document import Document
from ..limits import MB, Limits
from ..problems import CORRUPT, NO_TEXT_LAYER, OUT_OF_TIME, TOO_LARGE
from ..sections import Vocabulary
from .base import ReadError
from .structure import SourceLine, build_blocks

# PDFium must never be called from two threads at once, even on two documents (pypdfium2 releases the GIL
# in each call): two threads of the Python API reading PDFs crashed the process. Read in a child, each PDF
# has a process of its own; read in this process (outside Linux), one at a time.
_IN_PROCESS = threading.Lock()


def read_pdf(data: bytes, path: str, limits: Limits, sections: Vocabulary) -> Document:
    _check_streams(data, limits)
    lines = page_lines(_text_layer(data, limits))
    if not any(line.text.strip() for line in lines):
        raise ReadError(
            NO_TEXT_LAYER,
            "has no text layer (a scan or an image): export it from the source "
            "document as a text PDF, DOCX or plain text",
        )
    return Document(path, "pdf", build_blocks(lines, sections))


def _check_streams(data: bytes, limits: Limits) -> None:
    from .pdfstreams import TooLarge, largest_stream_within

    try:
        largest_stream_within(data, limits.max_pdf_stream)
    except TooLarge:
        raise ReadError(
            TOO_LARGE,
            f"has a compressed stream that inflates past {limits.max_pdf_stream // MB} MB "
            "(a decompression bomb? raise the limit with --max-pdf-stream)",
        ) from None


def _text_layer(data: bytes, limits: Limits):
    """Each page's rows, read by PDFium, or by pdfplumber when PDFium cannot open the file, in a confined
    child. Each library is imported here, before the fork, so that no child has to import it again."""
    import pypdfium2  # noqa: F401

    from .confine import CONFINED
    from .pdftext import pdfium_rows, pdfplumber_rows

    with contextlib.nullcontext() if CONFINED else _IN_PROCESS:
        pages = _confined(pdfium_rows, data, limits)
        if pages is None:
            import pdfplumber  # noqa: F401

            pages = _confined(pdfplumber_rows, data, limits)
    return pages


def _confined(read, data: bytes, limits: Limits):
    from .confine import Crashed, OutOfCpu, OutOfMemory, run_confined

    # JSON needs at most about 66 bytes a character: 6 for an escaped one, 60 for a piece that has only it
    # (five measures of up to seven characters each, a line number, and the punctuation).
    reply = 70 * (limits.max_pdf_text + limits.max_pdf_pages) + 2**16
    try:
        return run_confined(read, data, limits, memory=limits.max_pdf_memory, seconds=limits.timeout, max_reply=reply)
    except OutOfMemory:
        raise ReadError(
            TOO_LARGE,
            f"needs more than {limits.max_pdf_memory // MB} MB of memory to read (a decompression bomb, or a "
            "drawing that repeats itself?): raise the limit with --max-pdf-memory",
        ) from None
    except OutOfCpu:
        raise ReadError(
            OUT_OF_TIME,
            f"took more than {limits.timeout:g} s to read (a drawing that repeats itself?), so it was skipped "
            "(raise the limit with --timeout)",
        ) from None
    except Crashed as crash:
        raise ReadError(CORRUPT, f"is a damaged PDF: the PDF library crashed reading it ({crash})") from None


def page_lines(pages) -> list[SourceLine]:
    """The numbered lines of every page, in reading order, from each page's pieces of text (see
    linter/readers/pdflayout.py for what a line number counts)."""
    from .pdflayout import page_source_lines

    lines: list[SourceLine] = []
    for page_number, rows in enumerate(pages, 1):
        lines += page_source_lines(page_number, [_row(row) for row in rows])
    return lines


def _row(row) -> tuple[str, float, float, float, float, float, int]:
    """A piece as the child sent it (JSON: a list), checked: text, five measures and a line."""
    text, left, right, top, bottom, height, line = row
    return (str(text), float(left), float(right), float(top), float(bottom), float(height), int(line))
