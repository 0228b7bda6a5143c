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
# "Helped build the checks", "Helped to design ...": the verb of the work is the one that follows
_HELPERS = {"help", "helped", "helping", "helps"}
_NOT_VERBS = {"the", "a", "an", "with", "in", "on", "our", "my", "their", "its", "his", "her", "teams", "team"}
_MAX_OBJECT_TOKENS = 10
PLACEHOLDER_VERB = "<verb>"
PLACEHOLDER_OBJECT = "<what>"


class _Opening:
    """The first 40 tokens of a span that are not white space, read from the Doc's token table as they are
    needed: a Token object per token would cost more than the rest of a finding (a long resume has one
    finding or more per bullet)."""

    __slots__ = ("table", "at")

    def __init__(self, span):
        self.table = table = token_table(span.doc)
        space = table.space
        self.at = [j for j in range(span.start, min(span.start + 40, span.end)) if not space[j]]

    def __len__(self) -> int:
        return len(self.at)

    def text(self, i: int) -> str:
        j = self.at[i]
        return self.table.text[self.table.starts[j] : self.table.ends[j]]

    def lower(self, i: int) -> str:
        return self.table.lowers[self.at[i]]

    def punct(self, i: int) -> bool:
        return bool(self.table.punct[self.at[i]])


def lead_phrase(span) -> tuple[str, str]:
    """(verb, object) of a bullet, as written; placeholders when the bullet has no clear opening verb."""
    tokens = _Opening(span)  # the opening is all it looks at
    n = len(tokens)
    i = 0
    while i < n and (tokens.lower(i) in _SKIP or tokens.lower(i).endswith("ly") or tokens.punct(i)):
        i += 1
    if i >= n or not tokens.text(i).isalpha():
        return PLACEHOLDER_VERB, PLACEHOLDER_OBJECT
    if tokens.lower(i) in _HELPERS:
        j = i + 2 if i + 2 < n and tokens.lower(i + 1) == "to" else i + 1
        if j < n and tokens.text(j).isalpha() and tokens.lower(j) not in _NOT_VERBS:
            i = j
    verb = tokens.text(i)
    verb = verb[0].upper() + verb[1:]
    i += 1
    if i + 1 < n and tokens.lower(i) == "and" and tokens.text(i + 1).isalpha():  # "Designed and ran"
        verb = f"{verb} and {tokens.text(i + 1)}"
        i += 2
    while i < n and tokens.lower(i) in _OPENERS:
        i += 1
    first = i  # the object is tokens[first:i]
    while i < n and i - first < _MAX_OBJECT_TOKENS:
        # "on-time", "difference-in-differences": a stop word inside a hyphenated compound is part of it
        in_compound = (i > 0 and tokens.text(i - 1) == "-") or (i + 1 < n and tokens.text(i + 1) == "-")
        text = tokens.text(i)
        if (tokens.lower(i) in _STOPS and not in_compound) or (tokens.punct(i) and text not in "-/&'’+%."):
            break
        if text == "." and i + 1 >= n:
            break
        i += 1
    while i > first and (tokens.lower(i - 1) in _DANGLING or tokens.punct(i - 1)):
        i -= 1
    if i == first:
        return verb, PLACEHOLDER_OBJECT
    table = tokens.table
    return verb, table.text[table.starts[tokens.at[first]] : table.ends[tokens.at[i - 1]]]
