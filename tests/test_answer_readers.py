"""Q&A Markdown, JSON Lines and notebooks: structure, question awareness and positions."""

import json

from click.testing import CliRunner

import linter
from linter.answers import answer_units
from linter.cli import main
from linter.document import ANSWER, CODE, QUESTION
from linter.readers import read_bytes
from tests.conftest import write

QA = """Q: How would you detect fraud in card payments?
A: I would train XGBoost on the transactions.

It would then be tuned.

Q: What is regularization?
A: A penalty on model complexity, such as an L2 penalty on the weights of a logistic regression.
"""


def test_qa_markers_make_questions_and_grouped_answers():
    document = read_bytes(QA.encode(), "qa.md", "md")
    questions = [b for b in document.blocks if b.type == QUESTION]
    assert [q.text for q in questions] == ["How would you detect fraud in card payments?", "What is regularization?"]
    units = answer_units(document, "answer")
    assert [u.question for u in units] == [q.text for q in questions]
    assert units[0].block.text == "I would train XGBoost on the transactions. It would then be tuned."
    offset = units[0].block.text.index("It would")
    assert units[0].block.position(offset).line == 4


def test_question_headings_make_questions_when_most_headings_ask():
    text = "## How would you rank search results?\nStart from the goal.\n\n## Why is the sky blue?\nScattering.\n"
    document = read_bytes(text.encode(), "q.md", "md")
    assert [b.type for b in document.blocks].count(QUESTION) == 2
    writeup = "# Report\n\n## Problem\nText.\n\n## Why does churn matter?\nText.\n\n## Data\nText.\n"
    assert QUESTION not in [b.type for b in read_bytes(writeup.encode(), "w.md", "md").blocks]


def test_definitional_answers_get_no_approach_findings():
    codes = {f.code for f in linter.lint_text(QA, fmt="md", role="mle")}
    assert "RL301" in codes  # the fraud answer names XGBoost first
    second = [f for f in linter.lint_text(QA, fmt="md", role="mle") if f.line >= 6]
    assert not [f for f in second if f.code.startswith("RL3")]


def test_jsonl_positions_account_for_escapes(tmp_path):
    record = {"question": "How would you detect fraud?", "answer": 'She said "fast".\nI would train XGBoost first.'}
    line = json.dumps(record)
    path = write(tmp_path, "a.jsonl", line + "\n")
    [finding] = [f for f in linter.lint_paths([path])[0].findings if f.code == "RL301"]
    assert line[finding.column - 1 : finding.end_column - 1] == "XGBoost"
    assert finding.line == 1


def test_jsonl_broken_line_is_reported_and_the_rest_linted(tmp_path):
    good = json.dumps({"question": "How would you detect fraud?", "answer": "I would train XGBoost first."})
    path = write(tmp_path, "a.jsonl", good + '\n{"question": oops\n' + good + "\n")
    result = CliRunner().invoke(main, ["check", "--format", "json", path])
    assert result.exit_code == 2
    [file] = json.loads(result.output)["files"]
    assert [(f["code"], f["line"]) for f in file["findings"] if f["code"] == "RL909"] == [("RL909", 2)]
    assert [f["line"] for f in file["findings"] if f["code"] == "RL301"] == [1, 3]
    assert "line 2" in file["error"]


def _notebook(cells):
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {},
            "cells": [{"cell_type": t, "metadata": {}, "source": s} for t, s in cells],
        }
    )


def test_notebook_markdown_is_prose_and_code_is_not(tmp_path):
    nb = _notebook(
        [
            ("markdown", ["# Notes\n"]),
            ("code", ["# improved accuracy with xgboost and smote\n", "x = 1\n"]),
            ("markdown", ["Some context first.\n", "\n", "I would train XGBoost on it.\n"]),
        ]
    )
    path = write(tmp_path, "n.ipynb", nb)
    [result] = linter.lint_paths([path], kind="answer")
    [finding] = [f for f in result.findings if f.code == "RL301"]
    assert (finding.page, finding.line, finding.column) == (3, 3, 15)
    document = read_bytes(nb.encode(), "n.ipynb", "ipynb")
    assert any(b.type == CODE and "xgboost" in b.text for b in document.blocks)
    text = CliRunner().invoke(main, ["check", "--kind", "answer", path]).output
    assert "(cell 3)" in text


def test_malformed_notebook_is_one_line_exit_2(tmp_path):
    path = write(tmp_path, "n.ipynb", '{"cells": [')
    result = CliRunner().invoke(main, ["check", path])
    assert result.exit_code == 2 and "RL909" in result.output and "Traceback" not in result.output


def test_kind_detection():
    from linter.detect import detect_kind

    assert detect_kind(read_bytes(QA.encode(), "q.md", "md")) == "answer"
    writeup = "# Report\n\n## Problem\nA paragraph.\n\n## Data\nAnother paragraph.\n\n- a point\n"
    assert detect_kind(read_bytes(writeup.encode(), "w.md", "md")) == "writeup"
    assert detect_kind(read_bytes(b"I would start from the goal and the data.", "a.txt", "txt")) == "answer"
    assert detect_kind(read_bytes(_notebook([("markdown", ["# T\n"])]).encode(), "n.ipynb", "ipynb")) == "writeup"


def test_kind_is_reported():
    result = CliRunner().invoke(main, ["check", "--format", "json", "-"], input=QA)
    assert json.loads(result.output)["files"][0]["kind"] == "answer"
    assert ANSWER == "answer"
