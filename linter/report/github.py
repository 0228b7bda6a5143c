"""--format github: GitHub Actions workflow commands (::error, ::warning, ::notice) that become annotations
on the pull request. Page-based formats (PDF, DOCX, notebooks) are annotated on the file, with the page,
paragraph or cell in the title."""
from __future__ import annotations

from .summary import Tally

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_TEXT_FORMATS = {"txt", "md", "jsonl", None}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    """Streams one workflow command per finding, and a summary line at the end."""

    def __init__(self):
        self.tally = Tally()

    def add(self, result) -> str:
        self.tally.add(result)
        return "".join(line + "\n" for line in _commands(result))

    def finish(self) -> str:
        s = self.tally.summary
        return (f"rolelint: {s['files']} files, {s['error']} errors, {s['warning']} warnings, {s['info']} info, "
                f"{s['unreadable']} unreadable\n")


def _commands(result):
    for f in result.findings:
        props = [f"file={_property(result.path)}"]
        title = f"{f.code} {f.name}"
        if result.format in _TEXT_FORMATS and not result.unreadable:
            props += [f"line={f.line}", f"endLine={f.end_line}", f"col={f.column}"]
            if f.end_line == f.line:
                props.append(f"endColumn={max(f.end_column, f.column)}")
        elif not result.unreadable:
            unit = {"pdf": "page", "ipynb": "cell", "docx": "paragraph"}.get(result.format, "page")
            where = f"{unit} {f.page}, line {f.line}" if f.page else f"{unit} {f.line}"
            title += f" ({where})"
        props.append(f"title={_property(title)}")
        message = f.message + (f"\n{f.suggestion}" if f.suggestion and not result.unreadable else "")
        yield f"::{_COMMANDS[f.severity]} {','.join(props)}::{_data(message)}"
