"""length: a unit longer than `max_words` words."""

from ..schema import KindSchema, Number
from ..tokens import token_table
from .base import unit_hit

SCHEMA = KindSchema(required={"max_words": Number(1, 10000, whole=True)})


def evaluate(rule, context):
    limit = rule.params["max_words"]
    for block, unit in context.units(rule):
        words = token_table(unit.doc).words(unit.start, unit.end)
        if words > limit:
            yield unit_hit(block, unit, words=words, max_words=limit)
