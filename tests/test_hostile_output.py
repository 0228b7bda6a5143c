"""Issue 12, where the report goes and what it shows: an --output that cannot be written, standard output
on a full disk or a closed pipe, file names that are not UTF-8, a terminal that is not UTF-8, JSON that
is broken in odd ways, trees too deep to recurse into, a deleted working folder, one answer or cell too
large to parse, and reading under a high size limit. Each case is generated here and run in a child
process (run_bounded): its exit code, a one-line message naming the file, no traceback, the other files
still reported, and peak memory and CPU time within the promise."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests import make_broken_files as hostile
from tests.conftest import run_bounded, write

GOOD = "Experience\n- Improved the ranking model.\n"


def _error_line(run) -> str:
    """The run's one line on standard error."""
    lines = run.stderr.splitlines()
    assert len(lines) == 1, run.stderr
    return lines[0]


def _check(*args: str, **kwargs):
    return run_bounded(["check", "--no-config", *args], **kwargs)


# --- --output that cannot be written ------------------------------------------------------------------


def test_output_into_a_missing_folder_is_one_line_naming_it(tmp_path):
    good = write(tmp_path, "good.txt", GOOD)
    target = tmp_path / "missing" / "report.txt"
    run = _check("--output", str(target), good)
    assert run.returncode == 2
    assert f"{target}: cannot be written: its folder {target.parent} does not exist" in _error_line(run)
    run.assert_within(peak_mb=400, cpu_seconds=10)


