"""The command line, through Click's CliRunner and, for start-up behaviour, a real process."""

import json
import subprocess
import sys

from click.testing import CliRunner

from linter.cli import main
from tests.conftest import run_check, write

VAGUE = (
    "Jordan Example\n\nExperience\n- Led the analytics team.\n- Improved model performance for the ranking service.\n"
)
CLEAN = "Experience\n- Cut p95 latency of the ranking API from 120 ms to 40 ms for 9k requests per second.\n"


def run(*args, input=None):
    return CliRunner().invoke(main, list(args), input=input)


def test_findings_exit_1_and_text_format(tmp_path):
    path = write(tmp_path, "r.txt", VAGUE)
    result = run("check", "--role", "mle", path)
    assert result.exit_code == 1
    assert f"{path}:5:3: RL101 [warning]" in result.output
    assert "suggestion: Give the engineering figure: '<what you did>, taking <p95 latency" in result.output
    assert result.output.strip().endswith("Checked 1 file: 1 warning.")
    assert "\x1b[" not in result.output


def test_clean_exit_0(tmp_path):
    result = run("check", "--role", "mle", write(tmp_path, "r.txt", CLEAN))
    assert result.exit_code == 0, result.output
    assert "no findings" in result.output


def test_fail_on(tmp_path):
    path = write(tmp_path, "r.txt", VAGUE)
    assert run("check", "--fail-on", "error", path).exit_code == 0
    assert run("check", "--fail-on", "never", path).exit_code == 0
    info_only = write(tmp_path, "i.txt", "Experience\n- I built the forecast used by 3 teams.\n")
    assert run("check", info_only).exit_code == 0
    assert run("check", "--fail-on", "info", info_only).exit_code == 1


def test_json_shape(tmp_path):
    path = write(tmp_path, "r.txt", VAGUE)
    result = run("check", "--role", "ds", "--format", "json", path)
    data = json.loads(result.output)
    assert set(data) == {"version", "files", "summary"}
    [file] = data["files"]
    assert set(file) == {
        "path",
        "kind",
        "kind_reason",
        "role",
        "role_profile",
        "findings",
        "answers",
        "rewrites",
        "job_match",
        "error",
    }
    assert file["answers"] == []  # a resume has no answers; an answer file lists each with its question kind
    assert file["kind"] == "resume" and file["role"] == "ds" and file["error"] is None
    [finding] = file["findings"]
    assert set(finding) == {
        "code",
        "name",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "page",
        "excerpt",
        "suggestion",
    }
    assert (finding["code"], finding["line"], finding["column"], finding["end_column"]) == ("RL101", 5, 3, 11)
    assert data["summary"]["warning"] == 1


def test_select_and_ignore(tmp_path):
    path = write(tmp_path, "r.txt", "Experience\n- Responsible for improving the model.\n")
    codes = lambda r: {f["code"] for f in json.loads(r.output)["files"][0]["findings"]}  # noqa: E731
    assert codes(run("check", "--format", "json", path)) == {"RL101", "RL103"}
    assert codes(run("check", "--format", "json", "--select", "RL103", path)) == {"RL103"}
    assert codes(run("check", "--format", "json", "--ignore", "rl101", path)) == {"RL103"}
    assert codes(run("check", "--format", "json", "--select", "RL1", "--ignore", "RL103", path)) == {"RL101"}


def test_unknown_code_is_a_usage_error(tmp_path):
    result = run("check", "--select", "RL999", write(tmp_path, "r.txt", VAGUE))
    assert result.exit_code == 2 and "RL999" in result.output


def test_stdin():
    result = run("check", "--role", "ds", "--kind", "resume", "-", input=VAGUE)
    assert result.exit_code == 1 and "<stdin>:5:3: RL101" in result.output


def test_directory_is_walked(tmp_path):
    write(tmp_path, "a/r.txt", VAGUE)
    write(tmp_path, "a/notes.py", "print('not linted')")
    write(tmp_path, "a/.hidden/r.txt", VAGUE)
    data = json.loads(run("check", "--format", "json", str(tmp_path)).output)
    assert [f["path"].split("/")[-1] for f in data["files"]] == ["r.txt"]


