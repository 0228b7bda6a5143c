"""`rolelint init`: a commented configuration for a chosen role, added without touching anything else."""

from __future__ import annotations

import os

_BODY = """\
# The role your documents target: {roles}, or "auto" to infer it from `job`, else from each document.
role = "{role}"
# A job description to check resumes against (txt, md, pdf or docx); with role = "auto" it sets the role.
# job = "jobs/posting.md"
# Document kinds by path (gitignore-style patterns); other files are detected from their structure.
# kinds = {{ "answers/*.md" = "answer", "takehome/*.md" = "writeup" }}
# Rules to run or skip, by code, code prefix or group name (see `rolelint rules`).
# select = [{groups}]
# ignore = ["{example}"]
# Exit 1 only on findings at or above this severity: "error", "warning", "info" or "never".
# fail_on = "warning"
# Files and folders to skip (gitignore patterns); .gitignore files are honoured as well.
# exclude = ["drafts/"]
# Folders with your own rules (YAML files), lexicons/ and role profiles (roles/*.yaml).
# rule_dirs = ["rolelint-rules"]
# Report `rolelint: disable` comments that no longer suppress anything.
# warn_unused_suppressions = true

# [{prefix}severity]
# {example} = "warning"

# [{prefix}limits]
# max_file_size = 10    # MB
# max_pdf_pages = 50
"""


class InitError(Exception):
    pass


def _body(role: str, prefix: str, ruleset) -> str:
    """The commented table, with the role names, groups and an example code of the rule set in use."""
    example = next((r.code for r in ruleset.rules if r.severity == "info"), ruleset.rules[0].code)
    return _BODY.format(
        role=role,
        prefix=prefix,
        roles=", ".join(f'"{name}"' for name in ruleset.profiles),
        groups=", ".join(f'"{key}"' for key in list(ruleset.groups)[:4]),
        example=example,
    )


def init_config(folder: str, role: str, use_pyproject: bool | None = None, ruleset=None) -> str:
    """Write the configuration into `folder`; returns the path written. Appends a [tool.rolelint] table to
    an existing pyproject.toml (use_pyproject None: if there is one), else creates .rolelint.toml.
    `ruleset` (the built-in one by default) supplies the role names and examples in the comments."""
    if ruleset is None:
        from .ruleset import load_ruleset

        ruleset = load_ruleset()
    pyproject = os.path.join(folder, "pyproject.toml")
    own = os.path.join(folder, ".rolelint.toml")
    if use_pyproject is None:
        use_pyproject = os.path.isfile(pyproject)
    if use_pyproject:
        existing = ""
        if os.path.isfile(pyproject):
            with open(pyproject, encoding="utf-8") as handle:
                existing = handle.read()
        if "[tool.rolelint" in existing:
            raise InitError(f"{pyproject} already has a [tool.rolelint] table; edit it there")
        separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
        with open(pyproject, "a", encoding="utf-8") as handle:
            handle.write(f"{separator}[tool.rolelint]\n" + _body(role, "tool.rolelint.", ruleset))
        return pyproject
    if os.path.exists(own):
        raise InitError(f"{own} already exists; edit it there")
    with open(own, "w", encoding="utf-8") as handle:
        handle.write(
            "# rolelint configuration: see `rolelint check --help` and the README\n" + _body(role, "", ruleset)
        )
    return own
