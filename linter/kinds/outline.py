"""outline: the sections a document of this kind should have, by role. `sections_known` maps each section
to its title and the words a heading may use for it ("Problem", "Objective", "Business question" are one
section); `expected` lists the sections per role (and `default`). One finding per missing section, on the
first heading; a document with fewer than two headings gets one finding that lists them all."""
import re

from ..document import HEADING
from .base import anchor_hit


def _heading_pattern(words) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b")


def evaluate(rule, context):
    known = rule.params["sections_known"]
    expected = rule.params["expected"].get(context.role or "", rule.params["expected"]["default"])
    headings = [b.text.lower() for b in context.document.blocks if b.type == HEADING]
    target = context.roles.label(context.role) if context.roles and context.role else "any"
    missing = [key for key in expected
               if not any(_heading_pattern(known[key]["words"]).search(h) for h in headings)]
    if not missing:
        return
    if len(headings) < 2:
        yield anchor_hit(context, missing=", ".join(known[k]["title"] for k in missing), target=target,
                         count=len(missing))
        return
    for key in missing:
        yield anchor_hit(context, missing=known[key]["title"], target=target, count=1)
