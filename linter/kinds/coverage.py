"""coverage: for each judged unit, which `aspects` (each a title and a matcher) it addresses. When some are
not addressed, one finding on the unit's opening whose message can list both (`{covered}`, `{uncovered}`)."""
from .base import opening_hit


def evaluate(rule, context):
    aspects = rule.params["aspects"]
    for block, unit in context.units(rule):
        covered, uncovered = [], []
        for key, aspect in aspects.items():
            matcher = context.matcher(rule, f"aspects.{key}", aspect["match"])
            (covered if matcher.present(unit) else uncovered).append(aspect["title"])
        if uncovered:
            yield opening_hit(block, unit, covered=", ".join(covered) or "none of them",
                              uncovered=", ".join(uncovered))
