"""Builds the spaCy pipeline once per process, lazily: nothing imports spaCy until something is linted.

The default needs no download: blank English, a sentencizer, and a lookup lemmatizer over the English
table of spacy-lookups-data. It is a small component of our own rather than spaCy's Lemmatizer because
building spaCy's lookup Table costs a fifth of a second at start-up, and because the table is keyed by the
word as written: "Improved" at the start of a bullet would keep its own text as lemma, so capitalised
words are looked up again in lower case (all-capitals words are acronyms, "AWS", and are left alone).
It also mends the few lemmas the table gets wrong for words resumes use all the time.
"""

from __future__ import annotations

import functools
import threading

_PIPELINES: dict[str | None, object] = {}
# Held while a pipeline is built: the first calls of the Python API from several threads at once would
# otherwise import spaCy concurrently (import_spacy swaps modules in and out of sys.modules) and build it twice.
_BUILDING = threading.Lock()
_LEMMATIZER = "rolelint_lemmatizer"
_LEMMA_FIXES = {"develope": "develop"}  # "developed" -> "develope" in the table
# A document's prose is parsed as one text; files are already bounded by rolelint's own size limits.
_MAX_LENGTH = 200_000_000


class ModelNotFound(Exception):
    pass


def get_nlp(model: str | None = None):
    """The pipeline for `model` (None: the blank default), built on first use, once, whichever thread asks.
    A built pipeline is shared by threads: running it (nlp.pipe, never select_pipes) changes nothing in it."""
    nlp = _PIPELINES.get(model)
    if nlp is None:
        with _BUILDING:
            nlp = _PIPELINES.get(model)
            if nlp is None:
                nlp = _PIPELINES[model] = _build(model)
    return nlp


def import_spacy():
    """spaCy, imported without its command-line package.

    A quarter of spaCy's import time goes to spacy.cli (typer, weasel, requests ...), which rolelint never
    uses; spacy/__init__ imports a single name from it, `info`. A placeholder stands in for spacy.cli
    during the import and is removed right after, so a later `import spacy.cli` gets the real package and
    spacy.info() still works. Should a spaCy version need more of spacy.cli while importing, the
    placeholder is dropped and spaCy is imported as usual."""
    import sys
    import types

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    module = types.ModuleType("spacy.cli.info")

    def info(*args, **kwargs):  # spacy.info(): the real one, imported when first called
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    module.info = info
    placeholders = {"spacy.cli": package, "spacy.cli.info": module}
    sys.modules.update(placeholders)
    try:
        import spacy
    except Exception:
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    finally:
        for name, placeholder in placeholders.items():
            if sys.modules.get(name) is placeholder:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is package:
        del spacy.cli
    return spacy


def _build(model: str | None):
    spacy = import_spacy()
    from spacy.language import Language

    if not Language.has_factory(_LEMMATIZER):
        Language.factory(_LEMMATIZER, func=_make_lemmatizer)
    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe(_LEMMATIZER)
        nlp.max_length = _MAX_LENGTH
        return nlp
    try:
        nlp = spacy.load(model, exclude=["ner"])
    except OSError:
        raise ModelNotFound(
            f"spaCy pipeline '{model}' is not installed; install it with pip, or leave out --spacy-model "
            "to use the built-in pipeline, which needs no download"
        ) from None
    nlp.max_length = max(nlp.max_length, _MAX_LENGTH)
    if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    # Trained pipelines lemmatize by part of speech and keep their lemmatizer; one without a lemmatizer, or
    # with a lookup lemmatizer (which misses capitalised words), gets ours.
    if not nlp.has_pipe("lemmatizer"):
        nlp.add_pipe(_LEMMATIZER)
    elif getattr(nlp.get_pipe("lemmatizer"), "mode", "") == "lookup":
        nlp.replace_pipe("lemmatizer", _LEMMATIZER)
    return nlp


@functools.lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spacy-lookups-data's English lemma table, read straight from the package, once per process (the
    lemmatizer and the rewrites share it; nothing changes it)."""
    import gzip
    import json
    import os

    import spacy_lookups_data

    path = str(spacy_lookups_data.en["lemma_lookup"])
    if not os.path.exists(path):
        path += ".gz"
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as handle:
        return json.loads(handle.read())


def lemma_for(text: str, table: dict[str, str]) -> str:
    lemma = table.get(text)
    if lemma is None:
        lowered = text.lower()
        if text != lowered and not (text.isupper() and len(text) > 1):
            lemma = table.get(lowered, lowered)
        else:
            lemma = lowered
    return _LEMMA_FIXES.get(lemma, lemma)


def _make_lemmatizer(nlp, name):
    import numpy
    from spacy.attrs import LEMMA, ORTH

    table = lemma_table()
    strings = nlp.vocab.strings
    known: dict[int, int] = {}  # word hash -> lemma hash; a word's lemma depends only on its spelling

    def lemmatize(doc):
        if not len(doc):
            return doc
        words = memoryview(doc.to_array(ORTH))  # arrays, not Token objects (nor an int object per token)
        lemmas = list(map(known.get, words))
        if None in lemmas:
            for i, lemma in enumerate(lemmas):
                if lemma is None:
                    lemmas[i] = known[words[i]] = strings.add(lemma_for(strings[words[i]], table))
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))
        return doc

    return lemmatize
