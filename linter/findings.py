"""What the engine returns: findings, per-file results, severities."""

from __future__ import annotations

from dataclasses import dataclass, field

from .constants import SEVERITIES
from .formats import Location

_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


def at_or_above(severity: str, threshold: str) -> bool:
    """Whether a finding of `severity` trips `--fail-on threshold` ("never" trips nothing)."""
    return threshold != "never" and _RANK[severity] >= _RANK[threshold]


@dataclass(frozen=True, slots=True)  # slots: a hostile document can have a hundred thousand findings
class Finding:
    code: str
    name: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    page: int | None
    excerpt: str  # the bullet, sentence or block the finding is about
    suggestion: str
    matched: str = ""  # the exact text the rule matched (not part of the JSON shape)

    def sort_key(self) -> tuple:
        return (self.page or 0, self.line, self.column, self.code, self.end_line, self.end_column, self.message)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "page": self.page,
            "excerpt": self.excerpt,
            "suggestion": self.suggestion,
        }


def distinct(findings: list[Finding]) -> list[Finding]:
    """The findings with repeats dropped: the same rule saying the same thing on the same line (a phrase
    used twice in one bullet) is reported once, at its first place."""
    seen: set[tuple] = set()
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        key = (f.code, f.page, f.line, f.message, f.suggestion)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


@dataclass(frozen=True)
class Rewrite:
    """One flagged bullet or answer opening, rewritten to fix all of its findings (`codes`) at once."""

    line: int
    page: int | None
    before: str
    after: str
    codes: tuple[str, ...]
    # where the rewritten text ends, (page or 0, line): the findings up to there are the ones it addresses
    end: tuple[int, int] = (0, 0)

    def to_dict(self) -> dict:
        return {
            "line": self.line,
            "page": self.page,
            "before": self.before,
            "after": self.after,
            "codes": list(self.codes),
        }


@dataclass
class FileResult:
    path: str
    kind: str | None = None
    role: str | None = None
    role_profile: dict[str, float] | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # one line, set when the file could not be read
    notes: list[str] = field(default_factory=list)  # things the user should know that are not findings
    format: str | None = None  # the reader's format (txt, md, pdf, docx, jsonl, ipynb)
    role_source: str | None = None  # where the role came from: option, job, document or none
    role_terms: dict[str, list[str]] = field(default_factory=dict)  # strongest terms per role, for --verbose
    blocks: list = field(default_factory=list)  # the document's blocks, for reports that show the text
    location: Location | None = None  # what positions count in its format; None when nothing could be read
    skipped: bool = False  # found by a walk and deliberately not read: its notes say why
    kind_reason: str | None = None  # why it is of its kind: "given by --kind", or "auto: " and what was found
    answers: list[dict] = field(default_factory=list)  # answers and write-ups: each answer's question and its kind
    rewrites: list[Rewrite] = field(default_factory=list)  # one per flagged bullet or answer opening, when asked for
    job_matches: list = field(default_factory=list)  # jobmatch.JobMatch: a resume against each --job posting

    @property
    def unreadable(self) -> bool:
        """Nothing of the file could be read (as opposed to a JSON Lines file with one broken line)."""
        return self.error is not None and self.kind is None

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "kind": self.kind,
            "kind_reason": self.kind_reason,
            "role": self.role,
            "role_profile": self.role_profile,
            "findings": [f.to_dict() for f in self.findings],
            "answers": self.answers,
            "rewrites": [r.to_dict() for r in self.rewrites],
            "job_match": [m.to_dict() for m in self.job_matches],
            "error": self.error,
        }
