"""Compiles the matcher specs of rule files into objects that find character spans in a spaCy Span.

Terms are matched by set lookups keyed on the lower-case form and the lemma of each token (so "worked on"
in a lexicon written as "work on" is found), regexes run over the text, and token patterns go to spaCy's
Matcher. This module is the matcher language: `validate_matcher` checks a spec without spaCy when its rule
file is loaded, and `compile_matcher` turns it into a Matcher once a pipeline exists.
"""

from __future__ import annotations

import bisect
import re

from .regexes import anchored, combine
from .schema import Checker, Field, RuleError
from .tokenpatterns import WINDOW, check_token_patterns
from .tokens import span_text, token_table

Spans = list[tuple[int, int]]  # (start_char, end_char) in the Doc's text


MATCHER_FORMS = ("lexicon", "terms", "regex", "tokens", "role_terms", "any", "all")
MATCHER_MODIFIERS = ("not_after", "not_before", "not_after_present", "not_near", "case", "within_first")


def validate_matcher(spec, path, key: str, lexicons: dict | None, profiles: dict | None, trusted: bool = False) -> None:
    """A matcher is one of {lexicon: NAME}, {terms: [...]}, {regex: ...}, {tokens: [[spaCy pattern], ...]},
    {role_terms: all | [role, ...]} (the signal terms of role profiles), {any: [matcher, ...]} or {all:
    [matcher, ...]} (found only where every one of them is found, as their matches together), with
    optional modifiers not_after and not_before (words that must not come just before or just after a term
    match), not_after_present (words that must not come in the three words before a term match whose first
    word is in its base or third-person present form: "factors that drive sales" and "which features
    increase risk" state a general fact, "a model that drove sales" a result), not_near (words that must not
    come in the six words before a term match: "without any deep learning"), case (exact: compare the
    text as written) and within_first (only matches that start in the
    unit's first N tokens). Lexicons and profiles are checked by name when they are known (not None)."""

    def fail(subkey: str, problem: str):
        raise RuleError(f"{path}: key '{subkey}': {problem}")

    if not isinstance(spec, dict):
        fail(key, f"a matcher must be a mapping with one of {', '.join(MATCHER_FORMS)}")
    forms = [k for k in spec if k in MATCHER_FORMS]
    unknown = [k for k in spec if k not in MATCHER_FORMS and k not in MATCHER_MODIFIERS]
    if unknown:
        fail(f"{key}.{unknown[0]}", f"unknown matcher key (allowed: {', '.join(MATCHER_FORMS + MATCHER_MODIFIERS)})")
    if len(forms) != 1:
        fail(key, f"a matcher needs exactly one of {', '.join(MATCHER_FORMS)}")
    form, value = forms[0], spec[forms[0]]
    if form == "lexicon" and lexicons is not None and value not in lexicons:
        fail(f"{key}.lexicon", f"unknown lexicon '{value}' (known: {', '.join(sorted(lexicons)) or 'none'})")
    if form == "terms" and not (isinstance(value, list) and value and all(isinstance(t, str) for t in value)):
        fail(f"{key}.terms", "must be a list of text")
    if form == "regex":
        Checker(path, {}, trusted).regex(f"{key}.regex", value)
    if form == "tokens":
        if not (
            isinstance(value, list)
            and value
            and all(isinstance(p, list) and p and all(isinstance(t, dict) for t in p) for p in value)
        ):
            fail(f"{key}.tokens", "must be a list of spaCy token patterns (lists of mappings)")
        checker = Checker(path, {}, trusted)
        check_token_patterns(
            value,
            lambda subkey, problem: fail(f"{key}.tokens{subkey}", problem),
            lambda subkey, pattern: checker.regex(f"{key}.tokens{subkey}", pattern),
        )
    if (
        form == "role_terms"
        and value != "all"
        and not (isinstance(value, list) and value and all(profiles is None or v in profiles for v in value))
    ):
        fail(f"{key}.role_terms", f"must be 'all' or a list of roles from: {', '.join(sorted(profiles or ()))}")
    if form in ("any", "all"):
        if not isinstance(value, list) or not value:
            fail(f"{key}.{form}", "must be a list of matchers")
        for i, sub in enumerate(value):
            validate_matcher(sub, path, f"{key}.{form}[{i}]", lexicons, profiles, trusted)
    for neighbour in ("not_after", "not_before", "not_after_present", "not_near"):
        if neighbour in spec and not (
            isinstance(spec[neighbour], list) and all(isinstance(t, str) for t in spec[neighbour])
        ):
            fail(f"{key}.{neighbour}", 'must be a list of words (quote words YAML reads as booleans, such as "no")')
    first = spec.get("within_first", 1)
    if isinstance(first, bool) or not isinstance(first, int) or first < 1:
        fail(f"{key}.within_first", "must be a whole number of tokens, 1 or more")
    if spec.get("case", "lower") not in ("lower", "exact"):
        fail(f"{key}.case", "must be 'lower' or 'exact'")


