"""The opening verb and object of a bullet, so that suggestions can be written in the bullet's own words.

Resume bullets open with their verb ("Improved the demand forecast for ..."). Leading adverbs, pronouns and
auxiliaries are skipped ("Significantly reduced", "I built", "Was tasked with"); the object is the phrase
after the verb up to the first clause or adjunct ("for", "by", "using", a comma ...).
"""

from __future__ import annotations

from .tokens import token_table

_SKIP = {"i", "we", "was", "were", "is", "am", "are", "have", "has", "had", "also", "then", "successfully"}
_OPENERS = {"for", "with", "on", "in", "to", "of"}  # "Responsible for X", "Worked on X": the object follows
_STOPS = {
    "for",
    "in",
    "on",
    "at",
    "by",
    "with",
    "using",
    "via",
    "across",
    "from",
    "through",
    "which",
    "that",
    "while",
    "so",
    "because",
    "after",
    "before",
    "during",
    "within",
    "over",
    "under",
    "when",
    "where",
    "resulting",
    "leading",
    "saving",
    "reducing",
    "increasing",
    "improving",
}
_DANGLING = {"to", "of", "and", "or", "the", "a", "an"}  # never end an object on these
_MAX_OBJECT_TOKENS = 10
PLACEHOLDER_VERB = "<verb>"
PLACEHOLDER_OBJECT = "<what>"


def lead_phrase(span) -> tuple[str, str]:
    """(verb, object) of a bullet, as written; placeholders when the bullet has no clear opening verb."""
    tokens = [t for t in span[:40] if not t.is_space]  # the opening is all it looks at
    i = 0
    while i < len(tokens) and (tokens[i].lower_ in _SKIP or tokens[i].lower_.endswith("ly") or tokens[i].is_punct):
        i += 1
    if i >= len(tokens) or not tokens[i].is_alpha:
        return PLACEHOLDER_VERB, PLACEHOLDER_OBJECT
    verb = tokens[i].text
    verb = verb[0].upper() + verb[1:]
    i += 1
    if i + 1 < len(tokens) and tokens[i].lower_ == "and" and tokens[i + 1].is_alpha:  # "Designed and ran"
        verb = f"{verb} and {tokens[i + 1].text}"
        i += 2
    while i < len(tokens) and tokens[i].lower_ in _OPENERS:
        i += 1
    words: list = []
    while i < len(tokens) and len(words) < _MAX_OBJECT_TOKENS:
        token = tokens[i]
        # "on-time", "difference-in-differences": a stop word inside a hyphenated compound is part of it
        in_compound = (i > 0 and tokens[i - 1].text == "-") or (i + 1 < len(tokens) and tokens[i + 1].text == "-")
        if (token.lower_ in _STOPS and not in_compound) or (token.is_punct and token.text not in "-/&'’+%."):
            break
        if token.text == "." and (i + 1 >= len(tokens) or tokens[i + 1].is_space):
            break
        words.append(token)
        i += 1
    while words and (words[-1].lower_ in _DANGLING or words[-1].is_punct):
        words.pop()
    if not words:
        return verb, PLACEHOLDER_OBJECT
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return verb, token_table(span.doc).text[start:end]
