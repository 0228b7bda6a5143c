"""density: a unit whose words are mostly matches of `match` (at least `min_count` different ones, making up
at least `min_share` of its content words), unless `unless` matches. Finds lists posing as sentences."""
from .base import unit_hit


def evaluate(rule, context):
    match = context.matcher(rule, "match")
    unless = context.matcher(rule, "unless") if "unless" in rule.params else None
    min_count, min_share = rule.params["min_count"], rule.params["min_share"]
    for block, unit in context.units(rule):
        spans = match.find(unit)
        distinct = {unit.doc.text[s:e].lower() for s, e in spans}  # "Spark ... Spark" is one tool
        if len(distinct) < min_count or (unless is not None and unless.present(unit)):
            continue
        content = [t for t in unit if not (t.is_punct or t.is_space or t.is_stop)]
        covered = [t for t in content if any(s <= t.idx < e for s, e in spans)]
        share = len(covered) / max(len(content), 1)
        if share >= min_share:
            yield unit_hit(block, unit, count=len(distinct), share=f"{share:.0%}")
