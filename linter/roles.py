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
from .tokens import token_table

# How much a phrase naming the role ("Machine Learning Engineer") weighs when reading a job description.
TITLE_WEIGHT = 6.0
# The last word of a job title held by a person: a profile's titles ending otherwise ("data science",
# "analytics") name a field or a team. Plain English, not knowledge of any role.
PERSON_NOUNS = frozenset(
    "scientist engineer analyst statistician economist manager specialist researcher developer architect "
    "consultant lead head director mle".split()
)


def is_person_title(title: str) -> bool:
    """'senior data scientist' names a person; 'data science' or 'ml platform' names a field or a team."""
    words = title.split()
    return bool(words) and words[-1] in PERSON_NOUNS


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
    patterns: dict[str, tuple[str, float]] = field(default_factory=dict)  # label -> (regex, weight)


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
        unknown = set(group) - {"title", "core", "evidence", "suggestion", "terms", "patterns"}
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
        patterns: dict[str, tuple[str, float]] = {}  # label -> (regular expression, weight)
        raw_patterns = group.get("patterns", {})
        if not isinstance(raw_patterns, dict):
            checker.fail(f"{where}.patterns", "must map each label to a 'regex' and a 'weight'")
        for label, spec in raw_patterns.items():
            pattern_where = f"{where}.patterns.{label}"
            if not isinstance(spec, dict) or set(spec) != {"regex", "weight"}:
                checker.fail(pattern_where, "needs exactly a 'regex' and a 'weight'")
            weight = spec["weight"]
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 5:
                checker.fail(pattern_where, f"weight must be a number above 0 and at most 5 (got {weight!r})")
            try:
                compiled = re.compile(str(spec["regex"]))
            except re.error as exc:
                checker.fail(pattern_where, f"regex is not a valid regular expression: {exc}")
            if compiled.groups:
                checker.fail(pattern_where, "regex must use (?:...) groups, not capturing ones")
            if compiled.match(""):
                checker.fail(pattern_where, "regex must not match empty text")
            patterns[str(label)] = (str(spec["regex"]), float(weight))
        groups[key] = Group(
            key,
            group["title"].strip(),
            group.get("core", False),
            " ".join(group["evidence"].split()),
            " ".join(group["suggestion"].split()),
            terms,
            patterns,
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

    def distinct(self, name: str) -> int:
        """How many different terms of a profile were found: one word said five times is one."""
        return len(self.terms.get(name, {}))

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
        # Patterns (counts such as "2M requests a day") are searched case-insensitively, each on its own: a
        # few regular expressions with their own fast prefix scans beat one alternation of them all.
        self.pattern_owners: list[tuple[str, str, str, float]] = []  # (label, profile, group, weight)
        self.patterns: list[re.Pattern] = []
        for profile in profiles.values():
            for group in profile.groups.values():
                for label, (pattern, weight) in group.patterns.items():
                    self.pattern_owners.append((label, profile.name, group.key, weight))
                    self.patterns.append(re.compile(pattern, re.IGNORECASE))
        # A title listed by several profiles ("applied scientist") names all of them: such a posting is mixed.
        titles: dict[str, list[str]] = defaultdict(list)
        for profile in profiles.values():
            for title in profile.titles:
                titles[title].append(profile.name)
        self.title_owners = {t: tuple(names) for t, names in titles.items()}
        self.title_matcher = TermMatcher(nlp, list(titles)) if titles else None
        people = sorted((t for t in titles if is_person_title(t)), key=len, reverse=True)
        self._person_regex = (
            re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, people)) + r")(?![\w-])", re.IGNORECASE)
            if people
            else None
        )

    def signal(self, span) -> Signal:
        signal = Signal()
        for _, _, term in self.matcher.find_terms(span):
            self._count(signal, term.lower())
        for _, _, index in self._find_patterns(token_table(span.doc).text, span.start_char, span.end_char):
            self._count_pattern(signal, index)
        return signal

    def may_name_person(self, text: str) -> bool:
        """A quick test before person_titles: whether the text has a word that ends a person's title."""
        if self._person_regex is None:
            return False
        lowered = text.lower()
        return any(noun in lowered for noun in PERSON_NOUNS) and self._person_regex.search(text) is not None

    def person_titles(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """Job titles a person holds ("senior data scientist", "ml engineer") in a line of text, matched by
        their words as written (singular, any case): (start, end, the profiles that list the title). A
        profile's title that names a field ("analytics", "data science") rather than a person is not one."""
        if self._person_regex is None:
            return []
        return [(m.start(), m.end(), self.title_owners[m.group(0).lower()]) for m in self._person_regex.finditer(text)]

    def titles(self, span) -> list[tuple[int, int, str, tuple[str, ...]]]:
        """Role titles named in the span: (start char, end char, title, the profiles that list it)."""
        if self.title_matcher is None:
            return []
        return [
            (start, end, title.lower(), self.title_owners[title.lower()])
            for start, end, title in self.title_matcher.find_terms(span)
        ]

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
                if (found := _signal_at(out, spans, order, starts, start, end)) is not None:
                    self._count(found, term.lower())
            first, last = spans[order[0]], spans[order[-1]]
            text = token_table(first.doc).text  # Doc.text would join every token again
            for start, end, index in self._find_patterns(text, first.start_char, last.end_char):
                if (found := _signal_at(out, spans, order, starts, start, end)) is not None:
                    self._count_pattern(found, index)
        return out

    def _find_patterns(self, text: str, start: int, end: int):
        """(start, end, pattern index) of each pattern match in text[start:end], in character offsets."""
        for index, pattern in enumerate(self.patterns):
            for match in pattern.finditer(text, start, end):
                if match.end() > match.start():
                    yield match.start(), match.end(), index

    def _count_pattern(self, signal: Signal, index: int) -> None:
        label, name, group, weight = self.pattern_owners[index]
        signal.count(name, group, label, weight)

    def _count(self, signal: Signal, term: str) -> None:
        for name, group, weight in self.owners[term]:
            signal.count(name, group, term, weight)


def _signal_at(out: list[Signal], spans, order: list[int], starts: list[int], start: int, end: int):
    """The signal of the span (of spans, in `order`, starting at `starts`) that a match at start:end lies
    in, made on first use; None when the match runs over that span's end."""
    k = bisect.bisect_right(starts, start) - 1
    if k < 0 or end > spans[order[k]].end_char:
        return None
    if out[order[k]] is EMPTY:
        out[order[k]] = Signal()
    return out[order[k]]


def describe_shares(shares: dict[str, float], profiles: dict[str, Profile]) -> str:
    """'MLE 72% / DS 28%', largest first."""
    ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    return " / ".join(f"{profiles[n].label} {round(v * 100)}%" for n, v in ordered)
