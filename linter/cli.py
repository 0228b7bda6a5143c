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


class _Failure(click.ClickException):
    """An error that ends the run as one line on standard error ("Error: ..."), exit 2, without the usage
    lines a usage error prints."""

    exit_code = EXIT_ERROR


class _ReportNotWritten(_Failure):
    """The report could not be written (a missing folder, a full disk, a closed pipe). When standard
    output is what failed, it is pointed at /dev/null first: Python flushes it again at exit, and a second
    failure there would print "Exception ignored". A reader that closed the pipe (`| head -1`) gets no
    message at all, as with any Unix tool."""

    def __init__(self, error):
        from .report.escape import visible

        super().__init__(visible(str(error)))
        self.closed = error.closed
        self.on_stdout = error.on_stdout

    def show(self, file=None) -> None:
        if self.on_stdout:
            _discard_stdout()
        if not self.closed:
            with contextlib.suppress(OSError):  # standard error may be on the same full disk
                super().show(file)


def _discard_stdout() -> None:
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a real stream (a test runner's)
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


def _say(text: str = "", nl: bool = True, color: bool | None = None) -> None:
    """Write to standard output: a failure to write there ends the run with one line (or none for a
    closed pipe), never a traceback."""
    try:
        click.echo(text, nl=nl, color=color)
    except OSError as exc:
        from .output import STANDARD_OUTPUT, write_failed  # only now: rules and explain start faster without

        raise _ReportNotWritten(write_failed(STANDARD_OUTPUT, exc)) from None


def _usage_error(error) -> click.ClickException:
    """A settings or rule-pack error as Click reports it: the flag's own wording when it came from a flag,
    else the file and key (or folder) it came from."""
    from .report.escape import visible
    from .schema import RuleError
    from .settings import SettingsError

    if isinstance(error, SettingsError) and error.param:
        return click.BadParameter(visible(error.problem), param_hint=f"'{error.param}'")
    if isinstance(error, RuleError):
        return click.UsageError(visible(f"bad rule file: {error}"))
    return click.UsageError(visible(str(error)))


def _resolver(overrides: dict, flags: dict[str, str], config_file=None, no_config: bool = False):
    from .config import ConfigError
    from .settings import Resolver, Sources

    try:
        return Resolver(
            overrides, Sources(tuple(flags.items()), flags=True), use_config=not no_config, config_file=config_file
        )
    except ConfigError as error:
        raise _usage_error(error) from None


def _project_ruleset(rule_dirs, config_file=None, no_config: bool = False):
    """The rule set of the project in the current folder: its configuration's rule_dirs, plus --rule-dir."""
    from .config import ConfigError
    from .schema import RuleError
    from .settings import SettingsError

    overrides = {"rule_dirs": tuple(rule_dirs)} if rule_dirs else {}
    try:
        options = _resolver(overrides, {"rule_dirs": "--rule-dir"}, config_file, no_config).options_for(".")
    except (ConfigError, SettingsError, RuleError) as error:
        raise _usage_error(error) from None
    from .ruleset import load_ruleset

    ruleset = load_ruleset(tuple(options.rule_dirs))
    for warning in ruleset.warnings:
        click.echo(f"warning: {warning}", err=True)
    return ruleset


def _limit_options(command):
    """A --max-... flag for every limit in the limits table."""
    from .limits import LIMITS

    for spec in reversed(LIMITS):
        kind = click.IntRange(1) if spec.whole else click.FloatRange(0, min_open=True)
        metavar = "MB" if spec.unit == "MB" else "SECONDS" if spec.unit == "seconds" else None
        command = click.option(
            spec.flag, spec.key, type=kind, default=spec.default, show_default=True, metavar=metavar, help=spec.help
        )(command)
    return command


_CONFIG_OPTIONS = (
    click.option(
        "--config",
        "config_file",
        type=click.Path(dir_okay=False, exists=True),
        metavar="FILE",
        help="Use this configuration file instead of searching for one.",
    ),
    click.option("--no-config", is_flag=True, help="Ignore configuration files."),
)


_RULE_DIR = click.option(
    "--rule-dir",
    "rule_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="An extra rule pack: rules, lexicons/, roles/, sections/, groups/ (repeatable), used beside the "
    "built-ins and the configuration's rule_dirs.",
)


def _config_options(command):
    for option in reversed(_CONFIG_OPTIONS):
        command = option(command)
    return command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="rolelint")
