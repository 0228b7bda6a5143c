"""Trust and disclosure (issue 12): configuration is taken only from the checkout and only from files the
user could have written; a walk does not follow links out of the folder it checks, nor lint a repository's
upkeep files; `init` never writes through a link; repeated findings are reported once; every note names
the files it concerns."""

import json
import os

import pytest

import linter
from linter.config import find_config
from linter.init import InitError, init_config
from linter.ruleset import load_ruleset
from tests.conftest import run_check, write
from tests.test_ruleset import VALID

WEAK = "Experience\n- Improved the model.\n"
PRIVATE = "PRIVATE-KEY-MATERIAL 1234\n"


def _json(result) -> dict:
    return json.loads(result.stdout)


def _check_with_config(*args: str):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "linter", "check", *args], capture_output=True, text=True)


def test_a_world_writable_config_above_the_project_is_not_applied(tmp_path):
    shared = tmp_path / "shared"
    write(shared, "pyproject.toml", '[tool.rolelint]\nfail_on = "never"\nignore = ["RL1"]\n')
    os.chmod(shared / "pyproject.toml", 0o666)
    resume = write(shared, "me/resume.txt", WEAK)
    config = find_config(resume)
    assert config.path is None
    [note] = config.notes
    assert str(shared / "pyproject.toml") in note and "writable by every user" in note and "--config" in note
    result = _check_with_config("--format", "json", resume)
    assert result.returncode == 1, result.stderr  # fail_on = "never" was not applied, and RL101 was not ignored
    payload = _json(result)
    assert [f["code"] for f in payload["files"][0]["findings"]] == ["RL101"]
    assert any(n.startswith(resume + ": ") and "was not applied" in n for n in payload["summary"]["notes"])


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_a_config_owned_by_another_user_is_not_applied_but_an_explicit_one_is(tmp_path):
    shared = tmp_path / "shared"
    config_path = write(shared, "pyproject.toml", '[tool.rolelint]\nfail_on = "never"\njob = "/etc/shadow"\n')
    os.chown(config_path, 4321, 4321)
    resume = write(shared, "me/resume.txt", WEAK)
    assert find_config(resume).path is None
    assert "owned by another user (uid 4321)" in find_config(resume).notes[0]
    result = _check_with_config(resume)
    assert result.returncode == 1 and "shadow" not in result.stdout + result.stderr
    assert "was not applied" in result.stdout
    # Named with --config, it is the user's choice (the job it names is then read, and refused as a job).
    os.chown(config_path, os.geteuid(), os.getegid())
    assert find_config(resume).path == config_path


def test_the_search_stops_at_the_repository_root(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.rolelint]\nrole = "mle"\n')
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    resume = write(tmp_path, "repo/docs/resume.txt", WEAK)
    assert find_config(resume).path is None
    write(tmp_path, "repo/.rolelint.toml", 'role = "ds"\n')
    assert find_config(resume).role == "ds"


def test_the_search_stops_at_the_home_folder(tmp_path, monkeypatch):
    write(tmp_path, ".rolelint.toml", 'role = "mle"\n')
    home = tmp_path / "home"
    resume = write(home, "cv/resume.txt", WEAK)
    monkeypatch.setenv("HOME", str(home))
    assert find_config(resume).path is None
    write(home, ".rolelint.toml", 'role = "ds"\n')  # the home folder's own file is the user's
    assert find_config(resume).role == "ds"


