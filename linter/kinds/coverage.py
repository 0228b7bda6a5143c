"""coverage: for each judged unit, which `aspects` (each a title and a matcher) it addresses. When some are
not addressed, one finding on the unit's opening whose message can list both (`{covered}`, `{uncovered}`)."""

from ..matchers import MATCHER
from ..schema import Field, KindSchema
from .base import opening_hit


class _Aspects(Field):
    def check(self, value, key, checker, refs) -> None:
        if not isinstance(value, dict) or not value:
            checker.fail(key, "must map each aspect to a title and a matcher")
        for name, aspect in value.items():
            if not isinstance(aspect, dict) or not isinstance(aspect.get("title"), str) or "match" not in aspect:
                checker.fail(f"{key}.{name}", "needs a 'title' and a 'match' matcher")
            MATCHER.check(aspect["match"], f"{key}.{name}.match", checker, refs)


SCHEMA = KindSchema(required={"aspects": _Aspects()})


def evaluate(rule, context):
    aspects = rule.params["aspects"]
    for block, unit in context.units(rule):
        covered, uncovered = [], []
        for key, aspect in aspects.items():
            matcher = context.matcher(rule, f"aspects.{key}", aspect["match"])
            (covered if matcher.present(unit) else uncovered).append(aspect["title"])
        if uncovered:
            yield opening_hit(block, unit, covered=", ".join(covered) or "none of them", uncovered=", ".join(uncovered))
