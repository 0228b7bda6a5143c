"""offrole: a unit whose role signal is another role's (at least `min_signal` of it, in at least `min_terms`
different terms) with at most `max_expected_terms` terms of the role expected of it (default none).

A bullet is expected to speak for the target role. An answer (scope `answer`) is expected to speak for the
role whose reviewers ask its kind of question, so an answer with no question is not judged: `expects` maps
each question kind the rule judges to that role and to how the message names the question, and
`reviewers` gives, per role, what its reviewers listen for and how to reframe the answer for them.
Answers under `min_words` words are not judged."""

from ..schema import Field, KindSchema, Number
from .base import opening_hit, unit_hit, words_in


def _check_table(value, key: str, checker, fields: tuple[str, str], what: str) -> None:
    """A mapping of names to entries that each hold exactly `fields`, all non-empty text."""
    if not isinstance(value, dict) or not value:
        checker.fail(key, f"must map {what}")
    named = " and ".join(f"'{f}'" for f in fields)
    for name, spec in value.items():
        if not isinstance(spec, dict) or set(spec) != set(fields):
            checker.fail(f"{key}.{name}", f"needs exactly {named}")
        if not all(isinstance(spec[k], str) and spec[k].strip() for k in spec):
            checker.fail(f"{key}.{name}", f"{named} must be non-empty text")


class _Expects(Field):
    """question kind -> {role, question}; every kind in the rule's `questions:` needs one."""

    def check(self, value, key, checker, refs) -> None:
        _check_table(
            value,
            key,
            checker,
            ("role", "question"),
            "each question kind to the role expected and how to name the question",
        )
        judged = checker.data.get("questions")
        if not isinstance(judged, list) or set(judged) != set(value):
            checker.fail(key, "must name exactly the question kinds listed in 'questions'")


class _Reviewers(Field):
    """role -> {listens_for, advice}: the texts the message and the suggestion take for that role."""

    def check(self, value, key, checker, refs) -> None:
        _check_table(
            value, key, checker, ("listens_for", "advice"), "each role to what its reviewers listen for and advice"
        )
        expected = {spec["role"] for spec in (checker.data.get("expects") or {}).values() if isinstance(spec, dict)}
        missing = sorted(expected - set(value))
        if missing:
            checker.fail(key, f"needs an entry for every role in 'expects' (missing: {', '.join(missing)})")


SCHEMA = KindSchema(
    required={"min_signal": Number(0.0, 1000.0)},
    optional={
        "min_terms": Number(1, 1000, whole=True),
        "max_expected_terms": Number(0, 1000, whole=True),
        "min_words": Number(0, 100000, whole=True),
        "expects": _Expects(),
        "reviewers": _Reviewers(),
    },
)


def evaluate(rule, context):
    if rule.scope == "answer":
        yield from _answers(rule, context)
    else:
        yield from _bullets(rule, context)


def off_role(signal, expected: str, names, params: dict) -> str | None:
    """The role, other than `expected`, that the signal speaks for: the strongest other one, when it has
    enough weight and different terms and the expected role has next to none."""
    if signal.distinct(expected) > params.get("max_expected_terms", 0):
        return None
    other = signal.leader([n for n in names if n != expected])
    if other is None or signal.score(other) < params["min_signal"]:
        return None
    return other if signal.distinct(other) >= params.get("min_terms", 1) else None


def _bullets(rule, context):
    roles = context.roles
    target = roles.target
    if target is None:
        return
    for view in context.views(rule):
        signal = roles.of(view.block)
        other = off_role(signal, target, roles.profiles, rule.params)
        if other is None:
            continue
        yield unit_hit(
            view.anchor,
            view.span,
            other=roles.label(other),
            target=roles.label(target),
            terms=", ".join(signal.top_terms(other, 3)),
        )


def _answers(rule, context):
    """Each answer is scored as a whole (its headings too): an answer's framing is spread over its
    sentences, and one term in one sentence says little."""
    roles, params = context.roles, rule.params
    expects, reviewers = params.get("expects", {}), params.get("reviewers", {})
    for unit, span in context.answer_units(rule):
        if unit.question is None:  # its kind is a default or read off the text itself: no one asked it
            continue
        expected = expects.get(unit.question_kind)
        if expected is None or expected["role"] not in roles.profiles or expected["role"] not in reviewers:
            continue  # a profile the user's rule folder dropped
        if words_in(span) < params.get("min_words", 0):
            continue
        signal = context.matchers.scorer.signal(span)
        other = off_role(signal, expected["role"], roles.profiles, params)
        if other is None:
            continue
        yield opening_hit(
            unit.block,
            span,
            question=expected["question"],
            other=roles.label(other),
            expected=roles.label(expected["role"]),
            terms=", ".join(signal.top_terms(other, 4)),
            listens_for=reviewers[expected["role"]]["listens_for"],
            advice=reviewers[expected["role"]]["advice"],
        )
