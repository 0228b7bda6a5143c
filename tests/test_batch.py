"""The batch API (linter.batch) and its Dask and Spark functions: one result per document, equal to what
`rolelint check --format json` says of the same files; options, packs and postings validated on the client
and carried to other processes in the pickle; whatever goes wrong with one document is its RL9xx result."""

import importlib.util
import json
import pickle
import shutil
import subprocess
import sys

import pytest

from linter.batch import BatchLinter, Source, lint_documents
from linter.settings import SettingsError
from tests.conftest import ROOT, SAMPLES, run_check, write
from tests.test_ruleset import VALID

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_corpus import make_corpus  # noqa: E402


def _cli_entries(*args: str) -> list[dict]:
    done = run_check("--format", "json", "--fail-on", "never", *args)
    assert done.returncode in (0, 2), done.stderr
    return json.loads(done.stdout)["files"]


def _by_path(entries) -> list[dict]:
    return sorted(entries, key=lambda entry: entry["path"])


@pytest.fixture(scope="module")
def sample_files() -> list[str]:
    return BatchLinter().files([str(SAMPLES)])


def test_the_batch_says_what_check_json_says_of_every_sample(sample_files):
    formats = {path.rsplit(".", 1)[-1] for path in sample_files}
    assert {"pdf", "docx", "md", "txt", "jsonl"} <= formats
    for role in ("ds", "mle"):
        ours = list(BatchLinter(role=role).lint_json(sample_files))
        assert ours == _cli_entries("--role", role, *sample_files)


def test_bytes_and_text_read_as_their_files_do(sample_files):
    batch = BatchLinter(role="mle")
    chosen = [p for p in sample_files if "/resumes/" in p and p.endswith((".pdf", ".docx", ".md"))]
    by_path = {entry["path"]: entry for entry in batch.lint_json(chosen)}
    sources = []
    for path in chosen:
        data = open(path, "rb").read()
        sources.append(Source(path, data.decode("utf-8") if path.endswith(".md") else data))
    for entry in batch.lint_json(sources):
        assert entry == by_path[entry["path"]]
        assert entry["findings"]


def test_a_documents_kind_given_with_it_overrides_detection():
    text = "Q: How would you predict churn?\n\nI would train XGBoost on the usage logs.\n"
    batch = BatchLinter(role="ds")
    detected, given = batch.lint([{"text": text}, {"text": text, "kind": "resume"}])
    assert detected.kind == "answer"
    assert given.kind == "resume" and given.kind_reason == "given with the document"


def test_each_bad_document_is_its_own_rl9xx_result_and_the_rest_are_linted(tmp_path):
    good = SAMPLES / "resumes" / "mle_resume.md"
    results = list(
        lint_documents(
            [
                str(tmp_path / "missing.pdf"),
                Source("broken.pdf", b"%PDF-1.7 not really"),
                {"path": str(good), "colour": "red"},
                Source("cv.docx", b""),
                42,
                str(good),
            ],
            role="mle",
        )
    )
    assert [r.path for r in results] == [
        str(tmp_path / "missing.pdf"),
        "broken.pdf",
        "<document 3>",
        "cv.docx",
        "<document 5>",
        str(good),
    ]
    for result in results[:5]:
        assert result.error and [f.code[:3] for f in result.findings] == ["RL9"], result
    assert "no field 'colour'" in results[2].error
    assert results[5].error is None and results[5].findings


def test_a_bug_in_a_rule_costs_one_document(monkeypatch):
    from linter import engine as engine_module

    batch = BatchLinter(role="mle")
    calls = {"n": 0}
    real = engine_module.Engine.lint_document

    def flaky(self, path, doc, kind=None):
        calls["n"] += 1
        if calls["n"] == 1:
            raise KeyError("boom")
        return real(self, path, doc, kind)

    monkeypatch.setattr(engine_module.Engine, "lint_document", flaky)
    first, second = batch.lint([{"text": "- Built the feature store"}, {"text": "- Built the feature store"}])
    assert "rolelint failed with KeyError" in first.error and first.findings[0].code.startswith("RL9")
    assert second.error is None


