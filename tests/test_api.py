"""The Python API: the same engine the CLI uses."""

import linter
from linter.findings import FileResult, Finding


def test_lint_text_returns_findings():
    findings = linter.lint_text("Experience\n- Improved model performance.\n", kind="resume", role="ds")
    assert [type(f) for f in findings] == [Finding]
    assert (findings[0].code, findings[0].line, findings[0].column) == ("RL101", 2, 3)


def test_suggestions_follow_the_role():
    text = "Experience\n- Improved model performance.\n"
    ds = linter.lint_text(text, role="ds")[0].suggestion
    mle = linter.lint_text(text, role="mle")[0].suggestion
    neutral = linter.lint_text(text)[0].suggestion
    assert len({ds, mle, neutral}) == 3
    assert "<business metric>" in ds and "latency" in mle


def test_lint_paths_returns_file_results(samples):
    [result] = linter.lint_paths([samples / "resumes" / "mle_resume.txt"], role="mle")
    assert isinstance(result, FileResult) and result.kind == "resume" and result.role == "mle"
    assert result.findings == sorted(result.findings, key=Finding.sort_key)


def test_output_is_deterministic(samples):
    first = [r.to_dict() for r in linter.lint_paths([samples / "resumes"], role="ds")]
    second = [r.to_dict() for r in linter.lint_paths([samples / "resumes"], role="ds")]
    assert first == second


def test_skills_section_is_not_an_experience_bullet():
    text = "Skills\n- Python, SQL, Spark, Airflow, Docker\n\nExperience\n- Python, SQL, Spark, Airflow, Docker\n"
    findings = linter.lint_text(text, role="mle")
    assert [(f.code, f.line) for f in findings] == [("RL104", 5)]
