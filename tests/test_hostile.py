"""Hostile and broken input: one-line errors, exit 2, the rest still linted; no traceback, no hang, no
blow-up; inputs untouched, no network, the same output every time."""

import hashlib
import io
import json
import os
import socket
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.pdfgen import canvas

from linter.budget import time_budget
from linter.cli import main
from linter.problems import PROBLEMS
from linter.readers import ReadError, read_bytes, read_path
from tests.conftest import run_check, write, zip_bytes
from tests.make_broken_files import generate, pdf_from_objects

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
GOOD = "Experience\n- Improved model performance for the ranking service.\n"


def _pdf(text: str | None = "Experience", encrypt: str | None = None) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, encrypt=encrypt, invariant=1)
    if text:
        c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _hostile_files(folder: Path) -> dict[str, tuple[str, str]]:
    """name -> (expected code, words the one-line error must contain)."""
    cases = {
        "empty.txt": (b"", "RL903", "is empty"),
        "binary.md": (bytes(range(256)) * 8, "RL902", "binary"),
        "pdf-named.docx": (_pdf(), "RL902", "is a PDF"),
        "text-named.pdf": (GOOD.encode(), "RL902", "not a PDF"),
        "locked.pdf": (_pdf(encrypt="secret"), "RL906", "password-protected"),
        "truncated.pdf": (_pdf()[:300], "RL904", "damaged PDF"),
        "scan.pdf": (_pdf(text=None), "RL905", "no text layer"),
        "corrupt.docx": (b"PK\x03\x04" + os.urandom(512), "RL904", "damaged DOCX"),
        "notes.docx": (zip_bytes({"notes.txt": "hello"}), "RL902", "not a Word document"),
        "bomb.docx": (zip_bytes({"word/document.xml": b"\0" * (60 * 2**20)}), "RL907", "inflate"),
        "broken.ipynb": (b'{"cells": [ {"cell_type": "markdown", ', "RL909", "not a valid notebook"),
        "legacy.txt": ("Experience\n- Improved the café model.\n".encode("cp1252"), "RL908", "not valid UTF-8"),
        "long-line.md": (b"word " * 5000, "RL907", "has a line of"),
    }
    out = {}
    for name, (data, code, words) in cases.items():
        (folder / name).write_bytes(data)
        out[name] = (code, words)
    (folder / "answers.jsonl").write_text(
        json.dumps({"question": "How would you detect fraud?", "answer": "I would train XGBoost first."}) + "\n{oops\n"
    )
    out["answers.jsonl"] = ("RL909", "line 2")
    os.mkfifo(folder / "pipe.txt")
    out["pipe.txt"] = ("RL901", "not a regular file")
    os.symlink(folder / "loop-b.md", folder / "loop-a.md")
    os.symlink(folder / "loop-a.md", folder / "loop-b.md")
    out["loop-a.md"] = ("RL901", "cannot be read")
    out["loop-b.md"] = ("RL901", "cannot be read")
    return out


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    expected = _hostile_files(folder)
    write(folder, "good.txt", GOOD)
    return folder, expected


def test_every_hostile_file_gets_its_one_line_error_and_the_rest_is_linted(hostile):
    folder, expected = hostile
    started = time.monotonic()
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-config", str(folder)])
    assert time.monotonic() - started < 60
    assert result.exit_code == 2 and "Traceback" not in result.output
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    for name, (code, words) in expected.items():
        entry = files[name]
        assert entry["error"] and "\n" not in entry["error"], name
        assert words in entry["error"], (name, entry["error"])
        assert code in [f["code"] for f in entry["findings"]], (name, entry["findings"])
    assert [f["code"] for f in files["good.txt"]["findings"]] == ["RL101"]
    assert [f["code"] for f in files["legacy.txt"]["findings"]] == ["RL908", "RL101"]  # still linted
    assert "RL301" in [f["code"] for f in files["answers.jsonl"]["findings"]]  # the good line still linted


def test_text_output_is_one_line_per_unreadable_file(hostile):
    folder, expected = hostile
    result = CliRunner().invoke(main, ["check", "--no-config", str(folder)])
    for name, (code, _) in expected.items():
        lines = [x for x in result.output.splitlines() if x.startswith(str(folder / name) + ":") and code in x]
        assert len(lines) == 1, (name, result.output)


def test_inputs_are_never_written(hostile):
    folder, _ = hostile
    targets = [p for p in list(folder.iterdir()) + list((SAMPLES).rglob("*")) if p.is_file() and not p.is_symlink()]
    before = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in targets}
    CliRunner().invoke(main, ["check", "--no-config", str(folder), str(SAMPLES)])
    after = {p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in targets}
    assert before == after


