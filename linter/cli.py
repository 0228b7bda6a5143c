"""The command line: parse options, call the engine, pick a reporter. Nothing here imports spaCy, so
`--version`, `rules` and `explain` start fast."""
from __future__ import annotations

import contextlib
import os
import sys

import click

from . import __version__
from .constants import DOCUMENT_KINDS, FAIL_ON, KIND_AUTO, REPORT_FORMATS, ROLE_AUTO

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
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="warning",
              show_default=True, help="Exit 1 when a finding is at or above this severity.")
@click.option("--select", metavar="CODES", help="Only these rules: codes or prefixes, comma-separated (RL1,RL203).")
@click.option("--ignore", metavar="CODES", help="Skip these rules: codes or prefixes, comma-separated.")
@click.option("--spacy-model", metavar="NAME",
              help="An installed spaCy pipeline (e.g. en_core_web_sm) instead of the built-in one.")
@click.option("--max-file-size", type=click.IntRange(1), default=10, show_default=True, metavar="MB",
              help="Refuse files larger than this.")
@click.option("--max-pdf-pages", type=click.IntRange(1), default=50, show_default=True,
              help="Refuse PDFs with more pages than this.")
@click.option("--max-pdf-stream", type=click.IntRange(1), default=50, show_default=True, metavar="MB",
              help="Refuse PDFs with a compressed stream that would inflate past this (checked before parsing).")
@click.option("--max-docx-size", type=click.IntRange(1), default=100, show_default=True, metavar="MB",
              help="Refuse DOCX files whose zip says it would inflate past this (checked before inflating).")
@click.option("--max-docx-ratio", type=click.IntRange(1), default=200, show_default=True,
              help="Refuse DOCX zip members that would inflate more than this many times.")
@click.option("--max-data-size", type=click.IntRange(1), default=50, show_default=True, metavar="MB",
              help="Refuse notebooks and JSON Lines files larger than this.")
