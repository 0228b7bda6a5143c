"""missing: a unit of at least `min_words` words with no match of `need` anywhere in it. The finding sits
on the unit's opening sentence, where the missing thought would usually be announced."""
from .base import opening_hit


def evaluate(rule, context):
    need = context.matcher(rule, "need")
    for block, unit in context.units(rule):
        words = sum(1 for t in unit if not (t.is_punct or t.is_space))
        if words < rule.params["min_words"] or need.present(unit):
            continue
        yield opening_hit(block, unit, words=words)