class MatcherField(Field):
    """A rule kind's key whose value is a matcher."""

    def check(self, value, key, checker, refs) -> None:
        validate_matcher(value, checker.path, key, refs.lexicons, refs.profiles, checker.trusted)


MATCHER = MatcherField()


class Matcher:
    def find(self, span) -> Spans:
        raise NotImplementedError

    def find_leading(self, span, n: int) -> Spans:
        """At least the matches that start in the unit's first `n` tokens (more may come back): a matcher
        that can look at less of a long unit for them says so here."""
        return self.find(span)

    def present(self, span) -> bool:
        return bool(self.find(span))


def _term_tokens(nlp, terms: list[str]) -> list[list[tuple[str, str, str]]]:
    """Each term's tokens as (text, lower case, lower-case lemma), tokenized and lemmatized as documents
    are. All the terms go through the pipeline as one text, a term per line: spaCy tokenizes each run of
    non-space characters on its own, so a term's tokens do not depend on its neighbours, and one Doc costs
    a fraction of one Doc per term. Patterns need no sentences, so the pipeline's sentencizer (and anything
    else that is not tokenizing or lemmatizing) is left out."""
    keep = {"lemmatizer", "rolelint_lemmatizer", "tagger", "attribute_ruler", "morphologizer", "tok2vec"}
    disabled = [name for name in nlp.pipe_names if name not in keep]
    if all(term.strip() and "\n" not in term for term in terms):
        doc = next(iter(nlp.pipe(["\n".join(term.strip() for term in terms)], disable=disabled)))
        out: list[list[tuple[str, str, str]]] = [[]]
        for token in doc:
            if token.text == "\n":
                out.append([])
            else:
                out[-1].append((token.text, token.lower_, token.lemma_.lower()))
        if len(out) == len(terms):
            return out
    # A term with a line break of its own, or a blank one, cannot share the text: one Doc per term.
    return [[(t.text, t.lower_, t.lemma_.lower()) for t in doc] for doc in nlp.pipe(terms, disable=disabled)]


def _keys(columns, i: int) -> tuple:
    """A token's distinct keys: its text, or its lower case and (when different) its lemma."""
    if len(columns) == 1:
        return (columns[0][i],)
    lower, lemma = columns[0][i], columns[1][i]
    return (lower,) if lower == lemma else (lower, lemma)


_NEAR = 6  # how many words before a term `not_near` looks at ("later we could stack it with a network")


