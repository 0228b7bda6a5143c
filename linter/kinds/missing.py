"""missing: a unit of at least `min_words` words with no match of `need` anywhere in it. The finding sits
on the unit's opening sentence, where the missing thought would usually be announced."""
from ..matchers import token_table
from .base import opening_hit


def evaluate(rule, context):
    need = context.matcher(rule, "need")
    for block, unit in context.units(rule):
        words = token_table(unit.doc).words(unit.start, unit.end)
        if words < rule.params["min_words"] or need.present(unit):
            continue
        yield opening_hit(block, unit, words=words)
