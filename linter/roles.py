"""Role profiles: how strongly a text signals each role, and which role a job description asks for.

A profile (rules/roles/NAME.yaml) is a weighted lexicon sorted into evidence groups. Nothing here assumes
which roles exist or how many: a user's own profile dropped into a rule folder takes part like the
built-in ones.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from .schema import RuleError

# How much a phrase naming the role ("Machine Learning Engineer") weighs when reading a job description.
TITLE_WEIGHT = 6.0
# The share the leading role needs before a text is said to read as that role rather than as a mix.
DOMINANT_SHARE = 0.6


@dataclass(frozen=True, eq=False, repr=False)
class Group:
    key: str
    title: str
    core: bool
    evidence: str
    suggestion: str
    terms: dict[str, float]


@dataclass(frozen=True, eq=False, repr=False)
class Profile:
    name: str
    label: str  # short name for reports: the name in capitals, "DS", "MLE"
    title: str
    description: str
    titles: tuple[str, ...]
    groups: dict[str, Group]
    shared: frozenset[str]  # terms deliberately in this and another profile
    source: str


def parse_profile(path: str, data: dict, checker) -> Profile:
    """Build and validate a profile; `checker` (schema.Checker) is bound to this file."""
    checker.only({"name", "title", "description", "titles", "groups"})
    name = checker.string("name")
    if not re.match(r"^[a-z][a-z0-9_]*$", name):
        checker.fail("name", "must be lower case letters, digits and underscores")
    groups_data = checker.mapping("groups")
    groups: dict[str, Group] = {}
    shared: set[str] = set()
    seen: dict[str, str] = {}
    for key, group in groups_data.items():
        where = f"groups.{key}"
        if not isinstance(group, dict):
            checker.fail(where, "must be a mapping")
        unknown = set(group) - {"title", "core", "evidence", "suggestion", "terms"}
        if unknown:
            checker.fail(f"{where}.{sorted(unknown)[0]}", "unknown key")
        for text_key in ("title", "evidence", "suggestion"):
            if not isinstance(group.get(text_key), str) or not group[text_key].strip():
                checker.fail(f"{where}.{text_key}", "must be non-empty text")
        if not isinstance(group.get("core", False), bool):
            checker.fail(f"{where}.core", "must be true or false")
        terms: dict[str, float] = {}
        raw_terms = group.get("terms")
        if not isinstance(raw_terms, dict) or not raw_terms:
            checker.fail(f"{where}.terms", "must map each term to its weight")
        for term, value in raw_terms.items():
            term_where = f"{where}.terms.{term}"
            is_shared = isinstance(value, dict) and bool(value.get("shared"))
            weight = value.get("weight") if isinstance(value, dict) else value
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 5:
                checker.fail(term_where, f"weight must be a number above 0 and at most 5 (got {value!r})")
            lowered = str(term).lower()
            if lowered in seen:
                checker.fail(term_where, f"already listed in group '{seen[lowered]}'")
            seen[lowered] = key
            terms[lowered] = float(weight)  # type: ignore[arg-type]  # checked to be a number above
            if is_shared:
                shared.add(lowered)
        groups[key] = Group(
            key,
            group["title"].strip(),
            group.get("core", False),
            " ".join(group["evidence"].split()),
            " ".join(group["suggestion"].split()),
            terms,
        )
    titles = checker.strings("titles", default=[])
    return Profile(
        name,
        name.upper(),
        checker.string("title"),
        " ".join(checker.string("description").split()),
        tuple(t.lower() for t in titles),
        groups,
        frozenset(shared),
        str(path),
    )


def check_overlaps(profiles: dict[str, Profile], builtin: set[str]) -> list[str]:
    """A term in two built-in profiles must be marked shared in both: overlap is a decision, not an
    accident. A user's profile may share terms with a built-in one (an analyst profile will say "dashboard"
    as DS does): that is worth a warning naming the user's file, not a refusal. Returns the warnings."""
    owners: dict[str, list[Profile]] = defaultdict(list)
    for profile in profiles.values():
        for group in profile.groups.values():
            for term in group.terms:
                owners[term].append(profile)
    warnings: dict[str, list[str]] = defaultdict(list)  # user profile source -> terms
    for term, holders in sorted(owners.items()):
        if len(holders) < 2:
            continue
        users = [p for p in holders if p.name not in builtin]
        if users:
            for profile in users:
                if term not in profile.shared:
                    warnings[profile.source].append(term)
            continue
        unmarked = [p for p in holders if term not in p.shared]
        if unmarked:
            others = ", ".join(p.name for p in holders if p is not unmarked[0])
            raise RuleError(
                f"{unmarked[0].source}: key 'terms.{term}': also in profile {others}; mark it "
                "{weight: N, shared: true} in both if that is deliberate"
            )
    return [
        f"{source}: {len(terms)} term{'s' if len(terms) > 1 else ''} also in another role profile "
        f"({', '.join(terms[:5])}{', ...' if len(terms) > 5 else ''}): they count for both roles; mark them "
        "{weight: N, shared: true} to say it is deliberate"
        for source, terms in warnings.items()
    ]


