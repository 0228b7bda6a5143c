"""What rule kinds share: the parsed document they look at, its units by scope, and the Hit they yield."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from typing import Any

from ..budget import check_time, unbudgeted
from ..document import ANSWER, BULLET, HEADING, PARAGRAPH, Block, Document
from ..matchers import MATCHER, Matcher, compile_matcher
from ..phrases import lead_phrase
from ..schema import RuleError
from ..sections import NO_SECTION
from ..tokens import span_text, token_table

PROSE = (BULLET, PARAGRAPH, ANSWER)


@dataclass
class Hit:
    block: Block
    start: int  # character offsets in block.text
    end: int
    unit: str  # the text of the bullet, sentence or block that was judged
    fields: dict = field(default_factory=dict)  # values for the rule's message and suggestion templates
    span: object = None  # the judged span, for {verb} and {object}, worked out only when a template uses them


class MatcherCache:
    """Compiled matchers, one per rule key, and the role scorer, built once per pipeline and rule set.

    Threads share it. Each matcher is built once, under a lock: two threads building the same one would
    leave two objects, and results cached on a Doc by a matcher's id() could then be read back for another
    matcher given the id of the one dropped. Using a built matcher needs no lock: ours keep what they find
    on the Doc's token table (one Doc per thread), and spaCy's Matcher keeps a call's whole state in that
    call (its compiled patterns are only read)."""

    def __init__(self, nlp, ruleset):
        self.nlp = nlp
        self.ruleset = ruleset
        self._compiled: dict[tuple[str, str], Matcher] = {}
        self._scorer = None
        self._building = threading.Lock()

    def get(self, rule, key: str, spec: dict | None = None) -> Matcher:
        """The compiled matcher of rule.params[key] (or of `spec`, a matcher nested under that key)."""
        slot = (rule.code, key)
        matcher = self._compiled.get(slot)
        if matcher is None:
            with self._building:
                matcher = self._compiled.get(slot)
                if matcher is None:
                    with unbudgeted():
                        matcher = self._compiled[slot] = self._compile(rule, key, spec)
        return matcher

    def compile_all(self, rules) -> None:
        """Compile now every top-level matcher of these rules (nested ones stay lazy): before forking
        workers, so that each does not compile them again on its first files."""
        from . import schema

        for rule in rules:
            kind = schema(rule.kind)
            fields = {**kind.optional, **kind.required}
            for key, declared in fields.items():
                if declared is MATCHER and key in rule.params:
                    self.get(rule, key)

    def _compile(self, rule, key: str, spec: dict | None) -> Matcher:
        try:
            return compile_matcher(spec if spec is not None else rule.params[key], self.nlp, self.ruleset)
        except (ValueError, TypeError, re.error) as error:  # what spaCy alone can tell of a token pattern
            detail = " ".join(str(error).split())[:300]
            raise RuleError(f"{rule.source}: key '{key}': spaCy cannot use this matcher: {detail}") from None

    @property
    def scorer(self):
        if self._scorer is None:
            from ..roles import RoleScorer

            with self._building:
                if self._scorer is None:
                    self._scorer = RoleScorer(self.ruleset.profiles, self.nlp)
        return self._scorer


@dataclass(frozen=True)
class View:
    """A prose block as the rules see it: `span` covers its text in a parsed Doc, and `anchor` is the block
    whose text that Doc is made of (the block itself, or the answer it was parsed as part of), through
    which offsets in the Doc map back to the source."""

    block: Block
    span: object
    anchor: Block


@dataclass
class Context:
    document: Document
    parsed: list[View]  # every prose block
    kind: str
    role: str | None
    matchers: MatcherCache
    roles: object = None  # targeting.RoleAnalysis
    answers: list = field(default_factory=list)  # answers.AnswerUnit: the answers of an answer or write-up
    code: list = field(default_factory=list)  # a write-up's code blocks: part of the deliverable, not prose
    parse: Any = None  # parses blocks on demand (code is parsed only if a document rule looks at it)
    sections: Any = None  # the rule set's section vocabulary (sections.Vocabulary)
    job_matches: list = field(default_factory=list)  # jobmatch.JobMatch: the document against each posting
    _code_docs: dict | None = None
    _headings: list | None = None

    def units(self, rule):
        """(block, span) pairs a rule of this scope judges, restricted to the rule's sections; the block is
        the one whose text the span's offsets index."""
        if rule.scope == "answer":
            for unit, span in self.answer_units(rule):
                yield unit.block, span
            return
        if rule.scope == "document":
            yield from self.document_parts()
            return
        for view in self.views(rule):
            if rule.scope == "sentence":
                _ = token_table(view.span.doc).sent_start  # splits the Doc into sentences if it has not been yet
                for sentence in view.span.sents:
                    yield view.anchor, sentence
            else:
                yield view.anchor, view.span

    def document_parts(self):
        """A write-up as (block, span) parts: its prose, with its headings, then each code block."""
        if self.kind != "writeup" or not self.answers:
            return []
        if self._code_docs is None:
            self._code_docs = self.parse(self.code) if self.code else {}
        return [(unit.block, unit.doc[:]) for unit in self.answers] + [
            (block, self._code_docs[id(block)][:]) for block in self.code
        ]

    def heading_views(self) -> list[View]:
        """The document's headings, parsed the first time a heading-scope rule asks (most rule sets have
        none, and headings are never part of the prose Docs)."""
        if self._headings is None:
            headings = [b for b in self.document.blocks if b.type == HEADING and b.text.strip()]
            docs = self.parse(headings) if headings else {}
            self._headings = [View(b, docs[id(b)][:], b) for b in headings]
        return self._headings

    def views(self, rule):
        """The blocks a bullet-, sentence-, block- or heading-scope rule judges."""
        for view in self.heading_views() if rule.scope == "heading" else self.parsed:
            check_time()  # between blocks: the time budget of a thread no alarm signal reaches
            if rule.sections is not None and (view.block.section or NO_SECTION) not in rule.sections:
                continue
            if rule.scope != "bullet" or view.block.type == BULLET:
                yield view

    def answer_units(self, rule):
        """(answer unit, span) pairs for answer-scope rules, filtered by the kinds of question the rule
        judges (`questions:`; no question counts as an approach question)."""
        wanted = rule.questions
        for unit in self.answers:
            check_time()
            if wanted is None or unit.question_kind in wanted:
                yield unit, unit.doc[:]

    def matcher(self, rule, key: str, spec: dict | None = None) -> Matcher:
        return self.matchers.get(rule, key, spec)


