"""`rolelint explain`: a rule's page, in the shape of ruff's (what it does, why it matters, example, fix)."""

from __future__ import annotations

import textwrap

from .questions import judged_questions
from .ruleset import Rule

_NO_ROLE = "no target role"


def _wrap(text: str, indent: str = "  ") -> str:
    paragraphs = [p for p in text.strip().split("\n\n")]
    return "\n\n".join(
        textwrap.fill(" ".join(p.split()), 100, initial_indent=indent, subsequent_indent=indent) for p in paragraphs
    )


def _example(rule: Rule, example) -> str:
    if rule.kind == "input":
        what = "(no such file)" if example.file_bytes() is None else f"({len(example.file_bytes())} bytes)"
        return f"  {example.file} {what}"
    text = example.text.strip()
    shown = textwrap.indent(text, "    ") if "\n" in text else f"    {text}"
    if example.job:  # a job-match example is the posting and the resume together
        return f"  Job posting:\n{textwrap.indent(example.job.strip(), '    ')}\n  Resume:\n{shown}"
    return shown


def _role_title(role: str, titles: dict[str, str]) -> str:
    return _NO_ROLE if role == "default" else titles.get(role, role)


def _judges(rule: Rule, ruleset) -> list[str]:
    text = judged_questions(rule, ruleset.questions)
    return [_wrap(f"Judges {text}.", indent="")] if text else []


def render_explanation(rule: Rule, ruleset) -> str:
    """`ruleset` names the roles (their profiles' titles) and groups the rule belongs to."""
    scope = rule.scope if not rule.sections else f"{rule.scope}s in sections: {', '.join(rule.sections)}"
    roles = "any target role" if "any" in rule.roles else ", ".join(rule.roles)
    parts = [
        f"{rule.code} {rule.name} ({rule.severity})",
        f"Applies to: {', '.join(rule.documents)} documents; {scope}; {roles}",
        *_judges(rule, ruleset),
        "",
        "What it flags",
        _wrap(rule.summary),
        "",
        "Why it matters",
        _wrap(rule.rationale),
        "",
        "Examples that fail" if len(rule.failing) > 1 else "Example that fails",
        *(_example(rule, e) for e in rule.failing[:2]),
        *(() if rule.failing else ["  (none: no file shows it; it is a problem of the run)"]),
        "",
        "Example that passes" if len(rule.passing) == 1 else "Examples that pass",
        *(_example(rule, e) for e in rule.passing[:2]),
        "",
        "How to fix",
        _wrap(rule.fix),
    ]
    if rule.kind != "input":
        parts += ["", "Suggested rewrite"]
        flagged = next((e.match for e in rule.failing if e.match), "<flagged text>")
        for role, text in rule.suggestion.items():
            text = text.replace("{rewrite}", rule.rewrite_for(role))
            for name, value in (("match", flagged), ("verb", "<verb>"), ("object", "<what>")):
                text = text.replace("{" + name + "}", value)
            parts.append(_wrap(f"{_role_title(role, ruleset.role_titles)}: {text}"))
    return "\n".join(parts)
