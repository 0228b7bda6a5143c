"""docs/rules.md, generated from the rule files: `rolelint rules --format markdown > docs/rules.md`.
A test fails when the committed file and the rules disagree."""
from __future__ import annotations

_GROUPS = (("RL1", "Resume wording"), ("RL2", "Role signals"), ("RL3", "Answers"), ("RL4", "Write-ups"),
           ("RL9", "Input problems"))


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.strip().split("\n"))


def rules_markdown(ruleset) -> str:
    out = ["# rolelint rules", "",
           "Generated from the rule files in `rules/` by `rolelint rules --format markdown`; do not edit by hand.",
           ""]
    for prefix, title in _GROUPS:
        rules = [r for r in ruleset.rules if r.code.startswith(prefix)]
        if not rules:
            continue
        out += [f"## {title}", "", "| code | name | applies to | roles | severity |", "|---|---|---|---|---|"]
        out += [f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {', '.join(r.documents)} | "
                f"{', '.join(r.roles)} | {r.severity} |" for r in rules]
        out.append("")
        for rule in rules:
            out += _rule_page(rule)
    return "\n".join(out).rstrip() + "\n"


def _rule_page(rule) -> list[str]:
    needs = f" Needs: {', '.join(rule.requires)}." if rule.requires else ""
    asks = f" Judges answers to {', '.join(rule.questions)} questions." if rule.questions else ""
    page = [f"### {rule.code} {rule.name}", "",
            f"*{rule.severity}; {', '.join(rule.documents)}; scope {rule.scope}; roles {', '.join(rule.roles)}.*"
            f"{needs}{asks}", "",
            "**What it flags.** " + " ".join(rule.summary.split()), "",
            "**Why it matters.** " + " ".join(rule.rationale.split()), "",
            "**How to fix.** " + " ".join(rule.fix.split()), ""]
    if rule.kind != "input":
        page += ["**Fails:**", ""] + [_indent(e.text) + "\n" for e in rule.failing[:2]]
        page += ["**Passes:**", ""] + [_indent(e.text) + "\n" for e in rule.passing[:2]]
        page += ["**Suggestions:**", ""]
        page += [f"- *{role}*: {text}" for role, text in rule.suggestion.items()]
        page.append("")
    return page
