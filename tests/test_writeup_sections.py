"""Write-up sections found by meaning (bold lines, quoted prompts, labels, a discussed baseline), one RL401
finding per document, pure analyses judged as such, and what counts as a way to rerun the work (RL403).
Real Markdown and notebook files, parsed for real."""

import json
import re

import linter

_MISSING = re.compile(r"no section for (.+?), which")


def _write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _findings(path: str, role: str, code: str) -> list:
    [result] = linter.lint_paths([path], use_config=False, kind="writeup", role=role)
    return [f for f in result.findings if f.code == code]


def _missing(path: str, role: str) -> list[str]:
    """The sections RL401 names, from its one finding (none when it is silent)."""
    findings = _findings(path, role, "RL401")
    assert len(findings) <= 1, "RL401 reports once per document"
    return _MISSING.search(findings[0].message).group(1).split(", ") if findings else []


_MODEL_WRITEUP = """# Renewal model

**Goal**

Decide which subscribers get a renewal reminder a week before their plan ends.

> **Describe the data and methods you used, including limitations**

Eighteen months of plan and usage events for 60k subscribers. I trained a gradient boosting model on
usage features and compared it with a majority-class baseline, which predicts that nobody renews late.

## Results

Recall of 0.58 at the top fifth, against 0.0 for the baseline.

Recommendation: remind the top fifth first and keep a holdout to measure the lift.
"""


def test_bold_line_quoted_prompt_label_and_discussed_baseline_count_as_sections(tmp_path):
    path = _write(tmp_path, "renewal.md", _MODEL_WRITEUP)
    assert _missing(path, "ds") == []
    # the prompt names data, methods and limitations; the baseline is discussed in prose
    # how to rerun the work is RL403's finding, not a second one from RL401
    assert _missing(path, "mle") == ["Monitoring"]
    [rerun] = _findings(path, "mle", "RL403")
    assert (rerun.line, rerun.column) == (1, 3)
    [finding] = _findings(path, "mle", "RL401")
    assert (finding.line, finding.column) == (1, 3)


def test_missing_sections_are_one_finding_listing_them_all(tmp_path):
    text = "# Renewal model\n\n## Model\n\nI trained a gradient boosting model on usage features.\n\n"
    text += "## Results\n\nRecall of 0.58 at the top fifth on the held-out month.\n"
    path = _write(tmp_path, "renewal.md", text)
    [finding] = _findings(path, "ds", "RL401")
    assert (finding.line, finding.column) == (1, 3)
    assert _missing(path, "ds") == ["Problem", "Data", "Limitations", "Next steps or recommendation"]


_ANALYSIS = """# Checkout funnel, March

## Question

Where do shoppers drop out between the basket and the payment page?

## Data

Session logs for 120k visits from the web shop, one row per page view.

## Findings

Two thirds of the drop happens on the delivery options page, mostly on mobile.

## Next steps

Test a shorter delivery form on mobile against the current one.
"""


def test_a_pure_analysis_expects_no_baseline_or_monitoring_and_no_production_plan(tmp_path):
    path = _write(tmp_path, "funnel.md", _ANALYSIS)
    missing = _missing(path, "mle")
    assert "Baseline" not in missing and "Monitoring" not in missing
    # an analysis has findings, not a model to evaluate
    no_findings = _write(tmp_path, "no_findings.md", _ANALYSIS.replace("## Findings\n", "## Drop-off\n"))
    assert "Evaluation" not in _missing(no_findings, "ds")
    assert "Limitations" in missing
    for code in ("RL304", "RL307", "RL308"):
        assert _findings(path, "mle", code) == []


