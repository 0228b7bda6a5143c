"""jobmatch: what a job posting asks for that the resume does not show (linter/jobmatch.py), one finding
per posting: `status: missing` (required skills the resume never names), `skills-only` (required skills named
only in Skills or the Summary, a claim a reviewer will probe) or `years` (fewer years in the resume's
dates than the posting asks for). `at_most` names that many skills in the message; the rest are counted."""

from ..schema import KindSchema, Number, OneOf
from .base import anchor_hit

SCHEMA = KindSchema(
    required={"status": OneOf(("missing", "skills-only", "years"))},
    optional={"at_most": Number(1, 100, whole=True)},
)


def evaluate(rule, context):
    status = rule.params["status"]
    for job in context.job_matches:
        title = job.title or job.path
        if status == "years":
            if job.years_asked and job.years_shown is not None and job.years_shown < job.years_asked:
                yield anchor_hit(
                    context, title=title, posting=job.path, asked=job.years_asked, shown=f"{job.years_shown:g}"
                )
            continue
        names = [m.name for m in job.of("required", status)]
        if not names:
            continue
        at_most = int(rule.params.get("at_most", 6))
        shown = ", ".join(names[:at_most]) + (f" and {len(names) - at_most} more" if len(names) > at_most else "")
        yield anchor_hit(context, title=title, posting=job.path, skills=shown, count=len(names), first=names[0])
