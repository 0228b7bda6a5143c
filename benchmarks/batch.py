"""rolelint on Dask against rolelint serially, on generated documents (issue 17).

    python -m pip install -e ".[bench]"
    python benchmarks/batch.py [--documents 5000] [--runs 2] [--json FILE]

Serially: one process lints every document with `BatchLinter.lint_jsonl` and writes the JSON Lines to a
file. Then two such plain processes, each on every other document, started together: what two cores of
this machine give with no scheduler at all. On Dask: a LocalCluster of two process workers with one
thread each lints the same documents with `linter.dask.write_jsonl`, each worker writing its partitions'
files. The three alternate, `--runs` times each, and the medians are compared. Per-CPU throughput on Dask
is words / (wall time x 2 workers), serially words / wall time (one process on one core), so the ratio is
serial time / (2 x Dask time).

Both are timed warm, after the pipeline is built (serially in the process, on Dask by `warm_up` on every
worker), as a long batch runs; the cold start (a fresh cluster whose workers build their pipelines in the
first partitions) is measured and printed apart. Worker memory is each worker's peak resident set after a
fifth of the documents and after all of them, on one cluster.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus  # noqa: E402

PYTHON = sys.executable

_SERIAL = """
import json, resource, sys, time
from linter.batch import BatchLinter
paths = json.load(open(sys.argv[1]))[int(sys.argv[3]) :: int(sys.argv[4])]
batch = BatchLinter(role="auto")
started = time.perf_counter()
batch.engine().warm_up()
startup = time.perf_counter() - started
print("ready", flush=True)
sys.stdin.readline()  # the go, so that processes started together lint together
built = time.perf_counter()
cpu = time.process_time()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in batch.lint_jsonl(paths):
        out.write(line + "\\n")
print(json.dumps({"startup": startup, "wall": time.perf_counter() - built,
                  "cpu": time.process_time() - cpu,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def serial(paths_file: Path, out: Path, processes: int = 1) -> list[dict]:
    """`processes` plain processes, each linting every processes-th document, started together once each
    has built its pipeline: with 2, what two cores of this machine give with no scheduler at all."""
    children = [
        subprocess.Popen(
            [PYTHON, "-c", _SERIAL, str(paths_file), f"{out}.{n}", str(n), str(processes)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(processes)
    ]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    measured = []
    for child in children:
        out_text, _ = child.communicate()
        if child.returncode != 0:
            raise SystemExit("a serial run failed")
        measured.append(json.loads(out_text))
    return measured


def _cluster():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    return cluster, Client(cluster)


def on_dask(client, batch, paths: list[str], out: Path, partition_size: int) -> float:
    from linter.dask import write_jsonl

    started = time.perf_counter()
    written = write_jsonl(paths, str(out / "*.jsonl"), linter=batch, partition_size=partition_size)
    elapsed = time.perf_counter() - started
    lines = sum(len(Path(name).read_text(encoding="utf-8").splitlines()) for name in written)
    assert lines == len(paths), (lines, len(paths))
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=2, help="alternating runs of each (median taken)")
    parser.add_argument("--partition-size", type=int, default=64)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    args = parser.parse_args()
    import compileall

    compileall.compile_dir(str(HERE.parent / "linter"), quiet=1)
    from linter.batch import BatchLinter
    from linter.dask import warm_up

    work = Path(tempfile.mkdtemp(prefix="rolelint-batch-"))
    files = make_corpus(work / "corpus", args.documents)
    paths = [str(p) for p in files]
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    paths_file = work / "paths.json"
    paths_file.write_text(json.dumps(paths))
    print(f"{len(paths)} documents, {words:,} words, {megabytes:.1f} MB; {args.runs} alternating runs", flush=True)

    batch = BatchLinter(role="auto")
    figures: dict = {"documents": len(paths), "words": words}
    cluster, client = _cluster()
    try:
        warm = warm_up(client, batch)
        print(f"dask: {len(warm)} workers warmed up in {max(warm.values()):.2f} s", flush=True)
        serial_times, pair_times, dask_times, serial_cpu = [], [], [], []
        for run in range(args.runs):
            (measured,) = serial(paths_file, work / f"serial-{run}.jsonl")
            serial_times.append(measured["wall"])
            serial_cpu.append(measured["cpu"])
            pair_times.append(max(m["wall"] for m in serial(paths_file, work / f"pair-{run}.jsonl", 2)))
            dask_times.append(on_dask(client, batch, paths, work / f"dask-{run}", args.partition_size))
            print(
                f"run {run + 1}: serial {measured['wall']:.2f} s, two plain processes {pair_times[-1]:.2f} s, "
                f"dask {dask_times[-1]:.2f} s",
                flush=True,
            )
    finally:
        client.close()
        cluster.close()
    serial_wall, dask_wall = statistics.median(serial_times), statistics.median(dask_times)
    pair_wall = statistics.median(pair_times)
    ratio = serial_wall / (2 * dask_wall)
    figures.update(
        serial_seconds=serial_wall,
        serial_words_per_cpu_second=words / statistics.median(serial_cpu),
        dask_seconds=dask_wall,
        dask_words_per_cpu_second=words / (2 * dask_wall),
        per_cpu_ratio=ratio,
        two_plain_processes_seconds=pair_wall,
        two_plain_processes_per_cpu_ratio=serial_wall / (2 * pair_wall),
        dask_over_two_plain_processes=pair_wall / dask_wall,
        serial_peak_mb=measured["peak_mb"],
    )
    print(
        f"[{'ok  ' if ratio >= 0.9 else 'MISS'}] dask per-CPU throughput / serial   {ratio:.2f}  (target >= 0.90; "
        f"serial {serial_wall:.2f} s = {words / serial_wall:,.0f} words/s on one core, dask {dask_wall:.2f} s on "
        f"two = {words / (2 * dask_wall):,.0f} words/s per core)",
        flush=True,
    )
    print(
        f"       what two cores give here with no scheduler: two plain processes, each on half, {pair_wall:.2f} s, "
        f"{serial_wall / (2 * pair_wall):.2f} of serial per core; dask reaches {pair_wall / dask_wall:.2f} of that",
        flush=True,
    )

    # Cold, and memory: a fresh cluster, its workers building their pipelines in the first partitions.
    cluster, client = _cluster()
    try:
        fifth = paths[: max(1, len(paths) // 5)]
        cold = on_dask(client, batch, fifth, work / "cold", args.partition_size)
        early = client.run(_peak_mb)
        on_dask(client, batch, paths, work / "all", args.partition_size)
        late = client.run(_peak_mb)
    finally:
        client.close()
        cluster.close()
    growth = max(late.values()) / max(early.values())
    figures.update(
        cold_seconds_for_a_fifth=cold,
        worker_peak_mb_after_a_fifth=max(early.values()),
        worker_peak_mb_after_all=max(late.values()),
        worker_memory_growth=growth,
    )
    print(
        f"cold: a fresh cluster lints {len(fifth)} documents in {cold:.2f} s, the pipelines built in its first "
        f"partitions ({len(fifth) / cold:,.1f} documents/s)",
        flush=True,
    )
    print(
        f"[{'ok  ' if growth <= 1.2 else 'MISS'}] worker peak memory, all / a fifth      {growth:.2f}  (target "
        f"<= 1.2 (flat); {max(late.values()):.0f} MB after {len(paths)}, {max(early.values()):.0f} MB after "
        f"{len(fifth)}; serial process {measured['peak_mb']:.0f} MB)",
        flush=True,
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0 if ratio >= 0.9 and growth <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