def phrase_fields(span) -> dict:
    verb, obj = lead_phrase(span)
    return {"verb": verb, "object": obj}


def words_in(span) -> int:
    return token_table(span.doc).words(span.start, span.end)


def too_short(rule, unit) -> bool:
    """Whether a unit has fewer words than the rule's `min_words` (a rule without one judges every unit)."""
    return "min_words" in rule.params and words_in(unit) < rule.params["min_words"]


def span_hit(block: Block, unit, start: int, end: int, **fields) -> Hit:
    return Hit(block, start, end, span_text(unit), {"match": block.text[start:end], **fields}, unit)


def unit_hit(block: Block, unit, **fields) -> Hit:
    text = span_text(unit)
    return Hit(block, unit.start_char, unit.end_char, text, {"match": text, **fields}, unit)


def opening_hit(block: Block, unit, **fields) -> Hit:
    """A finding on how a unit opens: its first sentence, cut at the first block boundary so that a title
    or a heading never runs on into what follows it."""
    table = token_table(unit.doc)
    stop = next((i for i in range(unit.start + 1, unit.end) if table.sent_start[i]), unit.end)
    start_char = unit.start_char
    end = table.ends[stop - 1] if stop > unit.start else unit.end_char
    source_end = block.source_range(start_char)[1]  # the end of the source block the unit starts in
    if block.parts and source_end < end:
        end = source_end
    text = table.text[start_char:end].rstrip()
    return Hit(block, start_char, start_char + len(text), span_text(unit), {"match": text, **fields})


def anchor_hit(context: "Context", **fields) -> Hit:
    """A finding about the whole document, placed on the heading of the vocabulary's anchor section (a
    resume's Experience), or on its first block."""
    blocks = context.document.blocks
    section = context.sections.anchor if context.sections is not None else None
    anchor = next((b for b in blocks if section and b.type == HEADING and b.section == section.name), blocks[0])
    return Hit(anchor, 0, len(anchor.text), "", {"match": anchor.text, **fields})