def test_a_walk_skips_links_that_leave_the_folder_with_a_note(tmp_path):
    secret = write(tmp_path, "outside/id_rsa.txt", PRIVATE)
    repo = tmp_path / "repo"
    write(repo, "resume.txt", WEAK)
    os.symlink(secret, repo / "notes.txt")
    os.symlink("resume.txt", repo / "same.txt")  # a link within the folder is linted
    result = run_check("--format", "json", str(repo))
    payload = _json(result)
    assert sorted(os.path.basename(f["path"]) for f in payload["files"]) == ["resume.txt", "same.txt"]
    link = os.path.join(str(repo), "notes.txt")
    [note] = [n for n in payload["summary"]["notes"] if "outside the folder" in n]
    assert note.startswith(link + ": ")
    html = run_check("--format", "html", str(repo))
    assert PRIVATE.strip() not in html.stdout and "resume.txt" in html.stdout
    text = run_check(str(repo))
    assert f"note: {link}: was not read" in text.stdout and "Checked 2 files" in text.stdout
    named = run_check("--format", "json", link)  # named on the command line, it is read as asked
    assert [f["path"] for f in _json(named)["files"]] == [link]


@pytest.mark.parametrize(
    "name", ["requirements.txt", "requirements-dev.txt", "LICENSE.md", "CHANGELOG.md", "CONTRIBUTING.md"]
)
def test_a_walk_skips_a_repository_s_upkeep_files_but_lints_them_when_named(tmp_path, name):
    write(tmp_path, name, "# Notes\n\nImproved the model and improved performance a lot.\n")
    write(tmp_path, "resume.txt", WEAK)
    walked = _json(run_check("--format", "json", str(tmp_path)))
    assert [os.path.basename(f["path"]) for f in walked["files"]] == ["resume.txt"]
    named = _json(run_check("--format", "json", str(tmp_path / name)))
    assert [os.path.basename(f["path"]) for f in named["files"]] == [name]


def test_init_refuses_a_dangling_config_link_and_writes_nothing_outside(tmp_path):
    target = tmp_path / "elsewhere" / "planted.toml"
    target.parent.mkdir()
    folder = tmp_path / "project"
    folder.mkdir()
    os.symlink(target, folder / ".rolelint.toml")
    with pytest.raises(InitError, match="already exists"):
        init_config(str(folder), "ds", use_pyproject=False)
    assert not target.exists()
    result = run_check_init(folder)
    assert result.returncode == 2 and "already exists" in result.stderr and not target.exists()
    assert "Traceback" not in result.stderr


def test_init_refuses_to_append_through_a_linked_pyproject(tmp_path):
    target = write(tmp_path, "elsewhere/pyproject.toml", "[project]\nname = 'x'\n")
    folder = tmp_path / "project"
    folder.mkdir()
    os.symlink(target, folder / "pyproject.toml")
    with pytest.raises(InitError, match="symbolic link"):
        init_config(str(folder), "ds")
    assert open(target).read() == "[project]\nname = 'x'\n"


def run_check_init(folder):
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "linter", "init", "--role", "ds"], cwd=folder, capture_output=True, text=True
    )


def test_the_same_finding_twice_on_one_line_is_reported_once(tmp_path):
    rules = write(tmp_path / "rules", "rule.yaml", VALID)
    load_ruleset.cache_clear()
    try:
        findings = linter.lint_text(
            "Experience\n- Utilize Spark, utilize Dask and utilize Ray for the batch jobs.\n- Utilize Spark.\n",
            rule_dirs=[os.path.dirname(rules)],
            select=["XY101"],
        )
    finally:
        load_ruleset.cache_clear()
    # 'Utilize' and 'utilize' say different things; the second 'utilize' says nothing new.
    assert [(f.line, f.column, f.matched) for f in findings] == [
        (2, 3, "Utilize"),
        (2, 18, "utilize"),
        (3, 3, "Utilize"),
    ]


def test_every_note_names_the_files_it_concerns(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt"):
        write(tmp_path, name, "Notes\n\nSome plain words with no role in them at all.\n")
    result = run_check("--format", "json", str(tmp_path))
    payload = _json(result)
    assert payload["summary"]["notes"]
    for note in payload["summary"]["notes"]:
        assert note.startswith(str(tmp_path)), note
    [neutral] = [n for n in payload["summary"]["notes"] if "role-neutral" in n]
    assert " and 2 other files: " in neutral
