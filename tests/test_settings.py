"""The settings resolver: one validation for the command line, configuration files and the Python API;
the nearest configuration governs each file in a walk; rules, explain and init see the project's rules."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import linter
from linter.cli import main
from linter.ruleset import load_ruleset
from linter.settings import SettingsError
from tests.conftest import write

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RESUME = "Experience\n- Improved the ranking model for the search team.\n"
CUSTOM = """\
code: ZZ101
name: say-use
kind: existence
groups: [house-style]
scope: bullet
documents: [resume]
roles: [any]
severity: info
summary: '"Utilize" where "use" says the same.'
message: "'{match}': say 'use'"
rationale: Shorter words read faster.
fix: Replace it with "use".
suggestion:
  default: "Replace '{match}' with 'used'."
match:
  terms: [utilize]
examples:
  fail:
    - text: Utilized Spark for the nightly batch jobs.
      match: Utilized
  pass:
    - Used Spark for the nightly batch jobs.
"""
GROUPS = "groups:\n  house-style:\n    title: House style\n"


@pytest.fixture(autouse=True)
def _fresh_rules():
    load_ruleset.cache_clear()
    yield
    load_ruleset.cache_clear()


def _problem_of_cli(args) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    return result.output


@pytest.mark.parametrize(
    "option, flag, value, words",
    [
        ("role", "--role", "analyst", "'analyst' is not a role; choose from: auto, "),
        ("kind", "--kind", "poem", "'poem' is not a kind of document; choose from: auto, resume, answer, writeup"),
        ("select", "--select", "ZZ9", "'ZZ9' matches no rule code or group"),
        ("ignore", "--ignore", "QQ1", "'QQ1' matches no rule code or group"),
        ("fail_on", "--fail-on", "sometimes", "'sometimes' is not a severity"),
    ],
)
def test_the_api_rejects_what_the_cli_rejects_in_the_same_words(tmp_path, option, flag, value, words):
    path = write(tmp_path, "r.txt", RESUME)
    given = {"kind": "resume", option: [value] if option in ("select", "ignore") else value}
    with pytest.raises(SettingsError) as error:
        linter.lint_text(RESUME, **given)
    assert error.value.where == option and error.value.problem.startswith(words)
    output = _problem_of_cli(["check", "--no-config", flag, value, path])
    assert f"Invalid value for '{flag}': {error.value.problem}" in " ".join(output.split())
    with pytest.raises(SettingsError):
        linter.lint_paths([path], use_config=False, **{option: [value] if option in ("select", "ignore") else value})


def test_a_config_error_names_the_file_and_the_key(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.rolelint]\nrole = "mlee"\n')
    path = write(tmp_path, "r.txt", RESUME)
    output = " ".join(_problem_of_cli(["check", path]).split())
    config = str(tmp_path / "pyproject.toml")
    assert f"{config}: key 'tool.rolelint.role': 'mlee' is not a role; choose from: auto" in output
    assert "--role" not in output
    write(tmp_path, "pyproject.toml", '[tool.rolelint]\nselect = ["RL1", "XX9"]\n')
    output = " ".join(_problem_of_cli(["check", path]).split())
    assert f"{config}: key 'tool.rolelint.select': 'XX9' matches no rule code" in output
    write(tmp_path, "pyproject.toml", '[tool.rolelint.severity]\nQQ101 = "info"\n')
    output = " ".join(_problem_of_cli(["check", path]).split())
    assert f"{config}: key 'tool.rolelint.severity': 'QQ101' matches no rule code" in output


def test_a_flag_overrides_a_bad_config_value(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.rolelint]\nrole = "mlee"\n')
    path = write(tmp_path, "r.txt", RESUME)
    assert CliRunner().invoke(main, ["check", "--role", "mle", path]).exit_code == 1


def _project(tmp_path) -> Path:
    write(tmp_path, "house/ZZ101-say-use.yaml", CUSTOM)
    write(tmp_path, "house/groups/house.yaml", GROUPS)
    write(tmp_path, "pyproject.toml", '[tool.rolelint]\nrule_dirs = ["house"]\n')
    return tmp_path


def test_rules_explain_and_check_see_the_projects_rule_dirs(tmp_path, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    listed = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert listed.exit_code == 0 and "ZZ101" in [r["code"] for r in json.loads(listed.output)]
    explained = CliRunner().invoke(main, ["explain", "ZZ101"])
    assert explained.exit_code == 0 and "ZZ101 say-use" in explained.output
    write(project, "r.txt", "Experience\n- Utilized Spark for the nightly batch jobs.\n")
    checked = CliRunner().invoke(main, ["check", "--format", "json", "r.txt"])
    assert "ZZ101" in [f["code"] for f in json.loads(checked.output)["files"][0]["findings"]]
    assert CliRunner().invoke(main, ["explain", "--no-config", "ZZ101"]).exit_code == 2


def test_select_and_ignore_take_group_names(tmp_path, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    write(project, "r.txt", "Experience\n- Utilized Spark to improve the nightly batch jobs.\n")
    only = CliRunner().invoke(main, ["check", "--format", "json", "--select", "house-style", "r.txt"])
    assert {f["code"] for f in json.loads(only.output)["files"][0]["findings"]} == {"ZZ101"}
    rest = CliRunner().invoke(main, ["check", "--format", "json", "--ignore", "house-style,resume-wording", "r.txt"])
    codes = {f["code"] for f in json.loads(rest.output)["files"][0]["findings"]}
    assert not codes & {"ZZ101", "RL101"}
    findings = linter.lint_text(RESUME, kind="resume", role="mle", select=["resume-wording"])
    assert {f.code for f in findings} == {"RL101"}


def test_the_nearest_configuration_governs_each_file_in_a_walk(tmp_path):
    shutil.copytree(SAMPLES / "portfolio", tmp_path / "samples" / "portfolio")
    os.rename(tmp_path / "samples/portfolio/gitignore", tmp_path / "samples/portfolio/.gitignore")
    write(tmp_path, "samples/other/resume.txt", RESUME)
    os.mkdir(tmp_path / ".git")

    def report(target):
        result = CliRunner().invoke(main, ["check", "--format", "json", str(target)])
        return {f["path"]: f for f in json.loads(result.output)["files"]}

    inner = report(tmp_path / "samples" / "portfolio")
    outer = report(tmp_path / "samples")
    assert {p: f for p, f in outer.items() if "/portfolio/" in p} == inner
    assert any(p.endswith("other/resume.txt") for p in outer)
    assert not any("drafts" in p or "notes" in p for p in outer)  # the portfolio's own ignores apply
    assert any(f["code"] == "PF101" for file in inner.values() for f in file["findings"])


def test_a_heading_scope_rule_judges_headings(tmp_path):
    rule = CUSTOM.replace("scope: bullet", "scope: heading").replace("terms: [utilize]", "terms: [work history]")
    rule = rule.replace("Utilized Spark for the nightly batch jobs.", '"Work history\\n- Ran the team.\\n"')
    rule = rule.replace("match: Utilized", "match: Work history").replace("groups: [house-style]\n", "")
    rule = rule.replace("- Used Spark for the nightly batch jobs.", '- "Experience\\n- Ran the team.\\n"')
    write(tmp_path, "house/ZZ101-heading.yaml", rule)
    text = "Summary\n- Built things.\nWork history\n- Ran the team.\n"
    [finding] = [
        f for f in linter.lint_text(text, kind="resume", rule_dirs=[str(tmp_path / "house")]) if f.code == "ZZ101"
    ]
    assert (finding.line, finding.column, finding.end_column) == (3, 1, 13)
    result = CliRunner().invoke(main, ["test-rules", "--rule-dir", str(tmp_path / "house")])
    assert result.exit_code == 0 and "1 of 1 rules behave" in result.output


def test_test_rules_runs_a_rule_packs_examples(tmp_path):
    write(tmp_path, "house/ZZ101-say-use.yaml", CUSTOM)
    write(tmp_path, "house/groups/house.yaml", GROUPS)
    good = CliRunner().invoke(main, ["test-rules", "--no-config", "--rule-dir", str(tmp_path / "house")])
    assert good.exit_code == 0 and "ok   ZZ101" in good.output and "RL101" not in good.output
    write(tmp_path, "house/ZZ101-say-use.yaml", CUSTOM.replace("- Used Spark", "- Utilized Spark daily;"))
    load_ruleset.cache_clear()
    bad = CliRunner().invoke(main, ["test-rules", "--no-config", "--rule-dir", str(tmp_path / "house")])
    assert bad.exit_code == 1 and "FAIL ZZ101" in bad.output and "passing example gave 1 finding" in bad.output
    assert CliRunner().invoke(main, ["test-rules", "--no-config"]).exit_code == 2


def test_init_offers_the_projects_roles(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    result = CliRunner().invoke(main, ["init", "--role", "analyst", str(tmp_path)])
    assert result.exit_code == 2 and "'analyst' is not a role" in result.output
    assert CliRunner().invoke(main, ["init", "--role", "mle", str(tmp_path)]).exit_code == 0
    written = (tmp_path / "pyproject.toml").read_text()
    assert 'role = "mle"' in written and all(f'"{name}"' in written for name in load_ruleset().profiles)


@pytest.mark.parametrize(
    "text, holds",
    [
        ('[project]\nname = "rolelint"\n[project.scripts]\nrolelint = "linter.cli:entry"\n', False),
        ("[tool.black]\nline-length = 100\n", False),
        ('[tool.rolelint]\nrole = "mle"\n', True),
        ('[ tool . "rolelint" ]\nrole = "mle"\n', True),
        ('[tool.rolelint.severity]\nRL108 = "warning"\n', True),
        ('[tool]\nrolelint = { role = "mle" }\n', True),
        ('[tool]\nrolelint.role = "mle"\n', True),
        ('tool.rolelint.role = "mle"\n', True),
        ('tool = { rolelint = { role = "mle" } }\n', True),
    ],
)
def test_a_pyproject_without_a_rolelint_table_is_not_parsed_but_every_spelling_of_one_is(tmp_path, text, holds):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    from linter.config import _may_hold_table, load_config

    path = write(tmp_path, "pyproject.toml", text)
    parsed = tomllib.loads(text).get("tool", {}).get("rolelint") is not None
    assert parsed == holds and _may_hold_table(text.encode()) == holds
    assert (load_config(path) is not None) == holds
