"""Counts shared by the reporters, kept as results go by, so that a streaming report holds no results."""

from __future__ import annotations

from collections import Counter

from ..constants import SEVERITIES


class Tally:
    def __init__(self, results=()):
        self.files = 0
        self.unreadable = 0
        self.partly_read = 0
        self.by_severity: Counter = Counter()
        self.by_code: Counter = Counter()
        self._notes: dict[str, list[str]] = {}  # note -> the files it was said of
        for result in results:
            self.add(result)

    def add(self, result) -> None:
        for note in dict.fromkeys(result.notes):
            self._notes.setdefault(note, []).append(result.path)
        if result.skipped:  # not a file of the run: only its note is reported
            return
        self.files += 1
        self.unreadable += bool(result.unreadable)
        self.partly_read += bool(result.error and not result.unreadable)
        if not result.unreadable:
            self.by_severity.update(f.severity for f in result.findings)
        self.by_code.update(f.code for f in result.findings)

    @property
    def notes(self) -> list[str]:
        """Each distinct note once, in the order first seen, after the files it was said of."""
        return [f"{_files(paths)}: {note}" for note, paths in self._notes.items()]

    @property
    def summary(self) -> dict:
        return {
            "files": self.files,
            "unreadable": self.unreadable,
            "partly_read": self.partly_read,
            "findings": sum(self.by_severity.values()),
            **{severity: self.by_severity.get(severity, 0) for severity in reversed(SEVERITIES)},
            "by_code": dict(sorted(self.by_code.items())),
        }


_NAMED_FILES = 3  # a note said of more files names the first few and counts the rest


def _files(paths: list[str]) -> str:
    if len(paths) <= _NAMED_FILES:
        return ", ".join(paths)
    rest = len(paths) - _NAMED_FILES
    return ", ".join(paths[:_NAMED_FILES]) + f" and {rest} other file{'s' if rest > 1 else ''}"
