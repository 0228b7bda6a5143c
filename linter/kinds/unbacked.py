"""unbacked: a unit that makes a claim (`claim`) without the evidence it needs (`evidence`) anywhere in the
same unit. One finding per unit, at its first claim. A unit of fewer than `min_words` words is not
judged (a one-line answer is judged whole, by the rule that says what it lacks)."""

from ..matchers import MATCHER
from ..schema import KindSchema, Number
from .base import span_hit, too_short

SCHEMA = KindSchema(
    required={"claim": MATCHER, "evidence": MATCHER}, optional={"min_words": Number(1, 10000, whole=True)}
)


def evaluate(rule, context):
    claim = context.matcher(rule, "claim")
    evidence = context.matcher(rule, "evidence")
    for block, unit in context.units(rule):
        if too_short(rule, unit):
            continue
        claims = claim.find(unit)
        if claims and not evidence.present(unit):
            start, end = claims[0]
            yield span_hit(block, unit, start, end)
