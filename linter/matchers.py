"""Compiles the matcher specs of rule files into objects that find character spans in a spaCy Span.

Terms are matched by set lookups keyed on the lower-case form and the lemma of each token (so "worked on"
in a lexicon written as "work on" is found), regexes run over the text, and token patterns go to spaCy's
Matcher. A spec is validated when its rule file is loaded (ruleset.validate_matcher); here it is compiled.
"""
from __future__ import annotations

import re

Spans = list[tuple[int, int]]  # (start_char, end_char) in the Doc's text


class Matcher:
    def find(self, span) -> Spans:
        raise NotImplementedError

    def present(self, span) -> bool:
        return bool(self.find(span))


_TOKENS = "rolelint_tokens"


class TokenTable:
    """Per-token values of a Doc as plain lists, read once through spaCy's array API and shared by every
    matcher and rule kind that scans the Doc: each doc[i] builds a Token object, which is slow in a loop."""

    __slots__ = ("doc", "text", "texts", "lowers", "lemmas", "starts", "ends", "punct", "space", "stop",
                 "_sent_start")

    def __init__(self, doc, text: str | None = None):
        from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, IS_STOP, LEMMA, LOWER, ORTH

        strings = doc.vocab.strings
        self.doc = doc
        self.text = doc.text if text is None else text  # Doc.text joins every token again on each access
        rows = doc.to_array([ORTH, LOWER, LEMMA, IDX, IS_PUNCT, IS_SPACE, IS_STOP]).tolist()
        self.texts = [strings[r[0]] for r in rows]
        self.lowers = [strings[r[1]] for r in rows]
        self.lemmas = [strings[r[2]].lower() for r in rows]
        self.starts = [r[3] for r in rows]
        self.ends = [start + len(text) for start, text in zip(self.starts, self.texts)]
        self.punct = [bool(r[4]) for r in rows]
        self.space = [bool(r[5]) for r in rows]
        self.stop = [bool(r[6]) for r in rows]
        self._sent_start = None

    @property
    def sent_start(self) -> list[bool]:
        """Sentence starts, splitting the Doc into sentences only when a rule asks (the pipeline defers its
        sentencizer: few texts ever need sentences, and it is one of the costlier steps)."""
        if self._sent_start is None:
            from spacy.attrs import SENT_START

            if not self.doc.has_annotation("SENT_START"):
                _sentencizer()(self.doc)
            self._sent_start = [v == 1 for v in self.doc.to_array(SENT_START).tolist()]
        return self._sent_start

    def words(self, start: int, end: int) -> int:
        """Tokens in [start, end) that are words (not punctuation or white space)."""
        return sum(1 for i in range(start, end) if not (self.punct[i] or self.space[i]))


_SENTENCIZERS: list = []


def _sentencizer():
    if not _SENTENCIZERS:
        from spacy.pipeline import Sentencizer

        _SENTENCIZERS.append(Sentencizer())
    return _SENTENCIZERS[0]


def token_table(doc, text: str | None = None) -> TokenTable:
    """The Doc's table, built on first use; `text` is the Doc's text when the caller already has it."""
    table = doc.user_data.get(_TOKENS)
    if table is None:
        table = doc.user_data[_TOKENS] = TokenTable(doc, text)
    return table


def join_docs(docs, vocab):
    """One Doc of several, separated by single spaces, with their lemmas: what spaCy's Doc.from_docs does,
    built from the token tables so that no Token object is made (from_docs walks every token in Python)."""
    import numpy
    from spacy.attrs import LEMMA
    from spacy.tokens import Doc

    words, spaces, lemmas = [], [], []
    for number, doc in enumerate(docs):
        table = token_table(doc)
        count = len(table.texts)
        for i in range(count):
            words.append(table.texts[i])
            following = table.starts[i + 1] if i + 1 < count else len(table.text)
            spaces.append(table.ends[i] < following)
        if count and number < len(docs) - 1:
            spaces[-1] = True  # the joiner
        lemmas.append(doc.to_array(LEMMA))
    joined = Doc(vocab, words=words, spaces=spaces)
    if words:
        joined.from_array([LEMMA], numpy.concatenate(lemmas).astype("uint64"))
    return joined


def span_text(span) -> str:
    """Span.text, without rebuilding the text from its tokens."""
    return token_table(span.doc).text[span.start_char:span.end_char]


class TermMatcher(Matcher):
    """Multi-word terms, longest match first; a term never matches inside a longer one already taken.
    A token matches a pattern word when its lower-case form or its lemma equals the word or its lemma."""

    def __init__(self, nlp, terms, not_after=(), exact: bool = False, not_before=()):
        self.exact = exact
        self.not_after = {w.lower() for w in not_after}
        self.not_before = {w.lower() for w in not_before}
        # first token key -> [(pattern, the term as written)], longest first; a pattern is a tuple of the
        # sets of strings each token may show (exact: its text; otherwise its lower case or lemma)
        self.index: dict[str, list[tuple[tuple[frozenset, ...], str]]] = {}
        unique = sorted(set(terms))
        for term, doc in zip(unique, nlp.pipe(unique)):
            if exact:
                pattern = tuple(frozenset((t.text,)) for t in doc)
            else:
                pattern = tuple(frozenset((t.lower_, t.lemma_.lower())) for t in doc)
            if not pattern:
                continue
            for key in pattern[0]:
                self.index.setdefault(key, []).append((pattern, term))
        for patterns in self.index.values():
            patterns.sort(key=lambda p: len(p[0]), reverse=True)

    def find(self, span) -> Spans:
        return [(start, end) for start, end, _ in self.find_terms(span)]

    def find_terms(self, span) -> list[tuple[int, int, str]]:
        """Matches with the term (as written in the lexicon) that each one matched."""
        table = token_table(span.doc)
        texts, lowers, lemmas, starts, ends = table.texts, table.lowers, table.lemmas, table.starts, table.ends
        first_keys = (texts,) if self.exact else (lowers, lemmas)
        index = self.index
        found: list[tuple[int, int, str]] = []
        i, end = span.start, span.end
        while i < end:
            match_len, matched_term = 0, ""
            for keys in first_keys:
                candidates = index.get(keys[i])
                if not candidates:
                    continue
                for pattern, term in candidates:
                    n = len(pattern)
                    if n <= match_len or i + n > end:
                        continue
                    if all(self._fits(pattern[k], i + k, texts, lowers, lemmas) for k in range(1, n)):
                        match_len, matched_term = n, term
                        break
            after = i + match_len
            if match_len and not ((i > span.start and lowers[i - 1] in self.not_after)
                                  or (after < end and lowers[after] in self.not_before)):
                found.append((starts[i], ends[after - 1], matched_term))
                i = after
            else:
                i += 1
        return found

    def _fits(self, allowed: frozenset, j: int, texts, lowers, lemmas) -> bool:
        if self.exact:
            return texts[j] in allowed
        return lowers[j] in allowed or lemmas[j] in allowed


class RegexMatcher(Matcher):
    def __init__(self, patterns, exact: bool = False):
        flags = 0 if exact else re.IGNORECASE
        self.regex = re.compile("|".join(f"(?:{p})" for p in patterns), flags)

    def find(self, span) -> Spans:
        base = span.start_char
        return [(base + m.start(), base + m.end()) for m in self.regex.finditer(span_text(span)) if m.end() > m.start()]


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
