"""--format github: GitHub Actions workflow commands (::error, ::warning, ::notice) that become annotations
on the pull request. Page-based formats (PDF, DOCX, notebooks) are annotated on the file, with the page,
paragraph or cell in the title."""
from __future__ import annotations

from .summary import summarise

_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
_TEXT_FORMATS = {"txt", "md", "jsonl", None}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(results) -> str:
    lines = []
    for result in results:
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
            lines.append(f"::{_COMMANDS[f.severity]} {','.join(props)}::{_data(message)}")
    s = summarise(results)
    lines.append(f"rolelint: {s['files']} files, {s['error']} errors, {s['warning']} warnings, {s['info']} info, "
                 f"{s['unreadable']} unreadable")
    return "\n".join(lines)
