"""Role signals: profiles, scoring, inference from job descriptions, RL201-RL205 and role-aligned rewrites."""

import io
import json
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

import linter
from linter.api import lint_text_result
from linter.cli import main
from linter.ruleset import RuleError, load_ruleset
from tests.conftest import write

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
EXPECT = yaml.safe_load((SAMPLES / "roles.expect.yaml").read_text())
CASES = [(name, target, exp) for name, spec in EXPECT["resumes"].items() for target, exp in spec["targets"].items()]


def _result(name, **options):
    [result] = linter.lint_paths([SAMPLES / "resumes" / name], **options)
    return result


@pytest.mark.parametrize("name,target,expected", CASES, ids=[f"{n}-{t}" for n, t, _ in CASES])
def test_sample_resume_against_each_target(name, target, expected):
    result = _result(name, role=target)
    codes = {f.code for f in result.findings}
    for code in expected.get("some", []):
        assert code in codes, (name, target, code)
    for code in expected.get("none", []):
        assert code not in codes, (name, target, code, [f.message for f in result.findings if f.code == code])
    if "missing_groups" in expected:
        messages = [f.message for f in result.findings if f.code == "RL204"]
        assert len(messages) == len(expected["missing_groups"])
        for group in expected["missing_groups"]:
            assert any(group in m for m in messages), (group, messages)


@pytest.mark.parametrize("name", sorted(EXPECT["resumes"]))
def test_role_profile_shares(name):
    result = _result(name, role="ds")
    shares = result.role_profile
    assert set(shares) == set(load_ruleset().profiles) and abs(sum(shares.values()) - 1) < 0.01
    leads = EXPECT["resumes"][name]["leads"]
    if leads:
        assert shares[leads] >= 0.8
    else:
        assert max(shares.values()) < 0.6


def test_mixed_signals_shows_both_shares():
    for target in ("ds", "mle"):
        [finding] = [f for f in _result("hybrid_resume.txt", role=target).findings if f.code == "RL201"]
        assert "DS 5" in finding.message and "MLE 4" in finding.message


def test_off_role_bullets_are_the_other_roles_bullets():
    result = _result("ds_resume.txt", role="mle")
    flagged = [f.excerpt for f in result.findings if f.code == "RL202"]
    assert any("A/B tests on checkout flows" in e for e in flagged)
    assert all("DS work" in f.message for f in result.findings if f.code == "RL202")


@pytest.mark.parametrize("job", sorted(EXPECT["jobs"]))
def test_job_description_infers_the_role(job):
    expected = EXPECT["jobs"][job]
    result = _result("hybrid_resume.txt", job=str(SAMPLES / "jobs" / job))
    assert result.role == expected["role"] and result.role_source == "job"
    [note] = [n for n in result.notes if "inferred from the job description" in n]
    assert ("mixed posting" in note) == expected["mixed"]
    assert "strongest terms:" in note


def test_job_description_as_docx_and_pdf(tmp_path):
    text = (SAMPLES / "jobs" / "mle_job.md").read_text().replace("#", "").splitlines()
    document = docx.Document()
    for line in text:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    job = write(tmp_path, "job.docx", buffer.getvalue())
    assert _result("ds_resume.txt", job=job).role == "mle"


def test_auto_without_job_infers_from_the_document_and_stays_quiet_on_target_rules():
    result = _result("ds_resume.txt")
    assert result.role == "ds" and result.role_source == "document"
    assert not {"RL202", "RL204"} & {f.code for f in result.findings}
    assert any("--role" in n and "--job" in n for n in result.notes)


def test_suggestions_differ_by_role_and_the_rewrite_keeps_the_bullets_own_words():
    text = "Experience\n- Improved the demand forecast for the supply planning team.\n"
    ds = linter.lint_text(text, role="ds")[0]
    mle = linter.lint_text(text, role="mle")[0]
    assert ds.suggestion != mle.suggestion
    rewrites = {
        role: lint_text_result(text, role=role, kind="resume", rewrites=True).rewrites for role in ("ds", "mle")
    }
    assert rewrites["ds"][0].after != rewrites["mle"][0].after
    for [rewrite] in rewrites.values():
        assert rewrite.after.startswith("Improved the demand forecast for the supply planning team, ")


