"""length: a unit longer than `max_words` words."""
from .base import unit_hit


def evaluate(rule, context):
    limit = rule.params["max_words"]
    for block, unit in context.units(rule):
        words = sum(1 for t in unit if not (t.is_punct or t.is_space))
        if words > limit:
            yield unit_hit(block, unit, words=words, max_words=limit)
