"""What a question asks for: its kind decides which answer rules judge the answer.

The kinds are data, one file each in a rule pack's questions/ folder (rules/questions/ for the built-in
ones): a name, an order, regular expressions over the lower-cased question (`patterns`; `asks`, of which
one must match too when given: what the question asks the candidate to do; `not_patterns`, which rule the
kind out), and `examples` the test suite classifies. Kinds are tried in their order and the first that
matches wins; a question no kind matches is "other", and the approach rules leave its answer alone. A
question in several parts (sub-questions on their own lines, or several question marks) takes the kind
most of its parts have, a tie going to the part that asks for something other than a definition: "Name
the approach. Why does it work? How would you tune it?" is a definitional question. An answer with no
question is judged by how it opens (`answer_patterns`), and otherwise takes the kind marked
`unasked: true`. Nothing here imports spaCy.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .regexes import Alternatives
from .schema import Checker, RuleError

OTHER = "other"  # a question that matches no kind
DEFINITIONAL = "definitional"  # the kind that loses a tie between the parts of a question
_OPENING = 300  # characters of an unasked answer that say what it is


@dataclass(frozen=True, eq=False)
class QuestionKind:
    name: str
    title: str
    description: str
    order: int
    patterns: tuple[str, ...]
    asks: tuple[str, ...]
    not_patterns: tuple[str, ...]
    answer_patterns: tuple[str, ...]
    examples: tuple[str, ...]
    unasked: bool
    source: str


@dataclass(frozen=True)
class Classified:
    kind: str
    cue: str | None  # the words that decided it, for --verbose and JSON; None when nothing matched


def parse_kind(path: str, data: dict, trusted: bool = False) -> QuestionKind:
    check = Checker(path, data, trusted)
    check.only(
        {
            "name",
            "title",
            "description",
            "order",
            "patterns",
            "asks",
            "not_patterns",
            "answer_patterns",
            "examples",
            "unasked",
        }
    )
    name = check.string("name")
    if not re.fullmatch(r"[a-z][a-z_]*", name) or name == OTHER:
        check.fail("name", f"must be lower-case letters and underscores, and not '{OTHER}' (got '{name}')")
    order = data.get("order")
    if not isinstance(order, int) or isinstance(order, bool):
        check.fail("order", "must be a whole number (kinds are tried from the lowest)")
    expressions = ("patterns", "asks", "not_patterns", "answer_patterns")
    lists = {key: check.strings(key, default=[]) for key in (*expressions, "examples")}
    for key in expressions:
        if lists[key]:
            check.regexes(key, lists[key])
    if not lists["patterns"]:
        check.fail("patterns", "a question kind needs at least one pattern")
    unasked = data.get("unasked", False)
    if not isinstance(unasked, bool):
        check.fail("unasked", "must be true or false")
    return QuestionKind(
        name,
        check.string("title"),
        " ".join(check.string("description").split()),
        order,
        tuple(lists["patterns"]),
        tuple(lists["asks"]),
        tuple(lists["not_patterns"]),
        tuple(lists["answer_patterns"]),
        tuple(lists["examples"]),
        unasked,
        path,
    )


class QuestionKinds:
    """Every question kind of the loaded rule packs, in the order they are tried."""

    def __init__(self, kinds: list[QuestionKind]):
        seen: dict[str, QuestionKind] = {}
        for kind in kinds:
            if kind.name in seen:
                raise RuleError(
                    f"{kind.source}: key 'name': question kind '{kind.name}' is already defined in "
                    f"{seen[kind.name].source}"
                )
            seen[kind.name] = kind
        self.kinds = tuple(sorted(kinds, key=lambda k: (k.order, k.name)))
        unasked = [k for k in self.kinds if k.unasked]
        if len(unasked) > 1:
            raise RuleError(
                f"{unasked[1].source}: key 'unasked': only one question kind may be the unasked one "
                f"({unasked[0].name} is)"
            )
        self.unasked = unasked[0].name if unasked else OTHER
        self._compiled: list[tuple] | None = None  # (name, patterns, asks, not_patterns, answer_patterns)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.kinds) + (OTHER,)

    def get(self, name: str) -> QuestionKind | None:
        return next((k for k in self.kinds if k.name == name), None)

    def _patterns(self):
        if self._compiled is None:  # compiled on first use: listing or explaining rules never classifies
            self._compiled = [
                (k.name, Alternatives(k.patterns), _maybe(k.asks), _maybe(k.not_patterns), _maybe(k.answer_patterns))
                for k in self.kinds
            ]
        return self._compiled

    def classify(self, question: str | None, answer: str = "") -> Classified:
        if question is None or not question.strip():
            opening = _normal(answer[:_OPENING])
            for name, *_, answers in self._patterns():
                found = answers.search(opening) if answers is not None else None
                if found:
                    return Classified(name, found.group(0).strip())
            return Classified(self.unasked, None)
        parts = [c for c in (self._one(part) for part in _parts(question)) if c.kind != OTHER]
        if len(parts) <= 1:
            return parts[0] if parts else self._one(_normal(question))
        votes = Counter(c.kind for c in parts)
        rank = {name: i for i, name in enumerate(self.names)}
        best = max(votes, key=lambda kind: (votes[kind], kind != DEFINITIONAL, -rank[kind]))
        return next(c for c in parts if c.kind == best)

    def _one(self, text: str) -> Classified:
        for name, pattern, asks, ruled_out, _ in self._patterns():
            found = pattern.search(text)
            if found and (asks is None or asks.search(text)) and not (ruled_out is not None and ruled_out.search(text)):
                return Classified(name, _whole_words(text, found))
        return Classified(OTHER, None)


def judged_questions(rule, kinds: QuestionKinds) -> str | None:
    """What `explain` and the rule pages say about the questions an answer rule judges, or None for a rule
    that judges no answers."""
    if rule.scope != "answer" or "answer" not in rule.documents:
        return None
    if rule.questions is None:
        return "answers to every kind of question"
    named = [f"{k.title} ({k.name})" for k in kinds.kinds if k.name in rule.questions]
    if OTHER in rule.questions:
        named.append(f"questions of no known kind ({OTHER})")
    left = [k.name for k in kinds.kinds if k.name not in rule.questions]
    text = "answers to " + ", ".join(named) + " questions"
    return text + (f"; silent on {', '.join(left)}" if left else "")


def _whole_words(text: str, found: re.Match) -> str:
    """The cue a pattern matched, run on to the end of its last word ("rank" of "ranking")."""
    end = found.end()
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[found.start() : end].strip()


def _maybe(patterns: tuple[str, ...]) -> Alternatives | None:
    return Alternatives(patterns) if patterns else None


_PART_BREAK = re.compile(r"\n|(?<=\?)")
_LIST_MARK = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")
_NOT_TEXT = ("<", "![", "$$", "|")  # markup, an image, a formula or a table row: no words to classify


def _parts(question: str) -> list[str]:
    """The sub-questions of a question: its lines, and the sentences that end in a question mark."""
    out = []
    for part in _PART_BREAK.split(question):
        part = _LIST_MARK.sub("", part).strip()
        if part and not part.startswith(_NOT_TEXT):
            out.append(_normal(part))
    return out


def _normal(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())
