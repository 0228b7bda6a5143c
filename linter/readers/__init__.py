"""Readers: the only code that touches file bytes. Each turns one input into a Document or raises ReadError.

Which reader reads what, and how content is recognised, is the format table in linter/formats.py."""

from __future__ import annotations

import os
import re
import stat
import sys
from importlib import import_module

from ..bounded import read_at_most
from ..document import Document
from ..formats import BY_EXTENSION, BY_NAME, EXTENSIONS, PLAIN, Format, by_content
from ..limits import Limits
from ..problems import EMPTY, TOO_LARGE, UNREADABLE, WRONG_FORMAT
from ..sections import Vocabulary, builtin_vocabulary
from .base import ReadError, looks_binary

_MARKDOWN_HEADING = re.compile(rb"^#{1,6} +\S", re.MULTILINE)
STDIN = "-"
STDIN_NAME = "<stdin>"  # what standard input is reported as, unless --stdin-filename names it

__all__ = ["STDIN", "STDIN_NAME", "Limits", "ReadError", "read_path", "read_bytes", "read_named_bytes"]


def read_path(
    path: str,
    limits: Limits = Limits(),
    sections: Vocabulary | None = None,
    stdin_name: str | None = None,
    markdown_text: bool = False,
) -> Document:
    """Read a file (or standard input for "-", named `stdin_name` when given) into a Document; `sections` is
    the section vocabulary (the built-in one when not given). `markdown_text`: a .txt file written in
    Markdown (a posting copied from a site: "## Requirements", "- Python") is read as Markdown."""
    if path == STDIN:
        return _read_stdin(limits, sections, stdin_name)
    extension = os.path.splitext(path)[1].lower()
    fmt = BY_EXTENSION.get(extension)
    cap, flag = _cap(fmt, limits)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise ReadError(UNREADABLE, "is a directory")
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            raise ReadError(UNREADABLE, "is not a regular file (a pipe, socket or device)")
        _check_size(info.st_size, cap, flag)
        with open(path, "rb") as handle:
            data = _bounded_read(handle, cap, flag, info.st_size)
    except FileNotFoundError:
        raise ReadError(UNREADABLE, "does not exist (or is a broken link)") from None
    except PermissionError:
        raise ReadError(UNREADABLE, "cannot be read: permission denied") from None
    except OSError as exc:
        raise ReadError(UNREADABLE, f"cannot be read: {exc.strerror or exc}") from None
    return _read_data(data, path, fmt, extension, limits, sections, markdown_text)


def read_named_bytes(
    data: bytes, name: str, limits: Limits = Limits(), sections: Vocabulary | None = None, fmt: str | None = None
) -> Document:
    """Read the bytes of a file that is not on this disk (a batch's, a database's), reported as `name`: its
    format is `fmt` (a name in the format table) or comes from the name's extension, then from the content,
    as for a file; the same size limits apply."""
    extension = os.path.splitext(name)[1].lower()
    form = BY_NAME.get(fmt) if fmt else BY_EXTENSION.get(extension)
    if fmt and form is None:
        raise ReadError(
            WRONG_FORMAT, f"is given as format '{fmt}', which rolelint does not read ({', '.join(BY_NAME)})"
        )
    cap, flag = _cap(form, limits)
    _check_size(len(data), cap, flag)
    return _read_data(data, name, form, extension, limits, sections)


def _read_data(data, path, fmt: Format | None, extension, limits, sections, markdown_text=False) -> Document:
    name = (fmt or sniff_format(data, extension)).name
    if markdown_text and name == PLAIN.name and _MARKDOWN_HEADING.search(data):
        name = BY_NAME["md"].name
    return read_bytes(data, path, name, limits, sections)


def _read_stdin(limits: Limits, sections: Vocabulary | None, name: str | None) -> Document:
    """Standard input, its format from the extension of the name it is given, else from its content: a PDF
    or DOCX by its signature, anything else as plain text."""
    extension = os.path.splitext(name or "")[1].lower()
    fmt = BY_EXTENSION.get(extension)
    data = _bounded_read(sys.stdin.buffer, *_cap(fmt, limits))
    if fmt is None:
        fmt = sniff_format(data, extension) if name else by_content(data[:1024]) or PLAIN
    return read_bytes(data, name or STDIN_NAME, fmt.name, limits, sections)


