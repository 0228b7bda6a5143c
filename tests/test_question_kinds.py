"""Question kinds: the data in rules/questions/ classifies questions, and the kind decides which answer
rules judge an answer. Every kind's own examples are classified here; the cases below are ours."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.questions import OTHER, QuestionKinds, parse_kind
from linter.ruleset import load_ruleset
from linter.schema import RuleError
from tests.conftest import write

KINDS = load_ruleset(use_cache=False).questions


def _examples():
    return [
        pytest.param(kind.name, text, id=f"{kind.name}: {text[:40]}") for kind in KINDS.kinds for text in kind.examples
    ]


def test_every_kind_the_issue_names_is_data():
    assert {
        "definitional",
        "technique",
        "ml_problem",
        "design",
        "experiment",
        "metric",
        "communication",
        "behavioural",
    } <= set(KINDS.names)
    assert all(kind.examples for kind in KINDS.kinds)


@pytest.mark.parametrize("kind,question", _examples())
def test_each_kind_classifies_its_own_examples(kind, question):
    assert KINDS.classify(question).kind == kind


@pytest.mark.parametrize(
    "question,kind",
    [
        ("How would you detect fraud in card payments?", "ml_problem"),
        ("Walk me through how you would build a model to price used cars.", "ml_problem"),
        ("How would you decide which users get a discount code?", "ml_problem"),
        ("Which model would you choose for short texts with bag-of-words features?", "technique"),
        ("How do you handle missing values in a sensor feed?", "technique"),
        ("How would you prepare the data for a model that predicts late payments?", "technique"),
        ("How do you forecast with a regression that has ARIMA errors?", "technique"),
        ("Design a recommendation system for a news site.", "design"),
        ("Design an experiment to test whether free shipping raises basket size.", "experiment"),
        ("How would you run an A/B test with twelve variants of a banner?", "experiment"),
        ("Explain the idea of statistical power.", "definitional"),
        ("What is regularization?", "definitional"),
        ("What's the difference between L1 and L2?", "definitional"),
        ("Gradient boosting", "definitional"),
        ("How do you test for independence of two categorical variables?", "definitional"),
        ("A die is rolled twice. What is the probability that both rolls are even?", "definitional"),
        ("How would you measure the success of a saved-searches feature?", "metric"),
        ("Sign-ups dropped by 12% this week. How would you investigate?", "metric"),
        ("Explain a p-value to a product manager.", "communication"),
        ("Tell me about a time you disagreed with your manager.", "behavioural"),
        ("How do you prioritise competing requests?", "behavioural"),
        ("Design search ranking for a recipe site.", "design"),
        ("How would you build a spam filter for a forum?", "ml_problem"),
        ("Your director asks you to forecast next quarter's demand. Walk me through your approach.", "ml_problem"),
        ("We want to cut chargeback losses. What would you do?", "ml_problem"),
        ("How would you decide whether to launch the new checkout?", "metric"),
        ("How would you grow weekly bookings for a ferry operator?", "metric"),
        ("How does gradient boosting work?", "definitional"),
        ("Which clustering methods do you know?", "definitional"),
        ("If we have a wide and a deep network with the same parameters, which one is more expressive?", OTHER),
    ],
)
def test_question_kinds(question, kind):
    assert KINDS.classify(question).kind == kind


def test_a_question_in_parts_takes_the_kind_most_parts_have():
    question = "Bagging.\n1. What is it?\n2. Why does it reduce variance?\n3. How would you tune it?"
    assert KINDS.classify(question).kind == "definitional"


def test_a_tie_between_parts_goes_to_the_part_that_asks_for_more_than_a_definition():
    question = "Describe the membership data a gym chain keeps.\nHow would you approach the problem of its churn?"
    assert KINDS.classify(question).kind == "ml_problem"


def test_markup_lines_of_a_question_are_not_parts():
    question = "Name the method shown below.\n<img src='cv.png'>\n![figure](cv.png)"
    assert KINDS.classify(question).kind == "definitional"


@pytest.mark.parametrize(
    "answer,kind",
    [
        ("Dropout is a technique that switches off random units while a network trains.", "definitional"),
        ("At my last job the dashboards broke every Monday, so I rebuilt the pipeline.", "behavioural"),
        ("I'd start from the decision the forecast feeds and the cost of each error.", "ml_problem"),
        ("The model is trained nightly on the newest orders.", "ml_problem"),
    ],
)
def test_an_answer_with_no_question_is_judged_by_how_it_opens(answer, kind):
    assert KINDS.classify(None, answer).kind == kind


def test_the_cue_is_whole_words():
    assert KINDS.classify("How would you ship a new ranking model?").cue == "how would you ship a new ranking"


def _check(tmp_path, text: str, name: str = "qa.md", *args: str):
    path = write(tmp_path, name, text)
    return CliRunner().invoke(main, ["check", path, "--no-config", "--kind", "answer", "--fail-on", "never", *args])


QA = (
    "Q: What is the difference between bagging and boosting?\n\n"
    "A: Bagging trains many trees on resamples and averages them; boosting fits each new tree to the errors so far, "
    "so I would use XGBoost and report accuracy.\n\n"
    "Q: How would you predict which drivers will leave the platform next quarter?\n\n"
    "A: I'd train XGBoost on the trip logs and tune it with a grid search until the validation score is as high as it "
    "gets, then send the list of drivers to the operations team every Monday so they can call the ones at the top.\n"
)


def test_json_gives_each_answer_its_question_kind(tmp_path):
    result = _check(tmp_path, QA, "qa.md", "--format", "json", "--role", "ds")
    answers = json.loads(result.output)["files"][0]["answers"]
    assert [(a["line"], a["question_kind"]) for a in answers] == [(1, "definitional"), (5, "ml_problem")]
    assert answers[1]["question"].startswith("How would you predict") and answers[1]["cue"].startswith(
        "how would you predict"
    )


def test_the_kind_decides_which_rules_judge_the_answer(tmp_path):
    result = _check(tmp_path, QA, "qa.md", "--format", "json", "--role", "ds")
    findings = json.loads(result.output)["files"][0]["findings"]
    assert {f["line"] for f in findings if f["code"].startswith("RL30")} == {7}  # none on the definitional answer


def test_verbose_says_each_question_kind(tmp_path):
    result = _check(tmp_path, QA, "qa.md", "--verbose", "--role", "ds")
    assert "qa.md:1: question kind: definitional ('what is')" in result.output
    assert "qa.md:5: question kind: ml_problem ('how would you predict')" in result.output


def test_verbose_says_how_an_unasked_answer_was_judged(tmp_path):
    result = _check(
        tmp_path, "Dropout is a technique that switches off random units while a network trains.\n", "a.md", "--verbose"
    )
    assert "a.md:1: no question: judged as definitional (from how it opens ('dropout is a technique'))" in result.output


def test_explain_says_which_question_kinds_a_rule_judges():
    out = " ".join(CliRunner().invoke(main, ["explain", "RL304"]).output.split())  # as wrapped on screen
    assert "Judges answers to ML system design (design), applied ML problem (ml_problem) questions" in out
    assert "silent on behavioural, communication, definitional" in out
    assert "Judges answers to every kind of question." in CliRunner().invoke(main, ["explain", "RL310"]).output


def test_a_rule_pack_can_add_a_question_kind(tmp_path):
    pack = tmp_path / "pack"
    (pack / "questions").mkdir(parents=True)
    (pack / "questions" / "sql.yaml").write_text(
        "name: sql\ntitle: SQL exercise\norder: 5\ndescription: Write a query.\n"
        "patterns: ['\\bwrite a (?:sql )?query\\b']\n"
        "examples: [Write a query that returns the top customers.]\n"
    )
    kinds = load_ruleset((str(pack),), use_cache=False).questions
    assert kinds.classify("Write a query that counts orders per day.").kind == "sql"
    assert "sql" in kinds.names


@pytest.mark.parametrize(
    "data,problem",
    [
        ({"name": "x", "title": "X", "order": 1, "description": "d"}, "key 'patterns'"),
        ({"name": "x", "title": "X", "order": "first", "description": "d", "patterns": ["a"]}, "key 'order'"),
        ({"name": "other", "title": "X", "order": 1, "description": "d", "patterns": ["a"]}, "key 'name'"),
        ({"name": "x", "title": "X", "order": 1, "description": "d", "patterns": ["(unclosed"]}, "key 'patterns'"),
        (
            {"name": "x", "title": "X", "order": 1, "description": "d", "patterns": ["a"], "colour": "red"},
            "key 'colour'",
        ),
    ],
)
def test_a_broken_question_kind_is_named_with_its_key(data, problem):
    with pytest.raises(RuleError, match=problem):
        parse_kind("pack/questions/x.yaml", data)


def test_two_kinds_of_one_name_are_refused():
    kind = parse_kind("a.yaml", {"name": "x", "title": "X", "order": 1, "description": "d", "patterns": ["a"]})
    with pytest.raises(RuleError, match="already defined"):
        QuestionKinds([kind, kind])
