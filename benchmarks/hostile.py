"""What each class of hostile input costs rolelint: every class the test suite generates, run through
`rolelint check` in a child process beside an ordinary file, with its exit code, peak resident memory and CPU
time as the kernel accounts them for that child (wait4). The promise (issue 12) is exit 2 for the hostile
file, the ordinary file still linted, under 400 MB and 10 s of CPU per hostile file.

    python benchmarks/hostile.py [--json FILE]

Exit status 0 when every class keeps the promise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import make_broken_files as hostile  # noqa: E402
from tests.conftest import run_bounded  # noqa: E402

GOOD = "Experience\n- Improved model performance for the ranking service.\n"
PEAK_MB, CPU_SECONDS = 400, 10


def _documents(folder: Path) -> dict[str, tuple[str, list[str]]]:
    """class -> (the hostile file, extra arguments)."""
    cases: dict[str, tuple[bytes | str, str, list[str]]] = {
        f"pdf: {name}": (data, "bomb.pdf", []) for name, data in hostile.hostile_pdfs(1024).items()
    }
    cases.update(
        {
            "pdf: hidden filter, pre-check lifted": (
                hostile.hidden_filter_pdfs(1024)["escaped-name"],
                "bomb.pdf",
                ["--max-pdf-stream", "100000"],
            ),
            "jsonl: 45 MB answer on one line": (hostile.huge_answer_jsonl(45_000_000), "answers.jsonl", []),
            "ipynb: 45 MB cell": (hostile.huge_cell_notebook(45_000_000), "notebook.ipynb", []),
            "jsonl: nested 100,000 levels": (hostile.deeply_nested_jsonl(100_000), "deep.jsonl", []),
            "ipynb: nested 100,000 levels": (hostile.deeply_nested_notebook(100_000), "deep.ipynb", []),
            "jsonl: lone surrogate": (hostile.lone_surrogate_jsonl(), "surrogate.jsonl", []),
            "md: 10 million characters of prose": (
                "We compared two cohorts with a holdout group.\n\n" * 210_000,
                "novel.md",
                [],
            ),
        }
    )
    out = {}
    for index, (label, (data, name, extra)) in enumerate(cases.items()):
        path = folder / f"{index:02d}-{name}"
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        out[label] = (str(path), extra)
    return out


def _rule_folders(folder: Path) -> dict[str, Path]:
    """class -> a rule folder holding that hostile rule."""
    rules = {
        "rule: YAML alias bomb": hostile.alias_bomb_rule(),
        "rule: format width 1,500,000,000": hostile.format_width_rule(),
        "rule: four {OP: '*'} in one token pattern": hostile.many_stars_rule(),
    }
    out = {}
    for index, (label, text) in enumerate(rules.items()):
        rule_dir = folder / f"rules-{index}"
        rule_dir.mkdir()
        (rule_dir / "rule.yaml").write_text(text)
        out[label] = rule_dir
    return out


def _measure(label: str, args: list[str], expect_exit: int) -> dict:
    run = run_bounded(["check", "--no-config", *args])
    kept = (
        run.returncode == expect_exit
        and "Traceback" not in run.stderr
        and run.peak_mb < PEAK_MB
        and run.cpu_seconds < CPU_SECONDS
    )
    return {
        "class": label,
        "exit": run.returncode,
        "peak_mb": round(run.peak_mb),
        "cpu_s": round(run.cpu_seconds, 2),
        "kept": kept,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write the results as JSON to this file")
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        good = folder / "good.txt"
        good.write_text(GOOD)
        rows.append(_measure("baseline: one ordinary file", [str(good)], 1))
        for label, (path, extra) in _documents(folder).items():
            rows.append(_measure(label, [*extra, path, str(good)], 2))
        for label, rule_dir in _rule_folders(folder).items():
            rows.append(_measure(label, ["--rule-dir", str(rule_dir), str(good)], 2))
        repo = folder / "repo"
        repo.mkdir()
        (repo / ".gitignore").write_text(hostile.backtracking_glob(12) + "\n")
        (repo / ("a" * 200 + ".md")).write_text(GOOD)
        rows.append(_measure("walk: backtracking .gitignore pattern", [str(repo)], 1))
    width = max(len(row["class"]) for row in rows)
    print(f"{'class':<{width}}  exit  peak MB  CPU s  kept")
    for row in rows:
        print(f"{row['class']:<{width}}  {row['exit']:>4}  {row['peak_mb']:>7}  {row['cpu_s']:>5}  {row['kept']}")
    kept = sum(row["kept"] for row in rows)
    print(f"{kept} of {len(rows)} classes within exit code, {PEAK_MB} MB and {CPU_SECONDS} s of CPU")
    if options.json:
        Path(options.json).write_text(json.dumps(rows, indent=2) + "\n")
    return 0 if kept == len(rows) else 1


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.exit(main())
