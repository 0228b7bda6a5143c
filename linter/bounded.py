"""Reads the files that tell rolelint what to do: configuration, rule and .gitignore files. Any of them may
come from an outside contributor, so only a regular file is read (a link to /dev/zero or a named pipe would
fill memory or block for ever), and never more than a bound."""

from __future__ import annotations

import errno
import os
import stat

from .limits import MAX_SETTINGS_FILE


class UnusableFile(Exception):
    """A file that is there but cannot be read in full; the message says why, without the path (the
    caller names the file the way its errors do)."""


def read_bounded(path: str, limit: int = MAX_SETTINGS_FILE, what: str = "file") -> bytes:
    """The bytes of the regular file at `path` (links followed), at most `limit` of them. A missing file
    (or a path too long to name one) raises FileNotFoundError, as the caller decides what absence means;
    anything else, UnusableFile."""
    try:
        _check_regular(os.stat(path), limit, what)  # refused before it is opened: opening a device can block
        # O_NONBLOCK: a file swapped for a named pipe after the check does not block the open.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:  # no file can be named there: the walk passes such folders over
            raise FileNotFoundError(exc.errno, exc.strerror, path) from None
        raise UnusableFile(f"cannot be read: {exc.strerror or exc}") from None
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        try:
            _check_regular(os.fstat(descriptor), limit, what)  # what was opened, whatever the path says now
            chunks, size = [], 0
            while size <= limit:
                chunk = handle.read(min(1 << 16, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
        except OSError as exc:
            raise UnusableFile(f"cannot be read: {exc.strerror or exc}") from None
    if size > limit:  # it grew after the check
        raise UnusableFile(_too_large(limit, what))
    return b"".join(chunks)


def _check_regular(info: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise UnusableFile("is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise UnusableFile(f"is not a regular file (a pipe, socket or device), so it is not read as a {what}")
    if info.st_size > limit:
        raise UnusableFile(_too_large(limit, what))


def _too_large(limit: int, what: str) -> str:
    return f"is larger than {limit // 1024} KB, the most rolelint reads of a {what}"
