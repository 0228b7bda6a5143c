"""Runs a rule's own examples: each failing example must give a finding of that rule (at the text named by
`match`, when given) and each passing example none. The test suite runs every rule's examples this way, and
so can the author of a rule pack."""

from __future__ import annotations

import os
import tempfile

from .ruleset import Example, Rule, load_ruleset
from .schema import RuleError
from .sections import NO_SECTION


def example_text(rule: Rule, example: Example, sections) -> str:
    """The document an example stands for: a one-line resume example is a bullet under the heading of the
    rule's first section (or of the vocabulary's anchor section, a resume's Experience); anything with
    several lines is taken as a whole document. `sections` is the rule set's section vocabulary."""
    if "\n" in example.text.strip() or "resume" not in rule.documents:
        return example.text
    anchor = sections.anchor
    section = (rule.sections or (anchor.name,))[0]
    if section == NO_SECTION:
        heading = ""
    elif section in sections.sections:
        heading = sections.sections[section].title
    else:  # "other": any heading that names no known section
        heading = anchor.title
    return f"{heading}\n- {example.text.strip()}\n"


def example_role(rule: Rule, example: Example) -> str | None:
    if example.role:
        return example.role
    return None if "any" in rule.roles else rule.roles[0]


def run_example(rule: Rule, example: Example, rule_dirs=()) -> list:
    """The findings of `rule` (only) on one example."""
    from .api import lint_paths, lint_text

    options = dict(select=(rule.code,), rule_dirs=tuple(rule_dirs), warn_unused_suppressions=True, **example.options)
    if rule.kind == "input":
        with tempfile.TemporaryDirectory(prefix="rolelint-example-") as folder:
            path = os.path.join(folder, example.file or "example")
            data = example.file_bytes()
            if data is not None:
                with open(path, "wb") as handle:
                    handle.write(data)
            results = lint_paths([path], use_config=False, **options)
        return [f for r in results for f in r.findings if f.code == rule.code]
    kind = next(iter(rule.documents))
    sections = load_ruleset(tuple(rule_dirs)).sections
    role = example_role(rule, example) or "auto"
    options["fmt"] = "txt" if kind == "resume" else "md"
    if example.job is None:
        findings = lint_text(example_text(rule, example, sections), kind=kind, role=role, **options)
        return [f for f in findings if f.code == rule.code]
    with tempfile.TemporaryDirectory(prefix="rolelint-example-") as folder:
        job = os.path.join(folder, "job.txt")
        with open(job, "w", encoding="utf-8") as handle:
            handle.write(example.job)
        findings = lint_text(example_text(rule, example, sections), kind=kind, role=role, job=job, **options)
    return [f for f in findings if f.code == rule.code]


def example_problems(rule: Rule, rule_dirs=()) -> list[str]:
    """What is wrong with a rule's examples; empty when they all behave."""
    try:
        return _problems(rule, rule_dirs)
    except RuleError as error:  # a matcher only spaCy can judge, found wanting when the rule first runs
        return [str(error)]


def _problems(rule: Rule, rule_dirs) -> list[str]:
    problems = []
    for example in rule.failing:
        found = run_example(rule, example, rule_dirs)
        label = example.file or example.text
        if not found:
            problems.append(f"{rule.code}: failing example gave no finding: {label!r}")
        elif example.match and not any(f.matched == example.match for f in found):
            problems.append(
                f"{rule.code}: failing example should match {example.match!r}, matched "
                f"{[f.matched for f in found]}: {label!r}"
            )
    for example in rule.passing:
        found = run_example(rule, example, rule_dirs)
        if found:
            problems.append(
                f"{rule.code}: passing example gave {len(found)} finding(s) "
                f"({found[0].message}): {example.file or example.text!r}"
            )
    return problems
