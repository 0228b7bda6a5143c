"""How well rolelint reads what real job postings ask for: the 13 postings of ../shared/corpus/real/jobs/,
against the requirement lists a reader made by hand (benchmarks/posting_labels.json: per posting, each
skill with its kind, required or preferred, named as the taxonomy names it).

    python benchmarks/postings.py [--corpus DIR] [--verbose]

Precision: of the requirements rolelint extracts, how many the hand list has; recall: of the hand list,
how many rolelint extracts. A requirement counts by its name (case aside); its kind is reported apart
(how many of the matched ones have the hand list's kind). The labels name skills and titles only, never
the postings' sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from linter.postings import read_posting
from linter.readers import read_path
from linter.ruleset import load_ruleset

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = (HERE.parent / ".." / "shared" / "corpus" / "real").resolve()
LABELS = HERE / "posting_labels.json"


def _canonical(name: str, taxonomy) -> str:
    """The hand list's name as the taxonomy names it ("k-NN" is its k-nearest neighbours), lower-cased."""
    mentions = taxonomy.find(name)
    whole = [m for m in mentions if m.start == 0 and m.end == len(name)]
    return (whole[0].skill.name if whole else name).lower()


def _same_title(got: str | None, want: str | None) -> bool:
    """The same role, case and spacing aside; a page title may lead with its office ("Centers of
    Excellence - Data Specialist")."""
    if not got or not want:
        return got == want

    def plain(title: str) -> str:
        return " ".join(title.lower().replace("/ ", "/").replace(" /", "/").split())

    return plain(got) == plain(want) or plain(got).endswith(" " + plain(want))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list each posting's extra and missed requirements")
    options = parser.parse_args()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    ruleset = load_ruleset()
    found_total = right = truth_total = same_kind = 0
    years_right = degree_right = title_right = 0
    for name in sorted(labels):
        truth = {_canonical(r["name"], ruleset.taxonomy): r["kind"] for r in labels[name]["requirements"]}
        path = options.corpus / "jobs" / name
        posting = read_posting(read_path(str(path), markdown_text=True), ruleset.taxonomy, ruleset.postings)
        got = {r.name.lower(): r.kind for r in posting.requirements}
        hits = set(got) & set(truth)
        found_total, right, truth_total = found_total + len(got), right + len(hits), truth_total + len(truth)
        same_kind += sum(got[k] == truth[k] for k in hits)
        years_right += posting.years == labels[name].get("years")
        degree_right += posting.degree == labels[name].get("degree")
        title_right += _same_title(posting.title, labels[name].get("title"))
        print(f"{name}: {len(hits)} of {len(got)} extracted are right, {len(hits)} of {len(truth)} found")
        if options.verbose:
            print(f"    extra: {', '.join(sorted(set(got) - set(truth))) or '-'}")
            print(f"    missed: {', '.join(sorted(set(truth) - set(got))) or '-'}")
    precision = right / found_total if found_total else 0.0
    recall = right / truth_total if truth_total else 0.0
    print(f"precision {precision:.2f} ({right} of {found_total}), recall {recall:.2f} ({right} of {truth_total})")
    count = len(labels)
    print(f"kind agrees on {same_kind} of {right}; years right on {years_right} of {count}, degree on {degree_right}")
    print(f"title names the role on {title_right} of {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