def test_no_network_connection_is_ever_opened(hostile, monkeypatch):
    folder, _ = hostile
    opened = []

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            opened.append(args)
            raise OSError("rolelint must not open sockets")

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(
        socket, "create_connection", lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(OSError())
    )
    result = CliRunner().invoke(
        main, ["check", "--no-config", "--job", str(SAMPLES / "jobs" / "mle_job.md"), str(folder), str(SAMPLES)]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert opened == []


def test_output_is_byte_identical_for_the_same_input(hostile):
    folder, _ = hostile
    for fmt in ("text", "json", "sarif", "github", "html"):
        first = CliRunner().invoke(main, ["check", "--no-config", "--format", fmt, str(folder), str(SAMPLES)]).output
        second = CliRunner().invoke(main, ["check", "--no-config", "--format", fmt, str(folder), str(SAMPLES)]).output
        assert first == second, fmt


def test_a_1gb_zip_bomb_is_refused_fast_without_inflating(tmp_path):
    path = tmp_path / "bomb.docx"
    chunk = b"\0" * 2**20
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(chunk)
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(ReadError) as error:
        read_path(str(path))
    elapsed = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert error.value.problem == "too-large" and "1024 MB" in error.value.reason
    assert elapsed < 1.0 and peak < 64 * 2**20


def _pdf_with_stream(megabytes: int) -> bytes:
    """A one-page PDF whose content stream shows one word, then inflates to `megabytes` of spaces."""
    content = b"BT /F1 12 Tf 72 720 Td (Experience) Tj ET\n" + b" " * (megabytes * 2**20)
    packed = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


def test_a_pdf_stream_bomb_is_refused_without_inflating_it(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf_with_stream(1024))  # about 1 MB on disk, a 1 GB page
    tracemalloc.start()
    with pytest.raises(ReadError) as error:
        read_path(str(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert error.value.problem == "too-large" and "--max-pdf-stream" in error.value.reason
    assert peak < 64 * 2**20


def test_pdf_stream_limit_is_a_flag(tmp_path):
    path = tmp_path / "big-page.pdf"
    path.write_bytes(_pdf_with_stream(20))
    assert read_path(str(path)).blocks  # 20 MB is under the default of 50
    result = CliRunner().invoke(main, ["check", "--no-config", "--max-pdf-stream", "10", str(path)])
    assert result.exit_code == 2 and "RL907" in result.output


def test_compressed_pdfs_read_as_usual():
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pageCompression=1, invariant=1)
    page.drawString(72, 720, "Experience")
    page.showPage()
    page.save()
    assert b"/FlateDecode" in buffer.getvalue()
    document = read_bytes(buffer.getvalue(), "r.pdf", "pdf")
    assert [block.text for block in document.blocks] == ["Experience"]


def test_time_budget_skips_a_slow_file_and_lints_the_others(tmp_path):
    slow = write(tmp_path, "slow.md", "## Experience\n\n" + "- Improved the model for the team.\n" * 3000)
    good = write(tmp_path, "good.txt", GOOD)
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "json", "--timeout", "0.05", slow, good])
    files = {Path(f["path"]).name: f for f in json.loads(result.output)["files"]}
    assert result.exit_code == 2
    assert [f["code"] for f in files["slow.md"]["findings"]] == ["RL911"]
    assert "--timeout" in files["slow.md"]["error"]
    assert files["good.txt"]["findings"][0]["code"] == "RL101"


def test_limits_can_be_raised_by_flag_and_config(tmp_path):
    path = write(tmp_path, "long.md", "## Experience\n\n- " + "word " * 5000 + "\n")
    assert "RL907" in CliRunner().invoke(main, ["check", "--no-config", path]).output
    assert "RL907" not in CliRunner().invoke(main, ["check", "--no-config", "--max-line-length", "50000", path]).output
    write(tmp_path, ".rolelint.toml", "[limits]\nmax_line_length = 50000\n")
    from linter import config

    config._load_cached.cache_clear()
    assert "RL907" not in CliRunner().invoke(main, ["check", path]).output


def test_broken_pdf_and_docx_corpus_never_escapes_the_readers(tmp_path):
    paths = generate(tmp_path / "broken")
    assert len(paths) >= 30
    outcomes = {}
    for path in paths:
        with time_budget(20):
            try:
                document = read_path(str(path))
                outcomes[path.name] = "read"
                assert all(block.segments for block in document.blocks)
            except ReadError as error:
                outcomes[path.name] = error.problem
                assert error.problem in PROBLEMS and "\n" not in error.reason
    assert outcomes["no-document-part.docx"] == "wrong-format"
    assert outcomes["truncated-5.pdf"] in ("corrupt", "no-text-layer")
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "json", str(tmp_path / "broken")])
    assert "Traceback" not in result.output and result.exit_code in (0, 1, 2)
    assert len(json.loads(result.output)["files"]) == len(paths)


