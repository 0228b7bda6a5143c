"""Readers: the only code that touches file bytes. Each turns one input into a Document or raises ReadError."""
from __future__ import annotations

import os
import stat
import sys

from ..document import Document
from .base import EMPTY, TOO_LARGE, UNREADABLE, WRONG_FORMAT, Limits, ReadError, looks_binary

DATA_FORMATS = {"jsonl", "ipynb"}  # limited by max_data_bytes rather than max_bytes

STDIN = "-"
TEXT_FORMATS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".jsonl": "jsonl",
                ".ipynb": "ipynb"}
BINARY_FORMATS = {".pdf": "pdf", ".docx": "docx"}
FORMATS = {**TEXT_FORMATS, **BINARY_FORMATS}

__all__ = ["FORMATS", "STDIN", "Limits", "ReadError", "read_path", "read_bytes"]


def read_path(path: str, limits: Limits = Limits()) -> Document:
    """Read a file (or standard input for "-") into a Document."""
    if path == STDIN:
        data = _bounded_read(sys.stdin.buffer, limits.max_bytes)
        return read_bytes(data, "<stdin>", "txt", limits)
    extension = os.path.splitext(path)[1].lower()
    fmt = FORMATS.get(extension)
    cap, flag = (limits.max_data_bytes, "--max-data-size") if fmt in DATA_FORMATS else (limits.max_bytes,
                                                                                       "--max-file-size")
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(UNREADABLE, "is a directory")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            raise ReadError(UNREADABLE, "is not a regular file (a pipe, socket or device)")
        if info.st_size > cap:
            raise ReadError(TOO_LARGE, f"is {info.st_size // 1024} KB, over the limit of {cap // 1024} KB "
                                       f"(raise it with {flag})")
        with open(path, "rb") as handle:
            data = _bounded_read(handle, cap, flag)
    except FileNotFoundError:
        raise ReadError(UNREADABLE, "does not exist (or is a broken link)") from None
    except PermissionError:
        raise ReadError(UNREADABLE, "cannot be read: permission denied") from None
    except OSError as exc:
        raise ReadError(UNREADABLE, f"cannot be read: {exc.strerror or exc}") from None
    return read_bytes(data, path, fmt or sniff_format(data, extension), limits)


def _bounded_read(handle, cap: int, flag: str = "--max-file-size") -> bytes:
    """Never more than the limit in memory, whatever the file claims its size is."""
    data = handle.read(cap + 1)
    if len(data) > cap:
        raise ReadError(TOO_LARGE, f"is over the limit of {cap // 1024} KB (raise it with {flag})")
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
    if fmt in ("txt", "md"):
        _check_line_length(data, limits)
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


def _check_line_length(data: bytes, limits: Limits) -> None:
    longest, number = 0, 0
    for index, line in enumerate(data.split(b"\n"), 1):
        if len(line) > longest:
            longest, number = len(line), index
    if longest > limits.max_line_length:
        raise ReadError(TOO_LARGE, f"has a line of {longest} characters (line {number}), over the limit of "
                                   f"{limits.max_line_length}: generated or minified text? (raise it with "
                                   "--max-line-length)")


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
