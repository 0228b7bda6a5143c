"""Resume wording rules (RL101-RL107) on the shapes real resumes take, and the matcher features they rely on
(issue 13). Every text here is written for this test; the rules' own YAML examples cover each pattern one
bullet at a time, these cover whole documents and the engine pieces."""

import pytest

from linter.api import lint_text
from linter.matchers import compile_matcher, validate_matcher
from linter.nlp import get_nlp
from linter.ruleset import load_ruleset
from linter.schema import RuleError


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


@pytest.fixture(scope="module")
def ruleset():
    return load_ruleset()


def _found(spec, text, nlp, ruleset):
    doc = nlp(text)
    return [text[s:e] for s, e in compile_matcher(spec, nlp, ruleset).find(doc[:])]


def _wording(text: str, role: str = "ds"):
    return [(f.line, f.code, f.matched) for f in lint_text(text, kind="resume", role=role, fmt="txt", select=("RL1",))]


def test_all_matcher_needs_every_part(nlp, ruleset):
    spec = {"all": [{"terms": ["cut"]}, {"regex": r"\d+%"}]}
    assert _found(spec, "Cut spend 18% in a year.", nlp, ruleset) == ["Cut", "18%"]
    assert _found(spec, "Cut spend in a year.", nlp, ruleset) == []
    assert _found(spec, "Spend fell 18% in a year.", nlp, ruleset) == []


def test_regex_hit_group_reports_only_the_group(nlp, ruleset):
    spec = {"regex": r"^By [^,]+, (?P<hit>\w+ were \w+ed)"}
    assert _found(spec, "By pooling logs, alerts were routed to one queue.", nlp, ruleset) == ["alerts were routed"]
    # without the group the whole match is reported
    assert _found({"regex": r"were \w+ed"}, "Alerts were routed.", nlp, ruleset) == ["were routed"]


def test_not_after_present_skips_general_statements_only(nlp, ruleset):
    spec = {"terms": ["drive", "increase"], "not_after_present": ["that", "which"]}
    assert _found(spec, "Mapped the habits that drive repeat visits.", nlp, ruleset) == []
    assert _found(spec, "Listed which store layouts increase basket size.", nlp, ruleset) == []
    assert _found(spec, "Shipped a nudge that drove repeat visits.", nlp, ruleset) == ["drove"]
    assert _found(spec, "Ran offers to drive repeat visits.", nlp, ruleset) == ["drive"]


def test_any_matcher_reports_overlapping_matches_once(nlp, ruleset):
    spec = {"any": [{"terms": ["chip in"]}, {"terms": ["chip"]}, {"regex": "^Chip"}]}
    assert _found(spec, "Chip in on the weekly report.", nlp, ruleset) == ["Chip in"]


@pytest.mark.parametrize(
    "spec, problem",
    [
        ({"all": []}, "must be a list of matchers"),
        ({"all": [{"bogus": 1}]}, "unknown matcher key"),
        ({"terms": ["x"], "not_after_present": "that"}, "must be a list of words"),
    ],
)
def test_new_matcher_keys_are_validated(spec, problem):
    with pytest.raises(RuleError, match=problem):
        validate_matcher(spec, "rule.yaml", "match", None, None)


RESUME = """\
Jo Example
Data Scientist

Experience
- Helped build the demand forecast for the bakery chain.
- Automated invoice checks with Python, saving 30 hours a month.
- Shortened the model release cycle from weeks to days.
- Studied the habits that drive repeat visits to the app.
- Orchestrated various tools (Airflow, dbt, Great Expectations) for the nightly load.
- Built multiple dashboards for the store managers.
- Languages: Python, SQL, R, Scala
- Forecasts built and shipped on a shared GPU cluster for the planners.
- Presented the Ask Me Anything bot to the HR team.
- Responsible for a $1M cloud budget; cut spend 12% in a year.
"""


def test_a_resume_of_real_shapes_gets_only_the_right_findings():
    found = _wording(RESUME)
    assert (5, "RL103", "Helped") in found
    assert (10, "RL102", "multiple") in found
    assert (12, "RL107", "Forecasts built") in found
    # words for a figure, a general statement, named items, a skills line, a name, a duty with its result
    quiet = {6, 7, 8, 9, 11, 13, 14}
    assert not [f for f in found if f[0] in quiet], found
    # one finding per span, even where two lexicons agree
    assert len(found) == len(set(found))


def test_anchored_patterns_are_tried_once_and_others_everywhere(nlp, ruleset):
    from linter.regexes import anchored

    assert anchored(r"^\W*(?:Mentor|Perform)\b")
    assert not anchored(r"^\s*My\b|(?<=[.!?;:] )My\b")  # the second branch may match anywhere
    assert not anchored(r"(?i)^mentor")
    text = "Shipped the model. My part was the feature store."
    assert _found({"regex": r"^\s*My\b|(?<=[.!?;:] )My\b", "case": "exact"}, text, nlp, ruleset) == ["My"]
    assert _found({"regex": r"^\W*Shipped\b"}, text, nlp, ruleset) == ["Shipped"]


def test_alternatives_find_a_match_where_the_combined_patterns_do():
    """Question kinds search anchored patterns once, at the start, and the others everywhere: a search
    must succeed exactly where the one combined expression does, with the leftmost match."""
    from linter.regexes import Alternatives, combine

    patterns = [r"^\W*what is\b", r"\bdifference between\b", r"^how (?:do|does)\b|\bwalk me through\b"]
    for text in (
        "what is bagging?",
        "so, what is bagging?",
        "the difference between l1 and l2",
        "walk me through it",
        "how do you test it",
        "nothing here",
        "and how do you test",
    ):
        one, split = combine(patterns).search(text), Alternatives(patterns).search(text)
        assert (one is None) == (split is None), text
        assert one is None or one.span() == split.span(), text


def test_a_leading_term_matcher_finds_what_the_whole_unit_would(nlp, ruleset):
    """within_first reads only the unit's first tokens: the answer must be the one a full read gives."""
    from linter.matchers import LeadingMatcher

    spec = {"terms": ["work with", "work closely with", "part of"], "not_before": ["speech"]}
    texts = [
        "Worked closely with the pricing team on elasticity.",
        "Part of speech tagging for the search index, part of the rebuild.",
        "Later worked with two analysts on the forecast for stores.",
        "Work with",
    ]
    for text in texts:
        doc = nlp(text)
        inner = compile_matcher(spec, nlp, ruleset)
        for n in (1, 2, 3):
            span = doc[:]
            limit = span[n].idx if len(span) > n else span.end_char
            expected = [s for s in inner.find(span) if s[0] < limit]
            assert LeadingMatcher(inner, n).find(span) == expected, (text, n)
