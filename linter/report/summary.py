"""Counts shared by the reporters."""
from __future__ import annotations

from collections import Counter

from ..findings import SEVERITIES


def summarise(results) -> dict:
    by_severity = Counter(f.severity for r in results for f in r.findings if not r.unreadable)
    by_code = Counter(f.code for r in results for f in r.findings)
    return {
        "files": len(results),
        "unreadable": sum(1 for r in results if r.unreadable),
        "partly_read": sum(1 for r in results if r.error and not r.unreadable),
        "findings": sum(by_severity.values()),
        **{severity: by_severity.get(severity, 0) for severity in reversed(SEVERITIES)},
        "by_code": dict(sorted(by_code.items())),
    }


def notes(results) -> list[str]:
    """Each distinct note once, in the order first seen."""
    return list(dict.fromkeys(n for r in results for n in r.notes))