@click.option("--max-line-length", type=click.IntRange(1), default=20_000, show_default=True,
              help="Refuse text and Markdown with a line longer than this many characters.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="Skip (and report) a file that takes longer than this to read and lint.")
@click.option("--rule-dir", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="An extra folder of rules, lexicons/ and roles/ (repeatable), used beside the built-ins.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), metavar="FILE",
              help="Use this configuration file instead of searching for one.")
@click.option("--no-config", is_flag=True, help="Ignore configuration files.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=1, show_default=True,
              help="Lint files in this many parallel processes.")
@click.option("--warn-unused-suppressions", is_flag=True, default=None,
              help="Report rolelint: disable comments that suppressed nothing.")
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option("--rewrite", is_flag=True, help="Print each flagged bullet with a rewrite skeleton under it.")
@click.option("-v", "--verbose", is_flag=True, help="Show the text each finding is about and the strongest role terms.")
@click.pass_context
def check(ctx, paths, role, job, kind, fmt, output, fail_on, select, ignore, spacy_model, max_file_size,
          max_pdf_pages, max_pdf_stream, max_docx_size, max_docx_ratio, max_data_size, max_line_length, timeout,
          rule_dirs, config_file, no_config, jobs, warn_unused_suppressions, color, rewrite, verbose):
    """Lint PATH... (files or directories; - reads standard input).

    Settings come from [tool.rolelint] in pyproject.toml or from .rolelint.toml, found by walking up from
    each path; options given here override them.

    Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on a usage error or when a
    file could not be read (the other files are still linted and reported)."""
    given = {name for name in ctx.params if ctx.get_parameter_source(name).name not in ("DEFAULT", "DEFAULT_MAP")}
    overrides = {}
    if "role" in given:
        overrides["role"] = role.lower()
    for name, value in (("job", job), ("kind", kind), ("spacy_model", spacy_model), ("fail_on", fail_on),
                        ("warn_unused_suppressions", warn_unused_suppressions)):
        if name in given:
            overrides[name] = value
    if "select" in given:
        overrides["select"] = _codes(select)
    if "ignore" in given:
        overrides["ignore"] = _codes(ignore)
    if rule_dirs:
        overrides["rule_dirs"] = tuple(rule_dirs)
    if fmt == "html":
        overrides["keep_text"] = True
    from .config import LIMIT_KEYS

    limits = {}
    for key, (field_name, multiplier, _) in LIMIT_KEYS.items():
        if key in given:
            limits[field_name] = ctx.params[key] * multiplier
            if field_name == "max_docx_uncompressed":
                limits["max_docx_member"] = limits[field_name]
    if limits:
        overrides["limits"] = limits
    groups = _plan(paths, overrides, config_file, no_config)
    for options, _ in groups:
        _validate(options)
    from .findings import at_or_above
    from .report import make_reporter

    rules = _load_rules(tuple(dict.fromkeys(d for options, _ in groups for d in options.rule_dirs))).rules
    colour = _use_colour(color, output)
    reporter = make_reporter(fmt, rules, color=colour, verbose=verbose, rewrite=rewrite)
    unreadable = failing = False
    progress = _progress_wanted(groups)
    held: list[str] = []  # under a progress bar the report waits for the bar to finish
    with _destination(output) as write:
        for options, result in _results(groups, jobs, progress):
            unreadable = unreadable or bool(result.error)
            failing = failing or any(at_or_above(f.severity, options.fail_on) for f in result.findings)
            piece = reporter.add(result)
            held.append(piece) if progress else write(piece, colour)
        for piece in (*held, reporter.finish()):
            write(piece, colour)
    sys.exit(EXIT_ERROR if unreadable else EXIT_FINDINGS if failing else EXIT_CLEAN)


@contextlib.contextmanager
def _destination(output):
    """A writer to the --output file or to standard output; a report is written as it is produced."""
    if not output:
        yield lambda text, colour: text and click.echo(text, nl=False, color=colour)
        return
    with open(output, "w", encoding="utf-8") as handle:
        yield lambda text, colour: handle.write(click.unstyle(text) if not colour else text)


def _use_colour(color, output) -> bool:
    if output:
        return bool(color)
    return (sys.stdout.isatty() and not os.environ.get("NO_COLOR")) if color is None else color


def _plan(paths, overrides, config_file, no_config):
    from .config import ConfigError, load_config
    from .options import merged
    from .run import plan

    try:
        if config_file:
            from .discover import expand_paths

            config = load_config(config_file)
            if config is None:
                raise click.UsageError(f"{config_file}: has no [tool.rolelint] table")
            options = merged(config, overrides)
            return [(options, expand_paths(paths, options.root, options.include, options.exclude))]
        return plan(list(paths), overrides, use_config=not no_config)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


def _validate(options) -> None:
    ruleset = _load_rules(options.rule_dirs)
    if options.role != ROLE_AUTO and options.role not in ruleset.profiles:
        raise click.BadParameter(f"'{options.role}' is not a role; choose from: {ROLE_AUTO}, "
                                 f"{', '.join(ruleset.profiles)}", param_hint="--role")
    _check_codes("--select", options.select, ruleset)
    _check_codes("--ignore", options.ignore, ruleset)


def _progress_wanted(groups) -> bool:
    """A progress bar on standard error only for many files on a terminal, never in CI logs or when the
    output is piped."""
    total = sum(len(files) for _, files in groups)
    return total >= 20 and sys.stderr.isatty() and sys.stdout.isatty() and not os.environ.get("CI")


def _results(groups, jobs: int, progress: bool):
    """(options, result) for every file, as each is linted."""
    from .engine import JobError
    from .nlp import ModelNotFound
    from .run import iter_lint

    total = sum(len(files) for _, files in groups)
    bar = click.progressbar(length=total, label="Linting", file=sys.stderr) if progress else None
    try:
        for options, files in groups:
            for result in iter_lint(files, options, jobs, bar.update if bar else None):
                yield options, result
    except (ModelNotFound, JobError) as error:
        raise click.UsageError(str(error)) from None
    finally:
        if bar is not None:
            bar.render_finish()


@main.command()
@click.option("--format", "fmt", type=click.Choice(("text", "json", "markdown")), default="text", show_default=True,
              help="markdown: the rules reference, as in docs/rules.md.")
@click.option("--rule-dir", "rule_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
              help="An extra folder of rules (repeatable).")
def rules(fmt, rule_dirs):
    """List every rule: code, name, document kinds, roles, severity."""
    ruleset = _load_rules(rule_dirs)
    if fmt == "markdown":
        from .docs import rules_markdown

        click.echo(rules_markdown(ruleset), nl=False)
        return
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


@main.command()
@click.option("--role", default="auto", show_default=True, metavar="auto|ds|mle|PROFILE",
              help="The role the configuration targets.")
@click.option("--pyproject/--own-file", "use_pyproject", default=None,
              help="Write [tool.rolelint] into pyproject.toml, or a .rolelint.toml (default: pyproject.toml "
                   "if there is one).")
@click.argument("folder", default=".", type=click.Path(file_okay=False, exists=True))
def init(role, use_pyproject, folder):
    """Write a commented rolelint configuration into FOLDER, touching nothing else."""
    from .init import InitError, init_config

    role = role.lower()
    profiles = _load_rules().profiles
    if role != ROLE_AUTO and role not in profiles:
        raise click.BadParameter(f"'{role}' is not a role; choose from: {ROLE_AUTO}, {', '.join(profiles)}",
                                 param_hint="--role")
    try:
        path = init_config(folder, role, use_pyproject)
    except InitError as error:
        raise click.UsageError(str(error)) from None
    click.echo(f"Wrote the rolelint configuration to {path}.")


def entry() -> None:
    """The console script: the command line, then, once spaCy has been loaded, an immediate exit.

    Tearing down spaCy and the pipeline at interpreter exit takes a tenth of a second or more and frees
    nothing the system would not reclaim anyway. By the time the command returns, the report is written
    and any --output file closed; the standard streams are flushed here before leaving."""
    try:
        main()
    except SystemExit as stop:
        if "spacy" not in sys.modules:
            raise
        code = stop.code
        if code is None:
            code = EXIT_CLEAN
        elif not isinstance(code, int):
            print(code, file=sys.stderr)
            code = EXIT_FINDINGS
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # a closed pipe: leave the normal way, which deals with it
            raise stop from None
        os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
