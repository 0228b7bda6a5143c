"""Compiles the matcher specs of rule files into objects that find character spans in a spaCy Span.

Terms are matched by set lookups keyed on the lower-case form and the lemma of each token (so "worked on"
in a lexicon written as "work on" is found), regexes run over the text, and token patterns go to spaCy's
Matcher. A spec is validated when its rule file is loaded (ruleset.validate_matcher); here it is compiled.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

Spans = list[tuple[int, int]]  # (start_char, end_char) in the Doc's text


class Matcher:
    def find(self, span) -> Spans:
        raise NotImplementedError

    def present(self, span) -> bool:
        return bool(self.find(span))


@dataclass(frozen=True)
class _PatternToken:
    lower: str
    lemma: str
    text: str


class TermMatcher(Matcher):
    """Multi-word terms, longest match first; a term never matches inside a longer one already taken."""

    def __init__(self, nlp, terms, not_after=(), exact: bool = False, not_before=()):
        self.exact = exact
        self.not_after = {w.lower() for w in not_after}
        self.not_before = {w.lower() for w in not_before}
        # first token key -> [(pattern tokens, the term as written)], longest first
        self.index: dict[str, list[tuple[tuple[_PatternToken, ...], str]]] = {}
        unique = sorted(set(terms))
        for term, doc in zip(unique, nlp.pipe(unique)):
            pattern = tuple(_PatternToken(t.lower_, t.lemma_.lower(), t.text) for t in doc)
            if not pattern:
                continue
            keys = {pattern[0].text} if exact else {pattern[0].lower, pattern[0].lemma}
            for key in keys:
                self.index.setdefault(key, []).append((pattern, term))
        for patterns in self.index.values():
            patterns.sort(key=lambda p: len(p[0]), reverse=True)

    def _token_matches(self, token, p: _PatternToken) -> bool:
        if self.exact:
            return token.text == p.text
        lemma = token.lemma_.lower()
        return token.lower_ == p.lower or lemma == p.lower or lemma == p.lemma

    def find(self, span) -> Spans:
        return [(start, end) for start, end, _ in self.find_terms(span)]

    def find_terms(self, span) -> list[tuple[int, int, str]]:
        """Matches with the term (as written in the lexicon) that each one matched."""
        found: list[tuple[int, int, str]] = []
        doc = span.doc
        i, end = span.start, span.end
        while i < end:
            token = doc[i]
            keys = (token.text,) if self.exact else (token.lower_, token.lemma_.lower())
            match_len, matched_term = 0, ""
            for key in dict.fromkeys(keys):
                for pattern, term in self.index.get(key, ()):
                    n = len(pattern)
                    if n <= match_len or i + n > end:
                        continue
                    if all(self._token_matches(doc[i + k], pattern[k]) for k in range(n)):
                        match_len, matched_term = n, term
                        break
            after = i + match_len
            if match_len and not (
                (i > span.start and doc[i - 1].lower_ in self.not_after)
                or (after < end and doc[after].lower_ in self.not_before)
            ):
                found.append((token.idx, doc[after - 1].idx + len(doc[after - 1]), matched_term))
                i += match_len
            else:
                i += 1
        return found


class RegexMatcher(Matcher):
    def __init__(self, patterns, exact: bool = False):
        flags = 0 if exact else re.IGNORECASE
        self.regex = re.compile("|".join(f"(?:{p})" for p in patterns), flags)

    def find(self, span) -> Spans:
        base = span.start_char
        return [(base + m.start(), base + m.end()) for m in self.regex.finditer(span.text) if m.end() > m.start()]


class TokenPatternMatcher(Matcher):
    def __init__(self, nlp, patterns):
        from spacy.matcher import Matcher as SpacyMatcher

        self.matcher = SpacyMatcher(nlp.vocab)
        self.matcher.add("rule", patterns)

    def find(self, span) -> Spans:
        found: Spans = []
        taken_until = -1
        for _, start, end in sorted(self.matcher(span), key=lambda m: (m[1], -m[2])):
            if start < taken_until:
                continue
            piece = span[start:end]
            found.append((piece.start_char, piece.end_char))
            taken_until = end
        return found


class AnyMatcher(Matcher):
    def __init__(self, matchers: list[Matcher]):
        self.matchers = matchers

    def find(self, span) -> Spans:
        return sorted({s for m in self.matchers for s in m.find(span)})

    def present(self, span) -> bool:
        return any(m.present(span) for m in self.matchers)


class LeadingMatcher(Matcher):
    """Only matches that start within the first `n` tokens of the unit: how the unit opens."""

    def __init__(self, inner: Matcher, n: int):
        self.inner = inner
        self.n = n

    def find(self, span) -> Spans:
        limit = span[min(self.n, len(span) - 1)].idx if len(span) > self.n else span.end_char
        return [(s, e) for s, e in self.inner.find(span) if s < limit]


def compile_matcher(spec: dict, nlp, ruleset) -> Matcher:
    """`ruleset` provides the lexicons and role profiles that specs refer to by name."""
    if "within_first" in spec:
        inner = {k: v for k, v in spec.items() if k != "within_first"}
        return LeadingMatcher(compile_matcher(inner, nlp, ruleset), spec["within_first"])
    exact = spec.get("case") == "exact"
    not_after = spec.get("not_after", ())
    not_before = spec.get("not_before", ())
    if "lexicon" in spec:
        lexicon = ruleset.lexicons[spec["lexicon"]]
        parts: list[Matcher] = []
        if lexicon.terms:
            parts.append(TermMatcher(nlp, lexicon.terms, not_after, exact, not_before))
        if lexicon.patterns:
            parts.append(RegexMatcher(lexicon.patterns, exact))
        return parts[0] if len(parts) == 1 else AnyMatcher(parts)
    if "terms" in spec:
        return TermMatcher(nlp, spec["terms"], not_after, exact, not_before)
    if "regex" in spec:
        return RegexMatcher([spec["regex"]], exact)
    if "tokens" in spec:
        return TokenPatternMatcher(nlp, spec["tokens"])
    if "role_terms" in spec:
        names = ruleset.profiles if spec["role_terms"] == "all" else spec["role_terms"]
        terms = {t for name in names for g in ruleset.profiles[name].groups.values() for t in g.terms}
        return TermMatcher(nlp, terms, not_after, exact, not_before)
    return AnyMatcher([compile_matcher(sub, nlp, ruleset) for sub in spec["any"]])