def test_directory_walk_survives_symlink_loops(tmp_path):
    (tmp_path / "a").mkdir()
    os.symlink(tmp_path, tmp_path / "a" / "up")  # a folder link back up: never followed
    write(tmp_path, "a/r.txt", GOOD)
    result = CliRunner().invoke(main, ["check", "--no-config", "--format", "json", str(tmp_path)])
    assert [Path(f["path"]).name for f in json.loads(result.output)["files"]] == ["r.txt"]


def test_stdin_is_bounded(monkeypatch):
    result = CliRunner().invoke(main, ["check", "--no-config", "--max-file-size", "1", "-"], input="x" * (2 * 2**20))
    assert result.exit_code == 2 and "RL907" in result.output


def test_bytes_readers_reject_without_traceback():
    for fmt, data in (
        ("pdf", b"%PDF-1.4 garbage"),
        ("docx", b"PK\x03\x04garbage"),
        ("ipynb", b"[1, 2"),
        ("jsonl", b"\xff\xfe\x00"),
        ("md", b"\x00\x01\x02"),
    ):
        try:
            read_bytes(data, f"x.{fmt}", fmt)
        except ReadError as error:
            assert error.problem in PROBLEMS


def test_every_limit_has_a_flag_and_a_config_key(tmp_path):
    from linter.limits import LIMIT_KEYS

    flags = {option for param in main.commands["check"].params for option in param.opts}
    assert {"--" + key.replace("_", "-") for key in LIMIT_KEYS} <= flags
    path = tmp_path / "big-page.pdf"
    path.write_bytes(_pdf_with_stream(20))
    (tmp_path / ".rolelint.toml").write_text("[limits]\nmax_pdf_stream = 10\n")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and "RL907" in result.output


def test_a_document_of_ten_million_characters_is_refused_before_it_is_parsed(tmp_path):
    from tests.conftest import run_bounded

    paragraph = "We compared two cohorts over a quarter with a holdout group to estimate the effect on retention.\n\n"
    huge = write(tmp_path, "novel.md", paragraph * (9_900_000 // len(paragraph)))
    good = write(tmp_path, "good.txt", GOOD)
    run = run_bounded(["check", "--no-config", "--format", "json", huge, good])
    run.assert_within(peak_mb=400, cpu_seconds=20)
    assert run.returncode == 2
    files = {f["path"]: f for f in json.loads(run.stdout)["files"]}
    assert "--max-text-length" in files[huge]["error"] and files[huge]["findings"][0]["code"] == "RL907"
    assert [f["code"] for f in files[good]["findings"]] == ["RL101"]


def test_a_docx_slower_to_read_than_the_budget_is_reported_as_out_of_time_not_as_damaged(tmp_path):
    from tests.conftest import run_bounded
    from tests.make_broken_files import many_paragraphs_docx

    slow = tmp_path / "long.docx"
    slow.write_bytes(many_paragraphs_docx(60_000))
    good = write(tmp_path, "good.txt", GOOD)
    run = run_bounded(["check", "--no-config", "--format", "json", "--timeout", "0.5", str(slow), good])
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert run.returncode == 2
    files = {f["path"]: f for f in json.loads(run.stdout)["files"]}
    assert files[str(slow)]["findings"][0]["code"] == "RL911" and "--timeout" in files[str(slow)]["error"]
    assert [f["code"] for f in files[good]["findings"]] == ["RL101"]


def test_a_low_timeout_is_not_spent_on_the_run_s_own_start_up(tmp_path):
    """The first file of a run is not charged for importing spaCy or compiling the rules' matchers."""
    good = write(tmp_path, "good.txt", GOOD)
    result = run_check("--format", "json", "--timeout", "0.3", good)
    assert [f["code"] for f in json.loads(result.stdout)["files"][0]["findings"]] == ["RL101"]


def test_unbudgeted_work_stops_the_file_s_clock():
    from linter.budget import OutOfTime, check_time, unbudgeted

    with time_budget(2):
        with unbudgeted():
            time.sleep(2.5)  # past the whole budget, but not charged to it
        check_time()  # does not raise: most of the budget is left
        with pytest.raises(OutOfTime):
            time.sleep(3)
            check_time()