def _unwritable_folder(tmp_path) -> Path:
    """A folder this process may not create files in: a read-only one, or, for root (who may write in
    any folder on disk), /sys, which the kernel keeps even root from adding files to."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    if not os.path.isdir("/sys") or _can_create_in("/sys"):
        pytest.skip("no folder that root cannot write to")
    return Path("/sys")


def _can_create_in(folder: str) -> bool:
    import tempfile

    try:
        descriptor, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return False
    os.close(descriptor)
    os.remove(name)
    return True


def test_output_into_a_read_only_folder_is_one_line(tmp_path):
    good = write(tmp_path, "good.txt", GOOD)
    folder = _unwritable_folder(tmp_path)
    run = _check("--output", str(folder / "report.txt"), good)
    assert run.returncode == 2
    assert f"{folder / 'report.txt'}: cannot be written: permission denied" in _error_line(run)
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert not (folder / "report.txt").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_output_to_a_full_disk_is_one_line_and_the_device_is_written_not_replaced(tmp_path):
    good = write(tmp_path, "good.txt", GOOD)
    link = tmp_path / "report.txt"
    link.symlink_to("/dev/full")  # through a link, so that a regression could only replace the link
    run = _check("--output", str(link), good)
    assert run.returncode == 2
    assert _error_line(run) == f"Error: {link}: cannot be written: the disk is full (give --output another path)"
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "report.txt"]  # no temporary file


def test_a_report_that_fills_the_disk_leaves_the_old_file_and_no_temporary_file(tmp_path):
    long = write(tmp_path, "long.txt", hostile.vague_resume(300))
    good = write(tmp_path, "good.txt", GOOD)
    report = tmp_path / "report.json"
    report.write_text("the old report", encoding="utf-8")
    # every file the child writes fails past 32 KB, as on a full disk; the JSON report is far longer
    run = _check("--format", "json", "--output", str(report), long, good, file_size_limit=32 * 1024)
    assert run.returncode == 2
    assert f"{report}: cannot be written: the file would be over the size limit" in _error_line(run)
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert report.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "long.txt", "report.json"]


# --- standard output on a full disk, and a closed pipe ------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("command", [["check", "--no-config"], ["rules"]])
def test_standard_output_on_a_full_disk_is_one_line(tmp_path, command):
    good = write(tmp_path, "good.txt", GOOD)
    with open("/dev/full", "wb") as full:
        run = run_bounded([*command, good] if command[0] == "check" else command, stdout=full)
    assert run.returncode == 2
    assert _error_line(run) == "Error: standard output: cannot be written: the disk is full"
    run.assert_within(peak_mb=400, cpu_seconds=10)


@pytest.mark.parametrize("command", [["check", "--no-config"], ["rules"]])
def test_a_closed_pipe_ends_the_run_quietly(tmp_path, command):
    """`rolelint check big/ | head -1`: the reader has gone. No traceback and no "Exception ignored" at
    exit (rules exits without the shortcut check takes once spaCy is loaded)."""
    long = write(tmp_path, "long.txt", hostile.vague_resume(50))
    reading, writing = os.pipe()
    os.close(reading)  # the reader has gone before the first line is written
    try:
        run = run_bounded([*command, long, long] if command[0] == "check" else command, stdout=writing)
    finally:
        os.close(writing)
    assert run.returncode == 2 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)


# --- a terminal whose encoding cannot show every character ----------------------------------------------------


def test_verbose_output_in_a_latin1_terminal_shows_what_it_cannot_encode_as_escapes(tmp_path):
    dash = write(tmp_path, "dash.txt", "Experience\n- Improved the ranking model \u2014 for the team.\n")
    clipped = write(tmp_path, "long.txt", "Experience\n- Improved the ranking model " + "for the team " * 30 + ".\n")
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    run = _check("-v", dash, clipped, env=env)
    assert run.returncode == 1 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert "| Improved the ranking model \\u2014 for the team." in run.stdout
    excerpts = [line for line in run.stdout.splitlines() if line.startswith("    | Improved the ranking model for")]
    assert excerpts and excerpts[0].endswith("\\u2026")  # the ellipsis that ends a shortened excerpt


# --- a working folder that no longer exists ------------------------------------------------------------------


def test_running_from_a_deleted_folder_is_one_line(tmp_path, monkeypatch):
    good = write(tmp_path, "good.txt", GOOD)
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # `cd gone && rmdir ../gone`: the child starts in a folder that no longer exists
    for command in (["check", "--no-config", good], ["rules"]):
        run = run_bounded(command)
        assert run.returncode == 2, command
        assert _error_line(run) == (
            "Error: the current folder no longer exists (it was deleted or moved): cd to an existing folder and "
            "run rolelint again"
        )
        run.assert_within(peak_mb=400, cpu_seconds=10)


# --- file names that are not UTF-8 ----------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_shown_the_same_way_in_every_report(tmp_path):
    bad = os.path.join(os.fsencode(tmp_path), hostile.UNDECODABLE_NAME)
    with open(bad, "w", encoding="utf-8") as handle:
        handle.write(GOOD)
    name, good = os.fsdecode(bad), write(tmp_path, "good.txt", GOOD)
    shown = f"{tmp_path}{os.sep}r\\xe9sum\\xe9.txt"
    for fmt in ("text", "json", "sarif", "github", "html"):
        report = tmp_path / f"report.{fmt}"
        run = _check("--format", fmt, "--output", str(report), name, good)
        assert run.returncode == 1 and run.stderr == "", (fmt, run.stderr)
        run.assert_within(peak_mb=400, cpu_seconds=10)
        text = report.read_bytes().decode("utf-8")  # valid UTF-8, or this raises
        if fmt == "json":
            assert [f["path"] for f in json.loads(text)["files"]] == [shown, good]
        elif fmt == "sarif":
            uris = [
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(text)["runs"][0]["results"]
            ]
            assert uris[0].endswith("/r%E9sum%E9.txt") and uris[1].endswith("/good.txt")
        else:
            assert shown in text and good in text, fmt
    run = _check(name, good)  # and on standard output
    assert run.returncode == 1 and run.stdout.startswith(f"{shown}:2:3: RL101") and "\ufffd" not in run.stdout


# --- JSON: half a surrogate pair, nesting too deep to recurse into ------------------------------------------


def _line_for(run, path: str, code: str) -> str:
    """The one report line of `code` for `path`."""
    lines = [line for line in run.stdout.splitlines() if line.startswith(f"{path}:") and f" {code} " in line]
    assert len(lines) == 1, (path, code, run.stdout)
    return lines[0]


def test_a_lone_surrogate_in_json_lines_is_read_as_a_replacement_character(tmp_path):
    answers = write(tmp_path, "answers.jsonl", hostile.lone_surrogate_jsonl())
    good = write(tmp_path, "good.txt", GOOD)
    run = _check(answers, good)
    assert run.returncode == 2 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert _line_for(run, answers, "RL908") == (
        f"{answers}:1:1: RL908 [error] \\ud800 is half of a UTF-16 surrogate pair, not a character; read as U+FFFD"
    )
    assert _line_for(run, answers, "RL301").startswith(f"{answers}:2:")  # the next line is linted
    assert _line_for(run, good, "RL101")
    report = json.loads(_check("--format", "json", answers).stdout)
    [entry] = report["files"]
    assert entry["error"].startswith("line 1: \\ud800 is half")
    excerpts = [f["excerpt"] for f in entry["findings"] if f["code"] == "RL301"]
    assert excerpts == ["I would train \U0001f600 XGBoost first."]  # an escaped pair is one character


def test_a_lone_surrogate_in_a_notebook_is_read_as_a_replacement_character(tmp_path):
    notebook = write(tmp_path, "analysis.ipynb", hostile.lone_surrogate_notebook())
    good = write(tmp_path, "good.txt", GOOD)
    run = _check(notebook, good)
    assert run.returncode == 2 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert _line_for(run, notebook, "RL908").endswith(
        "\\udc00 is half of a UTF-16 surrogate pair, not a character; read as U+FFFD (cell 1)"
    )
    assert _line_for(run, good, "RL101")


def test_a_json_lines_line_nested_100000_levels_costs_that_line_only(tmp_path):
    answers = write(tmp_path, "answers.jsonl", hostile.deeply_nested_jsonl(100_000))
    good = write(tmp_path, "good.txt", GOOD)
    run = _check(answers, good)  # 200,000 characters: over the bound of one line before it is parsed
    assert run.returncode == 2 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert "RL907 [error] this line is 200047 characters long" in _line_for(run, answers, "RL907")
    assert _line_for(run, answers, "RL301").startswith(f"{answers}:2:")
    assert _line_for(run, good, "RL101")
    run = _check("--max-answer-length", "1000000", answers, good)  # allowed that long, it is too deep
    assert run.returncode == 2 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert _line_for(run, answers, "RL909") == (
        f"{answers}:1:1: RL909 [error] not a valid JSON Lines record (nested too deeply to read)"
    )
    assert _line_for(run, answers, "RL301").startswith(f"{answers}:2:")
    assert _line_for(run, good, "RL101")


def test_a_notebook_nested_100000_levels_is_refused_in_one_line(tmp_path):
    notebook = write(tmp_path, "deep.ipynb", hostile.deeply_nested_notebook(100_000))
    good = write(tmp_path, "good.txt", GOOD)
    run = _check(notebook, good)
    assert run.returncode == 2 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert _line_for(run, notebook, "RL909") == (
        f"{notebook}: RL909 [error] is not a valid notebook: its JSON is nested too deeply to read"
    )
    assert _line_for(run, good, "RL101")


# --- the size of one answer, one cell ---------------------------------------------------------------------------


def test_a_45_mb_answer_is_skipped_and_the_other_answers_linted(tmp_path):
    answers = write(tmp_path, "answers.jsonl", hostile.huge_answer_jsonl(45_000_000))
    good = write(tmp_path, "good.txt", GOOD)
    run = _check(answers, good)
    assert run.returncode == 2 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert _line_for(run, answers, "RL907") == (
        f"{answers}:2:1: RL907 [error] this line is 45000039 characters long, over the limit of 100000 for one "
        "answer, so it was skipped (raise it with --max-answer-length)"
    )
    assert [line.split(":")[1] for line in run.stdout.splitlines() if " RL301 " in line] == ["1", "3"]
    assert _line_for(run, good, "RL101")
    assert "could be read only in part" in run.stdout


def test_a_45_mb_notebook_cell_is_skipped_and_the_other_cells_linted(tmp_path):
    notebook = write(tmp_path, "analysis.ipynb", hostile.huge_cell_notebook(45_000_000))
    good = write(tmp_path, "good.txt", GOOD)
    run = _check(notebook, good)
    assert run.returncode == 2 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert _line_for(run, notebook, "RL907") == (
        f"{notebook}:1:1: RL907 [error] this cell is 45000000 characters long, over the limit of 100000 for one "
        "cell, so it was skipped (raise it with --max-answer-length) (cell 1)"
    )
    assert _line_for(run, notebook, "RL401").endswith("(cell 2)")  # the next cell is read
    assert _line_for(run, good, "RL101")
    report = json.loads(_check("--format", "json", notebook).stdout)
    assert report["files"][0]["error"].startswith("cell 1, line 1: this cell is 45000000 characters long")


def test_the_bound_of_one_answer_can_be_raised(tmp_path):
    answers = write(tmp_path, "answers.jsonl", hostile.huge_answer_jsonl(150_000))
    run = _check("--max-answer-length", "200000", answers)
    assert run.returncode == 1 and " RL907 " not in run.stdout
    run.assert_within(peak_mb=400, cpu_seconds=10)


# --- a tree deeper than Python's recursion limit ----------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    """A folder for a deep tree, removed afterwards without recursion."""
    top = tmp_path / "tree"
    top.mkdir()
    yield top
    for name in ("d", "deep"):
        hostile.remove_deep_tree(str(top), name)


def test_a_tree_1100_folders_deep_is_walked(tree):
    top = tree
    bottom = hostile.deep_tree(str(top), 1100)
    good = write(top, "good.txt", GOOD)
    write(top, ".rolelint.toml", 'fail_on = "error"\n')  # governs every folder of the tree
    (top / ".git").mkdir()  # a repository root: the configuration search stops here
    for options in (["--no-config"], []):  # with configuration, each folder's is looked up
        run = run_bounded(["check", *options, str(top)])
        assert run.returncode == (1 if options else 0) and run.stderr == "", options
        run.assert_within(peak_mb=400, cpu_seconds=10)
        assert _line_for(run, good, "RL101") and _line_for(run, bottom, "RL101")
        assert "Checked 2 files" in run.stdout


def test_folders_too_deep_to_name_are_passed_over_and_the_rest_walked(tree):
    top = tree
    hostile.deep_tree(str(top), 1100, name="deep")  # 5,500 characters: past what a path may be (PATH_MAX)
    good = write(top, "good.txt", GOOD)
    run = _check(str(top))
    assert run.returncode == 1 and run.stderr == ""
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert _line_for(run, good, "RL101")


# --- reading under a high size limit ----------------------------------------------------------------------------


def test_a_high_size_limit_sets_aside_only_what_each_file_holds(tmp_path):
    good = write(tmp_path, "good.txt", GOOD)
    answers = write(tmp_path, "answers.jsonl", hostile.lone_surrogate_jsonl().split(b"\n")[1] + b"\n")
    limits = ("--max-file-size", "100000", "--max-data-size", "100000")  # 100 GB, far past the 3 GB cap
    run = _check(*limits, good, answers)
    assert run.returncode == 1 and run.stderr == "", run.stdout
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert _line_for(run, good, "RL101") and _line_for(run, answers, "RL301")
    run = _check(*limits, "-", stdin=GOOD.encode())  # standard input, read in chunks
    assert run.returncode == 1 and _line_for(run, "<stdin>", "RL101")
    run.assert_within(peak_mb=400, cpu_seconds=10)


def test_standard_input_over_the_limit_is_refused_after_reading_no_more_than_the_limit(tmp_path):
    run = _check("--max-file-size", "1", "-", stdin=b"Experience\n" + b"- Improved the model.\n" * 200_000)
    assert run.returncode == 2 and run.stderr == ""
    [refused] = [line for line in run.stdout.splitlines() if " RL907 " in line]  # named "-" or "<stdin>"
    assert refused.endswith("is over the limit of 1024 KB (raise it with --max-file-size)")
    run.assert_within(peak_mb=400, cpu_seconds=10)