def _cap(fmt: Format | None, limits: Limits) -> tuple[int, str]:
    """The size limit for a file of this format, and the flag that raises it."""
    return (limits.max_data_bytes, "--max-data-size") if fmt and fmt.data else (limits.max_bytes, "--max-file-size")


def _check_size(size: int, cap: int, flag: str) -> None:
    if size > cap:
        raise ReadError(TOO_LARGE, f"is {size // 1024} KB, over the limit of {cap // 1024} KB (raise it with {flag})")


def _bounded_read(handle, cap: int, flag: str = "--max-file-size", size: int = 0) -> bytes:
    """Never more than the limit in memory, whatever the file claims its size is, and no more than it holds."""
    data = read_at_most(handle, cap, size)
    if len(data) > cap:
        raise ReadError(TOO_LARGE, f"is over the limit of {cap // 1024} KB (raise it with {flag})")
    return data


def sniff_format(data: bytes, extension: str) -> Format:
    """The format of a file whose extension rolelint does not know, from its content."""
    found = by_content(data[:1024])
    if found is not None:
        return found
    if data and not looks_binary(data):
        return PLAIN
    raise ReadError(
        WRONG_FORMAT,
        f"has an unsupported file type ({extension or 'no extension'}); rolelint reads "
        + ", ".join(sorted(EXTENSIONS)),
    )


def read_bytes(
    data: bytes, path: str, fmt: str, limits: Limits = Limits(), sections: Vocabulary | None = None
) -> Document:
    """Read the bytes of a file of format `fmt` (a name in the format table)."""
    if not data.strip():
        raise ReadError(EMPTY, "is empty")
    form = BY_NAME[fmt]
    _check_content_matches(data, form)
    if form.lines_bounded:
        _check_line_length(data, limits)
        if len(data) > limits.max_text_length:  # plain text: refused before the reader's work, not after
            _check_text_length(len(data.decode("utf-8", "replace")), limits)
    module, function = form.reader.split(":")
    reader = getattr(import_module(f"{__name__}.{module}"), function)
    document = reader(data, path, limits, sections or builtin_vocabulary())
    document.location = form.location
    if not any(block.text.strip() for block in document.blocks) and not document.notes:
        raise ReadError(EMPTY, "has no text")
    _check_text_length(sum(len(block.text) for block in document.blocks), limits)
    return document


def _check_text_length(length: int, limits: Limits) -> None:
    if length > limits.max_text_length:
        raise ReadError(
            TOO_LARGE,
            f"has {length} characters of text, over the limit of {limits.max_text_length} for one document "
            "(raise it with --max-text-length)",
        )


def _check_line_length(data: bytes, limits: Limits) -> None:
    longest, number = 0, 0
    for index, line in enumerate(data.split(b"\n"), 1):
        if len(line) > longest:
            longest, number = len(line), index
    if longest > limits.max_line_length:
        raise ReadError(
            TOO_LARGE,
            f"has a line of {longest} characters (line {number}), over the limit of "
            f"{limits.max_line_length}: generated or minified text? (raise it with "
            "--max-line-length)",
        )


_DESCRIBED = {"pdf": "a PDF", "docx": "a zip archive (a DOCX?)"}


def _check_content_matches(data: bytes, form: Format) -> None:
    actual = by_content(data[:1024])
    if form.binary and actual is not form:
        what = _DESCRIBED.get(actual.name, actual.label) if actual else f"not a {form.label}"
        raise ReadError(WRONG_FORMAT, f"is named {form.extensions[0]} but its content is {what}")
    if not form.binary:
        if actual is not None:
            raise ReadError(
                WRONG_FORMAT,
                f"is {_DESCRIBED.get(actual.name, actual.label)} with a text extension: "
                f"rename it to {actual.extensions[0]}",
            )
        if looks_binary(data):
            raise ReadError(WRONG_FORMAT, "contains binary data, not text")
