"""mix: a document whose role signal is split so that no role reaches `max_top_share` of it. Signal here is
block votes (targeting.FULL_VOTE): at least `min_signal` blocks' worth, so a thin document is not judged."""

from ..schema import KindSchema, Number
from .base import anchor_hit

SCHEMA = KindSchema(required={"min_signal": Number(0.0, 1000.0), "max_top_share": Number(0.0, 1.0)})


def evaluate(rule, context):
    roles = context.roles
    signal = roles.votes
    leader = signal.leader(roles.profiles)
    if leader is None or signal.total < rule.params["min_signal"]:
        return
    shares = signal.shares(roles.profiles)
    if shares[leader] >= rule.params["max_top_share"]:
        return
    from ..roles import describe_shares

    yield anchor_hit(
        context,
        shares=describe_shares(shares, roles.profiles),
        leader=roles.label(leader),
        target=roles.label(roles.target),
    )
