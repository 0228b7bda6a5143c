"""How many of rolelint's rewrites on real documents a reviewer accepts: the resumes and answers of the
labelled corpus in ../shared/corpus/real/, linted with `--rewrite` for each target role.

    python benchmarks/rewrite_acceptance.py [--corpus DIR] [--dump FILE] [--verbose]

Each rewrite is keyed by its file, role, line and a digest of its before and after text; the verdicts are
in benchmarks/rewrite_review.jsonl (`verdict`: accept, reject or debatable; `problem` for a rejection:
grammar, lost, invented, placeholder, awkward; `why` in the reviewer's own words). A rewrite whose text
has changed since it was reviewed has a new digest and counts as unreviewed, so the figure never rests on
verdicts about other text. `--dump FILE` writes the rewrites that need a verdict (with their text, to be
read there, outside the project: the corpus is only measured, never copied into it).
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_CORPUS = (ROOT / ".." / "shared" / "corpus" / "real").resolve()
REVIEW = HERE / "rewrite_review.jsonl"
RUNS = (("resumes", "resume"), ("answers", "answer"))
ROLES = ("ds", "mle")


def digest(before: str, after: str) -> str:
    return hashlib.sha256(f"{before}\n{after}".encode()).hexdigest()[:16]


def rewrites(corpus: Path) -> list[dict]:
    """Every rewrite rolelint makes on the corpus, for each role."""
    out = []
    for folder, kind in RUNS:
        for role in ROLES:
            command = [sys.executable, "-m", "linter", "check", folder, "--kind", kind, "--role", role]
            command += ["--rewrite", "--format", "json", "--no-config", "--fail-on", "never"]
            done = subprocess.run(command, cwd=corpus, capture_output=True, text=True, check=False)
            if done.returncode not in (0, 1, 2):
                raise SystemExit(f"rolelint failed on {folder} ({role}): {done.stderr.strip()[:300]}")
            for result in json.loads(done.stdout)["files"]:
                for rewrite in result.get("rewrites", []):
                    out.append(
                        {
                            "file": result["path"],
                            "role": role,
                            "line": rewrite["line"],
                            "codes": rewrite["codes"],
                            "digest": digest(rewrite["before"], rewrite["after"]),
                            "before": rewrite["before"],
                            "after": rewrite["after"],
                        }
                    )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--dump", type=Path, help="write the rewrites no verdict covers to FILE (JSON Lines)")
    parser.add_argument("--verbose", action="store_true", help="list each rejected rewrite's key and why")
    options = parser.parse_args()
    if not options.corpus.is_dir():
        print(f"no corpus at {options.corpus}", file=sys.stderr)
        return 2
    verdicts = {}
    if REVIEW.exists():
        for line in REVIEW.read_text(encoding="utf-8").splitlines():
            if line.strip():
                entry = json.loads(line)
                verdicts[(entry["file"], entry["role"], entry["line"], entry["digest"])] = entry
    found = rewrites(options.corpus)
    tally = collections.Counter()
    by_code: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    problems = collections.Counter()
    unreviewed = []
    for rewrite in found:
        entry = verdicts.get((rewrite["file"], rewrite["role"], rewrite["line"], rewrite["digest"]))
        if entry is None:
            unreviewed.append(rewrite)
            continue
        verdict = entry["verdict"]
        tally[(rewrite["role"], verdict)] += 1
        for code in rewrite["codes"]:
            by_code[code][verdict] += 1
        if verdict == "reject":
            problems[entry.get("problem", "other")] += 1
            if options.verbose:
                print(f"  reject {rewrite['file']}:{rewrite['line']} ({rewrite['role']}): {entry.get('why', '')}")
    for role in ROLES:
        accepted, rejected, debatable = (tally[(role, v)] for v in ("accept", "reject", "debatable"))
        print(
            f"{role}: {accepted} of {accepted + rejected} rewrites accepted ({debatable} debatable apart),"
            f" {sum(1 for r in unreviewed if r['role'] == role)} not reviewed"
        )
    accepted = sum(n for (_, v), n in tally.items() if v == "accept")
    rejected = sum(n for (_, v), n in tally.items() if v == "reject")
    print(f"all: {accepted} of {accepted + rejected} accepted")
    print("by rule: " + ", ".join(f"{c} {n['accept']}/{n['accept'] + n['reject']}" for c, n in sorted(by_code.items())))
    if problems:
        print("rejections: " + ", ".join(f"{p} {n}" for p, n in problems.most_common()))
    if options.dump:
        with options.dump.open("w", encoding="utf-8") as out:
            for rewrite in unreviewed:
                out.write(json.dumps(rewrite, ensure_ascii=False) + "\n")
        print(f"wrote {len(unreviewed)} rewrites to review to {options.dump}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
