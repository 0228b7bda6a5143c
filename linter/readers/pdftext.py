"""The text layer of a PDF, page by page: each page's pieces of text as rows of plain numbers (Row below).
This is the work the PDF reader (linter/readers/pdf.py) runs in a confined child process, so its result is
plain data; linter/readers/pdflayout.py puts the pieces in reading order and finds the lists in them.

A piece is a run of characters on one line of PDFium's text with no wide gap in it: a line that crosses a
gutter (two columns on one baseline) or that has a right-aligned date or contact block comes back as two
pieces. Within a piece, characters are cleaned as they are read: the file's soft hyphens (U+00AD) are
dropped inside a line and read as "-" at its end; a hyphen PDFium marked as soft (U+FFFE or U+0002, where it
joined a line that ended in a hyphen to the next) comes back as U+00AD before a lower-case letter
(pdflayout decides whether it broke a word or a compound) and as "-" before anything else; and a space is put
where two characters stand apart by more than a fifth of the font size but the file has no space between
them (some generators place each word on its own and draw no space).

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

# One piece: (text, left, right, top, bottom, line height, line), in points, y growing up the page, to 0.1 pt;
# `line` numbers the line of the library's text the piece is on (pieces of one line share it).
Row = tuple[str, float, float, float, float, float, int]
Rows = list[Row]  # one page's pieces, in the order PDFium reads them

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


# Where PDFium joined a line that ended in a hyphen to the next one, it marks the hyphen U+FFFE (or U+0002);
# U+00AD is the file's own soft hyphen, invisible inside a line and a hyphen at its end.
_SOFT = {"\ufffe", "\u0002"}
# Sizes are a character's line height (its loose box: ascent to descent, about 1.2 times the font size),
# which holds whatever matrix the text is drawn with.
_SPACE_GAP = 0.15  # a gap wider than this share of it, with no space drawn, is a space (about 0.18 em)
_PIECE_GAP = 1.6  # a gap wider than this many times it splits a line into two pieces (about 2 em)


def _pdfium_page(text_page) -> Rows:
    """The pieces of the page's text. PDFium's text has one character per character index, line breaks
    included, and gives each one's box (the loose box: the glyph's advance, as pdfplumber measures it,
    rather than its ink). One pass over the characters, a few PDFium calls each."""
    import ctypes

    from pypdfium2 import raw

    text = text_page.get_text_range()
    count = text_page.count_chars()
    if count != len(text):  # indices would not line up: keep the text, drop the layout
        lines = [line.strip() for line in text.split(_LINE_BREAK) if line.strip()]
        return [(line, 0.0, 0.0, 0.0, 0.0, 0.0, n) for n, line in enumerate(lines)]
    handle = text_page.raw
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    box = raw.FPDFText_GetCharBox  # the tight box: only its top and bottom are used, for the rows
    loose = raw.FS_RECTF()
    get_loose = raw.FPDFText_GetLooseCharBox
    rows: Rows = []
    piece: _Piece | None = None
    line = 0
    for index, char in enumerate(text):
        if char in "\r\n":
            _flush(piece, rows, line)
            piece = None
            line += char == "\n"
            continue
        if char in _SOFT:
            if piece is not None:
                piece.soft()
            continue
        if char == "\u00ad":
            if piece is not None:
                piece.shy = True
            continue
        if char.isspace():
            if piece is not None:
                piece.space()
            continue
        get_loose(handle, index, loose)
        x0, x1 = loose.left, loose.right
        size = (loose.top - loose.bottom) or 10.0
        box(handle, index, left, right, bottom, top)
        y0, y1 = (bottom.value, top.value) if top.value > bottom.value else (loose.bottom, loose.top)
        if piece is not None and x0 - piece.right > _PIECE_GAP * max(size, piece.size):
            _flush(piece, rows, line)
            piece = None
        if piece is None:
            piece = _Piece(x0, size)
        piece.add(char, x0, x1, y0, y1, size)
    _flush(piece, rows, line)
    return rows


class _Piece:
    """Characters being gathered into one piece."""

    __slots__ = ("chars", "left", "right", "top", "bottom", "size", "spaced", "hyphen", "shy")

    def __init__(self, left: float, size: float):
        self.chars: list[str] = []
        self.left, self.right, self.top, self.bottom, self.size = left, left, -1e9, 1e9, size
        self.spaced = False  # a space character came after the last character
        self.hyphen = False  # a hyphen PDFium marked as soft came after it
        self.shy = False  # the file's own soft hyphen came after it: dropped, or "-" if the line ends there

    def space(self) -> None:
        self.spaced = bool(self.chars)

    def soft(self) -> None:
        self.hyphen = bool(self.chars)

    def add(self, char: str, x0: float, x1: float, y0: float, y1: float, size: float) -> None:
        if self.chars:
            if self.hyphen:  # the reader's layout (pdflayout) decides whether it joins a word or a compound
                self.chars.append("\u00ad" if char.isalpha() and char.islower() else "-")
            elif self.spaced or (not self.hyphen and x0 - self.right > _SPACE_GAP * size):
                self.chars.append(" ")
        self.chars.append(char)
        self.spaced = self.hyphen = self.shy = False
        self.right = max(self.right, x1)
        self.top, self.bottom = max(self.top, y1), min(self.bottom, y0)
        self.size = max(self.size, size) if len(self.chars) > 1 else size


def _flush(piece: _Piece | None, rows: Rows, line: int) -> None:
    if piece is not None and piece.shy:
        piece.chars.append("-")
    if piece is not None and piece.chars:
        rows.append(
            (
                "".join(piece.chars),
                round(piece.left, 1),
                round(piece.right, 1),
                round(piece.top, 1),
                round(piece.bottom, 1),
                round(piece.size, 1),
                line,
            )
        )
    return None


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
                height = float(page.height)
                pages.append(
                    [
                        (
                            line["text"],
                            round(float(line["x0"]), 1),
                            round(float(line["x1"]), 1),
                            round(height - float(line["top"]), 1),
                            round(height - float(line["bottom"]), 1),
                            round(float(line["bottom"]) - float(line["top"]), 1),
                            number,
                        )
                        for number, line in enumerate(page.extract_text_lines(return_chars=False))
                    ]
                )
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
