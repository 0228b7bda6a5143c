"""unbacked: a unit that makes a claim (`claim`) without the evidence it needs (`evidence`) anywhere in the
same unit. One finding per unit, at its first claim."""

from ..matchers import MATCHER
from ..schema import KindSchema
from .base import span_hit

SCHEMA = KindSchema(required={"claim": MATCHER, "evidence": MATCHER})


def evaluate(rule, context):
    claim = context.matcher(rule, "claim")
    evidence = context.matcher(rule, "evidence")
    for block, unit in context.units(rule):
        claims = claim.find(unit)
        if claims and not evidence.present(unit):
            start, end = claims[0]
            yield span_hit(block, unit, start, end)
