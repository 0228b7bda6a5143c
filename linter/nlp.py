"""Builds the spaCy pipeline once per process, lazily: nothing imports spaCy until something is linted.

The default needs no download: blank English, a sentencizer and the lookup lemmatizer from
spacy-lookups-data. The lookup table is keyed by lower-case words, so "Improved" at the start of a bullet
would keep its own text as lemma; a small component after the lemmatizer looks such words up again in
lower case, and mends the few lemmas the table gets wrong.
"""
from __future__ import annotations

_PIPELINES: dict[str | None, object] = {}
# Lemmas the lookup table gets wrong for words that resumes use all the time ("developed" -> "develope").
_LEMMA_FIXES = {"develope": "develop"}
_CASE_COMPONENT = "rolelint_lemma_case"


class ModelNotFound(Exception):
    pass


def get_nlp(model: str | None = None):
    """The pipeline for `model` (None: the blank default), built on first use."""
    if model not in _PIPELINES:
        _PIPELINES[model] = _build(model)
    return _PIPELINES[model]


def _build(model: str | None):
    import spacy
    from spacy.language import Language

    if model is None:
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    else:
        try:
            nlp = spacy.load(model, exclude=["ner"])
        except OSError:
            raise ModelNotFound(
                f"spaCy pipeline '{model}' is not installed; install it with pip, or leave out --spacy-model "
                "to use the built-in pipeline, which needs no download"
            ) from None
        if not (nlp.has_pipe("parser") or nlp.has_pipe("senter") or nlp.has_pipe("sentencizer")):
            nlp.add_pipe("sentencizer", first=True)
    # Trained pipelines lemmatize by part of speech and handle case; a lookup lemmatizer needs the fix-up.
    if nlp.has_pipe("lemmatizer") and getattr(nlp.get_pipe("lemmatizer"), "mode", "") == "lookup":
        if not Language.has_factory(_CASE_COMPONENT):
            Language.factory(_CASE_COMPONENT, func=_make_lemma_case)
        nlp.add_pipe(_CASE_COMPONENT, after="lemmatizer")
    return nlp


def _make_lemma_case(nlp, name):
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")

    def lemma_case(doc):
        for token in doc:
            if token.lemma_ == token.text and not token.is_lower:
                lowered = token.lower_
                # An all-capitals word is an acronym ("AWS"), not an inflected word.
                token.lemma_ = lowered if token.is_upper and len(lowered) > 1 else table.get(lowered, lowered)
            if token.lemma_ in _LEMMA_FIXES:
                token.lemma_ = _LEMMA_FIXES[token.lemma_]
        return doc

    return lemma_case
