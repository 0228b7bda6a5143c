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
            data = read_at_most(handle, limit)
        except OSError as exc:
            raise UnusableFile(f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew after the check
        raise UnusableFile(_too_large(limit, what))
    return data


_CHUNK = 1024 * 1024


def read_at_most(handle, limit: int, expected: int = 0) -> bytes:
    """At most `limit` + 1 bytes from `handle` (one more than the limit shows it was exceeded), setting
    aside no more than the stream holds: read(n) allocates n bytes before reading, so reading "the limit"
    at once would allocate the whole limit for every file. `expected` (the size stat gave) is read in one
    go, and a byte more shows whether the file grew since; a stream of unknown size in chunks."""
    parts: list[bytes] = []
    total = 0
    step = min(expected, limit) + 1 if expected else _CHUNK
    while total <= limit:
        chunk = handle.read(min(step, limit + 1 - total))
        if not chunk:
            break
        parts.append(chunk)
        total += len(chunk)
        step = _CHUNK
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _check_regular(info: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise UnusableFile("is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise UnusableFile(f"is not a regular file (a pipe, socket or device), so it is not read as a {what}")
    if info.st_size > limit:
        raise UnusableFile(_too_large(limit, what))


def _too_large(limit: int, what: str) -> str:
    return f"is larger than {limit // 1024} KB, the most rolelint reads of a {what}"