def main():
    """rolelint: lint the resumes, interview answers and take-home write-ups of data-science (DS) and
    machine-learning-engineer (MLE) candidates for the signals reviewers of each role look for."""
    try:
        os.getcwd()
    except FileNotFoundError:  # every relative path and the configuration search start from it
        raise _Failure(
            "the current folder no longer exists (it was deleted or moved): cd to an existing folder and run "
            "rolelint again"
        ) from None


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--role",
    default=ROLE_AUTO,
    show_default=True,
    metavar="auto|PROFILE",
    help="Target role (a role profile's name, see `rolelint rules`); auto infers it from --job, else "
    "from the document.",
)
@click.option(
    "--job",
    type=click.Path(),
    multiple=True,
    metavar="FILE|DIR",
    help="A job posting (txt, md, pdf, docx, html) to match resumes against; give it several times or a "
    "folder of postings. The first one infers the target role and checks its signals.",
)
@click.option(
    "--kind",
    default=KIND_AUTO,
    show_default=True,
    metavar="|".join((KIND_AUTO, *DOCUMENT_KINDS)),
    help="What the documents are; auto detects it from their structure.",
)
@click.option(
    "--stdin-filename",
    metavar="NAME",
    help="The name standard input (-) is reported under; its extension says how to read it (else its "
    "content does: a PDF, a DOCX, or text).",
)
@click.option(
    "--format", "fmt", type=click.Choice(REPORT_FORMATS), default="text", show_default=True, help="Output format."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--fail-on",
    default="warning",
    show_default=True,
    metavar="|".join(FAIL_ON),
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option(
    "--select",
    metavar="CODES",
    help="Only these rules: codes, prefixes or group names, comma-separated (RL1,RL203,answers).",
)
@click.option("--ignore", metavar="CODES", help="Skip these rules: codes, prefixes or group names, comma-separated.")
@click.option(
    "--spacy-model",
    metavar="NAME",
    help="An installed spaCy pipeline (e.g. en_core_web_sm) instead of the built-in one.",
)
@_limit_options
@_RULE_DIR
@_config_options
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Lint files in this many parallel processes.",
)
@click.option(
    "--warn-unused-suppressions",
    is_flag=True,
    default=None,
    help="Report rolelint: disable comments that suppressed nothing.",
)
@click.option("--color/--no-color", default=None, help="Colour the text output (default: only on a terminal).")
@click.option(
    "--rewrite",
    is_flag=True,
    help="Under each flagged bullet and answer opening, print one rewrite that fixes all its findings.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show the text each finding is about and the strongest role terms.")
