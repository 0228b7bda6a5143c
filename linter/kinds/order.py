"""order: in a unit, the first match of `first` comes before any match of `before` (or there is none).
"Names a model before saying what it is for", within a sentence or across sentences."""

from ..matchers import MATCHER
from ..schema import KindSchema
from .base import span_hit

SCHEMA = KindSchema(required={"first": MATCHER, "before": MATCHER})


def evaluate(rule, context):
    first = context.matcher(rule, "first")
    before = context.matcher(rule, "before")
    for block, unit in context.units(rule):
        early = first.find(unit)
        if not early:
            continue
        framing = before.find(unit)
        start, end = early[0]
        if not framing or start < framing[0][0]:
            yield span_hit(block, unit, start, end)
