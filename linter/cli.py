"""The command line: parse options, call the engine, pick a reporter. Nothing here imports spaCy, so
`--version`, `rules` and `explain` start fast."""
from __future__ import annotations

import os
import sys

import click

from . import __version__
from .findings import SEVERITIES, at_or_above
from .options import DOCUMENT_KINDS, KIND_AUTO, ROLE_AUTO

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())


def _check_codes(option: str, codes: tuple[str, ...], ruleset) -> None:
    for code in codes:
        if not any(rule.code.startswith(code) for rule in ruleset.rules):
            raise click.BadParameter(f"'{code}' matches no rule code (see `rolelint rules`)", param_hint=option)


def _load_rules(rule_dirs=()):
    from .ruleset import RuleError, load_ruleset

    try:
        return load_ruleset(tuple(rule_dirs))
    except RuleError as error:
        raise click.UsageError(f"bad rule file: {error}") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="rolelint")
def main():
    """rolelint: lint the resumes, interview answers and take-home write-ups of data-science (DS) and
    machine-learning-engineer (MLE) candidates for the signals reviewers of each role look for."""


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--role", default=ROLE_AUTO, show_default=True, metavar="auto|ds|mle|PROFILE",
              help="Target role (a role profile's name); auto infers it from --job, else from the document.")
@click.option("--job", type=click.Path(dir_okay=False), metavar="FILE",
              help="A job description (txt, md, pdf, docx): infers the target role and checks its signals.")
@click.option("--kind", type=click.Choice((KIND_AUTO, *DOCUMENT_KINDS)), default=KIND_AUTO, show_default=True,
              help="What the documents are; auto detects it from their structure.")
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True,
              help="Output format.")
@click.option("--fail-on", type=click.Choice((*reversed(SEVERITIES), "never")), default="warning",
              show_default=True, help="Exit 1 when a finding is at or above this severity.")
@click.option("--select", metavar="CODES", help="Only these rules: codes or prefixes, comma-separated (RL1,RL203).")
@click.option("--ignore", metavar="CODES", help="Skip these rules: codes or prefixes, comma-separated.")
@click.option("--spacy-model", metavar="NAME",
              help="An installed spaCy pipeline (e.g. en_core_web_sm) instead of the built-in one.")
@click.option("--max-file-size", type=click.IntRange(1), default=10, show_default=True, metavar="MB",
              help="Refuse files larger than this.")
@click.option("--max-pdf-pages", type=click.IntRange(1), default=50, show_default=True,
              help="Refuse PDFs with more pages than this.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option("--rule-dir", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="An extra folder of rules, lexicons/ and roles/ (repeatable), used beside the built-ins.")
@click.option("--rewrite", is_flag=True, help="Print each flagged bullet with a rewrite skeleton under it.")
@click.option("-v", "--verbose", is_flag=True, help="Show the text each finding is about and the strongest role terms.")
def check(paths, role, job, kind, fmt, fail_on, select, ignore, spacy_model, max_file_size, max_pdf_pages, color,
          rule_dirs, rewrite, verbose):
    """Lint PATH... (files or directories; - reads standard input).

    Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on a usage error or when a
    file could not be read (the other files are still linted and reported)."""
    from .options import LintOptions
    from .readers.base import Limits

    ruleset = _load_rules(rule_dirs)
    role = role.lower()
    if role != ROLE_AUTO and role not in ruleset.profiles:
        raise click.BadParameter(f"'{role}' is not a role; choose from: {ROLE_AUTO}, {', '.join(ruleset.profiles)}",
                                 param_hint="--role")
    selected, ignored = _codes(select), _codes(ignore)
    _check_codes("--select", selected, ruleset)
    _check_codes("--ignore", ignored, ruleset)
    options = LintOptions(
        role=role, kind=kind, job=job, select=selected, ignore=ignored, spacy_model=spacy_model,
        rule_dirs=tuple(rule_dirs),
        limits=Limits(max_bytes=max_file_size * 1024 * 1024, max_pdf_pages=max_pdf_pages),
    )
    results = _run(options, paths)
    from .report import render

    use_color = (sys.stdout.isatty() and not os.environ.get("NO_COLOR")) if color is None else color
    click.echo(render(fmt, results, color=use_color, verbose=verbose, rewrite=rewrite), color=use_color)
    if any(r.error for r in results):
        sys.exit(EXIT_ERROR)
    if any(at_or_above(f.severity, fail_on) for r in results for f in r.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def _run(options, paths):
    from .engine import Engine, JobError
    from .nlp import ModelNotFound

    try:
        return Engine(options).lint_paths(list(paths))
    except (ModelNotFound, JobError) as error:
        raise click.UsageError(str(error)) from None


@main.command()
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@click.option("--rule-dir", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="An extra folder of rules (repeatable).")
def rules(fmt, rule_dirs):
    """List every rule: code, name, document kinds, roles, severity."""
    ruleset = _load_rules(rule_dirs)
    if fmt == "json":
        import json

        click.echo(json.dumps([{
            "code": r.code, "name": r.name, "kinds": list(r.documents), "roles": list(r.roles),
            "severity": r.severity, "summary": r.summary,
        } for r in ruleset.rules], indent=2))
        return
    rows = [("CODE", "NAME", "KINDS", "ROLES", "SEVERITY", "WHAT IT FLAGS")]
    rows += [(r.code, r.name, ",".join(r.documents), ",".join(r.roles), r.severity, r.summary)
             for r in ruleset.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])


@main.command()
@click.argument("code")
@click.option("--rule-dir", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="An extra folder of rules (repeatable).")
def explain(code, rule_dirs):
    """Explain a rule (by code or name): what it flags, why it matters, examples, how to fix."""
    from .explain import render_explanation

    rule = _load_rules(rule_dirs).get(code)
    if rule is None:
        raise click.BadParameter(f"no rule '{code}' (see `rolelint rules`)", param_hint="CODE")
    click.echo(render_explanation(rule))


if __name__ == "__main__":  # pragma: no cover
    main()
