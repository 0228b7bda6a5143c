"""Inputs that cannot be read: one line naming the file and the problem, exit 2, the other files still linted."""

import json

import pytest
from click.testing import CliRunner

from linter.cli import main
from tests.conftest import write, zip_bytes

GOOD = "Experience\n- Improved model performance for the ranking service.\n"


CASES = {
    "missing": ("missing.txt", None, "RL901", "does not exist"),
    "empty": ("empty.txt", "", "RL903", "is empty"),
    "whitespace": ("blank.md", "\n \n\t\n", "RL903", "is empty"),
    "text named pdf": ("resume.pdf", GOOD, "RL902", "not a PDF"),
    "pdf named docx": ("resume.docx", b"%PDF-1.4\n%junk", "RL902", "is a PDF"),
    "binary named txt": ("resume.txt", bytes(range(256)) * 4, "RL902", "binary"),
    "corrupt pdf": ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "RL904", "damaged PDF"),
    "random bytes pdf": ("junk.pdf", b"%PDF-" + bytes(range(256)) * 8, "RL904", "damaged PDF"),
    "corrupt docx": ("broken.docx", b"PK\x03\x04" + b"\x00" * 64, "RL904", "damaged DOCX"),
    "zip not docx": ("notes.docx", zip_bytes({"readme.txt": "hello"}), "RL902", "not a Word document"),
    "docx bomb": ("bomb.docx", zip_bytes({"word/document.xml": b" " * (3 * 1024 * 1024)}), "RL907", "inflate"),
    "unknown type": ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "RL902", "unsupported"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_unreadable_input_is_reported_and_others_still_linted(tmp_path, name):
    filename, content, code, words = CASES[name]
    bad = str(tmp_path / filename) if content is None else write(tmp_path, filename, content)
    good = write(tmp_path, "good.txt", GOOD)
    result = CliRunner().invoke(main, ["check", "--format", "json", bad, good])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    files = {f["path"]: f for f in json.loads(result.output)["files"]}
    assert words in files[bad]["error"]
    assert [f["code"] for f in files[bad]["findings"]] == [code]
    assert files[good]["error"] is None and files[good]["findings"][0]["code"] == "RL101"


def test_text_output_names_the_file_in_one_line(tmp_path):
    bad = write(tmp_path, "resume.pdf", GOOD)
    result = CliRunner().invoke(main, ["check", bad])
    assert result.exit_code == 2
    [line] = [x for x in result.output.splitlines() if "RL902" in x]
    assert line.startswith(f"{bad}: RL902 [error]") and "not a PDF" in line
    assert "could not be read" in result.output.splitlines()[-1]


def test_size_limit_flag(tmp_path):
    big = write(tmp_path, "big.txt", GOOD + ("- Built a model used by 3 teams.\n" * 40000))
    assert CliRunner().invoke(main, ["check", "--max-text-length", "2000000", big]).exit_code == 1
    result = CliRunner().invoke(main, ["check", "--max-file-size", "1", big])
    assert result.exit_code == 2 and "RL907" in result.output and "--max-file-size" in result.output


def test_encoding_fallback_is_a_note_and_the_file_is_linted(tmp_path):
    path = write(tmp_path, "legacy.txt", "Experience\n- Improved the café pricing model.\n".encode("cp1252"))
    result = CliRunner().invoke(main, ["check", "--format", "json", path])
    [file] = json.loads(result.output)["files"]
    assert [f["code"] for f in file["findings"]] == ["RL908", "RL101"]
    assert result.exit_code == 2 and "Windows-1252" in file["error"]
