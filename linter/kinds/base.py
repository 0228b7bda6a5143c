"""What rule kinds share: the parsed document they look at, its units by scope, and the Hit they yield."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..document import ANSWER, BULLET, PARAGRAPH, Block, Document
from ..matchers import Matcher, compile_matcher

PROSE = (BULLET, PARAGRAPH, ANSWER)
NO_SECTION = "none"  # how rule files name the part of a document before its first heading


@dataclass
class Hit:
    block: Block
    start: int  # character offsets in block.text
    end: int
    unit: str  # the text of the bullet, sentence or block that was judged
    fields: dict = field(default_factory=dict)  # values for the rule's message and suggestion templates


class MatcherCache:
    """Compiled matchers, one per rule key, built once per pipeline."""

    def __init__(self, nlp, lexicons):
        self.nlp = nlp
        self.lexicons = lexicons
        self._compiled: dict[tuple[str, str], Matcher] = {}

    def get(self, rule, key: str) -> Matcher:
        slot = (rule.code, key)
        if slot not in self._compiled:
            self._compiled[slot] = compile_matcher(rule.params[key], self.nlp, self.lexicons)
        return self._compiled[slot]


@dataclass
class Context:
    document: Document
    parsed: list[tuple[Block, object]]  # each prose block with its spaCy Doc
    kind: str
    role: str | None
    matchers: MatcherCache

    def units(self, rule):
        """(block, span) pairs a rule of this scope judges, restricted to the rule's sections."""
        for block, doc in self.parsed:
            if rule.sections is not None and (block.section or NO_SECTION) not in rule.sections:
                continue
            if rule.scope == "bullet":
                if block.type == BULLET:
                    yield block, doc[:]
            elif rule.scope == "sentence":
                for sentence in doc.sents:
                    yield block, sentence
            elif rule.scope == "block":
                yield block, doc[:]

    def matcher(self, rule, key: str) -> Matcher:
        return self.matchers.get(rule, key)


def span_hit(block: Block, unit, start: int, end: int, **fields) -> Hit:
    return Hit(block, start, end, unit.text, {"match": block.text[start:end], **fields})


def unit_hit(block: Block, unit, **fields) -> Hit:
    return Hit(block, unit.start_char, unit.end_char, unit.text, {"match": unit.text, **fields})