@click.pass_context
def check(ctx, paths, fmt, output, rule_dirs, config_file, no_config, jobs, color, rewrite, verbose, **values):
    """Lint PATH... (files or directories; - reads standard input).

    Settings come from [tool.rolelint] in pyproject.toml or from .rolelint.toml: the nearest one above
    each file governs it; options given here override them.

    Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on a usage error, when a
    file could not be read (the other files are still linted and reported) or when the report could not
    be written; 143 when stopped by SIGTERM (the files linted by then are reported, workers are ended)."""
    from .limits import LIMIT_KEYS, limit_values
    from .readers import STDIN

    if values.get("stdin_filename") and STDIN not in paths:
        raise click.UsageError("--stdin-filename names standard input: give - among the paths")
    given = {name for name in ctx.params if ctx.get_parameter_source(name).name not in ("DEFAULT", "DEFAULT_MAP")}
    overrides: dict = {}
    flags: dict[str, str] = {"rule_dirs": "--rule-dir"}
    limits: dict = {}
    for name, value in values.items():
        if name not in given:
            continue
        if name in LIMIT_KEYS:
            limits.update(limit_values(LIMIT_KEYS[name], value))
            continue
        if name == "job":
            from .discover import NoPostings, posting_files

            try:
                postings = posting_files(value, paths)
            except NoPostings as error:
                raise click.UsageError(f"--job {error}") from None
            overrides.update(job=postings[0] if postings else None, postings=postings)
            flags["postings"] = "--job"
        else:
            overrides[name] = _codes(value) if name in ("select", "ignore") else value
        flags[name] = "--" + name.replace("_", "-")
    if limits:
        overrides["limits"] = limits
    if rule_dirs:
        overrides["rule_dirs"] = tuple(rule_dirs)
    if fmt == "html":
        overrides["keep_text"] = True
    if rewrite or fmt in ("json", "html"):
        overrides["rewrites"] = True
    from .config import ConfigError
    from .findings import at_or_above
    from .report import make_reporter
    from .run import plan
    from .schema import RuleError
    from .settings import SettingsError

    resolver = _resolver(overrides, flags, config_file, no_config)
    try:
        groups = plan(list(paths), resolver)
    except (ConfigError, SettingsError, RuleError) as error:
        raise _usage_error(error) from None
    from .ruleset import load_ruleset

    rules = load_ruleset(tuple(dict.fromkeys(d for options, _ in groups for d in options.rule_dirs))).rules
    colour = _use_colour(color, output)
    reporter = make_reporter(fmt, rules, color=colour, verbose=verbose, rewrite=rewrite)
    unreadable = failing = False
    progress = _progress_wanted(groups)
    held: list[str] = []  # under a progress bar the report waits for the bar to finish
    if output:
        _check_output(output, groups, resolver)
    from .stopping import Stopped, stop_on_sigterm

    stopped, linted = None, 0
    with _destination(output) as write:
        with stop_on_sigterm(), contextlib.closing(_results(groups, jobs, progress)) as results:
            try:
                for options, result in results:
                    linted += 1
                    unreadable = unreadable or bool(result.error)
                    failing = failing or any(at_or_above(f.severity, options.fail_on) for f in result.findings)
                    piece = reporter.add(result)
                    held.append(piece) if progress else write(piece, colour)
            except Stopped as stop:  # the files done so far are reported, then the run ends as stopped
                stopped = stop
        for piece in (*held, reporter.finish()):
            write(piece, colour)
    if stopped is not None:
        total = sum(len(files) for _, files in groups)
        with contextlib.suppress(OSError):
            click.echo(
                f"rolelint: stopped by {stopped.name}: the report covers the {linted} of {total} files linted "
                "before it; the others were not linted",
                err=True,
            )
        sys.exit(stopped.exit_code)
    sys.exit(EXIT_ERROR if unreadable else EXIT_FINDINGS if failing else EXIT_CLEAN)


def _check_output(output: str, groups, resolver) -> None:
    """The report must never be written over a file the run reads: a linted file, a job description or a
    configuration file."""
    from .output import OutputError, check_not_an_input
    from .readers import STDIN

    inputs = [path for _, files in groups for path in files if isinstance(path, str) and path != STDIN]
    inputs += [posting for options, _ in groups for posting in options.postings or [options.job] if posting]
    inputs += resolver.config_files
    try:
        check_not_an_input(output, inputs)
    except OutputError as error:
        raise _ReportNotWritten(error) from None


@contextlib.contextmanager
def _destination(output):
    """A writer to the --output file or to standard output; a report is written as it is produced (to a
    temporary file beside --output, renamed into place when the report is complete)."""
    if not output:
        yield lambda text, colour: text and _say(text, nl=False, color=colour)
        return
    from .output import OutputError, report_file

    try:
        with report_file(output) as handle:
            yield lambda text, colour: handle.write(click.unstyle(text) if not colour else text)
    except OutputError as error:
        raise _ReportNotWritten(error) from None


