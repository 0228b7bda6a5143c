"""Hostile PDFs (issue 12): a bomb behind a /Filter that a scan of the raw bytes misses (an indirect object, an
array of references, a comment, an escaped name, a decoy string or dictionary), in an encrypted file that
opens without a password, or in an embedded font file, and a drawing that draws itself ten times over seven
levels. Each is refused with one line naming it and exit 2, the other files of the run are linted, and the
run stays under 400 MB and 10 s of CPU time (measured by the kernel, in a child process)."""

import json
import os
import signal
import sys
from pathlib import Path

import pytest

from linter.readers.pdfobjects import Keyword, Name, Objects, Ref, parse_object
from linter.readers.pdfstreams import TooLarge, largest_stream_within
from tests.conftest import SAMPLES, run_bounded, write
from tests.make_broken_files import hidden_filter_pdfs, hostile_pdfs, recursive_forms_pdf

GOOD_TEXT = "Experience\n- Improved model performance for the ranking service.\n"
GOOD_PDF = SAMPLES / "resumes" / "ds_resume.pdf"
HIDDEN = sorted([*hidden_filter_pdfs(1), "font-file-bomb"])  # the classes the stream pre-check can measure
SMALL = hostile_pdfs(60)  # each inflates to 60 MB: past the stream limit of 50 MB, under 100
EVERY = sorted(SMALL)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    """Each hostile PDF, as a file of a few KB to 1 MB that takes gigabytes to read."""
    folder = tmp_path_factory.mktemp("hostile-pdf")
    out = {}
    for name, data in hostile_pdfs(1024).items():
        out[name] = folder / f"{name}.pdf"
        out[name].write_bytes(data)
    return out


def _refused(run, bad: Path, words: str) -> None:
    """The hostile file got one line that names it and says `words`; the good PDF and text were linted."""
    assert run.returncode == 2, (run.returncode, run.stderr[-2000:])
    run.assert_within(peak_mb=400, cpu_seconds=10)
    files = {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}
    error = files[bad.name]["error"]
    assert error and "\n" not in error and words in error, error
    assert [f["code"] for f in files[bad.name]["findings"]] == ["RL907"]
    for good in (GOOD_PDF.name, "good.txt"):
        assert files[good]["error"] is None and "RL101" in [f["code"] for f in files[good]["findings"]]
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert lines == [], lines


# --- the pre-check: a stream's dictionary read with a tokenizer, and zlib data measured whatever it says


def test_hidden_stream_bombs_are_refused_before_any_pdf_library_reads_them(hostile, tmp_path):
    """One run for them all: refusing each costs milliseconds, so all of them stay within one file's bounds."""
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    bad = [hostile[name] for name in HIDDEN]
    run = run_bounded(["check", "--no-config", "--format", "json", *map(str, bad), str(GOOD_PDF), good])
    for path in bad:
        _refused(run, path, "has a compressed stream that inflates past 50 MB (a decompression bomb? raise")


@pytest.mark.parametrize("name", HIDDEN)
def test_the_tokenizer_alone_finds_each_hidden_filter(name, monkeypatch):
    from linter.readers import pdfstreams

    data = SMALL[name]
    monkeypatch.setattr(pdfstreams, "_is_zlib", lambda data, start: False)
    with pytest.raises(TooLarge):
        largest_stream_within(data, 50 * 2**20)
    largest_stream_within(data, 100 * 2**20)  # and it is measured, not guessed: under a higher limit it passes


@pytest.mark.parametrize("name", HIDDEN)
def test_zlib_data_is_measured_whatever_its_dictionary_says(name, monkeypatch):
    from linter.readers import pdfstreams

    data = SMALL[name]
    monkeypatch.setattr(pdfstreams, "_filters", lambda objects, dictionary: [])
    with pytest.raises(TooLarge):
        largest_stream_within(data, 50 * 2**20)


