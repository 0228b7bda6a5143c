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


def _opened(path: str, mode: int):
    """A file opened for writing that is never a symbolic link (O_NOFOLLOW), created when missing; with
    O_EXCL, one that did not exist before (no race between the check and the write)."""
    flags = os.O_WRONLY | os.O_CREAT | mode | getattr(os, "O_NOFOLLOW", 0)
    try:
        return os.fdopen(os.open(path, flags, 0o644), "a" if mode & os.O_APPEND else "w", encoding="utf-8")
    except FileExistsError:
        raise InitError(f"{path} already exists; edit it there") from None
    except OSError as exc:
        raise InitError(f"{path}: cannot be written: {exc.strerror or exc}") from None


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
        if os.path.islink(pyproject):
            raise InitError(f"{pyproject} is a symbolic link; add the [tool.rolelint] table to the file it points to")
        existing = ""
        if os.path.isfile(pyproject):
            with open(pyproject, encoding="utf-8") as handle:
                existing = handle.read()
        if "[tool.rolelint" in existing:
            raise InitError(f"{pyproject} already has a [tool.rolelint] table; edit it there")
        separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
        with _opened(pyproject, os.O_APPEND) as handle:
            handle.write(f"{separator}[tool.rolelint]\n" + _body(role, "tool.rolelint.", ruleset))
        return pyproject
    if os.path.lexists(own):  # a dangling link too: writing through it would create a file elsewhere
        raise InitError(f"{own} already exists{' (a symbolic link)' if os.path.islink(own) else ''}; edit it there")
    with _opened(own, os.O_EXCL) as handle:
        handle.write(
            "# rolelint configuration: see `rolelint check --help` and the README\n" + _body(role, "", ruleset)
        )
    return own
