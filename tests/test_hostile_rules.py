"""Hostile rule folders, configuration and ignore files (issue 12): every one ends in one line naming the
file and exit 2, never a traceback, a hang or a blow-up; peak memory and CPU time are measured in a child
process (run_bounded)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_bounded, write
from tests.make_broken_files import (
    alias_bomb_rule,
    backtracking_glob,
    catastrophic_regex_rule,
    deep_toml,
    format_width_rule,
    inline_flag_lexicon,
    many_patterns_gitignore,
    many_stars_rule,
    rule_yaml,
    token_pattern_rule,
)

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


# Gitignore-style globs: git's semantics, in linear time, from bounded files.


@pytest.mark.parametrize(
    "patterns, path, is_dir, ignored",
    [
        (["drafts/"], "drafts", True, True),
        (["drafts/"], "drafts", False, False),  # a trailing slash matches only folders
        (["drafts/"], "cv/drafts/old.md", False, True),  # inside an ignored folder, at any depth
        (["/README.md"], "README.md", False, True),
        (["/README.md"], "docs/README.md", False, False),  # anchored to the patterns' folder
        (["*.md", "!keep.md"], "notes/keep.md", False, False),
        (["*.md", "!keep.md"], "notes/other.md", False, True),
        (["notes/", "!notes/keep.md"], "notes/keep.md", False, True),  # no way back into an ignored folder
        (["notes/**", "!notes/keep.md"], "notes/keep.md", False, False),  # the folder itself is not ignored
        (["notes/**"], "notes", True, False),
        (["**/build"], "a/b/build", True, True),
        (["a/**/b"], "a/b", False, True),
        (["a/**/b"], "a/x/y/b", False, True),
        (["a/**/b"], "a/xb", False, False),
        (["*"], "anything/at/all.md", False, True),
        (["\\#notes.md", "\\!x.md"], "#notes.md", False, True),
        (["\\!x.md"], "!x.md", False, True),
        (["[a-c]?.md"], "b1.md", False, True),
        (["[!a-c]?.md"], "b1.md", False, False),
        (["cv[[:digit:]].md"], "cv2.md", False, True),
        (["trailing  "], "trailing", False, True),
        (["escaped\\ "], "escaped ", False, True),
        (["# a comment", "", "/"], "a comment", False, False),
    ],
)
def test_globs_follow_gitignore_semantics(patterns, path, is_dir, ignored):
    from linter.globs import matches_any

    assert matches_any(tuple(patterns), path, is_dir) is ignored


@pytest.mark.parametrize(
    "pattern, name",
    [
        (backtracking_glob(), "a" * 250 + ".md"),
        ("?*" * 20 + "x", "a" * 250),
        ("[a-z]*" * 12 + "0", "a" * 250),
        ("**/a/**/a/**/a/**/a/**/a/**/b", "/".join(["a"] * 2000) + "/c.md"),
        ("/**/*a*a*a*/**/*a*a*a*/**/*a*a*a*b/**", "/".join(["a" * 200] * 20)),
    ],
)
def test_glob_matching_takes_linear_time_on_a_path_that_almost_matches(pattern, name):
    import resource

    from linter.globs import compile_globs

    globs = compile_globs((pattern,))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    assert not globs.matches(name) and not globs.matches(name, is_dir=True)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_utime - before < 1.0


def _git_ignored(root: Path) -> set[str]:
    import subprocess

    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--others", "--ignored", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {path for path in listed.split("\0") if path}


_NAMES = ["a", "ab", "notes", "drafts", "a b", "a*b", "[x]", "#c", "!d", "keep", "c-d"]
_ATOMS = ["a", "*", "?", "**", "a*", "*b*", "[ab]*", "[!a]*", "[b-a]", "notes", "keep.md", "\\#c.md", "\\!d.md",
          "*.md", "a**", "**a", "*a*a*", "[[:alpha:]]*", "a\\ ", "[a", "?.md"]  # fmt: skip


def _random_pattern(rng) -> str:
    pattern = "/".join(rng.choice(_ATOMS) for _ in range(rng.choice([1, 1, 2, 3])))
    return (
        ("!" if rng.random() < 0.2 else "")
        + ("/" if rng.random() < 0.2 else "")
        + pattern
        + ("/" if rng.random() < 0.2 else "")
    )


@pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")
def test_a_walk_skips_exactly_the_files_git_ignores(tmp_path):
    """Random trees and .gitignore files (one at the top, one in a folder), walked by rolelint and listed by
    git itself: the files they leave out are the same."""
    import random
    import subprocess

    from linter.discover import expand_paths
    from linter.formats import BY_EXTENSION
    from linter.settings import Resolver

    rng = random.Random(12)
    options_for = Resolver(use_config=False).options_for
    for trial in range(40):
        root = tmp_path / f"repo{trial}"
        root.mkdir()
        subprocess.run(["git", "init", "-q", str(root)], check=True)
        files = set()
        for _ in range(30):
            folders = [rng.choice(_NAMES) for _ in range(rng.choice([0, 1, 2, 3]))]
            name = rng.choice(_NAMES) + rng.choice([".md", ".md", ".txt"])
            if (root / Path(*folders)).is_file():
                continue
            (root / Path(*folders)).mkdir(parents=True, exist_ok=True)
            if not (root / Path(*folders) / name).is_dir():
                (root / Path(*folders) / name).write_text(GOOD)
                files.add("/".join([*folders, name]))
        (root / ".gitignore").write_text("\n".join(_random_pattern(rng) for _ in range(rng.choice([1, 3, 6]))))
        folder = rng.choice([p for p in root.iterdir() if p.is_dir() and p.name != ".git"] or [root])
        (folder / ".gitignore").write_text("\n".join(_random_pattern(rng) for _ in range(2)))
        walked = {os.path.relpath(path, root) for _, path in expand_paths([str(root)], options_for)}
        expected = {f for f in files if os.path.splitext(f)[1] in BY_EXTENSION} - _git_ignored(root)
        assert walked == expected, ((root / ".gitignore").read_text(), (folder / ".gitignore").read_text())


def test_a_backtracking_gitignore_or_exclude_pattern_does_not_hang_the_walk(tmp_path):
    project = tmp_path / "project"
    write(project, ".gitignore", backtracking_glob() + "\n")
    write(project, ".rolelint.toml", f'exclude = ["{backtracking_glob()}"]\n')
    write(project, "a" * 200 + ".txt", GOOD)
    write(project, "resume.txt", GOOD)
    run = run_bounded(["check", "--format", "json", "."], cwd=project)
    assert run.returncode == 1, run.stderr[-2000:]
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert len(json.loads(run.stdout)["files"]) == 2  # neither matches the pattern


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "48 MB"])
def test_a_gitignore_that_is_not_a_small_regular_file_is_refused(tmp_path, kind):
    project = tmp_path / "project"
    write(project, "resume.txt", GOOD)
    path = project / "notes" / ".gitignore"
    path.parent.mkdir()
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        with open(path, "w") as handle:
            for _ in range(48):
                handle.write(many_patterns_gitignore(40_000)[: 2**20])
    words = "larger than 1024 KB" if kind == "48 MB" else "not a regular file"
    _one_error(run_bounded(["check", "--no-config", str(project)]), "notes/.gitignore", words)


def test_a_gitignore_with_too_many_patterns_is_refused_unless_the_limit_is_raised(tmp_path):
    project = tmp_path / "project"
    write(project, ".gitignore", many_patterns_gitignore(5_001))
    write(project, "resume.txt", GOOD)
    _one_error(
        run_bounded(["check", "--no-config", str(project)]), ".gitignore", "5001 patterns", "--max-glob-patterns"
    )
    raised = run_bounded(["check", "--no-config", "--max-glob-patterns", "6000", str(project)])
    assert raised.returncode == 1 and "resume.txt" in raised.stdout
    raised.assert_within(peak_mb=400, cpu_seconds=10)


def test_an_exclude_list_with_too_many_patterns_names_its_file_and_key(tmp_path):
    patterns = ", ".join(f'"x{i}/"' for i in range(5_001))
    write(tmp_path, ".rolelint.toml", f"exclude = [{patterns}]\n")
    write(tmp_path, "resume.txt", GOOD)
    _one_error(run_bounded(["check", "resume.txt"], cwd=tmp_path), ".rolelint.toml", "'exclude'", "5001 patterns")


# Rule templates: {name} placeholders only; document text is never formatted.


@pytest.mark.parametrize(
    "message, key",
    [
        ("'{match:>1500000000}' says little", "message"),
        ("'{match!r}' says little", "message"),
        ("'{match.__class__.__mro__}' says little", "message"),
        ("'{0}' says little", "message"),
        ("'{match' says little", "message"),
    ],
)
def test_a_rule_template_may_hold_only_name_placeholders(tmp_path, good, message, key):
    folder = _rule_folder(tmp_path, "RL990-template.yaml", rule_yaml(message=message))
    _one_error(run_bounded(["check", "--no-config", "--rule-dir", str(folder), good]), "RL990-template.yaml", key)


def test_a_format_width_in_a_suggestion_is_refused_before_anything_is_allocated(tmp_path, good):
    text = rule_yaml().replace(
        'suggestion: {default: "Say what you did."}', 'suggestion: {default: "{match:>99999999999}"}'
    )
    folder = _rule_folder(tmp_path, "RL990-template.yaml", text)
    _one_error(run_bounded(["check", "--no-config", "--rule-dir", str(folder), good]), "suggestion.default")
    folder = _rule_folder(tmp_path, "RL990-template.yaml", format_width_rule())
    _one_error(run_bounded(["check", "--no-config", "--rule-dir", str(folder), good]), "'message'", "{match:>")


def test_braces_in_a_document_are_text_not_placeholders(tmp_path):
    """Document text goes into messages, suggestions and rewrites as a value, once: it is never formatted."""
    rule = rule_yaml(
        match='{regex: "\\\\{[^}]*\\\\}"}',
        extra='rewrite: {default: "{verb} {match}"}\n',
    ).replace('{default: "Say what you did."}', "{default: \"Instead of '{match}': '{rewrite}'.\"}")
    folder = _rule_folder(tmp_path, "RL990-braces.yaml", rule)
    path = write(tmp_path, "resume.md", "# Experience\n\n- Built {match:>1500000000} and {rewrite!r} for {0}.\n")
    run = run_bounded(["check", "--no-config", "--kind", "resume", "--rule-dir", str(folder), "--format", "json", path])
    assert run.returncode == 1, run.stderr[-2000:]
    run.assert_within(peak_mb=400, cpu_seconds=10)
    found = [f for f in json.loads(run.stdout)["files"][0]["findings"] if f["code"] == "RL990"]
    assert [f["message"] for f in found] == [
        "'{match:>1500000000}' says little",
        "'{rewrite!r}' says little",
        "'{0}' says little",
    ]
    assert found[0]["suggestion"] == "Instead of '{match:>1500000000}': 'Built {match:>1500000000}'."


# User regular expressions: validated as they are compiled, combined into one.


def _lexicon_rule_folder(tmp_path: Path, lexicon: str) -> Path:
    folder = _rule_folder(tmp_path, "RL990-lexicon.yaml", rule_yaml(match="{lexicon: hostile}"))
    write(folder, "lexicons/hostile.yaml", lexicon)
    return folder


def test_a_global_inline_flag_in_a_lexicon_pattern_applies_to_that_pattern_alone(tmp_path):
    folder = _lexicon_rule_folder(tmp_path, inline_flag_lexicon())
    resume = write(tmp_path, "resume.txt", "Experience\n- Drove a PARADIGM SHIFT in reporting.\n- Built SYNERGIES.\n")
    run = run_bounded(["check", "--no-config", "--rule-dir", str(folder), "--format", "json", resume])
    assert run.returncode == 1, run.stderr[-2000:]
    run.assert_within(peak_mb=400, cpu_seconds=10)
    codes = [f["code"] for f in json.loads(run.stdout)["files"][0]["findings"]]
    assert codes.count("RL990") == 2 and "RL912" not in codes
    assert run_bounded(["test-rules", "--no-config", "--rule-dir", str(folder)]).returncode == 0


@pytest.mark.parametrize(
    "patterns, words",
    [
        (["(?P<verb>lever)aged", "(?P<verb>synerg)y"], "cannot be combined"),
        (["(a)\\1", "(b)\\1"], "refers to a group by number"),
        (["paradigm(?i)shift"], "global flags not at the start"),
        (["(unclosed"], "invalid regular expression"),
    ],
)
def test_a_lexicon_pattern_that_breaks_the_combination_is_a_rule_error_at_load(tmp_path, good, patterns, words):
    listed = "".join(f"  - '{p}'\n" for p in patterns)
    folder = _lexicon_rule_folder(tmp_path, f"name: hostile\nterms: [leveraged]\npatterns:\n{listed}")
    _one_error(run_bounded(["check", "--no-config", "--rule-dir", str(folder), good]), "hostile.yaml", words)
    _one_error(run_bounded(["rules", "--no-config", "--rule-dir", str(folder)]), "hostile.yaml", words)


def test_a_catastrophically_backtracking_regex_costs_one_file_its_time_budget(tmp_path, good):
    folder = _rule_folder(tmp_path, "RL990-backtracking.yaml", catastrophic_regex_rule())
    slow = write(tmp_path, "slow.txt", "Experience\n- " + "a" * 60 + "\n")
    run = run_bounded(
        ["check", "--no-config", "--timeout", "2", "--rule-dir", str(folder), "--format", "json", slow, good]
    )
    assert run.returncode == 2, run.stderr[-2000:]
    run.assert_within(peak_mb=400, cpu_seconds=10)
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    assert [f["code"] for f in files["slow.txt"]["findings"]] == ["RL911"]
    assert [f["code"] for f in files["good.txt"]["findings"]] == ["RL101"]


# Token patterns: what spaCy's Matcher cannot run safely is refused at load; what it can runs in windows.


@pytest.mark.parametrize("command", ["check", "rules"])
def test_a_token_pattern_with_several_stars_is_refused_at_load(tmp_path, good, command):
    folder = _rule_folder(tmp_path, "RL990-stars.yaml", many_stars_rule())
    args = [command, "--no-config", "--rule-dir", str(folder)] + ([good] if command == "check" else [])
    _one_error(run_bounded(args), "RL990-stars.yaml", "match.tokens[0]", "too costly", 'at most one of OP "*"')


@pytest.mark.parametrize(
    "tokens, key, words",
    [
        (['{OP: "?"}'] * 5 + ["{LOWER: leveraged}"], "match.tokens[0]", "at most 4 optional"),
        (['{OP: "{0,20}"}', "{LOWER: leveraged}"], "match.tokens[0]", "too costly"),
        (["{LOWER: leveraged}"] * 17, "match.tokens[0]", "at most 16 tokens"),
        (['{OP: "{2,}"}', '{OP: "+"}'], "match.tokens[0]", "too costly"),
        (['{LOWER: leveraged, OP: "**"}'], "match.tokens[0][0].OP", "must be one of"),
        (['{LOWER: leveraged, OP: "{3,1}"}'], "match.tokens[0][0].OP", "n <= m"),
        (["{LOWER: {REGEX: '(unclosed'}}"], "match.tokens[0][0].LOWER.REGEX", "invalid regular expression"),
        (["{_: {is_skill: true}}"], "match.tokens[0][0]._", "custom token attributes"),
    ],
)
def test_a_token_pattern_spacy_could_not_run_safely_is_refused_at_load(tmp_path, good, tokens, key, words):
    folder = _rule_folder(tmp_path, "RL990-tokens.yaml", token_pattern_rule(*tokens))
    _one_error(run_bounded(["check", "--no-config", "--rule-dir", str(folder), good]), f"'{key}'", words)


def test_an_allowed_star_pattern_runs_in_windows_over_a_long_bullet(tmp_path):
    """One unanchored `*` over a bullet of 4,000 tokens: whole-text matching returned a match for every pair
    of tokens (8 million)."""
    rule = token_pattern_rule('{OP: "*"}', '{OP: "?"}', '{OP: "?"}', '{OP: "?"}', '{OP: "?"}', "{LOWER: leveraged}")
    folder = _rule_folder(tmp_path, "RL990-star.yaml", rule)
    bullet = " ".join(["word"] * 1990 + ["leveraged"] + ["word"] * 1990 + ["leveraged"])
    resume = write(tmp_path, "resume.txt", f"Experience\n- {bullet}\n- Leveraged the data platform.\n")
    run = run_bounded(["check", "--no-config", "--rule-dir", str(folder), "--format", "json", resume])
    assert run.returncode == 1, run.stderr[-2000:]
    run.assert_within(peak_mb=400, cpu_seconds=10)
    found = [f for f in json.loads(run.stdout)["files"][0]["findings"] if f["code"] == "RL990"]
    # the longest match ending at each "leveraged": 16 tokens (15 "word"s and it), no longer; the two on
    # line 2 say the same thing, so they are reported once
    assert [(f["line"], f["end_column"] - f["column"]) for f in found] == [(2, 15 * 5 + 9), (3, 9)]


def test_a_token_pattern_only_spacy_can_judge_is_one_rule_error_not_an_error_per_file(tmp_path, good):
    folder = _rule_folder(tmp_path, "RL990-attribute.yaml", token_pattern_rule("{NOT_AN_ATTRIBUTE: leveraged}"))
    other = write(tmp_path, "other.txt", GOOD)
    _one_error(
        run_bounded(["check", "--no-config", "--rule-dir", str(folder), good, other]),
        "RL990-attribute.yaml",
        "'match'",
        "spaCy cannot use this matcher",
    )
    run = run_bounded(["test-rules", "--no-config", "--rule-dir", str(folder)])
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "FAIL RL990" in run.stdout and "spaCy cannot use this matcher" in run.stdout