def test_rewrite_prints_original_and_rewrite(tmp_path):
    path = write(tmp_path, "r.txt", "Experience\n- Improved the demand forecast for the supply planning team.\n")
    output = CliRunner().invoke(main, ["check", "--role", "mle", "--rewrite", path]).output
    lines = output.splitlines()
    minus = next(i for i, line in enumerate(lines) if line.startswith("  - "))
    assert lines[minus] == "  - Improved the demand forecast for the supply planning team."
    assert lines[minus + 1].startswith(
        "  + Improved the demand forecast for the supply planning team, lifting <metric>"
    )


def test_job_signal_gap_needs_a_job(tmp_path):
    rule = load_ruleset().get("RL205")
    example = rule.failing[0]
    job = write(tmp_path, "job.txt", example.job)
    with_job = [f.code for f in linter.lint_text(example.text, role="mle", job=job)]
    without = [f.code for f in linter.lint_text(example.text, role="mle")]
    assert "RL205" in with_job and "RL205" not in without


def test_json_and_verbose_show_the_profile(tmp_path):
    path = str(SAMPLES / "resumes" / "mle_resume.txt")
    data = json.loads(CliRunner().invoke(main, ["check", "--format", "json", "--role", "mle", path]).output)
    profile = data["files"][0]["role_profile"]
    assert profile["mle"] > 0.9
    text = CliRunner().invoke(main, ["check", "--verbose", "--role", "mle", path]).output
    assert "Reads as: MLE" in text and "(target: MLE)" in text and "strongest MLE terms:" in text


def test_bad_role_and_missing_job_are_usage_errors(tmp_path):
    path = write(tmp_path, "r.txt", "Experience\n- Built it.\n")
    result = CliRunner().invoke(main, ["check", "--role", "analyst", path])
    assert result.exit_code == 2 and ", ".join(load_ruleset().profiles) in result.output
    result = CliRunner().invoke(main, ["check", "--job", str(tmp_path / "nope.txt"), path])
    assert result.exit_code == 2 and "nope.txt" in result.output and "Traceback" not in result.output


THIRD = """\
name: de
title: Data engineer
description: Builds and runs the pipelines that move and model data.
titles: [data engineer]
groups:
  warehousing:
    title: Warehouse modelling
    core: true
    evidence: A warehouse you modelled and who queries it.
    suggestion: "Add a bullet on a warehouse you modelled: '<Modelled> <domain> in <warehouse>, queried by <teams>'."
    terms:
      star schema: 3
      slowly changing dimension: 3
"""


def test_a_third_profile_is_added_by_dropping_in_a_file(tmp_path):
    write(tmp_path, "roles/de.yaml", THIRD)
    load_ruleset.cache_clear()
    try:
        text = (
            "Experience\n- Modelled sales in a star schema with a slowly changing dimension for stores.\n"
            "- Ran A/B tests on pricing.\n- Deployed the model behind an inference service.\n"
        )
        result = lint_text_result(text, role="de", rule_dirs=[str(tmp_path)])
        assert set(result.role_profile) == {"ds", "mle", "de"}
        assert result.role == "de"
        path = write(tmp_path, "r.txt", text)
        assert "is not a role" in CliRunner().invoke(main, ["check", "--role", "de", path]).output
        cli = CliRunner().invoke(main, ["check", "--role", "de", "--rule-dir", str(tmp_path), path])
        assert "(target: DE)" in cli.output and "DE 33%" in cli.output
    finally:
        load_ruleset.cache_clear()


