"""RL312 off-role-answer: an answer written in the other role's terms than its question's reviewers expect.
The role comes from the kind of question; the finding sits on the answer's opening, one per answer."""

import pathlib

import pytest
import yaml

import linter
from linter.ruleset import RuleError, load_ruleset
from tests.conftest import write

RULE = pathlib.Path(__file__).resolve().parent.parent / "rules" / "answers" / "RL312-off-role-answer.yaml"

# A design question answered with product analytics only: metrics, a test, stakeholders.
DS_DESIGN = (
    "I would start from the business question with the lending team and agree on a success metric, the "
    "default rate of approved loans, with approval volume as a guardrail metric.\n\n"
    "The new scorecard would be compared with the old one in an A/B test, with a control group kept on the "
    "current policy, and I would check statistical significance before I present the findings to "
    "stakeholders with a recommendation."
)
# An experiment question answered with infrastructure only.
MLE_EXPERIMENT = (
    "The new recommender goes out as its own inference service in Kubernetes, and a feature flag sends part "
    "of production traffic to it. Requests and predictions are written to Kafka, Prometheus scrapes p99 "
    "latency and error counts, and an alert pages the on-call engineer so that we can roll back quickly "
    "when the service misbehaves."
)


def _qa(*pairs) -> str:
    return "\n\n".join(f"Q: {q}\nA: {a}" for q, a in pairs) + "\n"


def _rl312(text: str, role: str = "auto", fmt: str = "md"):
    findings = linter.lint_text(text, fmt=fmt, kind="answer", role=role, select=("RL312",))
    return [f for f in findings if f.code == "RL312"]


def test_design_question_answered_in_ds_terms_is_reported_at_the_answer_opening():
    text = _qa(
        ("What is a feature store?", "A place that keeps features for training and serving."),
        ("Design a credit scoring system for small loans.", DS_DESIGN),
    )
    (finding,) = _rl312(text)
    assert (finding.line, finding.column) == (5, 4)  # after "A: " on the second answer's first line
    assert finding.excerpt.startswith("I would start from the business question")
    assert "ML system design question" in finding.message
    assert "DS terms" in finding.message and "MLE framing" in finding.message


def test_experiment_question_answered_in_mle_terms_is_reported():
    text = _qa(("How would you set up an A/B test for a new article recommender?", MLE_EXPERIMENT))
    (finding,) = _rl312(text)
    assert (finding.line, finding.column) == (2, 4)
    assert "MLE terms" in finding.message and "DS framing" in finding.message
    assert "hypothesis" in finding.suggestion


def test_metric_question_answered_in_mle_terms_is_reported():
    text = _qa(("How would you measure the success of a new playlist feature?", MLE_EXPERIMENT))
    (finding,) = _rl312(text)
    assert "a metric or product question" in finding.message


@pytest.mark.parametrize("role", ["ds", "mle", "auto"])
def test_the_suggestion_follows_the_question_not_the_target_role(role):
    (finding,) = _rl312(_qa(("Design a credit scoring system for small loans.", DS_DESIGN)), role=role)
    assert "latency budget" in finding.suggestion and "hypothesis" not in finding.suggestion


def test_an_answer_over_several_paragraphs_gives_one_finding():
    assert "\n\n" in DS_DESIGN
    assert len(_rl312(_qa(("Design a credit scoring system for small loans.", DS_DESIGN)))) == 1


def test_jsonl_answers_are_reported_on_their_record_line():
    import json

    records = [
        {"question": "What is a p-value?", "answer": "The chance of data at least this extreme under the null."},
        {"question": "Design a credit scoring system for small loans.", "answer": DS_DESIGN},
    ]
    text = "\n".join(json.dumps(r) for r in records) + "\n"
    (finding,) = _rl312(text, fmt="jsonl")
    assert finding.line == 2


@pytest.mark.parametrize(
    "question, answer",
    [
        # the expected role's terms are there too: two MLE terms are enough to stay silent
        ("Design a credit scoring system for small loans.", DS_DESIGN + " It is deployed with drift monitoring."),
        # too short to judge
        (
            "Design a credit scoring system for small loans.",
            "Agree a success metric, run an A/B test, tell stakeholders.",
        ),
        # two words of test design in the question's role (rules/roles/ds.yaml) keep an engineering answer silent
        (
            "How would you set up an A/B test for a new article recommender?",
            MLE_EXPERIMENT + " We read the primary metric once the planned sample size is reached.",
        ),
        # an applied ML problem expects no one role (RL307 judges an engineering answer that stops at the model)
        ("How would you predict churn for a music subscription?", MLE_EXPERIMENT),
        ("How would you predict churn for a music subscription?", DS_DESIGN),
        # a definitional question is not judged
        ("What is an A/B test?", MLE_EXPERIMENT),
        # the answer speaks for the role the question expects
        ("Design a news recommender.", MLE_EXPERIMENT),
    ],
)
def test_silent(question, answer):
    assert _rl312(_qa((question, answer))) == []


def test_an_answer_with_no_question_is_not_judged():
    """Its kind is a default, not what an interviewer asked: judging it against a role would be a guess."""
    assert _rl312(DS_DESIGN + "\n") == []
    assert _rl312(MLE_EXPERIMENT + "\n") == []


def _rule_variant(tmp_path, **changes):
    data = yaml.safe_load(RULE.read_text(encoding="utf-8"))
    data.update(code="XY312", name="off-role-variant", **changes)
    write(tmp_path, "variant.yaml", yaml.safe_dump(data))
    load_ruleset.cache_clear()
    try:
        return load_ruleset((str(tmp_path),))
    finally:
        load_ruleset.cache_clear()


def test_a_copy_of_the_rule_loads_as_a_user_rule(tmp_path):
    assert _rule_variant(tmp_path).get("XY312").kind == "offrole"


def test_expects_must_name_the_question_kinds_the_rule_judges(tmp_path):
    with pytest.raises(RuleError) as error:
        _rule_variant(tmp_path, questions=["design"])
    assert "expects" in str(error.value)


def test_every_expected_role_needs_reviewer_texts(tmp_path):
    data = yaml.safe_load(RULE.read_text(encoding="utf-8"))
    with pytest.raises(RuleError) as error:
        _rule_variant(tmp_path, reviewers={"mle": data["reviewers"]["mle"]})
    assert "reviewers" in str(error.value) and "ds" in str(error.value)
