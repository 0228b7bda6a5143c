"""The sample interview answers and take-home write-ups against their expectations files.

Each `<name>.expect.yaml` under samples/answers and samples/writeups applies to every sample of that name
(ds_weak.md and ds_weak.jsonl share one). An expectation names a `code` and optionally:
  match     the exact flagged words (Finding.matched)
  question  a piece of the question the finding's answer belongs to, found by line in the source file
  cell      the notebook cell of the finding (Finding.page)
  message   a piece of the finding's message
`must` entries must each be found, `must_not` entries must not, and `none_of` lists codes that must not
appear at all. Positions are checked too: each finding points at its words in the original file.
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

import linter

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FOLDERS = (SAMPLES / "answers", SAMPLES / "writeups")
SAMPLE_SUFFIXES = (".md", ".jsonl", ".ipynb", ".txt")

# "Q: ...", "Q1: ...", "**Question 2:** ..." and Markdown headings that end in "?"
_QA_QUESTION = re.compile(r"^\s*(?:\*\*|__)?(?:Q|Question)\s*\d*\s*:", re.IGNORECASE)
_HEADING_QUESTION = re.compile(r"^ {0,3}#{1,6}\s+.*\?\s*#*\s*$")


def _expectations():
    for folder in FOLDERS:
        yield from sorted(folder.glob("*.expect.yaml"))


def _samples_of(expect_path: Path) -> list[Path]:
    stem = expect_path.name[: -len(".expect.yaml")]
    return sorted(p for p in expect_path.parent.glob(f"{stem}.*") if p.suffix in SAMPLE_SUFFIXES)


CASES = [(e, s) for e in _expectations() for s in _samples_of(e)]
IDS = [s.name for _, s in CASES]


def _load(expect_path: Path, sample: Path):
    expect = yaml.safe_load(expect_path.read_text(encoding="utf-8"))
    [result] = linter.lint_paths([sample], role=expect["role"])
    assert result.error is None, result.error
    return expect, result


def _source_lines(sample: Path) -> list[str]:
    return sample.read_text(encoding="utf-8").split("\n")


def _question_at(sample: Path):
    """A function from a finding's line to the text of the question its answer belongs to (or None)."""
    lines = _source_lines(sample)
    if sample.suffix == ".jsonl":

        def lookup(line: int):
            raw = lines[line - 1] if 0 < line <= len(lines) else ""
            return json.loads(raw).get("question") if raw.strip() else None

        return lookup
    starts = [(i, text) for i, text in enumerate(lines, 1) if _QA_QUESTION.match(text) or _HEADING_QUESTION.match(text)]

    def lookup(line: int):
        owner = None
        for number, text in starts:
            if number <= line:
                owner = text
            else:
                break
        return owner

    return lookup


def _select(findings, item, question_at):
    out = []
    for f in findings:
        if f.code != item["code"]:
            continue
        if "match" in item and f.matched != item["match"]:
            continue
        if "message" in item and item["message"] not in f.message:
            continue
        if "cell" in item and f.page != item["cell"]:
            continue
        if "question" in item:
            question = question_at(f.line)
            if question is None or item["question"].lower() not in question.lower():
                continue
        out.append(f)
    return out


def _show(findings) -> list[tuple]:
    return [(f.code, f.page, f.line, f.matched[:60]) for f in findings]


def test_every_expectation_has_a_sample():
    for expect_path in _expectations():
        assert _samples_of(expect_path), f"no sample for {expect_path.name}"


@pytest.mark.parametrize(("expect_path", "sample"), CASES, ids=IDS)
def test_sample_expectations(expect_path, sample):
    expect, result = _load(expect_path, sample)
    assert result.kind == expect["kind"]
    question_at = _question_at(sample)
    for item in expect.get("must") or []:
        assert _select(result.findings, item, question_at), f"missing {item} in {sample.name}: {_show(result.findings)}"
    for item in expect.get("must_not") or []:
        found = _select(result.findings, item, question_at)
        assert not found, f"unexpected {item} in {sample.name}: {_show(found)}"
    unwanted = [f for f in result.findings if f.code in set(expect.get("none_of") or [])]
    assert not unwanted, f"{sample.name} should have none of {expect['none_of']}: {_show(unwanted)}"


