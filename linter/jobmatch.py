"""A resume matched against a job posting's requirements: for each, where the resume shows it (a bullet of
an experience or project section, with its lines), whether it is only listed (Skills, Summary: a claim a
reviewer will probe) or missing; the years its dates show against the years asked; and a score that is
just those counts. Deterministic and offline: the same resume and posting give the same match."""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass, field

from .document import BULLET, HEADING, Document
from .postings import PREFERRED, REQUIRED, Posting

SHOWN, LISTED, MISSING = "shown", "skills-only", "missing"
_UNNAMED = ("other", "none")  # the vocabulary's names for text under no known heading, and before any
_MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                       "dec"), 1)}  # fmt: skip
_DATE = r"(?:(?P<{p}m>[A-Za-z]{{3,9}}\.?|\d{{1,2}})\s*[/.\-]?\s*)?(?P<{p}y>(?:19|20)\d\d)"
_RANGE = re.compile(
    _DATE.format(p="a")
    + r"\s*(?:-|–|—|to|until|till)\s*(?:"
    + _DATE.format(p="b")
    + r"|(?P<now>present|current|now|today|ongoing|date))",
    re.IGNORECASE,
)


@dataclass
class Match:
    name: str
    group: str | None
    label: str | None
    kind: str  # required or preferred
    status: str  # shown, listed or missing
    lines: list[int] = field(default_factory=list)  # where the resume shows (or lists) it
    posting_line: int = 0

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "group": self.group,
            "in_taxonomy": self.group is not None,
            "kind": self.kind,
            "status": self.status,
            "evidence": self.lines,
            "posting_line": self.posting_line,
        }


@dataclass
class JobMatch:
    path: str
    title: str | None
    role: str | None  # the role the posting reads as
    matches: list[Match]
    years_asked: int | None = None
    years_shown: float | None = None
    degree_asked: str | None = None

    def of(self, kind: str, status: str | None = None) -> list[Match]:
        return [m for m in self.matches if m.kind == kind and (status is None or m.status == status)]

    def score(self, kind: str) -> tuple[int, int]:
        """(shown, asked) for the required or the preferred requirements."""
        return len(self.of(kind, SHOWN)), len(self.of(kind))

    def to_dict(self) -> dict:
        required, preferred = self.score(REQUIRED), self.score(PREFERRED)
        return {
            "posting": self.path,
            "title": self.title,
            "role": self.role,
            "requirements": [m.to_dict() for m in self.matches],
            "years": {"asked": self.years_asked, "shown": self.years_shown},
            "degree_asked": self.degree_asked,
            "score": {
                "required": {"shown": required[0], "of": required[1]},
                "preferred": {"shown": preferred[0], "of": preferred[1]},
                "listed_only": len([m for m in self.matches if m.status == LISTED]),
            },
        }


def match(posting: Posting, resume: Document, taxonomy, vocabulary, role: str | None) -> JobMatch:
    shown: dict[str, list[int]] = {}
    listed: dict[str, list[int]] = {}
    texts: list[tuple[str, int, bool]] = []  # (text, line, in an evidence section) of each block
    for block in resume.blocks:
        if block.type in (HEADING, "code"):
            continue
        section = block.section or "none"
        # outside a named section only a bullet is evidence: a header line ("Jane Doe, ML Engineer") is not
        evidence = section in vocabulary.evidence_sections and (block.type == BULLET or section not in _UNNAMED)
        if not evidence and section not in vocabulary.listed_sections:
            continue
        texts.append((block.text.lower(), block.start.line, evidence))
        into = shown if evidence else listed
        for mention in taxonomy.find(block.text):
            line = block.position(mention.start).line
            lines = into.setdefault(mention.skill.name.lower(), [])
            if line not in lines:
                lines.append(line)
    matches = []
    for requirement in posting.requirements:
        key = requirement.name.lower()
        if not requirement.known:  # a name the taxonomy lacks: looked for as a whole word
            pattern = re.compile(rf"(?<![\w]){re.escape(key)}(?![\w])")
            for text, line, evidence in texts:
                if pattern.search(text):
                    (shown if evidence else listed).setdefault(key, []).append(line)
        status, lines = (
            (SHOWN, shown[key]) if key in shown else (LISTED, listed[key]) if key in listed else (MISSING, [])
        )
        matches.append(
            Match(
                requirement.name,
                requirement.group,
                requirement.label,
                requirement.kind,
                status,
                sorted(lines),
                requirement.line,
            )  # fmt: skip
        )
    return JobMatch(
        posting.path,
        posting.title,
        role,
        matches,
        posting.years,
        years_of_experience(resume, vocabulary),
        posting.degree if posting.degree_kind == REQUIRED else None,
    )


def years_of_experience(resume: Document, vocabulary) -> float | None:
    """The years the dated sections' ranges cover ("2019 - 2022", "Mar 2020 – Present"), overlaps counted
    once; None when they give no range. "Present" is this month, or the month of SOURCE_DATE_EPOCH when it
    is set (reproducible output)."""
    now = _now()
    spans = []
    for block in resume.blocks:
        if (block.section or "none") not in vocabulary.dated_sections:
            continue
        for found in _RANGE.finditer(block.text):
            start = _month(found.group("am"), found.group("ay"), first=True)
            end = now if found.group("now") else _month(found.group("bm"), found.group("by"), first=False)
            if start is not None and end is not None and start <= end <= now + 12:
                spans.append((start, end))
    if not spans:
        return None
    covered, last = 0, None
    for start, end in sorted(spans):
        if last is not None and start <= last:
            start = last
        if end > start:
            covered += end - start
        last = max(last or end, end)
    return round(covered / 12, 1)


def _month(month: str | None, year: str | None, first: bool) -> int | None:
    if not year:
        return None
    number = None
    if month:
        number = int(month) if month.isdigit() else _MONTHS.get(month[:3].lower())
        if number is not None and not 1 <= number <= 12:
            number = None
    if number is None:  # a year alone: its first month starts a range, its last ends one
        number = 1 if first else 12
    return int(year) * 12 + number - (1 if first else 0)


def _now() -> int:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
        if epoch and epoch.isdigit()
        else datetime.datetime.now(datetime.timezone.utc)
    )
    return when.year * 12 + when.month
