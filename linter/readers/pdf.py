"""PDF text, line by line, with each line's left edge: the indent is how a bullet wrapped onto a hanging line is
told from the next job title. Lines are numbered within the text of each page.

PDFium (pypdfium2) reads the text layer about fifty times faster than pdfplumber, and gives each character's
box, which is all the layout this needs. pdfplumber (pdfminer) is kept for the files PDFium refuses to open
(other than for a password): it repairs some damage PDFium does not, and when it cannot read the file either,
its error says what is wrong with it.
"""

from __future__ import annotations

import contextlib
import io
import logging

from ..document import Document
from ..limits import Limits
from ..problems import CORRUPT, ENCRYPTED, NO_TEXT_LAYER, TOO_LARGE
from ..sections import Vocabulary
from .base import ReadError
from .structure import SourceLine, build_blocks

# Roughly the width of one character of body text, in PDF points, to turn x offsets into an indent.
_CHAR_WIDTH = 5.0
_LINE_BREAK = "\r\n"  # what PDFium puts between the lines of a page's text


def read_pdf(data: bytes, path: str, limits: Limits, sections: Vocabulary) -> Document:
    _check_streams(data, limits)
    lines = _pdfium_lines(data, limits)
    if lines is None:
        lines = _pdfplumber_lines(data, limits)
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
            f"has a compressed stream that inflates past {limits.max_pdf_stream // 2**20} MB "
            "(a decompression bomb? raise the limit with --max-pdf-stream)",
        ) from None


def _too_many_pages(count: int, limits: Limits) -> None:
    if count > limits.max_pdf_pages:
        raise ReadError(
            TOO_LARGE, f"has {count} pages, over the limit of {limits.max_pdf_pages} (raise it with --max-pdf-pages)"
        )


def _page_lines(page_number: int, rows: list[tuple[str, float]]) -> list[SourceLine]:
    """A page's non-blank lines, as (text, left edge in points), numbered from 1; indents are measured
    from the page's leftmost line, and a blank line after them ends any block left open."""
    if not rows:
        return []
    margin = min(left for _, left in rows)
    lines = [
        SourceLine(text, number, page_number, (left - margin) / _CHAR_WIDTH)
        for number, (text, left) in enumerate(rows, 1)
    ]
    return lines + [SourceLine("", len(rows) + 1, page_number)]


def _pdfium_lines(data: bytes, limits: Limits) -> list[SourceLine] | None:
    """The lines through PDFium, or None when it cannot open the file."""
    import pypdfium2
    from pypdfium2 import raw

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if error.err_code == raw.FPDF_ERR_PASSWORD:
            raise ReadError(ENCRYPTED, "is password-protected: save an unprotected copy and lint that") from None
        return None
    try:
        _too_many_pages(len(pdf), limits)
        lines: list[SourceLine] = []
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            try:
                lines += _page_lines(index + 1, _pdfium_rows(text_page))
            finally:
                text_page.close()
                page.close()
        return lines
    except pypdfium2.PdfiumError as error:  # a page that loaded with the file but cannot be read
        raise ReadError(CORRUPT, f"is a damaged PDF that could not be parsed ({_describe(error)})") from None
    finally:
        pdf.close()


def _pdfium_rows(text_page) -> list[tuple[str, float]]:
    """(text, left edge) of each non-blank line. PDFium's text has one character per character index, line
    breaks included, so a line's first visible character gives its left edge (the loose box: the glyph's
    advance, as pdfplumber measures it, rather than its ink)."""
    text = text_page.get_text_range()
    if text_page.count_chars() != len(text):  # indices would not line up: keep the text, drop the indents
        return [(line.strip(), 0.0) for line in text.split(_LINE_BREAK) if line.strip()]
    rows = []
    index = 0
    for line in text.split(_LINE_BREAK):
        visible = line.strip()
        if visible:
            first = index + len(line) - len(line.lstrip())
            rows.append((visible, text_page.get_charbox(first, loose=True)[0]))
        index += len(line) + len(_LINE_BREAK)
    return rows


def _pdfplumber_lines(data: bytes, limits: Limits) -> list[SourceLine]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with _quiet("pdfminer"), pdfplumber.open(io.BytesIO(data)) as pdf:
            _too_many_pages(len(pdf.pages), limits)
            lines: list[SourceLine] = []
            for page_number, page in enumerate(pdf.pages, 1):
                rows = [(line["text"], line["x0"]) for line in page.extract_text_lines(return_chars=False)]
                lines += _page_lines(page_number, rows)
            return lines
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        if _caused_by(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError(ENCRYPTED, "is password-protected: save an unprotected copy and lint that") from None
        raise ReadError(CORRUPT, f"is a damaged PDF that could not be parsed ({_describe(exc)})") from None


@contextlib.contextmanager
def _quiet(logger_name: str):
    """pdfminer logs a warning per oddity it repairs; the outcome is reported once, as a finding or an error."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR + 10)
    try:
        yield
    finally:
        logger.setLevel(level)


def _wrapped(exc: BaseException | None):
    """pdfplumber wraps pdfminer's exceptions: yield the exception and everything it wraps."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
        exc = inner or exc.__cause__ or exc.__context__


def _caused_by(exc: BaseException, types) -> bool:
    return any(isinstance(e, types) for e in _wrapped(exc))


def _describe(exc: BaseException) -> str:
    innermost = list(_wrapped(exc))[-1]
    text = " ".join(str(innermost).split())[:80]
    return f"{type(innermost).__name__}: {text}" if text else type(innermost).__name__
