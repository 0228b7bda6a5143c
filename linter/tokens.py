"""Per-token values of a spaCy Doc as plain lists, read once through spaCy's array API and shared by every
matcher and rule kind that scans the Doc."""

from __future__ import annotations

from array import array

_TOKENS = "rolelint_tokens"


class TokenTable:
    """Per-token values of a Doc as plain lists, read once through spaCy's array API and shared by every
    matcher and rule kind that scans the Doc: each doc[i] builds a Token object, which is slow in a loop.
    Strings are lists (of strings shared by every Doc); numbers are arrays and flags bytes, 8 bytes and 1
    byte a token rather than a Python object each, which is what a document of a million tokens needs."""

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
        self._sent_start: bytes | None = None
        self._flags: tuple[bytes, bytes, bytes] | None = None
        self._word_counts: array = array("q")
        self.pattern_matches: dict[int, list[tuple[int, int]]] = {}  # spaCy Matcher results, per matcher
        self._positions: dict[bool, dict[str, list[int]]] = {}
        self.scans = 0
        from spacy.attrs import IDX, LEMMA, LENGTH, LOWER, ORTH

        self.text = doc.text if text is None else text  # Doc.text joins every token again on each access
        # A column at a time: a long document's columns all at once would be a large passing allocation.
        self._texts: list[str] | None = None
        self._orths = doc.to_array(ORTH)
        self.lowers = _strings(doc.vocab, doc.to_array(LOWER))
        self.lemmas = _strings(doc.vocab, doc.to_array(LEMMA), lower=True)
        starts = doc.to_array(IDX)
        self.starts = _numbers(starts)
        self.ends = _numbers(starts + doc.to_array(LENGTH))

    @property
    def texts(self) -> list[str]:
        """Each token as written (only exact-case matchers need it)."""
        if self._texts is None:
            self._texts = _strings(self.doc.vocab, self._orths)
        return self._texts

    @property
    def flags(self) -> tuple[bytes, bytes, bytes]:
        """(punctuation, white space, stop word) per token, 1 or 0, read when a rule first counts words."""
        if self._flags is None:
            from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP

            columns = self.doc.to_array([IS_PUNCT, IS_SPACE, IS_STOP]).astype(bool)
            self._flags = (columns[:, 0].tobytes(), columns[:, 1].tobytes(), columns[:, 2].tobytes())
            word = ~(columns[:, 0] | columns[:, 1])
            self._word_counts = array("q", [0])
            self._word_counts.extend(_numbers(word.cumsum()))
        return self._flags

    @property
    def punct(self) -> bytes:
        return self.flags[0]

    @property
    def space(self) -> bytes:
        return self.flags[1]

    @property
    def stop(self) -> bytes:
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
    def sent_start(self) -> bytes:
        """Sentence starts, splitting the Doc into sentences only when a rule asks (the pipeline defers its
        sentencizer: few texts ever need sentences, and it is one of the costlier steps)."""
        if self._sent_start is None:
            from spacy.attrs import SENT_START

            if not self.doc.has_annotation("SENT_START"):
                _sentencizer()(self.doc)
            self._sent_start = (self.doc.to_array(SENT_START) == 1).tobytes()
        return self._sent_start

    def words(self, start: int, end: int) -> int:
        """Tokens in [start, end) that are words (not punctuation or white space)."""
        _ = self.flags  # counts words on first use
        return self._word_counts[end] - self._word_counts[start]


_STRINGS: dict[int, str] = {}  # spaCy string hash -> the string: shared str objects, no decoding
_LOWERED: dict[int, str] = {}


def _strings(vocab, column, lower: bool = False) -> list[str]:
    """The strings of a column of spaCy string hashes (a numpy array)."""
    known = _LOWERED if lower else _STRINGS
    hashes = memoryview(column)  # read as ints one at a time, not a list of a Python int per token
    out = list(map(known.get, hashes))  # most words were seen before: one C-level pass
    if None in out:
        for i, s in enumerate(out):
            if s is None:  # a word new to this process: decoded once, however often the Doc repeats it
                word = hashes[i]
                s = known.get(word)
                if s is None:
                    s = vocab.strings[word]
                    s = known[word] = s.lower() if lower else s
                out[i] = s
    return out  # type: ignore[return-value]  # no None is left


def _numbers(column) -> array:
    """A numpy column of whole numbers as an array of 64-bit ints."""
    return array("q", column.astype("int64").tobytes())


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
