"""The text layer of a PDF, page by page: each page's non-blank lines as (text, left edge in points). This is
the work the PDF reader (linter/readers/pdf.py) runs in a confined child process, so its result is plain
data.

PDFium (pypdfium2) reads the text layer about fifty times faster than pdfplumber, and gives each character's
box, which is all the layout this needs. pdfplumber (pdfminer) is kept for the files PDFium refuses to open
(other than for a password): it repairs some damage PDFium does not, and when it cannot read the file either,
its error says what is wrong with it.

Pages and characters are counted as they are read, so that a file whose drawing repeats itself (a form that
draws the next one ten times, seven levels deep, is ten million words from 2.5 KB) is refused on its count
rather than churned: past --max-pdf-pages pages or --max-pdf-text characters, reading stops.
"""

from __future__ import annotations

import contextlib
import io
import logging

from ..limits import Limits
from ..problems import CORRUPT, ENCRYPTED, TOO_LARGE
from .base import ReadError

Rows = list[tuple[str, float]]  # one page's non-blank lines: (text, left edge in points)

_LINE_BREAK = "\r\n"  # what PDFium puts between the lines of a page's text
_LOCKED = "is password-protected: save an unprotected copy and lint that"


def text_rows(data: bytes, limits: Limits) -> list[Rows]:
    """Each page's rows, through PDFium, or pdfplumber when PDFium cannot open the file."""
    pages = pdfium_rows(data, limits)
    return pages if pages is not None else pdfplumber_rows(data, limits)


def _too_many_pages(count: int, limits: Limits) -> None:
    if count > limits.max_pdf_pages:
        raise ReadError(
            TOO_LARGE, f"has {count} pages, over the limit of {limits.max_pdf_pages} (raise it with --max-pdf-pages)"
        )


class _Characters:
    """The characters of the pages read so far, against --max-pdf-text."""

    def __init__(self, limits: Limits):
        self.limit, self.total = limits.max_pdf_text, 0

    def add(self, count: int, page_number: int) -> None:
        self.total += count
        if self.total > self.limit:
            raise ReadError(
                TOO_LARGE,
                f"has more than {self.limit} characters of text by page {page_number} (a drawing that repeats "
                "itself?): raise the limit with --max-pdf-text",
            )


def pdfium_rows(data: bytes, limits: Limits) -> list[Rows] | None:
    """The pages through PDFium, or None when it cannot open the file."""
    import pypdfium2
    from pypdfium2 import raw

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        if error.err_code == raw.FPDF_ERR_PASSWORD:
            raise ReadError(ENCRYPTED, _LOCKED) from None
        return None
    try:
        _too_many_pages(len(pdf), limits)
        characters = _Characters(limits)
        pages: list[Rows] = []
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            try:
                characters.add(text_page.count_chars(), index + 1)
                pages.append(_pdfium_page(text_page))
            finally:
                text_page.close()
                page.close()
        return pages
    except pypdfium2.PdfiumError as error:  # a page that loaded with the file but cannot be read
        raise ReadError(CORRUPT, f"is a damaged PDF that could not be parsed ({_describe(error)})") from None
    finally:
        pdf.close()


def _pdfium_page(text_page) -> Rows:
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


def pdfplumber_rows(data: bytes, limits: Limits) -> list[Rows]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with _quiet("pdfminer"), pdfplumber.open(io.BytesIO(data)) as pdf:
            _too_many_pages(len(pdf.pages), limits)
            characters = _Characters(limits)
            pages: list[Rows] = []
            for page_number, page in enumerate(pdf.pages, 1):
                characters.add(len(page.chars), page_number)
                pages.append([(line["text"], line["x0"]) for line in page.extract_text_lines(return_chars=False)])
                page.close()  # its characters and objects are not needed again
            return pages
    except (ReadError, MemoryError):
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        if _caused_by(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError(ENCRYPTED, _LOCKED) from None
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
