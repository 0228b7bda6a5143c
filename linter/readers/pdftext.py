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
import re

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
_PDFIUM_SOFT = re.compile("[\ufffe\u0002](?=([a-z])?)")
_SHY = "\u00ad"
# Sizes are a character's line height (its loose box: ascent to descent, about 1.2 times the font size),
# which holds whatever matrix the text is drawn with.
_SPACE_GAP = 0.15  # a gap wider than this share of it, with no space drawn, is a space (about 0.18 em)
_PIECE_GAP = 1.6  # a gap wider than this many times it splits a line into two pieces (about 2 em)
_LONG_WORD = 12  # a word longer than this may be several whose spaces were lost: each character is placed


def _pdfium_page(text_page) -> Rows:
    """The pieces of the page's text. PDFium's text has one character per character index, line breaks
    included, and gives each one's box (the loose box: the glyph's advance, as pdfplumber measures it,
    rather than its ink). Boxes are asked for the first and last character of each word, and for every
    character of a word long enough to hide a lost space: about two PDFium calls a word."""
    from pypdfium2 import raw

    text = text_page.get_text_range()
    if text_page.count_chars() != len(text):  # indices would not line up: keep the text, drop the layout
        lines = [line.strip() for line in text.split(_LINE_BREAK) if line.strip()]
        return [(line, 0.0, 0.0, 0.0, 0.0, 0.0, n) for n, line in enumerate(lines)]
    handle, rect, get_box = text_page.raw, raw.FS_RECTF(), raw.FPDFText_GetLooseCharBox

    def box(index: int) -> tuple[float, float, float, float]:
        get_box(handle, index, rect)
        return rect.left, rect.right, rect.top, rect.bottom

    rows: Rows = []
    index = 0
    for number, line in enumerate(text.split(_LINE_BREAK)):
        words = []  # (text, left, right, top, bottom) of each run of characters with no space in it
        matches = list(_WORD.finditer(line))
        if matches:
            last = matches[-1]
            first_left, _, _, _ = box(index + matches[0].start())
            width = (box(index + last.end() - 1)[1] - first_left) / max(last.end() - matches[0].start(), 1)
            for match in matches:
                words += _placed(match.group(), index + match.start(), box, width)
        index += len(line) + len(_LINE_BREAK)
        rows += _pieces(words, number, box)
    return rows


_WORD = re.compile(r"\S+")


def _placed(word: str, start: int, box, width: float) -> list:
    """A word and its box, or the words it is made of when its characters stand apart (lost spaces). The
    right edge of a short word is estimated from the line's average character width (`width`) and looked
    up only when a gap after it might be a wide one (see _pieces): one PDFium call a word."""
    if len(word) <= _LONG_WORD:
        left, right, top, bottom = box(start)
        if len(word) > 1:
            right = left + width * len(word)
        return [[word, left, right, top, bottom, start + len(word) - 1, len(word) > 1]]
    parts: list = []
    begin, (left, right, top, bottom) = 0, box(start)
    for offset in range(1, len(word)):
        x0, x1, y1, y0 = box(start + offset)
        if word[offset] in _SOFT_MARKS or word[offset - 1] in _SOFT_MARKS:
            right = max(right, x1)
            continue
        if x0 - right > _SPACE_GAP * max(top - bottom, y1 - y0, 1.0):
            parts.append([word[begin:offset], left, right, top, bottom, start + offset - 1, False])
            begin, left = offset, x0
        right, top, bottom = max(right, x1), max(top, y1), min(bottom, y0)
    parts.append([word[begin:], left, right, top, bottom, start + len(word) - 1, False])
    return parts


_SOFT_MARKS = "\ufffe\u0002\u00ad"


def _pieces(words: list, line: int, box) -> Rows:
    """A line's words joined into pieces, split where a gap is wider than _PIECE_GAP line heights."""
    rows: Rows = []
    current: list = []
    for word in words:
        if current:
            previous = current[-1]
            height = max(previous[3] - previous[4], word[3] - word[4], 1.0)
            limit = _PIECE_GAP * height
            if previous[6] and word[1] - previous[2] > limit / 2:  # the estimate is near the limit: measure
                previous[2], previous[6] = box(previous[5])[1], False
            if word[1] - previous[2] > limit:
                rows.append(_piece(current, line, box))
                current = []
        current.append(word)
    if current:
        rows.append(_piece(current, line, box))
    return rows


def _piece(words: list, line: int, box) -> Row:
    last = words[-1]
    if last[6]:  # the piece's right edge is measured, not estimated
        last[2] = box(last[5])[1]
    text = _soft(" ".join(w[0] for w in words))
    top, bottom = max(w[3] for w in words), min(w[4] for w in words)
    right = last[2]
    return (
        text,
        round(words[0][1], 1),
        round(right, 1),
        round(top, 1),
        round(bottom, 1),
        round(top - bottom or 10.0, 1),
        line,
    )


def _soft(text: str) -> str:
    """Soft hyphens: PDFium's mark (U+FFFE, U+0002) becomes U+00AD before a lower-case letter, for the
    layout to decide on, and "-" before anything else; the file's own U+00AD is dropped inside the line and
    is "-" at its end."""
    text = _PDFIUM_SOFT.sub(lambda m: "\u0001" if m.group(1) else "-", text)
    if text.endswith(_SHY):
        text = text[:-1] + "-"
    return text.replace(_SHY, "").replace("\u0001", _SHY)


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