class TermMatcher(Matcher):
    """Multi-word terms, longest match first; a term never matches inside a longer one already taken.
    A token matches a pattern word when its lower-case form or its lemma equals the word or its lemma."""

    _LONG = 96  # spans longer than this are searched through the Doc's word-position index

    def __init__(self, nlp, terms, not_after=(), exact: bool = False, not_before=(), not_after_present=(), not_near=()):
        self.exact = exact
        self.not_near = {w.lower() for w in not_near}  # words that must not come in the _NEAR words before
        self.not_after = {w.lower() for w in not_after}
        self.not_before = {w.lower() for w in not_before}
        self.not_after_present = {w.lower() for w in not_after_present}
        # Patterns are tuples of the sets of strings each token may show (exact: its text; otherwise its
        # lower case or lemma). One-word terms are found by their word; longer ones by their first two
        # words, so that checking a place costs a few dictionary look-ups, not a loop over patterns.
        self.single: dict[str, str] = {}  # word -> term
        self.multi: dict[tuple[str, str], list[tuple[tuple[frozenset, ...], str]]] = {}  # longest first
        unique = sorted(set(terms))
        for term, tokens in zip(unique, _term_tokens(nlp, unique)):
            if exact:
                pattern = tuple(frozenset((text,)) for text, _, _ in tokens)
            else:
                pattern = tuple(frozenset((lower, lemma)) for _, lower, lemma in tokens)
            if len(pattern) == 1:
                for key in pattern[0]:
                    self.single.setdefault(key, term)
            elif pattern:
                for first in pattern[0]:
                    for second in pattern[1]:
                        self.multi.setdefault((first, second), []).append((pattern, term))
        for patterns in self.multi.values():
            patterns.sort(key=lambda p: len(p[0]), reverse=True)
        self.multi_firsts = {first for first, _ in self.multi}
        self.starters = set(self.single) | self.multi_firsts
        self.longest = max((len(p) for patterns in self.multi.values() for p, _ in patterns), default=1)

    def find_leading(self, span, n: int) -> Spans:
        # A term that starts in the first n tokens ends within n + longest of them, and not_before looks
        # at one token more: the rest of the unit cannot change what is found there.
        return self.find(span[: n + self.longest + 1])

    def find(self, span) -> Spans:
        return [(start, end) for start, end, _ in self.find_terms(span)]

    def present(self, span) -> bool:
        return bool(self.find_terms(span, first_only=True))

    def find_terms(self, span, first_only: bool = False) -> list[tuple[int, int, str]]:
        """Matches with the term (as written in the lexicon) that each one matched; `first_only`: the
        first, when all that is asked is whether there is one."""
        table = token_table(span.doc)
        texts: list[str] = table.texts if self.exact else []
        lowers, lemmas, starts, ends = table.lowers, table.lemmas, table.starts, table.ends
        begin, end = span.start, span.end
        columns = (texts,) if self.exact else (lowers, lemmas)
        starters = self.starters
        table.scans += 1
        # A long span is searched through the Doc's word-position index, once several matchers use it:
        # building the index costs about one scan.
        if end - begin > self._LONG and (table.scans > 1 or self.exact in table._positions):
            positions = table.positions(self.exact)
            keys = starters & positions.keys() if len(starters) < len(positions) else positions.keys() & starters
            candidates = sorted(
                {
                    i
                    for key in keys
                    for i in positions[key][
                        bisect.bisect_left(positions[key], begin) : bisect.bisect_left(positions[key], end)
                    ]
                }
            )
        elif self.exact:
            candidates = [i for i in range(begin, end) if texts[i] in starters]
        else:
            candidates = [i for i in range(begin, end) if lowers[i] in starters or lemmas[i] in starters]
        found: list[tuple[int, int, str]] = []
        free = begin  # the first token not yet inside a match
        multi, multi_firsts, single = self.multi, self.multi_firsts, self.single
        for i in candidates:
            if i < free:
                continue
            match_len, matched_term = 0, ""
            firsts = _keys(columns, i)
            if i + 1 < end and not multi_firsts.isdisjoint(firsts):
                seconds = _keys(columns, i + 1)
                for first in firsts:
                    for second in seconds:
                        for pattern, term in multi.get((first, second), ()):
                            n = len(pattern)
                            if n <= match_len or i + n > end:
                                continue
                            if all(self._fits(pattern[k], i + k, texts, lowers, lemmas) for k in range(2, n)):
                                match_len, matched_term = n, term
                                break
            if not match_len:
                for key in firsts:  # the text, or the lower case before the lemma
                    single_term = single.get(key)
                    if single_term is not None:
                        match_len, matched_term = 1, single_term
                        break
            after = i + match_len
            if match_len and not (
                (i > begin and lowers[i - 1] in self.not_after)
                or (after < end and lowers[after] in self.not_before)
                or (self.not_near and not self.not_near.isdisjoint(lowers[max(begin, i - _NEAR) : i]))
                or (
                    self.not_after_present
                    and not self.not_after_present.isdisjoint(lowers[max(begin, i - 3) : i])
                    and _present(lowers[i], lemmas[i])
                )
            ):
                found.append((starts[i], ends[after - 1], matched_term))
                if first_only:
                    break
                free = after
        return found

    def _fits(self, allowed: frozenset, j: int, texts, lowers, lemmas) -> bool:
        if self.exact:
            return texts[j] in allowed
        return lowers[j] in allowed or lemmas[j] in allowed


