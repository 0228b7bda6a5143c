"""--format github: GitHub Actions workflow commands (::error, ::warning, ::notice) that become annotations
on the pull request. Formats whose positions are not lines of the file (PDF pages, DOCX paragraphs,
notebook cells: the result's location says) are annotated on the file, with the position in the title."""

from __future__ import annotations

from .base import Reporter
from .escape import visible
from .summary import Tally

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped as the runner expects, other controls shown."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """Streams one workflow command per finding, and a summary line at the end."""

    def __init__(self):
        self.tally = Tally()

    def add(self, result) -> str:
        self.tally.add(result)
        return "".join(line + "\n" for line in _commands(result))

    def finish(self) -> str:
        s = self.tally.summary
        return (
            f"rolelint: {s['files']} files, {s['error']} errors, {s['warning']} warnings, {s['info']} info, "
            f"{s['unreadable']} unreadable\n"
        )


def _commands(result):
    for f in result.findings:
        props = [f"file={_property(result.path)}"]
        title = f"{f.code} {f.name}"
        location = result.location
        if result.unreadable or location is None:
            pass  # the annotation is on the file
        elif location.in_file:
            props += [f"line={f.line}", f"endLine={f.end_line}", f"col={f.column}"]
            if f.end_line == f.line:
                props.append(f"endColumn={max(f.end_column, f.column)}")
        else:
            title += f" ({location.describe(f.page, f.line)})"
        props.append(f"title={_property(title)}")
        message = f.message + (f"\n{f.suggestion}" if f.suggestion and not result.unreadable else "")
        yield f"::{_COMMANDS[f.severity]} {','.join(props)}::{_data(message)}"
