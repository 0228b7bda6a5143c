"""density: a unit whose words are mostly matches of `match` (at least `min_count` different ones, making up
at least `min_share` of its content words), unless `unless` matches. Finds lists posing as sentences. A
unit of fewer than `min_words` words is not judged."""

import bisect

from ..matchers import MATCHER
from ..schema import KindSchema, Number
from ..tokens import token_table
from .base import too_short, unit_hit

SCHEMA = KindSchema(
    required={"match": MATCHER, "min_count": Number(1, 1000, whole=True), "min_share": Number(0.0, 1.0)},
    optional={"unless": MATCHER, "min_words": Number(1, 10000, whole=True)},
)


def evaluate(rule, context):
    match = context.matcher(rule, "match")
    unless = context.matcher(rule, "unless") if "unless" in rule.params else None
    min_count, min_share = rule.params["min_count"], rule.params["min_share"]
    for block, unit in context.units(rule):
        if too_short(rule, unit):
            continue
        spans = match.find(unit)
        text = token_table(unit.doc).text
        distinct = {text[s:e].lower() for s, e in spans}  # "Spark ... Spark" is one tool
        if len(distinct) < min_count or (unless is not None and unless.present(unit)):
            continue
        share = _share(token_table(unit.doc), unit, spans) if min_share > 0 else 1.0
        if share >= min_share:
            yield unit_hit(block, unit, count=len(distinct), share=f"{share:.0%}")


def _share(table, unit, spans) -> float:
    """The share of the unit's content words (not punctuation, white space or stop words) that the spans
    cover."""

    def content(i):
        return not (table.punct[i] or table.space[i] or table.stop[i])

    total = sum(1 for i in range(unit.start, unit.end) if content(i))
    covered = 0
    for start, end in spans:
        first = bisect.bisect_left(table.starts, start, unit.start, unit.end)
        last = bisect.bisect_left(table.starts, end, unit.start, unit.end)
        covered += sum(1 for i in range(first, last) if content(i))
    return covered / max(total, 1)
