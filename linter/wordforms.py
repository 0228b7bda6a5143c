"""A word's forms: a verb's base form, its past tense and its -ing form, from spaCy's lemma table and
lemminflect's inflection table.

Decoding lemminflect's tables whole costs a quarter of a second each per process, which made `check
--rewrite` noticeably slower than `check` while a run asks for a few dozen verbs. So its lemma table is
never loaded: a form's base is found by checking each candidate base (the word, spaCy's lemma, the word with
an ending taken off) against the inflections the table gives for it, and a word neither table knows
("refactoring") goes to lemminflect's rules for unknown words, whose model is small. And its inflection
table is decoded a lemma at a time (`InflectionTable`), with lemminflect's own line decoder.
"""

from __future__ import annotations

import bisect
import functools
import gzip

# endings a form may have over its base, and what the base ends with instead ("studies" -> "study")
_ENDINGS = (
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("es", ""),
    ("s", ""),
    ("ies", "y"),
    ("ied", "y"),
)
# modal verbs have no past action form and are no bullet's opening verb ("Can", "Will")
_MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})


class InflectionTable:
    """lemminflect's inflection table, read whole but decoded only for the lemmas asked for: its lines are
    kept sorted, and a lemma's lines are the run of lines that start with "lemma,". It answers `get` as the
    eagerly decoded table does, which is all lemminflect asks of it."""

    def __init__(self, path: str):
        from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec

        with gzip.open(path, "rb") as handle:
            self._lines = sorted(handle.read().decode().splitlines())  # already sorted: sorting costs nothing
        self._decode = InflectionLUCodec.fromString
        self._decoded: dict[str, dict] = InflectionLUCodec.updateForAuxMod({})  # the auxiliaries and modals

    def get(self, lemma: str, default=None):
        if lemma not in self._decoded:
            prefix, forms = lemma + ",", {}
            at = bisect.bisect_left(self._lines, prefix)
            while at < len(self._lines) and self._lines[at].startswith(prefix):
                forms.update(self._decode(self._lines[at])[2])
                at += 1
            self._decoded[lemma] = forms
        return self._decoded[lemma] or default


@functools.cache
def _inflections():
    """lemminflect's inflection engine, given the lazily decoded table before it decodes its own (it reads
    the table through this one attribute, with `get`)."""
    from lemminflect import Inflections

    engine = Inflections()
    if not hasattr(engine, "infl_dict"):
        engine.infl_dict = InflectionTable(engine.infl_lu_fn)
    return engine


def _candidate_bases(lower: str) -> dict[str, None]:
    from .nlp import lemma_for, lemma_table

    bases = [lower, lemma_for(lower, lemma_table())]
    for ending, base_ending in _ENDINGS:
        if lower.endswith(ending) and len(lower) >= len(ending) + 2:
            stem = lower[: -len(ending)]
            bases.append(stem + base_ending)
            if not base_ending and len(stem) > 2 and stem[-1] == stem[-2]:  # "planned" -> "plan"
                bases.append(stem[:-1])
    return dict.fromkeys(bases)


@functools.lru_cache(maxsize=16384)  # a word's forms never change; documents repeat their words
def base_form(word: str, upos: str) -> str | None:
    """The base form of `word` as a `upos` ("VERB" or "NOUN") when lemminflect's table has it as one
    ("studies" -> "study", "routed" -> "route"), else None ("Kubernetes" as a verb, "refactoring")."""
    lower = word.lower()
    if upos == "VERB" and lower in _MODALS:
        return None
    for base in _candidate_bases(lower):
        forms = _inflections().getAllInflections(base, upos=upos)
        if forms and (lower == base or any(lower == form.lower() for group in forms.values() for form in group)):
            return base
    return None


@functools.lru_cache(maxsize=8192)
def verb_lemma(word: str) -> str:
    """A verb's base form, whichever form it is given in ("migrating", "built" -> "build"); a verb neither
    table knows is guessed by lemminflect's rules for unknown words ("containerizing" -> "containerize")."""
    from .nlp import lemma_for, lemma_table

    lower = word.lower()
    lemma = lemma_for(lower, lemma_table())  # the lemmatizer's own table, already loaded to lint
    if lemma == lower and lower.endswith(("ing", "ed", "en")):
        known = base_form(lower, "VERB")
        if known is not None:
            return known
        from lemminflect import getAllLemmasOOV

        guessed = getAllLemmasOOV(lower, upos="VERB").get("VERB")
        lemma = guessed[0] if guessed else lower
    return lemma


def forms(lemma: str, *tags: str) -> set[str]:
    """The lowercase forms of a verb's base for Penn tags ("VBD", "VBN", "VBZ" ...)."""
    return {form.lower() for tag in tags for form in _inflections().getInflection(lemma, tag=tag)}


@functools.lru_cache(maxsize=8192)
def past(word: str) -> str | None:
    """The past tense of a verb given in any form ("migrating", "build" -> "Migrated", "Built"), capitalised
    to open a bullet, or None when it is not a verb."""
    found = _inflections().getInflection(verb_lemma(word), tag="VBD")
    if not found:
        return None
    return found[0][0].upper() + found[0][1:]


@functools.lru_cache(maxsize=8192)
def gerund(word: str) -> str | None:
    """The -ing form of a verb in the past tense ("Deployed" -> "deploying", "Co-led" -> "co-leading"), or
    None when the word is no past tense ("Product", "<Built")."""
    prefix, _, verb = word.rpartition("-")
    if not verb.isalpha() or (prefix and not prefix.isalpha()):
        return None
    lemma = verb_lemma(verb)
    if verb.lower() not in forms(lemma, "VBD", "VBN"):
        return None
    found = _inflections().getInflection(lemma, tag="VBG")
    if not found:
        return None
    return f"{prefix.lower()}-{found[0]}" if prefix else found[0]


def present_form_of(word: str) -> str | None:
    """The base of a verb given in the present tense ("Perform", "Collaborates" -> "collaborate"), or None
    when the word is no such form."""
    lemma = base_form(word, "VERB")
    if lemma is None or word.lower() not in {lemma} | forms(lemma, "VBZ"):
        return None
    return lemma
