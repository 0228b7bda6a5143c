"""Per-token values of a spaCy Doc as plain lists, read once through spaCy's array API and shared by every
matcher and rule kind that scans the Doc."""

from __future__ import annotations

_TOKENS = "rolelint_tokens"


class TokenTable:
    """Per-token values of a Doc as plain lists, read once through spaCy's array API and shared by every
    matcher and rule kind that scans the Doc: each doc[i] builds a Token object, which is slow in a loop."""

    __slots__ = (
        "doc",
        "text",
        "_texts",
        "_orths",
        "lowers",
        "lemmas",
        "starts",
        "ends",
        "_flags",
        "_sent_start",
        "_positions",
        "scans",
        "_word_counts",
        "pattern_matches",
    )

    def __init__(self, doc, text: str | None = None):
        self.doc = doc
        self._sent_start: list[bool] | None = None
        self._flags: tuple[list[bool], list[bool], list[bool]] | None = None
        self._word_counts: list[int] = []
        self.pattern_matches: dict[int, list[tuple[int, int]]] = {}  # spaCy Matcher results, per matcher
        self._positions: dict[bool, dict[str, list[int]]] = {}
        self.scans = 0
        from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH

        self.text = doc.text if text is None else text  # Doc.text joins every token again on each access
        columns = doc.to_array([ORTH, LOWER, LEMMA, IDX, LENGTH])
        self._texts: list[str] | None = None
        self._orths = columns[:, 0]
        self.lowers = _strings(doc.vocab, columns[:, 1].tolist())
        self.lemmas = _strings(doc.vocab, columns[:, 2].tolist(), lower=True)
        self.starts = columns[:, 3].tolist()
        self.ends = (columns[:, 3] + columns[:, 4]).tolist()

    @property
    def texts(self) -> list[str]:
        """Each token as written (only exact-case matchers need it)."""
        if self._texts is None:
            self._texts = _strings(self.doc.vocab, self._orths.tolist())
        return self._texts

    @property
    def flags(self) -> tuple[list[bool], list[bool], list[bool]]:
        """(punctuation, white space, stop word) per token, read when a rule first counts words."""
        if self._flags is None:
            from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP

            columns = self.doc.to_array([IS_PUNCT, IS_SPACE, IS_STOP]).astype(bool)
            self._flags = (columns[:, 0].tolist(), columns[:, 1].tolist(), columns[:, 2].tolist())
            word = ~(columns[:, 0] | columns[:, 1])
            self._word_counts = [0] + word.cumsum().tolist()
        return self._flags

    @property
    def punct(self) -> list[bool]:
        return self.flags[0]

    @property
    def space(self) -> list[bool]:
        return self.flags[1]

    @property
    def stop(self) -> list[bool]:
        return self.flags[2]

    def positions(self, exact: bool) -> dict[str, list[int]]:
        """Where each word occurs: by its text (exact), or by its lower case and its lemma. Built once and
        shared, so a matcher looks only at the places its terms can start instead of at every token."""
        index = self._positions.get(exact)
        if index is None:
            index = {}
            if exact:
                for i, text in enumerate(self.texts):
                    index.setdefault(text, []).append(i)
            else:
                for i, (lower, lemma) in enumerate(zip(self.lowers, self.lemmas)):
                    index.setdefault(lower, []).append(i)
                    if lemma != lower:
                        index.setdefault(lemma, []).append(i)
            self._positions[exact] = index
        return index

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
        _ = self.flags  # counts words on first use
        return self._word_counts[end] - self._word_counts[start]


_STRINGS: dict[int, str] = {}  # spaCy string hash -> the string: shared str objects, no decoding
_LOWERED: dict[int, str] = {}


def _strings(vocab, hashes: list[int], lower: bool = False) -> list[str]:
    known = _LOWERED if lower else _STRINGS
    out = list(map(known.get, hashes))  # most words were seen before: one C-level pass
    if None in out:
        for i, s in enumerate(out):
            if s is None:
                s = vocab.strings[hashes[i]]
                out[i] = known[hashes[i]] = s.lower() if lower else s
    return out  # type: ignore[return-value]  # no None is left


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


def span_text(span) -> str:
    """Span.text, without rebuilding the text from its tokens."""
    return token_table(span.doc).text[span.start_char : span.end_char]
