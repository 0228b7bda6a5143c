"""gap: evidence groups a job description stresses (at least `min_job_signal` of weight) that the document
never shows. Core groups of the target role are left to the absence kind, so nothing is reported twice."""

from ..schema import KindSchema, Number
from .base import anchor_hit

SCHEMA = KindSchema(required={"min_job_signal": Number(0.0, 1000.0)})


def evaluate(rule, context):
    roles = context.roles
    job = roles.job
    if job is None:
        return
    for profile in roles.profiles.values():
        for group in profile.groups.values():
            key = (profile.name, group.key)
            if job.signal.groups.get(key, 0) < rule.params["min_job_signal"] or roles.document.groups.get(key, 0) > 0:
                continue
            if group.core and profile.name == roles.target:
                continue
            terms = [t for t in job.signal.top_terms(profile.name, 50) if t in group.terms or t in group.patterns][:4]
            yield anchor_hit(
                context,
                group=group.title,
                profile=profile.label,
                job_terms=", ".join(terms),
                group_suggestion=group.suggestion,
                evidence=group.evidence,
            )
