"""PDF, through pdfplumber's text layer. Lines are numbered within the extracted text of each page; the left
edge of each line gives its indent, which is how a bullet wrapped onto a hanging line is told from the next
job title."""
from __future__ import annotations

import io

from ..document import Document
from .base import CORRUPT, ENCRYPTED, NO_TEXT_LAYER, TOO_LARGE, Limits, ReadError
from .structure import SourceLine, build_blocks

# Roughly the width of one character of body text, in PDF points, to turn x offsets into an indent.
_CHAR_WIDTH = 5.0


def read_pdf(data: bytes, path: str, limits: Limits) -> Document:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.max_pdf_pages:
                raise ReadError(TOO_LARGE, f"has {len(pdf.pages)} pages, over the limit of {limits.max_pdf_pages} "
                                           "(raise it with --max-pdf-pages)")
            lines = _page_lines(pdf)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        if _caused_by(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError(ENCRYPTED, "is password-protected: save an unprotected copy and lint that") from None
        raise ReadError(CORRUPT, f"is a damaged PDF that could not be parsed ({_describe(exc)})") from None
    if not any(line.text.strip() for line in lines):
        raise ReadError(NO_TEXT_LAYER, "has no text layer (a scan or an image): export it from the source "
                                       "document as a text PDF, DOCX or plain text")
    return Document(path, "pdf", build_blocks(lines))


def _page_lines(pdf) -> list[SourceLine]:
    lines: list[SourceLine] = []
    for page_number, page in enumerate(pdf.pages, 1):
        page_lines = page.extract_text_lines(return_chars=False)
        if not page_lines:
            continue
        margin = min(line["x0"] for line in page_lines)
        for number, line in enumerate(page_lines, 1):
            indent = (line["x0"] - margin) / _CHAR_WIDTH
            lines.append(SourceLine(line["text"], number, page_number, indent))
        lines.append(SourceLine("", len(page_lines) + 1, page_number))  # a page break ends any open block
    return lines


def _wrapped(exc: BaseException):
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