def test_the_tokenizer_reads_pdf_objects_as_a_pdf_library_does():
    data = (
        b"<< /Fil#74er [ 6 0 R /Flate#44ecode ] % a comment: /Filter /DCTDecode\n"
        b"/Note (a (nested) string \\) with /Filter /None) /Hex <41 42 4> /Sub << /Filter /JPXDecode >> "
        b"/N -1.5 /B true /Z null /K obj >>stream"
    )
    value, end = parse_object(data, 0)
    assert data[end:] == b"stream"
    assert value[b"Filter"] == [Ref(6, 0), Name(b"FlateDecode")]
    assert value[b"Note"] == b"a (nested) string \\) with /Filter /None"
    assert value[b"Hex"] == b"AB@" and value[b"Sub"] == {b"Filter": b"JPXDecode"}
    assert (value[b"N"], value[b"B"], value[b"Z"]) == (-1.5, True, None)
    assert isinstance(value[b"K"], Keyword) and value[b"K"] == "obj"


def test_references_resolve_through_the_last_definition_and_give_up_on_loops():
    data = b"1 0 obj /DCTDecode endobj 2 0 obj 3 0 R endobj 3 0 obj 2 0 R endobj 1 0 obj /FlateDecode endobj"
    objects = Objects(data)
    assert objects.resolve(Ref(1, 0)) == b"FlateDecode"  # an incremental update replaces the first one
    assert objects.resolve([Ref(1, 0), Ref(9, 0)]) == [b"FlateDecode", None]
    assert objects.resolve(Ref(2, 0)) is None


def test_the_tokenizer_bounds_nesting():
    from linter.readers.pdfobjects import BadObject

    with pytest.raises(BadObject):
        parse_object(b"[" * 100_000, 0)
    with pytest.raises(BadObject):
        parse_object(b"<< /Filter (never closed", 0)


# --- the child process: what the pre-check cannot see costs a confined child, never the run


@pytest.mark.parametrize("name", EVERY)
def test_what_reaches_the_pdf_library_costs_a_confined_child_not_the_run(name, hostile, tmp_path):
    """Every class reaches PDFium here: the pre-check is lifted for those it would have refused. The bad file
    comes after a good PDF, so that the pipeline is loaded and the child starts from the run's largest size."""
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    lifted = ["--max-pdf-stream", "100000"] if name in HIDDEN else []
    args = ["check", "--no-config", "--format", "json", *lifted, str(GOOD_PDF), str(hostile[name]), good]
    run = run_bounded(args)
    _refused(run, hostile[name], "needs more than 256 MB of memory to read")
    assert "raise the limit with --max-pdf-memory" in run.stdout


def test_a_drawing_that_repeats_itself_is_refused_on_its_characters_when_memory_allows(tmp_path):
    from linter.limits import Limits
    from linter.readers import ReadError, read_bytes

    data = recursive_forms_pdf(levels=4)  # 10,000 words: about 60 MB to read
    assert len(read_bytes(data, "forms.pdf", "pdf").blocks) > 0
    with pytest.raises(ReadError) as caught:
        read_bytes(data, "forms.pdf", "pdf", Limits(max_pdf_text=50_000))
    assert caught.value.problem == "too-large"
    assert "more than 50000 characters" in caught.value.reason and "--max-pdf-text" in caught.value.reason


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            status = (entry / "status").read_text()
        except (OSError, ValueError):
            continue
        if f"\nPPid:\t{pid}\n" in status:
            found.append(int(entry.name))
    return found


def _gone(pid: int) -> bool:
    """Exited (reaped, or a zombie waiting for a parent that does not reap)."""
    try:
        return "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True


def _eventually(condition, seconds: float = 30) -> bool:
    """Whether `condition()` holds within `seconds` (a wait for something to happen, not a speed test)."""
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_the_time_budget_stops_the_child_and_reaps_it(hostile, tmp_path):
    from linter.engine import Engine
    from linter.limits import MB, Limits
    from linter.options import LintOptions

    limits = Limits(timeout=0.5, max_pdf_memory=600 * MB)  # the time runs out long before the memory
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    bad, ok = Engine(LintOptions(limits=limits)).lint_files([str(hostile["form-recursion"]), good])
    assert [f.code for f in bad.findings] == ["RL911"] and "--timeout" in bad.error
    assert "RL101" in [f.code for f in ok.findings]
    assert _children(os.getpid()) == []


def test_outside_the_main_thread_the_wall_clock_stops_the_child(hostile):
    import threading

    from linter.limits import MB, Limits
    from linter.readers import ReadError, read_path

    caught = []

    def read():
        try:
            read_path(str(hostile["form-recursion"]), Limits(timeout=0.5, max_pdf_memory=600 * MB))
        except ReadError as error:
            caught.append(error)

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    assert [e.problem for e in caught] == ["out-of-time"] and "--timeout" in caught[0].reason
    assert _children(os.getpid()) == []


