"""Hostile rule folders, configuration and ignore files (issue 12): every one ends in one line naming the
file and exit 2, never a traceback, a hang or a blow-up; peak memory and CPU time are measured in a child
process (run_bounded)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_bounded, write
from tests.make_broken_files import alias_bomb_rule, deep_toml, rule_yaml

GOOD = "Experience\n- Improved model performance for the ranking service.\n"


def _one_error(run, *words: str) -> str:
    """The run's one error line (click prints usage lines above it), which must hold every word."""
    assert run.returncode == 2, (run.returncode, run.stdout[-500:], run.stderr[-2000:])
    run.assert_within(peak_mb=400, cpu_seconds=10)
    errors = [line for line in run.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, run.stderr
    for word in words:
        assert word in errors[0], (word, errors[0])
    return errors[0]


def _rule_folder(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "hostile-rules"
    write(folder, name, text)
    return folder


@pytest.fixture
def good(tmp_path) -> str:
    return write(tmp_path, "good.txt", GOOD)


def test_a_user_rule_file_is_linted_with(tmp_path, good):
    """The yardstick for the hostile rule files below: the same rule, well formed, works."""
    folder = _rule_folder(tmp_path, "RL990-hostile.yaml", rule_yaml())
    run = run_bounded(["test-rules", "--no-config", "--rule-dir", str(folder)])
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("command", ["check", "rules", "test-rules"])
def test_yaml_aliases_that_expand_exponentially_are_refused(tmp_path, good, command):
    bomb = alias_bomb_rule()
    assert len(bomb.encode()) < 1500
    folder = _rule_folder(tmp_path, "RL990-laughs.yaml", bomb)
    args = [command, "--no-config", "--rule-dir", str(folder)] + ([good] if command == "check" else [])
    _one_error(run_bounded(args), "RL990-laughs.yaml", "alias")


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "oversized"])
def test_a_rule_file_that_is_not_a_small_regular_file_is_refused(tmp_path, good, kind):
    folder = tmp_path / "rules"
    folder.mkdir()
    path = folder / "RL990-odd.yaml"
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text(rule_yaml() + "#" * (2 * 2**20) + "\n")
    words = "larger than 1024 KB" if kind == "oversized" else "not a regular file"
    _one_error(run_bounded(["check", "--no-config", "--rule-dir", str(folder), good]), path.name, words)


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "oversized"])
def test_a_configuration_file_that_is_not_a_small_regular_file_is_refused(tmp_path, good, kind):
    path = tmp_path / "hostile.toml"
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.write_text('role = "ds"\n' + "#" * (2 * 2**20) + "\n")
    words = "larger than 1024 KB" if kind == "oversized" else "not a regular file"
    _one_error(run_bounded(["check", "--config", str(path), good]), "hostile.toml", words)


@pytest.mark.parametrize("name", [".rolelint.toml", "pyproject.toml"])
def test_configuration_nested_100000_levels_is_one_error(tmp_path, name):
    body = deep_toml()
    if name == "pyproject.toml":
        body = "[tool.rolelint]\n" + body
    write(tmp_path, name, body)
    write(tmp_path, "good.txt", GOOD)
    _one_error(run_bounded(["check", "good.txt"], cwd=tmp_path), name, "nested too deeply")


def test_a_project_whose_rule_dirs_holds_a_hostile_rule_ends_in_one_line(tmp_path):
    project = tmp_path / "project"
    write(project, ".rolelint.toml", 'rule_dirs = ["house-rules"]\n')
    write(project, "house-rules/RL990-laughs.yaml", alias_bomb_rule())
    write(project, "resume.txt", GOOD)
    for args in (["check", "."], ["rules"], ["explain", "RL101"], ["test-rules"]):
        _one_error(run_bounded(args, cwd=project), "RL990-laughs.yaml", "rule_dirs")
