"""absence: each core evidence group of the target role with no signal anywhere in the document (which must
have at least `min_bullets` bullets to be judged). One finding per missing group."""

from ..document import BULLET
from ..schema import KindSchema, Number
from .base import anchor_hit

SCHEMA = KindSchema(required={"min_bullets": Number(0, 1000, whole=True)})


JOB_STRESS = 4.0  # job-description weight above which a group counts as stressed by the posting


def evaluate(rule, context):
    roles = context.roles
    profile = roles.profiles.get(roles.target)
    if profile is None or len(context.document.blocks_of(BULLET)) < rule.params["min_bullets"]:
        return
    for group in profile.groups.values():
        if not group.core or roles.document.groups.get((profile.name, group.key), 0) > 0:
            continue
        stressed = roles.job is not None and roles.job.signal.groups.get((profile.name, group.key), 0) >= JOB_STRESS
        yield anchor_hit(
            context,
            group=group.title,
            evidence=group.evidence,
            group_suggestion=group.suggestion,
            target=profile.label,
            stressed=" The job description stresses it too." if stressed else "",
        )
