"""Runs every benchmark of rolelint and prints each measure beside its target.

    python -m pip install -e ".[bench]"
    python benchmarks/run.py [--runs 5] [--quick]

Each measure compares two commands run side by side in one session, alternating A, B, A, B ... and taking
the median of each, so that the ratio holds on a shared, noisy machine. Peak memory is the maximum
resident set size of the rolelint process alone. Exit status 0 when every measure meets its target.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_corpus import make_corpus, make_pdf  # noqa: E402

PYTHON = sys.executable


def rolelint(*args: str) -> list[str]:
    return [PYTHON, "-m", "linter", *args]


def _timed(command: list[str], cwd: str | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(
            f"benchmark command failed ({result.returncode}): {' '.join(command)}\n"
            f"{result.stderr.decode(errors='replace')[-2000:]}"
        )
    return elapsed


def side_by_side(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    """Medians of `runs` alternating runs of a and b, after one warm-up run of each."""
    _timed(a), _timed(b)
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(_timed(a))
        times_b.append(_timed(b))
    return statistics.median(times_a), statistics.median(times_b)


def peak_rss_mb(command: list[str]) -> float:
    """Maximum resident set size of one run of `command` (a fresh child, so the reading is its own)."""
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PYTHON, "-c", probe, *command], capture_output=True, text=True, check=True)
    kilobytes = int(out.stdout.strip())
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 2**20


class Report:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, name: str, value: float, target: str, ok: bool, detail: str) -> None:
        self.rows.append({"measure": name, "value": value, "target": target, "ok": ok, "detail": detail})
        mark = "ok  " if ok else "MISS"
        print(f"[{mark}] {name:<52} {value:>7.2f}  (target {target}; {detail})", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=5,
        help="alternating runs per corpus measure (median taken); start-up measures, a tenth of "
        "a second each, take four times as many",
    )
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a first look")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    args = parser.parse_args()
    runs = 3 if args.quick else args.runs
    # Installed packages run from byte-compiled files (pip compiles them); an editable install, or a
    # shell with PYTHONDONTWRITEBYTECODE set, would otherwise compile rolelint's modules on every start.
    import compileall

    compileall.compile_dir(str(HERE.parent / "linter"), quiet=1)
    report = Report()
    work = Path(tempfile.mkdtemp(prefix="rolelint-bench-"))
    try:
        corpus = work / "corpus"
        files = make_corpus(corpus, 300)
        size = sum(p.stat().st_size for p in files) / 1e6
        pdf = make_pdf(work / "resume_2pages.pdf")
        print(
            f"corpus: {len(files)} files, {size:.2f} MB; PDF: {pdf.name}; {runs} alternating runs per measure; "
            f"python {sys.version.split()[0]}, {os.cpu_count()} cores",
            flush=True,
        )

        click = [PYTHON, "-c", "import click"]
        for label, command in (
            ("rolelint --version", ["--version"]),
            ("rolelint rules", ["rules"]),
            ("rolelint explain RL101", ["explain", "RL101"]),
        ):
            ours, base = side_by_side(rolelint(*command), click, runs * 4)
            report.add(
                f"{label} vs import click", ours / base, "<= 1.5x", ours / base <= 1.5, f"{ours:.3f} s vs {base:.3f} s"
            )

        spacy_blank = [PYTHON, "-c", "import spacy; spacy.blank('en')"]
        ours, base = side_by_side(rolelint("check", "--no-config", "--fail-on", "never", str(pdf)), spacy_blank, runs)
        report.add(
            "2-page PDF, end to end, vs import spacy + blank",
            ours / base,
            "<= 1.4x",
            ours / base <= 1.4,
            f"{ours:.3f} s vs {base:.3f} s",
        )

        config = work / "proselintrc.json"
        config.write_text(json.dumps({"max_errors": 10**9}))  # lift its error cap
        proselint = shutil.which("proselint")
        paths = [str(p) for p in sorted(files)]
        if proselint is None:
            print("proselint is not installed: pip install -e '.[bench]'", file=sys.stderr)
            return 2
        ours, theirs = side_by_side(
            rolelint("check", "--no-config", "--fail-on", "never", *paths),
            [proselint, "check", "--config", str(config), *paths],
            runs,
        )
        report.add(
            "corpus: proselint time / rolelint time",
            theirs / ours,
            ">= 2x",
            theirs / ours >= 2,
            f"rolelint {ours:.2f} s, proselint {theirs:.2f} s",
        )

        plain, rewriting = side_by_side(
            rolelint("check", "--no-config", "--fail-on", "never", str(corpus)),
            rolelint("check", "--no-config", "--fail-on", "never", "--rewrite", str(corpus)),
            runs,
        )
        report.add(
            "corpus: check --rewrite time / check time",
            rewriting / plain,
            "<= 1.1x",
            rewriting / plain <= 1.1,
            f"{rewriting:.2f} s vs {plain:.2f} s",
        )

        # one resume against 20 postings (the bundled three, copied under other names) vs the resume alone
        postings = work / "postings"
        postings.mkdir()
        bundled = sorted((HERE.parent / "samples" / "jobs").iterdir())
        for n in range(20):
            source = bundled[n % len(bundled)]
            (postings / f"posting_{n:02d}{source.suffix}").write_bytes(source.read_bytes())
        resume = str(HERE.parent / "samples" / "resumes" / "mle_resume.md")
        alone, matched = side_by_side(
            rolelint("check", "--no-config", "--fail-on", "never", "--role", "mle", resume),
            rolelint("check", "--no-config", "--fail-on", "never", "--role", "mle", "--job", str(postings), resume),
            runs,
        )
        report.add(
            "one resume: --job with 20 postings / no --job",
            matched / alone,
            "< 2x",
            matched / alone < 2,
            f"{matched:.2f} s vs {alone:.2f} s",
        )

        one, two = side_by_side(
            rolelint("check", "--no-config", "--fail-on", "never", "--jobs", "1", str(corpus)),
            rolelint("check", "--no-config", "--fail-on", "never", "--jobs", "2", str(corpus)),
            runs,
        )
        report.add(
            "corpus: --jobs 2 speed-up over --jobs 1",
            one / two,
            ">= 1.6x",
            one / two >= 1.6,
            f"{one:.2f} s vs {two:.2f} s",
        )

        peak = peak_rss_mb(rolelint("check", "--no-config", "--fail-on", "never", str(corpus)))
        report.add("corpus: peak memory (MB)", peak, "<= 250", peak <= 250, "maximum resident set size")
        bigger = work / "corpus3"
        make_corpus(bigger, 900, seed=99)
        peak3 = peak_rss_mb(rolelint("check", "--no-config", "--fail-on", "never", str(bigger)))
        report.add(
            "memory growth, 900 files over 300",
            peak3 / peak,
            "<= 1.2x (flat)",
            peak3 / peak <= 1.2,
            f"{peak3:.0f} MB vs {peak:.0f} MB",
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(report.rows, indent=2))
    missed = [r for r in report.rows if not r["ok"]]
    print(f"{len(report.rows) - len(missed)} of {len(report.rows)} measures at or past their targets")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
