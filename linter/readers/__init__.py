"""Readers: the only code that touches file bytes. Each turns one input into a Document or raises ReadError."""
from __future__ import annotations

import os
import sys

from ..document import Document
from .base import EMPTY, TOO_LARGE, UNREADABLE, WRONG_FORMAT, Limits, ReadError, looks_binary

STDIN = "-"
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".jsonl": "jsonl",
                ".ipynb": "ipynb"}
BINARY_FORMATS = {".pdf": "pdf", ".docx": "docx"}
FORMATS = {**TEXT_FORMATS, **BINARY_FORMATS}

__all__ = ["FORMATS", "STDIN", "Limits", "ReadError", "read_path", "read_bytes"]


def read_path(path: str, limits: Limits = Limits()) -> Document:
    """Read a file (or standard input for "-") into a Document."""
    if path == STDIN:
        data = _bounded_read(sys.stdin.buffer, limits)
        return read_bytes(data, "<stdin>", "txt", limits)
    try:
        size = os.path.getsize(path)
        if os.path.isdir(path):
            raise ReadError(UNREADABLE, "is a directory")
        if size > limits.max_bytes:
            raise ReadError(TOO_LARGE, f"is {size // 1024} KB, over the limit of {limits.max_bytes // 1024} KB "
                                       "(raise it with --max-file-size)")
        with open(path, "rb") as handle:
            data = _bounded_read(handle, limits)
    except FileNotFoundError:
        raise ReadError(UNREADABLE, "does not exist") from None
    except PermissionError:
        raise ReadError(UNREADABLE, "cannot be read: permission denied") from None
    except OSError as exc:
        raise ReadError(UNREADABLE, f"cannot be read: {exc.strerror or exc}") from None
    extension = os.path.splitext(path)[1].lower()
    return read_bytes(data, path, FORMATS.get(extension) or sniff_format(data, extension), limits)


def _bounded_read(handle, limits: Limits) -> bytes:
    data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise ReadError(TOO_LARGE, f"is over the limit of {limits.max_bytes // 1024} KB "
                                   "(raise it with --max-file-size)")
    return data


def sniff_format(data: bytes, extension: str) -> str:
    """The format of a file whose extension rolelint does not know, from its content."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data and not looks_binary(data):
        return "txt"
    raise ReadError(WRONG_FORMAT, f"has an unsupported file type ({extension or 'no extension'}); rolelint reads "
                                  + ", ".join(sorted(FORMATS)))


def read_bytes(data: bytes, path: str, fmt: str, limits: Limits = Limits()) -> Document:
    if not data.strip():
        raise ReadError(EMPTY, "is empty")
    _check_content_matches(data, fmt)
    if fmt == "pdf":
        from .pdf import read_pdf

        document = read_pdf(data, path, limits)
    elif fmt == "docx":
        from .docx import read_docx

        document = read_docx(data, path, limits)
    elif fmt == "md":
        from .markdown import read_markdown

        document = read_markdown(data, path)
    elif fmt == "jsonl":
        from .jsonlines import read_jsonlines

        document = read_jsonlines(data, path)
    elif fmt == "ipynb":
        from .notebook import read_notebook

        document = read_notebook(data, path)
    else:
        from .text import read_text

        document = read_text(data, path, fmt)
    if not any(block.text.strip() for block in document.blocks) and not document.notes:
        raise ReadError(EMPTY, "has no text")
    return document


def _check_content_matches(data: bytes, fmt: str) -> None:
    head = data[:1024]
    is_pdf = head.lstrip().startswith(b"%PDF-")
    is_zip = head.startswith(b"PK\x03\x04")
    if fmt == "pdf" and not is_pdf:
        actual = "a zip archive (a DOCX?)" if is_zip else "not a PDF"
        raise ReadError(WRONG_FORMAT, f"is named .pdf but its content is {actual}")
    if fmt == "docx" and not is_zip:
        actual = "a PDF" if is_pdf else "not a Word document"
        raise ReadError(WRONG_FORMAT, f"is named .docx but its content is {actual}")
    if fmt in ("txt", "md", "jsonl", "ipynb"):
        if is_pdf:
            raise ReadError(WRONG_FORMAT, "is a PDF with a text extension: rename it to .pdf")
        if is_zip:
            raise ReadError(WRONG_FORMAT, "is a zip archive (a DOCX?) with a text extension: rename it to .docx")
        if looks_binary(data):
            raise ReadError(WRONG_FORMAT, "contains binary data, not text")
