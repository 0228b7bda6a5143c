"""order: in a unit, the first match of `first` comes before any match of `before` (or there is none).
"Names a model before saying what it is for", within a sentence or across sentences.

Options: `says` fills the message's {says}; a unit of fewer than `short_words` words says `short_says`
instead (a one-line answer that names a model has skipped the framing and everything after it, and one
finding says so); `skip_question_terms` passes over a match of `first` that the answer's question itself
names (asked about ARIMA, an answer that starts from ARIMA has not jumped to it)."""

from ..matchers import MATCHER
from ..schema import Flag, KindSchema, Number, Text
from .base import span_hit, words_in

SCHEMA = KindSchema(
    required={"first": MATCHER, "before": MATCHER},
    optional={
        "says": Text(),
        "short_words": Number(1, 10000, whole=True),
        "short_says": Text(),
        "skip_question_terms": Flag(),
    },
)


def evaluate(rule, context):
    first = context.matcher(rule, "first")
    before = context.matcher(rule, "before")
    params = rule.params
    for block, unit, question in _units(rule, context):
        early = first.find(unit)
        if question and params.get("skip_question_terms"):
            text = block.text
            early = [(s, e) for s, e in early if text[s:e].lower() not in question]
        if not early:
            continue
        framing = before.find(unit)
        start, end = early[0]
        if not framing or start < framing[0][0]:
            short = "short_words" in params and words_in(unit) < params["short_words"]
            says = params.get("short_says" if short else "says", "")
            yield span_hit(block, unit, start, end, says=says)


def _units(rule, context):
    """(block, span, lower-cased question or None): answer units carry their question."""
    if rule.scope == "answer":
        for answer, span in context.answer_units(rule):
            yield answer.block, span, answer.question.lower() if answer.question else None
    else:
        for block, span in context.units(rule):
            yield block, span, None
