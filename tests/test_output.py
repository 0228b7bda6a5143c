"""--output never overwrites a file the run reads, and a report is never left half written."""

from __future__ import annotations

import os

from click.testing import CliRunner

from linter.cli import main
from tests.conftest import write

RESUME = "Experience\n- Improved the ranking model.\n"


def _check(*args):
    return CliRunner().invoke(main, ["check", *args])


def test_output_over_a_linted_file_is_refused_and_the_file_kept(tmp_path):
    resume = write(tmp_path, "resume.txt", RESUME)
    other = write(tmp_path, "other.txt", RESUME)
    result = _check("--no-config", "--output", resume, resume, other)
    assert result.exit_code == 2 and "is also read by this run" in result.output
    assert open(resume, encoding="utf-8").read() == RESUME


def test_output_through_a_symlink_or_a_hard_link_to_an_input_is_refused(tmp_path):
    resume = write(tmp_path, "resume.txt", RESUME)
    os.symlink(resume, tmp_path / "link.txt")
    os.link(resume, tmp_path / "hard.txt")
    for name in ("link.txt", "hard.txt"):
        result = _check("--no-config", "--output", str(tmp_path / name), resume)
        assert result.exit_code == 2 and "is also read by this run" in result.output, name
    assert open(resume, encoding="utf-8").read() == RESUME


def test_output_over_a_job_description_or_a_config_file_is_refused(tmp_path):
    resume = write(tmp_path, "resume.txt", RESUME)
    job = write(tmp_path, "job.txt", "Machine Learning Engineer: deploy and monitor models in production.\n")
    assert _check("--no-config", "--job", job, "--output", job, resume).exit_code == 2
    config = write(tmp_path, ".rolelint.toml", 'role = "mle"\n')
    before = open(config, encoding="utf-8").read()
    result = _check("--output", config, resume)
    assert result.exit_code == 2 and open(config, encoding="utf-8").read() == before


def test_the_report_is_written_whole_and_nothing_is_left_beside_it(tmp_path):
    resume = write(tmp_path, "resume.txt", RESUME)
    out = tmp_path / "report.json"
    out.write_text("old report", encoding="utf-8")
    result = _check("--no-config", "--format", "json", "--output", str(out), resume)
    assert result.exit_code == 1 and '"RL101"' in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "resume.txt"]


def test_output_into_a_missing_folder_is_one_line_and_exit_2(tmp_path):
    resume = write(tmp_path, "resume.txt", RESUME)
    result = _check("--no-config", "--output", str(tmp_path / "missing" / "report.txt"), resume)
    assert result.exit_code == 2 and "cannot be written" in result.output and "Traceback" not in result.output


def test_escape_sequences_in_a_document_or_a_file_name_never_reach_the_terminal(tmp_path):
    name = "evil\x1b]0;owned\x07\nrole.txt"
    path = write(tmp_path, name, "Experience\n- Improved the \x1b[Hranking model.\n")
    for args in ((), ("-v",), ("--rewrite",)):
        output = _check("--no-config", "--role", "mle", *args, path).output
        assert "\x1b" not in output and "\x07" not in output, args
        assert "\\x1b" in output
    github = _check("--no-config", "--format", "github", path).output
    assert "\x1b" not in github and all(line.startswith(("::", "rolelint:")) for line in github.splitlines())


def test_sarif_uris_are_percent_encoded(tmp_path, monkeypatch):
    import json

    monkeypatch.chdir(tmp_path)
    write(tmp_path, "my resume#1.txt", RESUME)
    sarif = json.loads(_check("--no-config", "--format", "sarif", "my resume#1.txt").output)
    [result] = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20resume%231.txt"


def test_a_mistyped_suppression_is_an_error_and_disables_nothing(tmp_path):
    import json

    text = "# Experience\n\n<!-- rolelint: disable-nextline RL101 -->\n- Improved the ranking model.\n"
    path = write(tmp_path, "resume.md", text)
    result = _check("--no-config", "--format", "json", "--kind", "resume", path)
    findings = {(f["code"], f["line"], f["severity"]) for f in json.loads(result.output)["files"][0]["findings"]}
    assert ("RL913", 3, "error") in findings and ("RL101", 4, "warning") in findings
    assert result.exit_code == 1 and json.loads(result.output)["files"][0]["error"] is None