def _use_colour(color, output) -> bool:
    if output:
        return bool(color)
    return (sys.stdout.isatty() and not os.environ.get("NO_COLOR")) if color is None else color


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
    from .schema import RuleError

    total = sum(len(files) for _, files in groups)
    bar = click.progressbar(length=total, label="Linting", file=sys.stderr) if progress else None
    try:
        for options, files in groups:
            for result in iter_lint(files, options, jobs, bar.update if bar else None):
                yield options, result
    except (ModelNotFound, JobError, RuleError) as error:
        raise _usage_error(error) from None
    finally:
        if bar is not None:
            bar.render_finish()


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the copy here (default: standard output).")
@click.option("--role", default=ROLE_AUTO, show_default=True, metavar="auto|PROFILE", help="Target role, as for check.")
@click.option("--kind", default=KIND_AUTO, show_default=True, help="What the document is, as for check.")
@_RULE_DIR
@_config_options
def rewrite(path, output, role, kind, rule_dirs, config_file, no_config):
    """Write a copy of PATH (text, Markdown, JSON Lines or DOCX) with each flagged bullet and answer
    opening rewritten. PATH itself is never written: the copy goes to --output or standard output.

    Exit status: 0 when the copy is written, 2 when PATH cannot be read or written back."""
    from .apply import CannotApply, apply_rewrites, same_file
    from .readers import STDIN

    if output and os.path.exists(output) and same_file(path, output):
        raise click.UsageError(f"--output {output} is the input file: rolelint never writes to what it reads")
    overrides: dict = {"rewrites": True, "role": role, "kind": kind}
    if rule_dirs:
        overrides["rule_dirs"] = tuple(rule_dirs)
    flags = {"rewrites": "--rewrite", "role": "--role", "kind": "--kind", "rule_dirs": "--rule-dir"}
    from .config import ConfigError
    from .run import run
    from .schema import RuleError
    from .settings import SettingsError

    resolver = _resolver(overrides, flags, config_file, no_config)
    try:
        results = run([path], resolver)
    except (ConfigError, SettingsError, RuleError) as error:
        raise _usage_error(error) from None
    result = next((r for r in results if r.path != STDIN), None)
    if result is None or result.error or result.format is None:
        click.echo(f"rolelint: {path}: {result.error if result and result.error else 'could not be read'}", err=True)
        sys.exit(2)
    try:
        with open(path, "rb") as handle:
            copy, missed = apply_rewrites(path, result.format, result.rewrites, handle.read())
    except CannotApply as error:
        click.echo(f"rolelint: {error}", err=True)
        sys.exit(2)
    except OSError as error:
        click.echo(f"rolelint: {path}: {error.strerror or error}", err=True)
        sys.exit(2)
    if output:
        from .output import OutputError, report_file

        try:
            with report_file(output, binary=True) as handle:
                handle.write(copy)
        except OutputError as error:
            click.echo(f"rolelint: {error}", err=True)
            sys.exit(2)
    else:
        sys.stdout.buffer.write(copy)
        sys.stdout.flush()
    placed = len(result.rewrites) - missed
    note = f"; {missed} could not be placed (a bullet over several lines or with markup inside)" if missed else ""
    click.echo(f"rolelint: {placed} rewrite{'s' * (placed != 1)} applied{note}", err=True)


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "markdown")),
    default="text",
    show_default=True,
    help="markdown: the rules reference, as in docs/rules.md.",
)
@_RULE_DIR
@_config_options
def rules(fmt, rule_dirs, config_file, no_config):
    """List every rule: code, name, document kinds, roles, severity."""
    ruleset = _project_ruleset(rule_dirs, config_file, no_config)
    if fmt == "markdown":
        from .docs import rules_markdown

        _say(rules_markdown(ruleset), nl=False)
        return
    if fmt == "json":
        import json

        _say(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "kinds": list(r.documents),
                        "roles": list(r.roles),
                        "severity": r.severity,
                        "summary": r.summary,
                        "groups": list(r.groups),
                    }
                    for r in ruleset.rules
                ],
                indent=2,
            )
        )
        return
    rows = [("CODE", "NAME", "KINDS", "ROLES", "SEVERITY", "WHAT IT FLAGS")]
    rows += [(r.code, r.name, ",".join(r.documents), ",".join(r.roles), r.severity, r.summary) for r in ruleset.rules]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        _say("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])


@main.command()
@click.argument("code")
@_RULE_DIR
@_config_options
def explain(code, rule_dirs, config_file, no_config):
    """Explain a rule (by code or name): what it flags, why it matters, examples, how to fix."""
    from .explain import render_explanation

    ruleset = _project_ruleset(rule_dirs, config_file, no_config)
    rule = ruleset.get(code)
    if rule is None:
        raise click.BadParameter(f"no rule '{code}' (see `rolelint rules`)", param_hint="CODE")
    _say(render_explanation(rule, ruleset))


@main.command("test-rules")
@_RULE_DIR
@_config_options
@click.option("--all", "everything", is_flag=True, help="Run the built-in rules' examples too.")
@click.argument("codes", nargs=-1, metavar="[CODE...]")
def test_rules(rule_dirs, config_file, no_config, everything, codes):
    """Run rules' own examples: each failing example must give a finding of its rule (at the text its
    `match` names), each passing example none. By default, the rules of the rule folders (--rule-dir and
    the project's rule_dirs); --all adds the built-in ones. Exit 1 when an example misbehaves."""
    from .examples import example_problems
    from .rulefiles import builtin_rules_dir

    ruleset = _project_ruleset(rule_dirs, config_file, no_config)
    builtin = builtin_rules_dir()
    chosen = [
        r
        for r in ruleset.rules
        if (everything or not r.source.startswith(builtin + os.sep))
        and (not codes or r.code in {c.upper() for c in codes})
    ]
    if not chosen:
        raise click.UsageError("no rules to test: give --rule-dir DIR (or rule_dirs in the configuration), or --all")
    failures = 0
    for rule in chosen:
        problems = example_problems(rule, ruleset.extra_dirs)
        failures += bool(problems)
        status = "ok  " if not problems else "FAIL"
        _say(
            f"{status} {rule.code} {rule.name} ({len(rule.failing)} failing, {len(rule.passing)} passing "
            f"examples) {rule.source}"
        )
        for problem in problems:
            _say(f"     {problem}")
    _say(f"{len(chosen) - failures} of {len(chosen)} rules behave as their examples say.")
    sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)


