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
        self._notes: dict[str, None] = {}
        for result in results:
            self.add(result)

    def add(self, result) -> None:
        self.files += 1
        self.unreadable += bool(result.unreadable)
        self.partly_read += bool(result.error and not result.unreadable)
        if not result.unreadable:
            self.by_severity.update(f.severity for f in result.findings)
        self.by_code.update(f.code for f in result.findings)
        self._notes.update(dict.fromkeys(result.notes))

    @property
    def notes(self) -> list[str]:
        """Each distinct note once, in the order first seen."""
        return list(self._notes)

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
