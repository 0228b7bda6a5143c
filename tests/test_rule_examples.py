"""Every rule's own examples, run as tests: a failing example must give a finding of its rule (at the words
named by `match`), a passing example none. A rule without examples cannot even be loaded."""

import pytest

from linter.examples import run_example
from linter.problems import OF_THE_RUN
from linter.ruleset import load_ruleset

RULES = load_ruleset().rules
CASES = [(rule, "fail", ex) for rule in RULES for ex in rule.failing] + [
    (rule, "pass", ex) for rule in RULES for ex in rule.passing
]


def _id(case):
    rule, outcome, example = case
    return f"{rule.code}-{outcome}-{(example.file or example.text)[:40]}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_rule_example(case):
    rule, outcome, example = case
    found = run_example(rule, example)
    if outcome == "fail":
        assert found, f"{rule.code} should flag: {example.file or example.text}"
        if example.match:
            assert example.match in [f.matched for f in found]
    else:
        assert not found, f"{rule.code} should not flag: {example.text or example.file}: {found[0].message}"


def test_every_rule_has_failing_and_passing_examples():
    """Only a problem of the run (a worker process killed), which no file can show, has no failing example."""
    for rule in RULES:
        assert rule.failing or rule.params.get("problem") in OF_THE_RUN, rule.code
        assert rule.passing, rule.code


def test_resume_rules_cover_the_catalogue():
    codes = {r.code for r in RULES}
    assert {f"RL10{i}" for i in range(1, 9)} <= codes


def test_every_rule_suggestion_uses_placeholders_not_numbers():
    """Suggestions must never invent figures: placeholders in <angle brackets> stand for the candidate's facts."""
    import re

    for rule in RULES:
        if rule.kind == "input":
            continue
        for role, text in rule.suggestion.items():
            assert not re.search(r"\d", text.replace("p95", "").replace("30-day", "")), (rule.code, role, text)