@main.command()
@click.option(
    "--role", default="auto", show_default=True, metavar="auto|PROFILE", help="The role the configuration targets."
)
@click.option(
    "--pyproject/--own-file",
    "use_pyproject",
    default=None,
    help="Write [tool.rolelint] into pyproject.toml, or a .rolelint.toml (default: pyproject.toml if there is one).",
)
@click.argument("folder", default=".", type=click.Path(file_okay=False, exists=True))
def init(role, use_pyproject, folder):
    """Write a commented rolelint configuration into FOLDER, touching nothing else."""
    from .config import ConfigError
    from .init import InitError, init_config
    from .ruleset import load_ruleset
    from .schema import RuleError
    from .settings import SettingsError

    try:
        options = _resolver({"role": role}, {"role": "--role"}).options_for(folder)
    except (ConfigError, SettingsError, RuleError) as error:
        raise _usage_error(error) from None
    try:
        path = init_config(folder, options.role, use_pyproject, load_ruleset(tuple(options.rule_dirs)))
    except InitError as error:
        raise _usage_error(error) from None
    _say(f"Wrote the rolelint configuration to {path}.")


def entry() -> None:
    """The console script: the command line, then, once spaCy has been loaded, an immediate exit.

    Tearing down spaCy and the pipeline at interpreter exit takes a tenth of a second or more and frees
    nothing the system would not reclaim anyway. By the time the command returns, the report is written
    and any --output file closed; the standard streams are flushed here before leaving."""
    _tolerant_streams()
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


def _tolerant_streams() -> None:
    """A character the terminal's encoding cannot show (an em dash under Latin-1, the ellipsis of a
    shortened excerpt) is written as an escape (\\u2014), never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


if __name__ == "__main__":  # pragma: no cover
    entry()