def test_rules_lists_every_rule():
    result = run("rules")
    assert result.exit_code == 0
    for code in ("RL101", "RL108", "RL901"):
        assert code in result.output
    data = json.loads(run("rules", "--format", "json").output)
    assert {"code", "name", "kinds", "roles", "severity"} <= set(data[0])


def test_explain_has_every_part():
    result = run("explain", "RL101")
    assert result.exit_code == 0
    for part in ("What it flags", "Why it matters", "Example", "that pass", "How to fix", "Machine learning engineer:"):
        assert part in result.output
    assert run("explain", "vague-impact").output == result.output
    assert run("explain", "RL999").exit_code == 2


def test_missing_spacy_model_is_one_line_exit_2(tmp_path):
    result = run("check", "--spacy-model", "no_such_pipeline_xyz", write(tmp_path, "r.txt", VAGUE))
    assert result.exit_code == 2
    assert "no_such_pipeline_xyz" in result.output and "Traceback" not in result.output


def test_commands_that_do_not_lint_do_not_import_spacy():
    code = (
        "import sys; from linter.cli import main\n"
        "for args in (['--version'], ['rules'], ['explain', 'RL101']):\n"
        "    try: main(args)\n"
        "    except SystemExit: pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_python_dash_m_linter_works():
    result = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "rolelint" in result.stdout


def test_spacy_model_option_loads_a_pipeline_from_disk(tmp_path):
    """--spacy-model takes any pipeline spaCy can load (a package name or a folder). A pipeline saved here
    stands in for a trained one, so the loading path is tested without a download."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.to_disk(tmp_path / "pipeline")
    path = write(tmp_path, "r.txt", VAGUE)
    result = run("check", "--role", "ds", "--format", "json", "--spacy-model", str(tmp_path / "pipeline"), path)
    codes = [(f["code"], f["line"]) for f in json.loads(result.output)["files"][0]["findings"]]
    assert codes == [("RL101", 5)]


def test_trained_pipeline_gives_the_same_sample_findings(samples):
    """Where en_core_web_sm is installed, the trained path must find what the blank one finds on the samples."""
    import pytest

    pytest.importorskip("en_core_web_sm")
    import linter

    path = samples / "resumes" / "ds_resume.txt"
    blank = {(f.code, f.line) for r in linter.lint_paths([path], role="ds") for f in r.findings}
    trained = {
        (f.code, f.line) for r in linter.lint_paths([path], role="ds", spacy_model="en_core_web_sm") for f in r.findings
    }
    assert trained == blank


def test_console_script_exits_with_the_code_and_the_whole_report(tmp_path):
    """`python -m linter` ends through os._exit once spaCy is loaded: the exit code and every byte of the
    report (to a pipe and to --output) must survive it."""
    files = [write(tmp_path, f"r{i:02d}.txt", VAGUE) for i in range(30)]
    command = [sys.executable, "-m", "linter", "check", "--no-config", "--format", "json", *files]
    piped = subprocess.run(command, capture_output=True, text=True)
    assert piped.returncode == 1, piped.stderr
    assert len(json.loads(piped.stdout)["files"]) == 30
    report = tmp_path / "report.json"
    written = subprocess.run([*command, "--output", str(report)], capture_output=True, text=True)
    assert written.returncode == 1 and written.stdout == ""
    assert json.loads(report.read_text()) == json.loads(piped.stdout)
    missing = subprocess.run([*command, str(tmp_path / "missing.txt")], capture_output=True, text=True)
    assert missing.returncode == 2 and len(json.loads(missing.stdout)["files"]) == 31


def test_console_script_usage_error_after_loading_spacy_is_exit_2(tmp_path):
    result = run_check("--spacy-model", "no_such_pipeline_xyz", write(tmp_path, "r.txt", VAGUE))
    assert result.returncode == 2 and "no_such_pipeline_xyz" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