def _present(lower: str, lemma: str) -> bool:
    """Whether a word is in its base form or the third-person present ("drive", "drives"), not a past
    form or participle ("drove", "driven", "driving")."""
    return lower == lemma or lower in (lemma + "s", lemma + "es", lemma[:-1] + "ies")


class RegexMatcher(Matcher):
    """A pattern with a group named `hit` reports only what that group matched: the rest of the pattern is
    context that must be there ("^By ...ing ..., (?P<hit>models were built)")."""

    def __init__(self, patterns, exact: bool = False):
        self.regex = combine(patterns, 0 if exact else re.IGNORECASE)
        self.focus = "hit" in self.regex.groupindex
        # Patterns that all start with "^" can only match at the start of the unit: one attempt there,
        # instead of one at every character.
        self.anchored = all(anchored(pattern) for pattern in patterns)

    def find(self, span) -> Spans:
        base = span.start_char
        found = []
        text = span_text(span)
        matches = [m for m in (self.regex.match(text),) if m] if self.anchored else self.regex.finditer(text)
        for m in matches:
            start, end = m.span("hit") if self.focus and m.group("hit") is not None else m.span()
            if end > start:
                found.append((base + start, base + end))
        return found


class TokenPatternMatcher(Matcher):
    """spaCy's Matcher, run once per Doc (matches are cached on its token table) and read per span.

    It runs over windows of WINDOW tokens, never the whole Doc: it keeps every partial match and returns
    every match, which over a long text is quadratic or worse (see linter/tokenpatterns.py), so no match is
    longer than WINDOW tokens. When every pattern starts with a fixed list of words ({LOWER: {IN: [...]}}
    or {LEMMA: {IN: [...]}}), the windows start only at those words: its REGEX predicates are evaluated in
    Python token by token, so that is much faster than windows everywhere."""

    WINDOW = WINDOW

    def __init__(self, nlp, patterns):
        from spacy.matcher import Matcher as SpacyMatcher

        self.matcher = SpacyMatcher(nlp.vocab)
        self.matcher.add("rule", patterns)
        self.anchors = self._anchors(patterns)

    @staticmethod
    def _anchors(patterns) -> tuple[str, frozenset] | None:
        found = []
        for pattern in patterns:
            first = pattern[0]
            if "OP" in first or len(first) != 1:
                return None
            ((attr, value),) = first.items()
            if attr not in ("LOWER", "LEMMA") or not isinstance(value, dict) or set(value) != {"IN"}:
                return None
            found.append((attr, frozenset(w.lower() for w in value["IN"])))
        if len({attr for attr, _ in found}) != 1:
            return None
        return found[0][0], frozenset().union(*(words for _, words in found))

    def _doc_matches(self, doc) -> list[tuple[int, int]]:
        width = self.WINDOW
        found: set[tuple[int, int]] = set()
        if self.anchors is None:
            # Windows of two widths, a width apart: a match of up to a width that starts in the first half
            # of one lies whole in it, so every such match is found once.
            for begin in range(0, len(doc), width):
                found.update(
                    (begin + start, begin + end)
                    for _, start, end in self.matcher(doc[begin : begin + 2 * width])
                    if start < width and end - start <= width
                )
        else:
            table = token_table(doc)
            column = table.lowers if self.anchors[0] == "LOWER" else table.lemmas
            words = self.anchors[1]
            for i, word in enumerate(column):
                if word in words:
                    window = doc[i : i + width]
                    found.update((i + start, i + end) for _, start, end in self.matcher(window) if start == 0)
        return sorted(found, key=lambda m: (m[0], -m[1]))

    def find(self, span) -> Spans:
        table = token_table(span.doc)
        matches = table.pattern_matches.get(id(self))
        if matches is None:
            matches = table.pattern_matches[id(self)] = self._doc_matches(span.doc)
        found: Spans = []
        taken_until = span.start
        for start, end in matches[bisect.bisect_left(matches, (span.start, -(10**9))) :]:
            if start >= span.end:
                break
            if start < taken_until or end > span.end:
                continue
            found.append((table.starts[start], table.ends[end - 1]))
            taken_until = end
        return found