def test_a_users_profile_may_share_terms_with_a_builtin_one_with_a_warning(tmp_path):
    write(tmp_path, "roles/de.yaml", THIRD.replace("star schema: 3", "a/b test: 3"))
    load_ruleset.cache_clear()
    try:
        ruleset = load_ruleset((str(tmp_path),))
        [warning] = ruleset.warnings
        assert warning.startswith(str(tmp_path / "roles" / "de.yaml")) and "a/b test" in warning
        path = write(tmp_path, "r.txt", "Experience\n- Ran an A/B test on pricing for 2 weeks.\n")
        result = CliRunner().invoke(main, ["check", "--format", "json", "--rule-dir", str(tmp_path), path])
        assert f"{path}: {warning}" in json.loads(result.output)["summary"]["notes"]
        text = CliRunner().invoke(main, ["check", "--rule-dir", str(tmp_path), path]).output
        assert f"note: {path}: {warning}" in text
    finally:
        load_ruleset.cache_clear()


def test_a_term_in_two_builtin_profiles_must_be_marked_shared(tmp_path, monkeypatch):
    from linter import roles

    profiles = load_ruleset().profiles
    first, second = sorted(profiles)[:2]
    term = next(iter(next(iter(profiles[first].groups.values())).terms))
    copied = dict(profiles)
    group = next(iter(profiles[second].groups.values()))
    copied[second] = roles.Profile(
        second,
        second.upper(),
        "t",
        "d",
        (),
        {group.key: roles.Group(group.key, "t", False, "e", "s", {term: 1.0})},
        frozenset(),
        "builtin.yaml",
    )
    with pytest.raises(RuleError) as error:
        roles.check_overlaps(copied, set(copied))
    assert term in str(error.value) and "shared" in str(error.value)


ANALYST = """\
name: analyst
title: Data analyst
description: Reports on the business from its data.
titles: [data analyst, business analyst]
groups:
  reporting:
    title: Reporting
    core: true
    evidence: A report or dashboard that people read, and what they decided from it.
    suggestion: "Add a bullet on a report people used: '<Built> <dashboard> read by <team>, which <decision>'."
    terms:
      dashboard: 3
      weekly report: 3
      looker: 2
"""


def test_an_analyst_profile_sharing_terms_with_a_builtin_one_is_accepted(tmp_path):
    """A third role from --rule-dir that shares "dashboard" with a built-in profile: a warning that names
    the user's file, and every built-in profile still takes part."""
    write(tmp_path, "roles/analyst.yaml", ANALYST)
    load_ruleset.cache_clear()
    try:
        ruleset = load_ruleset((str(tmp_path),))
        builtin = set(load_ruleset().profiles)
        assert set(ruleset.profiles) == builtin | {"analyst"}
        assert any(
            w.startswith(str(tmp_path / "roles" / "analyst.yaml")) and "dashboard" in w for w in ruleset.warnings
        )
        text = "Experience\n- Built a dashboard and a weekly report in Looker for the sales team.\n"
        result = lint_text_result(text, role="analyst", rule_dirs=[str(tmp_path)])
        assert result.role == "analyst" and set(result.role_profile) == builtin | {"analyst"}
        assert result.role_profile["analyst"] > 0.5
        path = write(tmp_path, "r.txt", text)
        cli = CliRunner().invoke(main, ["check", "--role", "analyst", "--rule-dir", str(tmp_path), path])
        assert "(target: ANALYST)" in cli.output and "analyst.yaml" in cli.output and cli.exit_code in (0, 1)
    finally:
        load_ruleset.cache_clear()


def test_builtin_profiles_are_large_and_their_overlaps_deliberate():
    profiles = load_ruleset().profiles
    terms = {name: {t for g in p.groups.values() for t in g.terms} for name, p in profiles.items()}
    assert sum(len(t) for t in terms.values()) >= 300
    for first in profiles:
        for second in profiles:
            if first < second:
                both = terms[first] & terms[second]
                assert both == (profiles[first].shared & profiles[second].shared)
    for neutral in ("model", "python", "data", "analysis", "sql"):
        assert all(neutral not in t for t in terms.values())
