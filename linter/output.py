"""Where a report goes when it is not standard output: never over a file the run reads, and never half
written. The report is written to a temporary file beside the destination and renamed into place once
complete, so a failure (a full disk, an interrupted run) leaves the old file, or none, as it was."""

from __future__ import annotations

import contextlib
import os
import tempfile


class OutputError(Exception):
    """The report cannot be written where asked; the message names the file and the reason."""


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
            raise OutputError(f"{output}: is also read by this run ({path}); write the report to another file")


@contextlib.contextmanager
def report_file(output: str):
    """A text handle whose content replaces `output` only when the block ends without an error."""
    folder = os.path.dirname(os.path.abspath(output))
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=".rolelint-report-", dir=folder)
    except OSError as exc:
        raise OutputError(f"{output}: cannot be written: {exc.strerror or exc}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            yield handle
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, output)
    except OSError as exc:
        _remove(temporary)
        raise OutputError(f"{output}: cannot be written: {exc.strerror or exc}") from None
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