def test_a_notebook_whose_code_fits_a_model_is_not_an_analysis(tmp_path):
    cells = [
        {"cell_type": "markdown", "source": "# Renewals\n\n## Problem\n\nWho renews late?\n"},
        {"cell_type": "code", "source": "clf = RandomForestClassifier()\nclf.fit(X_train, y_train)\n"},
        {"cell_type": "markdown", "source": "## Results\n\nThe forest ranks late renewals well.\n"},
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = _write(tmp_path, "renewals.ipynb", json.dumps(notebook))
    assert "Baseline" in _missing(path, "mle")
    [finding] = _findings(path, "mle", "RL401")
    assert (finding.page, finding.line, finding.column) == (1, 1, 3)


_FRONT_MATTER = """---
layout: post
title: Late renewals
tags: [survival, python]
---

# Late renewals

We looked at how long subscribers wait before they renew and what makes them wait longer. The event
logs cover two years and every plan type, and the analysis compares the monthly and yearly plans with a
survival curve per plan. The platform is containerized so that it deploys the same way everywhere,
and in the long run we want to make the reminder smarter; this is a simple version of that study.
"""


def test_front_matter_and_everyday_words_are_not_a_way_to_rerun_the_work(tmp_path):
    path = _write(tmp_path, "post.md", _FRONT_MATTER)
    [finding] = _findings(path, "mle", "RL403")
    assert (finding.line, finding.column) == (7, 3)


def test_a_run_command_is_a_way_to_rerun_the_work(tmp_path):
    text = _FRONT_MATTER + "\n## How to run\n\n```\ndocker run --rm renewals python analyse.py\n```\n"
    path = _write(tmp_path, "post.md", text)
    assert _findings(path, "mle", "RL403") == []


def _notebook(tmp_path, name: str, *markdown: str) -> str:
    cells = [{"cell_type": "markdown", "source": text} for text in markdown]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return _write(tmp_path, name, json.dumps(notebook))


def test_numbered_prompts_count_for_the_sections_they_name(tmp_path):
    path = _notebook(
        tmp_path,
        "prompts.ipynb",
        "# Store visits\n",
        "Question 1: What problem does the regional manager want solved?\n\nFewer empty shelves on Mondays.\n",
        "2. Which data and method did you use, and what are their limitations?\n\nTill logs, a weekly average.\n",
        "3. What were the results, and what is your recommendation?\n\nMondays run out by noon; restock on Sunday.\n",
    )
    assert _missing(path, "ds") == []


def test_a_bare_question_heading_states_a_task_only_when_its_prompt_follows(tmp_path):
    bare = _notebook(tmp_path, "bare.ipynb", "# Visits\n\n## Question 1\n", "- Mondays run out by noon.\n")
    assert "Problem" in _missing(bare, "ds")
    [finding] = _findings(bare, "ds", "RL401")
    assert (finding.page, finding.line, finding.column) == (1, 1, 3)
    prompt = "## Question 1\n\nThe regional manager wants to know which stores run out of stock first.\n"
    stated = _notebook(tmp_path, "stated.ipynb", "# Visits\n\n" + prompt, "- Mondays run out by noon.\n")
    assert "Problem" not in _missing(stated, "ds")


def test_a_decision_tree_heading_is_no_decision_section(tmp_path):
    text = _MODEL_WRITEUP.replace("## Results", "## Decision tree model").replace("Recommendation: ", "")
    path = _write(tmp_path, "renewal.md", text)
    assert _missing(path, "ds") == ["Evaluation", "Next steps or recommendation"]
    [finding] = _findings(path, "ds", "RL401")
    assert (finding.line, finding.column) == (1, 3)


def test_data_described_in_prose_counts_only_when_substantive(tmp_path):
    head = "# Renewals\n\n## Problem\n\nWho renews late?\n\n## Approach\n\n"
    tail = "\n\n## Results\n\nRecall of 0.58.\n"
    sized = _write(tmp_path, "sized.md", head + "The export holds 48,000 accounts, one row per plan change." + tail)
    assert "Data" not in _missing(sized, "ds")
    vague = _write(tmp_path, "vague.md", head + "I cleaned the data and looked at it carefully." + tail)
    assert "Data" in _missing(vague, "ds")
    [finding] = _findings(vague, "ds", "RL401")
    assert (finding.line, finding.column) == (1, 3)


def _model_cue_writeup(tmp_path, name: str, line: str) -> str:
    text = "# Iris service\n\n## Problem\n\nSort flowers by species from four measurements.\n\n"
    return _write(tmp_path, name, text + "## Approach\n\n" + line + "\n")


def test_a_figure_before_the_metric_a_saved_model_or_served_predictions_show_a_model(tmp_path):
    for name, line in (
        ("percent.md", "The tree reaches 95.3% accuracy with two measurements."),
        ("saved.md", "The service loads artefacts/flower_model.joblib at start-up."),
        ("served.md", "The API serves about two thousand predictions a day."),
        ("code.md", "```python\ndef predict(self, row):\n    return self.tree(row)\n```"),
    ):
        path = _model_cue_writeup(tmp_path, name, line)
        assert "Baseline" in _missing(path, "mle"), name
        assert "Evaluation" in _missing(path, "ds"), name
    plain = _model_cue_writeup(tmp_path, "plain.md", "Counts of each species per garden, as a bar chart.")
    assert "Baseline" not in _missing(plain, "mle")


def test_a_simple_heuristic_the_models_must_beat_is_a_baseline(tmp_path):
    line = "A simple heuristic on petal width came first, and the forest was one of the models to beat it."
    path = _model_cue_writeup(tmp_path, "heuristic.md", "The forest reaches 95% accuracy. " + line)
    assert "Baseline" not in _missing(path, "mle")


def test_an_invitation_to_clone_the_code_is_a_way_to_rerun_the_work(tmp_path):
    text = _FRONT_MATTER + "\nClone this repository and open the notebook to rerun every figure on your own logs.\n"
    path = _write(tmp_path, "post.md", text)
    assert _findings(path, "mle", "RL403") == []