class AnyMatcher(Matcher):
    """Where any of its matchers is found. Matches that overlap are one match, the one that starts first
    (the longest of those that start together): "Contribute in" found by two lexicons is one finding."""

    def __init__(self, matchers: list[Matcher]):
        self.matchers = matchers

    def find(self, span) -> Spans:
        return _one_per_place({s for m in self.matchers for s in m.find(span)})

    def present(self, span) -> bool:
        return any(m.present(span) for m in self.matchers)

    def find_leading(self, span, n: int) -> Spans:
        return _one_per_place({s for m in self.matchers for s in m.find_leading(span, n)})


def _one_per_place(spans) -> Spans:
    """Overlapping matches as one: the one that starts first, the longest of those that start together."""
    found: Spans = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not found or start >= found[-1][1]:
            found.append((start, end))
    return found


class AllMatcher(Matcher):
    """Found only in a unit where every one of its matchers is found ("an outcome verb and a figure")."""

    def __init__(self, matchers: list[Matcher]):
        self.matchers = matchers

    def find(self, span) -> Spans:
        found = []
        for m in self.matchers:
            spans = m.find(span)
            if not spans:
                return []
            found.extend(spans)
        return sorted(set(found))

    def present(self, span) -> bool:
        return all(m.present(span) for m in self.matchers)


class LeadingMatcher(Matcher):
    """Only matches that start within the first `n` tokens of the unit: how the unit opens."""

    def __init__(self, inner: Matcher, n: int):
        self.inner = inner
        self.n = n

    def find(self, span) -> Spans:
        limit = span[min(self.n, len(span) - 1)].idx if len(span) > self.n else span.end_char
        return [(s, e) for s, e in self.inner.find_leading(span, self.n) if s < limit]


def compile_matcher(spec: dict, nlp, ruleset) -> Matcher:
    """`ruleset` provides the lexicons and role profiles that specs refer to by name."""
    if "within_first" in spec:
        inner = {k: v for k, v in spec.items() if k != "within_first"}
        return LeadingMatcher(compile_matcher(inner, nlp, ruleset), spec["within_first"])
    exact = spec.get("case") == "exact"
    not_after = spec.get("not_after", ())
    not_before = spec.get("not_before", ())
    present = spec.get("not_after_present", ())
    near = spec.get("not_near", ())
    if "lexicon" in spec:
        lexicon = ruleset.lexicons[spec["lexicon"]]
        parts: list[Matcher] = []
        if lexicon.terms:
            parts.append(TermMatcher(nlp, lexicon.terms, not_after, exact, not_before, present, near))
        if lexicon.patterns:
            parts.append(RegexMatcher(lexicon.patterns, exact))
        return parts[0] if len(parts) == 1 else AnyMatcher(parts)
    if "terms" in spec:
        return TermMatcher(nlp, spec["terms"], not_after, exact, not_before, present, near)
    if "regex" in spec:
        return RegexMatcher([spec["regex"]], exact)
    if "tokens" in spec:
        return TokenPatternMatcher(nlp, spec["tokens"])
    if "role_terms" in spec:
        names = ruleset.profiles if spec["role_terms"] == "all" else spec["role_terms"]
        terms = {t for name in names for g in ruleset.profiles[name].groups.values() for t in g.terms}
        return TermMatcher(nlp, terms, not_after, exact, not_before, present, near)
    if "all" in spec:
        return AllMatcher([compile_matcher(sub, nlp, ruleset) for sub in spec["all"]])
    return AnyMatcher([compile_matcher(sub, nlp, ruleset) for sub in spec["any"]])