# --- scoring (needs the spaCy pipeline) ------------------------------------------------------------------


@dataclass
class Signal:
    """Role signal found in one piece of text: per profile, the weight of each group and the terms behind it."""

    scores: dict[str, float] = field(default_factory=dict)  # profile -> total weight
    groups: dict[tuple[str, str], float] = field(default_factory=dict)  # (profile, group) -> weight
    terms: dict[str, dict[str, float]] = field(default_factory=dict)  # profile -> term -> weight

    def add(self, other: "Signal", factor: float = 1.0) -> None:
        for name, value in other.scores.items():
            self.scores[name] = self.scores.get(name, 0.0) + value * factor
        for key, value in other.groups.items():
            self.groups[key] = self.groups.get(key, 0.0) + value * factor
        for name, terms in other.terms.items():
            mine = self.terms.setdefault(name, {})
            for term, value in terms.items():
                mine[term] = mine.get(term, 0.0) + value * factor

    def count(self, name: str, group: str, term: str, weight: float) -> None:
        """One occurrence of a term."""
        self.scores[name] = self.scores.get(name, 0.0) + weight
        self.groups[(name, group)] = self.groups.get((name, group), 0.0) + weight
        terms = self.terms.setdefault(name, {})
        terms[term] = terms.get(term, 0.0) + weight

    def score(self, name: str) -> float:
        return self.scores.get(name, 0.0)

    @property
    def total(self) -> float:
        return sum(self.scores.values())

    def shares(self, names) -> dict[str, float]:
        total = self.total
        return {n: (round(self.score(n) / total, 3) if total else 0.0) for n in names}

    def leader(self, names) -> str | None:
        ranked = sorted(names, key=lambda n: (-self.score(n), n))
        return ranked[0] if ranked and self.score(ranked[0]) > 0 else None

    def top_terms(self, name: str, n: int = 5) -> list[str]:
        terms = self.terms.get(name, {})
        return [t for t, _ in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


EMPTY = Signal()  # shared, never changed


class RoleScorer:
    """Finds the terms of every profile in a span of text, with one term matcher for all of them."""

    def __init__(self, profiles: dict[str, Profile], nlp):
        from .matchers import TermMatcher

        self.profiles = profiles
        self.owners: dict[str, list[tuple[str, str, float]]] = defaultdict(list)
        for profile in profiles.values():
            for group in profile.groups.values():
                for term, weight in group.terms.items():
                    self.owners[term].append((profile.name, group.key, weight))
        self.matcher = TermMatcher(nlp, list(self.owners))
        titles = {t: p.name for p in profiles.values() for t in p.titles}
        self.title_owners = titles
        self.title_matcher = TermMatcher(nlp, list(titles)) if titles else None

    def signal(self, span, with_titles: bool = False) -> Signal:
        signal = Signal()
        for _, _, term in self.matcher.find_terms(span):
            self._count(signal, term.lower())
        if with_titles and self.title_matcher is not None:
            for _, _, title in self.title_matcher.find_terms(span):
                signal.count(self.title_owners[title.lower()], "title", title.lower(), TITLE_WEIGHT)
        return signal

    def signals(self, spans) -> list[Signal]:
        """The signal of each span. Spans of one Doc (the blocks of an answer) are scored in one scan of
        it; a match that runs over the end of its block counts for none."""
        out = [EMPTY] * len(spans)  # most blocks carry no signal: they share one empty Signal
        by_doc: dict[int, list[int]] = defaultdict(list)
        for i, span in enumerate(spans):
            by_doc[id(span.doc)].append(i)
        for indices in by_doc.values():
            if len(indices) == 1:
                out[indices[0]] = self.signal(spans[indices[0]])
                continue
            order = sorted(indices, key=lambda i: spans[i].start_char)
            starts = [spans[i].start_char for i in order]
            for start, end, term in self.matcher.find_terms(spans[order[0]].doc[:]):
                k = bisect.bisect_right(starts, start) - 1
                if k >= 0 and end <= spans[order[k]].end_char:
                    if out[order[k]] is EMPTY:
                        out[order[k]] = Signal()
                    self._count(out[order[k]], term.lower())
        return out

    def _count(self, signal: Signal, term: str) -> None:
        for name, group, weight in self.owners[term]:
            signal.count(name, group, term, weight)


def describe_shares(shares: dict[str, float], profiles: dict[str, Profile]) -> str:
    """'MLE 72% / DS 28%', largest first."""
    ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    return " / ".join(f"{profiles[n].label} {round(v * 100)}%" for n, v in ordered)
