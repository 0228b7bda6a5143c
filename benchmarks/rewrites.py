"""How many held-out rewrite cases rolelint's rewrites meet: `benchmarks/rewrite_cases_heldout.yaml`, weak
bullets and answer openings written by a helper who had not seen the rewriter, each with what an
editor's rewrite must do (`starts`, `keeps`, `drops`, the placeholder class of its `topic`). The test
suite has its own cases (tests/rewrite_cases.yaml); these are kept apart so that they measure.

    python benchmarks/rewrites.py [--verbose]
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
from pathlib import Path

import yaml

import linter
from linter.rewrites import result_topic
from linter.ruleset import load_ruleset

HERE = Path(__file__).resolve().parent
CASES = HERE / "rewrite_cases_heldout.yaml"


def problems(after: str | None, case: dict, role: str, tables, reframed: bool = False) -> list[str]:
    """What the rewrite does not do that its case asks. A bullet written for the other role (RL202) is
    reframed: the target role's lead opens it, so the case's opening must follow the lead (its verb in the
    -ing form: only its object is compared) and the lead stands for the result placeholder."""
    if after is None:
        return ["no rewrite"]
    out = []
    starts = case.get("starts")
    if reframed:
        leads = [tables.reframe.get(role, "")] + [t.reframe[role] for t in tables.topics if role in t.reframe]
        if not any(lead and after.startswith(lead.split("{work}")[0]) for lead in leads):
            out.append("no reframing lead")
        if starts and " " in starts and " " + starts.split(" ", 1)[1] not in after:
            out.append("opening")
    elif starts and not after.startswith(starts):
        out.append("opening")
    out += [f"lost '{k}'" for k in case.get("keeps", []) if k not in after]
    # a reframing says the work with its -ing form: "improving" may stand where "Improved" would
    out += [
        f"kept '{k}'"
        for k in case.get("drops", [])
        if k.lower() in after.lower() and not (reframed and k.endswith("ing") and " " not in k)
    ]
    carried = result_topic(after, role, tables)
    if (
        case.get("topic")
        and not reframed
        and carried != case["topic"]
        and not (carried is None and "<percent" in after)
    ):
        out.append(f"no {case['topic']} placeholder")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print each case that falls short, and why")
    options = parser.parse_args()
    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))
    tables = load_ruleset().rewrites
    tally: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    why = collections.Counter()
    unflagged = collections.Counter()
    reframes = collections.Counter()
    with tempfile.TemporaryDirectory(prefix="rolelint-rewrites-") as scratch:
        path = Path(scratch) / "case.md"
        for group, kind in (("bullets", "resume"), ("answers", "answer")):
            for case in cases[group]:
                for role in case["roles"]:
                    if kind == "resume":
                        path.write_text(f"# Experience\n\n- {case['text']}\n", encoding="utf-8")
                    else:
                        path.write_text(f"Q: {case['question']}\n\nA: {case['text']}\n", encoding="utf-8")
                    [result] = linter.lint_paths([str(path)], use_config=False, role=role, kind=kind, rewrites=True)
                    if not result.findings:  # a case no rule flags is a miss of the rules, not of the rewrite
                        unflagged[group] += 1
                        continue
                    after = result.rewrites[0].after if result.rewrites else None
                    reframed = bool(result.rewrites) and "RL202" in result.rewrites[0].codes
                    reframes[group] += reframed
                    found = problems(after, case, role, tables, reframed)
                    tally[group][0] += not found
                    tally[group][1] += 1
                    why.update(p.split(" '")[0] for p in found)
                    if found and options.verbose:
                        print(f"  {case['id']} ({role}): {'; '.join(found)}\n    {after}")
    for group, (met, total) in tally.items():
        print(
            f"Held-out {group} whose rewrite meets its case (per role, of those flagged): {met} of {total}"
            f" ({unflagged[group]} not flagged by any rule; {reframes[group]} reframed for the target role)"
        )
    print("Shortfalls: " + ", ".join(f"{k} {n}" for k, n in why.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