def test_the_api_in_threads_reads_pdfs_in_children(hostile):
    import threading

    from linter import lint_paths

    results = {}

    def lint(path):
        results[Path(path).name] = lint_paths([path], use_config=False)[0]

    threads = [threading.Thread(target=lint, args=(str(p),)) for p in (GOOD_PDF, hostile["form-recursion"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert "needs more than 256 MB" in results["form-recursion.pdf"].error
    assert results[GOOD_PDF.name].error is None and results[GOOD_PDF.name].findings


def test_the_child_does_not_outlive_a_killed_parent(hostile):
    import subprocess
    import sys

    parent = subprocess.Popen(
        [sys.executable, "-m", "linter", "check", "--no-config", "--max-pdf-memory", "1000", "--timeout", "60"]
        + [str(hostile["form-recursion"])],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _eventually(lambda: _children(parent.pid)), "the reading child never started"
        child = _children(parent.pid)[0]
    finally:
        parent.kill()
        parent.wait()
    assert _eventually(lambda: _gone(child)), "the child outlived its parent"


def test_worker_processes_read_pdfs_in_children_of_their_own(hostile, tmp_path):
    texts = [write(tmp_path, f"good-{i:02}.txt", GOOD_TEXT) for i in range(20)]  # enough for --jobs to fork
    good = write(tmp_path, "good.txt", GOOD_TEXT)
    args = ["check", "--no-config", "--format", "json", "--jobs", "2", *texts, str(GOOD_PDF)]
    run = run_bounded([*args, str(hostile["form-recursion"]), str(hostile["encrypted-empty-password"]), good])
    _refused(run, hostile["form-recursion"], "needs more than 256 MB of memory to read")
    _refused(run, hostile["encrypted-empty-password"], "needs more than 256 MB of memory to read")
    assert len(json.loads(run.stdout)["files"]) == 24


# --- the confinement itself


def _allocate():
    return len(bytearray(2**40))  # a terabyte: past any address-space limit


def _segfault():
    os.kill(os.getpid(), signal.SIGSEGV)


def _noisy():
    os.write(1, b"to standard output\n")
    os.write(2, b"to standard error\n")
    print("and through Python", file=sys.stderr)
    return {"pages": [[["text", 72.5]]], "odd": "\udc80"}


def _refuse():
    from linter.readers import ReadError

    raise ReadError("corrupt", "is damaged")


def _fail():
    raise KeyError("a bug")


def test_the_child_reports_each_way_it_can_end(capfd):
    from linter.readers import ReadError
    from linter.readers.confine import Crashed, OutOfMemory, run_confined

    limits = {"memory": 64 * 2**20, "seconds": 10, "max_reply": 2**20}
    assert run_confined(_noisy, **limits) == {"pages": [[["text", 72.5]]], "odd": "\udc80"}
    assert capfd.readouterr() == ("", "")  # the child says nothing on the terminal
    with pytest.raises(OutOfMemory):
        run_confined(_allocate, **limits)
    with pytest.raises(Crashed, match="SIGSEGV"):
        run_confined(_segfault, **limits)
    with pytest.raises(ReadError, match="is damaged"):
        run_confined(_refuse, **limits)
    with pytest.raises(RuntimeError, match="KeyError: 'a bug'"):
        run_confined(_fail, **limits)
    with pytest.raises(Crashed, match="a reply of more than 10 bytes"):
        run_confined(_noisy, memory=64 * 2**20, seconds=10, max_reply=10)
    assert capfd.readouterr() == ("", "")
    assert _children(os.getpid()) == []


def test_without_a_confined_child_pdfs_read_the_same_in_this_process(monkeypatch):
    from linter.readers import confine, read_path

    confined = [block.text for block in read_path(str(GOOD_PDF)).blocks]
    monkeypatch.setattr(confine, "CONFINED", False)
    monkeypatch.setattr(os, "fork", None)  # nothing may fork now
    assert [block.text for block in read_path(str(GOOD_PDF)).blocks] == confined


# --- PDF and DOCX on standard input: recognised by their content, reported under --stdin-filename


def _stdin_run(args, data: bytes):
    from click.testing import CliRunner

    from linter.cli import main

    return CliRunner().invoke(main, ["check", "--no-config", *args], input=data)


def _positions(files) -> list[tuple]:
    return [(f["code"], f["page"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in files["findings"]]


@pytest.mark.parametrize("sample", ["ds_resume.pdf", "ds_resume.docx"])
def test_a_pdf_or_docx_on_standard_input_is_read_as_what_its_content_is(sample):
    path = SAMPLES / "resumes" / sample
    by_path = json.loads(_stdin_run(["--format", "json", str(path)], b"").output)["files"][0]
    assert by_path["findings"]
    unnamed = _stdin_run(["--format", "json", "-"], path.read_bytes())
    named = _stdin_run(["--format", "json", "--stdin-filename", f"cv/{sample}", "-"], path.read_bytes())
    for run, shown in ((unnamed, "<stdin>"), (named, f"cv/{sample}")):
        assert run.exit_code == 1, run.output
        [entry] = json.loads(run.output)["files"]
        assert entry["path"] == shown and entry["kind"] == "resume" and entry["error"] is None
        assert _positions(entry) == _positions(by_path)


def test_every_reporter_names_standard_input_by_stdin_filename():
    data = (SAMPLES / "resumes" / "ds_resume.pdf").read_bytes()
    expected = {
        "text": "cv/maya.pdf:11:3: RL101",
        "github": "::warning file=cv/maya.pdf,title=RL101",  # a PDF line is not one of the file: no line=
        "sarif": '"uri": "cv/maya.pdf"',
        "html": "cv/maya.pdf",
    }
    for fmt, shown in expected.items():
        output = _stdin_run(["--format", fmt, "--stdin-filename", "cv/maya.pdf", "-"], data).output
        assert shown in output and "<stdin>" not in output, fmt


def test_the_stdin_filename_extension_chooses_the_reader():
    line = json.dumps({"question": "How would you detect fraud?", "answer": "I would train XGBoost first."})
    named = json.loads(_stdin_run(["--format", "json", "--stdin-filename", "a.jsonl", "-"], line.encode()).output)
    assert [f["code"] for f in named["files"][0]["findings"]] == ["RL301"]  # read as JSON Lines: an answer
    wrong = _stdin_run(["--stdin-filename", "notes.pdf", "-", str(SAMPLES / "resumes" / "ds_resume.md")], b"a note")
    assert wrong.exit_code == 2
    assert "notes.pdf: RL902 [error] is named .pdf but its content is not a PDF" in wrong.output
    assert "ds_resume.md:" in wrong.output  # the other file is still linted


def test_stdin_filename_without_standard_input_is_a_usage_error():
    run = _stdin_run(["--stdin-filename", "cv.pdf", str(SAMPLES / "resumes" / "ds_resume.md")], b"")
    assert run.exit_code == 2 and "--stdin-filename names standard input" in run.output


def test_a_hostile_pdf_on_standard_input_is_bounded_too(hostile):
    run = run_bounded(
        ["check", "--no-config", "--stdin-filename", "cv.pdf", "-", str(GOOD_PDF)],
        stdin=hostile["form-recursion"].read_bytes(),
    )
    assert run.returncode == 2
    run.assert_within(peak_mb=400, cpu_seconds=10)
    assert "cv.pdf: RL907 [error] needs more than 256 MB of memory to read" in run.stdout
    assert f"{GOOD_PDF}:11:3: RL101" in run.stdout


def test_the_kinds_globs_apply_to_the_stdin_filename(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from linter.cli import main

    config = write(tmp_path, "pyproject.toml", '[tool.rolelint]\nkinds = { "answers/*.md" = "answer" }\n')
    monkeypatch.chdir(tmp_path)
    data = (SAMPLES / "resumes" / "ds_resume.md").read_bytes()
    kinds = {}
    for name in ("answers/q.md", "notes/q.md"):
        args = ["check", "--config", config, "--format", "json", "--stdin-filename", name, "-"]
        kinds[name] = json.loads(CliRunner().invoke(main, args, input=data).output)["files"][0]["kind"]
    assert kinds == {"answers/q.md": "answer", "notes/q.md": "resume"}