def test_markdown_and_jsonl_answers_agree():
    """The same answers give the same findings whatever the format."""

    def findings(name):
        _, result = _load(SAMPLES / "answers" / "ds_weak.expect.yaml", SAMPLES / "answers" / name)
        return Counter((f.code, f.matched) for f in result.findings)

    md, jsonl = findings("ds_weak.md"), findings("ds_weak.jsonl")
    assert md, "ds_weak.md should have findings"
    assert md == jsonl


def _text_samples(suffix):
    return [(e, s) for e, s in CASES if s.suffix == suffix]


@pytest.mark.parametrize(("expect_path", "sample"), _text_samples(".md"), ids=[s.name for _, s in _text_samples(".md")])
def test_markdown_positions_point_at_the_words(expect_path, sample):
    _, result = _load(expect_path, sample)
    lines = _source_lines(sample)
    for f in result.findings:
        assert f.page is None
        assert 1 <= f.line <= f.end_line <= len(lines), (f.code, f.line, f.end_line)
        if f.line == f.end_line:
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.matched, (
                f.code,
                f.line,
                f.column,
                f.end_column,
                f.matched,
            )
        else:  # a span over several lines starts and ends on the words it names
            assert f.matched.startswith(lines[f.line - 1][f.column - 1 :].strip()), (f.code, f.line, f.matched)
            assert f.matched.endswith(lines[f.end_line - 1][: f.end_column - 1].strip()), (f.code, f.end_line)


@pytest.mark.parametrize(
    ("expect_path", "sample"), _text_samples(".jsonl"), ids=[s.name for _, s in _text_samples(".jsonl")]
)
def test_jsonl_positions_point_into_the_raw_line(expect_path, sample):
    """Columns count characters of the raw JSON line; a match with no escapes reads back verbatim."""
    _, result = _load(expect_path, sample)
    lines = _source_lines(sample)
    for f in result.findings:
        assert f.line == f.end_line
        record = json.loads(lines[f.line - 1])
        # a finding over a whole answer names its paragraphs joined by single spaces
        assert " ".join(f.matched.split()) in " ".join(record["answer"].split())
        raw = lines[f.line - 1][f.column - 1 : f.end_column - 1]
        assert " ".join(json.loads(f'"{raw}"').split()) == " ".join(f.matched.split()), (f.code, raw, f.matched)


def _notebook_cases():
    return _text_samples(".ipynb")


@pytest.mark.parametrize(("expect_path", "sample"), _notebook_cases(), ids=[s.name for _, s in _notebook_cases()])
def test_notebook_findings_point_at_markdown_cells(expect_path, sample):
    _, result = _load(expect_path, sample)
    cells = json.loads(sample.read_text(encoding="utf-8"))["cells"]
    assert result.findings
    for f in result.findings:
        assert f.page is not None, (f.code, f.matched)
        assert 1 <= f.page <= len(cells)
        cell = cells[f.page - 1]
        assert cell["cell_type"] == "markdown", (f.code, f.page, f.matched)
        source = cell["source"]
        lines = ("".join(source) if isinstance(source, list) else source).split("\n")
        assert 1 <= f.line <= f.end_line <= len(lines), (f.code, f.page, f.line, f.end_line)
        if f.line == f.end_line:
            assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.matched, (
                f.code,
                f.page,
                f.line,
                f.column,
                f.end_column,
                f.matched,
            )


def test_notebook_finding_never_spans_cells(tmp_path):
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Subscriber attrition: first pass\n"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": ["import pandas\n"]},
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": [
                "I collected twelve months of usage, built account features, trained a gradient boosting model to "
                "predict which subscribers cancel next quarter, scored every account each Monday and sent the top "
                "five hundred to the retention team, who called them in order of score during the week and logged "
                "the outcome of each call in the customer system for the next run.\n"
            ],
        },
    ]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    [result] = linter.lint_paths([path], role="ds", select="RL306")
    assert result.findings
    for f in result.findings:
        lines = "".join(cells[f.page - 1]["source"]).split("\n")
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.matched
