"""Where a report goes: never over a file the run reads, never half written, and a failure to write it
(a missing or read-only folder, a full disk, a closed pipe) is one line, not a traceback.

A report to a file is written to a temporary file beside the destination and renamed into place once
complete, so a failure (a full disk, an interrupted run) leaves the old file, or none, as it was. A
destination that is not a regular file (/dev/null, a named pipe, a terminal) is written to directly:
renaming a file over it would replace the device itself."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile

STANDARD_OUTPUT = "standard output"


class OutputError(Exception):
    """The report cannot be written where asked; the message names the destination and the reason.
    `closed` is set when the reader went away (`rolelint check . | head -1`): not worth a message."""

    def __init__(self, destination: str, reason: str, closed: bool = False):
        super().__init__(f"{destination}: {reason}")
        self.on_stdout = destination == STANDARD_OUTPUT
        self.closed = closed


def write_failed(destination: str, exc: OSError) -> OutputError:
    """The one-line error for an OSError met while writing the report to `destination`."""
    if exc.errno == errno.EPIPE:
        return OutputError(destination, "the reader closed the pipe", closed=True)
    folder = os.path.dirname(os.path.abspath(destination)) if destination != STANDARD_OUTPUT else ""
    reasons = {
        errno.ENOENT: f"its folder {folder} does not exist",
        errno.EACCES: f"permission denied (is {folder} writable?)" if folder else "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EFBIG: "the file would be over the size limit (ulimit -f, or the file system's)",
        errno.EROFS: "the file system is read-only",
    }
    reason = reasons.get(exc.errno or 0, exc.strerror or str(exc))
    if destination == STANDARD_OUTPUT:
        return OutputError(destination, f"cannot be written: {reason}")
    return OutputError(destination, f"cannot be written: {reason} (give --output another path)")


def _identity(path: str) -> tuple:
    """What makes two paths the same file: the resolved path, and the device and inode when it exists."""
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError:
        return (real, None)
    return (real, (info.st_dev, info.st_ino))


def check_not_an_input(output: str, inputs) -> None:
    """Refuse an --output that is (or links to) one of the files the run reads."""
    real, inode = _identity(output)
    for path in inputs:
        other_real, other_inode = _identity(path)
        if other_real == real or (inode is not None and other_inode == inode):
            raise OutputError(output, f"is also read by this run ({path}); write the report to another file")


def _is_special(path: str) -> bool:
    """A device, pipe or socket (through any links): written to in place, never replaced."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


@contextlib.contextmanager
def report_file(output: str, binary: bool = False):
    """A text (or, with binary, bytes) handle whose content replaces `output` only when the block ends
    without an error. Writing errors, whenever they happen, come out as an OutputError and leave no
    temporary file behind."""
    encoding, errors = (None, None) if binary else ("utf-8", "backslashreplace")
    mode = "wb" if binary else "w"
    if _is_special(output):
        try:
            with open(output, mode, encoding=encoding, errors=errors) as handle:
                yield handle
        except OSError as exc:
            raise write_failed(output, exc) from None
        return
    folder = os.path.dirname(os.path.abspath(output))
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".rolelint-report-", dir=folder)
    except OSError as exc:
        raise write_failed(output, exc) from None
    try:
        with os.fdopen(descriptor, mode, encoding=encoding, errors=errors) as handle:
            yield handle
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, output)
    except OSError as exc:
        _remove(temporary)
        raise write_failed(output, exc) from None
    except BaseException:
        _remove(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.remove(path)
