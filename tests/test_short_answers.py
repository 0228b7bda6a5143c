"""One-line answers are judged whole, and answer rules read words in their context. Findings are checked
by code, line and column on files that are read for real."""

from __future__ import annotations

import json

from click.testing import CliRunner

from linter.cli import main
from tests.conftest import write


def _findings(tmp_path, text: str, role: str = "ds", name: str = "a.md") -> list[tuple[str, int, int]]:
    path = write(tmp_path, name, text)
    args = ["check", path, "--no-config", "--kind", "answer", "--role", role, "--format", "json", "--fail-on", "never"]
    report = json.loads(CliRunner().invoke(main, args).output)
    return sorted((f["code"], f["line"], f["column"]) for f in report["files"][0]["findings"])


def _report(tmp_path, text: str, role: str = "ds") -> list[dict]:
    path = write(tmp_path, "a.md", text)
    args = ["check", path, "--no-config", "--kind", "answer", "--role", role, "--format", "json", "--fail-on", "never"]
    return json.loads(CliRunner().invoke(main, args).output)["files"][0]["findings"]


QA_ONE_LINER = (
    "Q: How would you predict which tenants will not renew their lease?\n\n"
    "A: I'd use XGBoost and tune it with a grid search.\n"
)


def test_a_one_liner_that_names_a_model_gets_one_finding_that_says_all_it_lacks(tmp_path):
    for role in ("ds", "mle"):
        assert _findings(tmp_path, QA_ONE_LINER, role) == [("RL301", 3, 12)]
    [finding] = _report(tmp_path, QA_ONE_LINER)
    assert "'XGBoost' is all the answer gives" in finding["message"]
    assert "what data" in finding["message"] and "gives up" in finding["message"]


def test_a_one_liner_with_a_neural_network_is_one_finding_not_two(tmp_path):
    text = (
        "Q: How would you forecast next month's call volume?\n\n"
        "A: I'd probably start with a random forest or a neural network.\n"
    )
    assert _findings(tmp_path, text) == [("RL301", 3, 30)]


def test_a_one_liner_with_no_model_is_a_thin_answer(tmp_path):
    text = "Q: How would you predict next month's call volume?\n\nA: I'd retrain it every month.\n"
    assert _findings(tmp_path, text) == [("RL313", 3, 4)]
    unasked = "I'd use feature attributions to explain the scores.\n"
    assert _findings(tmp_path, unasked) == [("RL313", 1, 1)]


def test_a_terse_answer_to_a_technique_question_is_left_alone(tmp_path):
    text = "Q: How can we make a trending series stationary?\n\nA: Take the first difference of the series.\n"
    assert _findings(tmp_path, text) == []


def test_a_one_liner_that_frames_the_problem_is_left_alone(tmp_path):
    text = (
        "Q: How would you predict which tenants will not renew?\n\n"
        "A: The goal is to call tenants at risk two months ahead, so I'd predict non-renewal from payment history.\n"
    )
    assert _findings(tmp_path, text) == []


def test_the_same_one_liner_gets_the_same_finding_however_the_question_is_put(tmp_path):
    answer = "A: I'd use LightGBM and tune it.\n"
    for question in (
        "Q: How would you predict late deliveries?",
        "Q: How do you predict late deliveries?",
        "Q: Walk me through how you would build a model to predict late deliveries.",
    ):
        assert [code for code, *_ in _findings(tmp_path, question + "\n\n" + answer)] == ["RL301"], question


def test_a_model_the_question_names_is_not_model_first(tmp_path):
    text = (
        "Q: How would you predict weekly sales with a random forest?\n\n"
        "A: I'd train a random forest on two years of weekly sales per store and check it on the last three months.\n"
    )
    assert "RL301" not in [code for code, *_ in _findings(tmp_path, text)]


def test_resampling_never_reads_as_the_first_model(tmp_path):
    text = (
        "Q: How would you predict which card payments are fraud?\n\n"
        "A: I'd apply SMOTE to the training rows, then fit a classifier and ship it once the scores look stable on "
        "new traffic for a week or two, with the analysts checking the top of the list each morning.\n"
    )
    findings = _report(tmp_path, text, "mle")
    assert not any(f["code"] == "RL301" and "SMOTE" in f["message"] for f in findings)
    assert all("could be SMOTE" not in f["suggestion"] for f in findings)
    assert ("RL309", 3, 14) in [(f["code"], f["line"], f["column"]) for f in findings]


def test_a_model_set_aside_or_left_for_later_has_no_baseline_to_show(tmp_path):
    text = (
        "Q: How would you forecast daily bike rentals?\n\n"
        "A: I'd fit a seasonal model on three years of daily rentals and the weather, judge it on the last two "
        "months, and later try a neural network on the same inputs only if the error stays high.\n"
    )
    assert "RL304" not in [code for code, *_ in _findings(tmp_path, text)]


def test_a_baseline_then_a_stronger_model_is_options_and_a_choice(tmp_path):
    text = (
        "Q: Design a system that ranks support tickets by urgency.\n\n"
        "A: The goal is that agents see urgent tickets first, under 200 ms per ticket at 50 tickets a second. "
        "I'd start with a logistic regression on the ticket text as the baseline and move to gradient boosting "
        "if it beats it on recall of urgent tickets. I'd evaluate on last month's tickets and monitor drift.\n"
    )
    findings = _report(tmp_path, text)
    coverage = [f for f in findings if f["code"] == "RL311"]
    assert coverage and "options" not in coverage[0]["message"].split("not addressed:")[1]
    assert "choice" not in coverage[0]["message"].split("not addressed:")[1]