def test_options_packs_and_postings_are_validated_on_the_client(tmp_path):
    with pytest.raises(SettingsError, match="role"):
        BatchLinter(role="astronaut")
    write(tmp_path, "broken.yaml", "code: XY1\n")
    with pytest.raises(SettingsError, match="broken.yaml"):
        BatchLinter(rule_dirs=[str(tmp_path)])
    from linter.engine import JobError

    with pytest.raises(JobError, match="missing.md"):
        BatchLinter(job=str(tmp_path / "missing.md"))


def _lint_in_a_new_process(pickled: bytes, documents: list) -> list[dict]:
    script = (
        "import pickle, sys, json\n"
        "batch = pickle.loads(sys.stdin.buffer.read())\n"
        f"print(json.dumps(list(batch.lint_json({documents!r}))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], input=pickled, capture_output=True, cwd=ROOT, check=True)
    return json.loads(done.stdout)


def test_a_pickled_batch_lints_the_same_in_another_process_and_pickles_small(sample_files):
    batch = BatchLinter(role="ds", job=str(SAMPLES / "jobs"))
    pickled = pickle.dumps(batch)
    assert len(pickled) < 20_000
    chosen = [p for p in sample_files if "/resumes/" in p][:4]
    here = list(batch.lint_json(chosen))
    assert all(entry["job_match"] for entry in here)
    assert _lint_in_a_new_process(pickled, chosen) == here
    assert here == _cli_entries("--role", "ds", "--job", str(SAMPLES / "jobs"), *chosen)


def test_a_rule_pack_travels_in_the_pickle_to_a_worker_without_it(tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    write(pack, "rule.yaml", VALID)
    resume = tmp_path / "resume.md"
    resume.write_text("# Experience\n\n- Utilized Spark for the batch jobs.\n")
    batch = BatchLinter(rule_dirs=[str(pack)])
    pickled = pickle.dumps(batch)
    shutil.rmtree(pack)  # the worker's machine does not have the client's folder
    entries = _lint_in_a_new_process(pickled, [str(resume)])
    assert "XY101" in [f["code"] for f in entries[0]["findings"]]


def test_one_engine_per_process_whatever_the_number_of_partitions():
    from linter import batch as batch_module

    batch = pickle.loads(pickle.dumps(BatchLinter(role="mle")))
    engines = {id(batch.engine()) for _ in range(3)}
    for _ in range(3):
        batch.lint_partition([{"text": "- Responsible for maintaining the ML pipelines"}])
    assert len(engines) == 1 and batch_module._ENGINES[batch.key] is batch.engine()


def test_lint_rows_is_the_spark_partition_function_and_needs_no_cluster(tmp_path):
    from linter.spark import lint_rows

    class Row:  # what Spark hands a partition function: objects with asDict()
        def __init__(self, **values):
            self.values = values

        def asDict(self):
            return self.values

    good = str(SAMPLES / "resumes" / "mle_resume.md")
    rows = [
        Row(path=good, kind=None),
        Row(path="cv.md", content=b"# Experience\n\n- Worked on the model\n"),
        {"path": 7},
    ]
    out = list(lint_rows(rows, BatchLinter(role="mle"), {"data": "content"}))
    assert [row[0] for row in out] == [good, "cv.md", "<document 3>"]
    path, kind, role, error, count, result = out[1]
    assert (kind, role, error) == ("resume", "mle", None) and count == len(json.loads(result)["findings"]) > 0
    assert out[2][3] and json.loads(out[2][5])["findings"][0]["code"].startswith("RL9")


dask_installed = importlib.util.find_spec("dask") is not None and importlib.util.find_spec("distributed") is not None


def _run_script(tmp_path, code: str) -> str:
    """Run `code` as a script in a child process (a cluster's processes, and Spark's JVM, are then its
    children and end with it, not with the test session's process); its standard output."""
    script = tmp_path / "script.py"
    script.write_text(code)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


_DASK_SCRIPT = """
import json
from dask.distributed import Client, LocalCluster
from linter.batch import BatchLinter
from linter.dask import lint_bag, warm_up, write_jsonl
from linter.report.json import file_entry

if __name__ == "__main__":
    batch = BatchLinter(role="mle")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            warmed = warm_up(client, batch)
            results = lint_bag([CORPUS], linter=batch, partition_size=8).compute()
            written = write_jsonl(FILES, OUT, linter=batch, partition_size=8)
    print(json.dumps({"workers": len(warmed), "results": [file_entry(r) for r in results], "written": written}))
"""


@pytest.mark.skipif(not dask_installed, reason="the dask extra is not installed: pip install -e '.[dask]'")
def test_dask_with_two_process_workers_equals_the_cli(tmp_path):
    corpus = tmp_path / "corpus"
    files = [str(p) for p in make_corpus(corpus, 40)]
    header = f"CORPUS, OUT, FILES = {str(corpus)!r}, {str(tmp_path / 'out' / '*.jsonl')!r}, {files!r}\n"
    printed = json.loads(_run_script(tmp_path, header + _DASK_SCRIPT).splitlines()[-1])
    expected = _by_path(_cli_entries("--role", "mle", *files))
    assert printed["workers"] == 2
    assert _by_path(printed["results"]) == expected
    lines = [json.loads(line) for name in printed["written"] for line in open(name, encoding="utf-8") if line.strip()]
    assert _by_path(lines) == expected


def _spark_unavailable() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed: pip install -e '.[spark]'"
    if shutil.which("java") is None:
        return "Spark needs Java 17 or newer, and no java is on PATH (Debian: apt install default-jre-headless)"
    version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    if not any(f'"{n}' in version for n in range(17, 40)):
        return f"Spark 4 needs Java 17 or newer; this machine has {version.splitlines()[0] if version else '?'}"
    return None


_SPARK_SCRIPT = """
import json
from pyspark.sql import SparkSession
from linter.spark import lint_dataframe

try:
    spark = (
        SparkSession.builder.master("local[2]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
except Exception as error:  # no local Spark can run here: nothing of rolelint's has run yet
    print(json.dumps({"skip": " ".join(str(error).split())[:200]}))
    raise SystemExit(0)
try:
    frame = spark.createDataFrame([(p, None) for p in FILES], "path string, kind string")
    rows = lint_dataframe(frame, role="ds").collect()
    pdfs = spark.read.format("binaryFile").option("pathGlobFilter", "*.pdf").load(RESUMES)
    from_bytes = lint_dataframe(pdfs, role="ds", data_column="content").collect()
finally:
    spark.stop()
print(json.dumps({"results": [json.loads(row.result) for row in rows],
                  "from_bytes": [[row.kind, row.findings, row.error] for row in from_bytes]}))
"""


@pytest.mark.skipif(_spark_unavailable() is not None, reason=str(_spark_unavailable()))
def test_spark_local_equals_the_cli(tmp_path, sample_files):
    header = f"FILES, RESUMES = {sample_files!r}, {str(SAMPLES / 'resumes')!r}\n"
    printed = json.loads(_run_script(tmp_path, header + _SPARK_SCRIPT).splitlines()[-1])
    if "skip" in printed:
        pytest.skip(f"a local Spark could not start on this machine: {printed['skip']}")
    assert _by_path(printed["results"]) == _by_path(_cli_entries("--role", "ds", *sample_files))
    assert len(printed["from_bytes"]) == 3
    assert all(kind == "resume" and count and not error for kind, count, error in printed["from_bytes"])


def _readme_example(name: str) -> str:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- example: {name} -->\n```python\n(.*?)```", readme, re.DOTALL)
    assert found, f"README has no '{name}' example"
    return found.group(1)


@pytest.mark.skipif(not dask_installed, reason="the dask extra is not installed: pip install -e '.[dask]'")
def test_the_readmes_dask_example_lints_the_samples(tmp_path, sample_files):
    script = tmp_path / "example.py"
    script.write_text(_readme_example("dask"))
    shutil.copytree(SAMPLES, tmp_path / "samples")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    printed = [line.split() for line in done.stdout.splitlines() if line.startswith("samples/")]
    assert len(printed) == len(sample_files) and all(len(line) == 3 for line in printed)
    written = sorted((tmp_path / "rolelint-out").glob("*.jsonl"))
    assert written and sum(len(p.read_text().splitlines()) for p in written) == len(sample_files)


@pytest.mark.skipif(_spark_unavailable() is not None, reason=str(_spark_unavailable()))
def test_the_readmes_spark_example_lints_the_sample_pdfs(tmp_path):
    script = tmp_path / "example.py"
    script.write_text(_readme_example("spark"))
    shutil.copytree(SAMPLES, tmp_path / "samples")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    shown = [line for line in done.stdout.splitlines() if ".pdf" in line]
    assert len(shown) == 3 and all("resume" in line for line in shown)
