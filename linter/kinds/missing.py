"""missing: a unit of at least `min_words` (and, when given, fewer than `max_words`) words with no match of
`need` anywhere in it. The finding sits
on the unit's opening sentence, where the missing thought would usually be announced. At document scope
the unit is the whole write-up: its prose and its code blocks together (a `pip install` block is evidence
that the work can be rerun)."""

from ..matchers import MATCHER
from ..schema import KindSchema, Number
from .base import opening_hit, words_in

SCHEMA = KindSchema(
    required={"need": MATCHER, "min_words": Number(0, 100000, whole=True)},
    optional={"max_words": Number(1, 100000, whole=True)},
)


def evaluate(rule, context):
    need = context.matcher(rule, "need")
    units = list(context.units(rule))
    groups = [units] if rule.scope == "document" and units else [[unit] for unit in units]
    for group in groups:
        words = sum(words_in(span) for _, span in group)
        if words < rule.params["min_words"] or words >= rule.params.get("max_words", words + 1):
            continue
        if any(need.present(span) for _, span in group):
            continue
        block, span = group[0]
        yield opening_hit(block, span, words=words)
