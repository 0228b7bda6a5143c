"""docs/rules.md, generated from the rule files: `rolelint rules --format markdown > docs/rules.md`, and the
README's table of rules. Rules are listed by their first group, in the order the groups are defined. Tests
fail when the committed files and the rules disagree."""

from __future__ import annotations

_UNGROUPED = "Other rules"


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.strip().split("\n"))


def rules_markdown(ruleset) -> str:
    out = [
        "# rolelint rules",
        "",
        "Generated from the rule files in `rules/` by `rolelint rules --format markdown`; do not edit by hand.",
        "",
    ]
    sections = [
        (group.title, [r for r in ruleset.rules if r.groups and r.groups[0] == key])
        for key, group in ruleset.groups.items()
    ]
    sections.append((_UNGROUPED, [r for r in ruleset.rules if not r.groups]))
    for title, rules in sections:
        if not rules:
            continue
        out += [f"## {title}", "", "| code | name | applies to | roles | severity |", "|---|---|---|---|---|"]
        out += [
            f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {', '.join(r.documents)} | "
            f"{', '.join(r.roles)} | {r.severity} |"
            for r in rules
        ]
        out.append("")
        for rule in rules:
            out += _rule_page(rule, ruleset)
    return "\n".join(out).rstrip() + "\n"


def _rule_page(rule, ruleset) -> list[str]:
    from .questions import judged_questions

    needs = f" Needs: {', '.join(rule.requires)}." if rule.requires else ""
    judged = judged_questions(rule, ruleset.questions)
    asks = f" Judges {judged}." if judged else ""
    page = [
        f"### {rule.code} {rule.name}",
        "",
        f"*{rule.severity}; {', '.join(rule.documents)}; scope {rule.scope}; roles {', '.join(rule.roles)}.*"
        f"{needs}{asks}",
        "",
        "**What it flags.** " + " ".join(rule.summary.split()),
        "",
        "**Why it matters.** " + " ".join(rule.rationale.split()),
        "",
        "**How to fix.** " + " ".join(rule.fix.split()),
        "",
    ]
    if rule.kind != "input":
        page += ["**Fails:**", ""] + [_shown(e) + "\n" for e in rule.failing[:2]]
        page += ["**Passes:**", ""] + [_shown(e) + "\n" for e in rule.passing[:2]]
        page += ["**Suggestions:**", ""]
        page += [f"- *{role}*: {text}" for role, text in rule.suggestion.items()]
        page.append("")
    return page


def rules_table(ruleset) -> str:
    """The README's table of rules: one row per rule, by group."""
    rows = ["| code | name | group | flags |", "|---|---|---|---|"]
    titles = {key: group.title for key, group in ruleset.groups.items()}
    order = {key: i for i, key in enumerate(ruleset.groups)}
    ranked = sorted(
        ruleset.rules, key=lambda r: (order.get(r.groups[0], len(order)) if r.groups else len(order), r.code)
    )
    for rule in ranked:
        group = titles.get(rule.groups[0], rule.groups[0]) if rule.groups else ""
        rows.append(f"| {rule.code} | {rule.name} | {group} | {' '.join(rule.summary.split())} |")
    return "\n".join(rows) + "\n"


def _replace_between(text: str, name: str, body: str) -> str:
    import re

    pattern = re.compile(rf"(<!-- {name}:start[^>]*-->\n)(.*?)(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise SystemExit(f"README.md has no <!-- {name}:start --> ... <!-- {name}:end --> markers")
    return pattern.sub(lambda m: m.group(1) + body + m.group(3), text)


def update_readme(path: str) -> None:
    """Regenerate the README's rule and limits tables (python -m linter.docs --readme)."""
    from .limits import readme_table
    from .ruleset import load_ruleset

    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    text = _replace_between(text, "rules-table", rules_table(load_ruleset()))
    text = _replace_between(text, "limits-table", readme_table() + "\n")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--readme"]:
        raise SystemExit("usage: python -m linter.docs --readme   (rewrites the tables in README.md)")
    update_readme("README.md")
    print("README.md tables regenerated")


def _shown(example) -> str:
    """An example as a rule page shows it: a job-match example is the posting, then the resume."""
    if example.job:
        return "Job posting:\n\n" + _indent(example.job) + "\n\nResume:\n\n" + _indent(example.text)
    return _indent(example.text)
