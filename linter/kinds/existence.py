"""existence: every match of `match` in a unit is a finding, unless `unless` matches in the same unit.
With `once: true`, only the first match in each unit."""

from ..matchers import MATCHER
from ..schema import Flag, KindSchema
from .base import span_hit

SCHEMA = KindSchema(required={"match": MATCHER}, optional={"unless": MATCHER, "once": Flag()})


def evaluate(rule, context):
    match = context.matcher(rule, "match")
    unless = context.matcher(rule, "unless") if "unless" in rule.params else None
    once = rule.params.get("once", False)
    for block, unit in context.units(rule):
        spans = match.find(unit)
        if not spans or (unless is not None and unless.present(unit)):
            continue
        for start, end in spans[:1] if once else spans:
            yield span_hit(block, unit, start, end)
