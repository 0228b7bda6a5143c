"""offrole: a unit whose role signal is only another role's (at least `min_signal` of it), none of the
target's."""

from ..schema import KindSchema, Number
from .base import unit_hit

SCHEMA = KindSchema(required={"min_signal": Number(0.0, 1000.0)})


def evaluate(rule, context):
    roles = context.roles
    target = roles.target
    if target is None:
        return
    for view in context.views(rule):
        block, unit = view.anchor, view.span
        signal = roles.of(view.block)
        if signal.score(target) > 0:
            continue
        other = signal.leader([n for n in roles.profiles if n != target])
        if other is None or signal.score(other) < rule.params["min_signal"]:
            continue
        yield unit_hit(
            block,
            unit,
            other=roles.label(other),
            target=roles.label(target),
            terms=", ".join(signal.top_terms(other, 3)),
        )
