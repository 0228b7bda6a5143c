"""--format text: `path:line:col CODE [severity] message`, the suggestion under it, grouped by file, and a
one-line summary. Colour only when asked (the CLI asks when writing to a terminal)."""
from __future__ import annotations

import click

from .summary import notes, summarise

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_text(results, color: bool = False, verbose: bool = False) -> str:
    def style(text, **kw):
        return click.style(text, **kw) if color else text

    out: list[str] = []
    for result in results:
        if not result.findings:
            continue
        if out:
            out.append("")
        for f in result.findings:
            where = f"{result.path}:{f.line}:{f.column}" if not result.error else result.path
            page = f" (page {f.page})" if f.page else ""
            out.append(f"{style(where, bold=True)}: {style(f.code, fg=_COLOURS[f.severity], bold=True)} "
                       f"[{f.severity}] {f.message}{page}")
            if verbose and f.excerpt:
                out.append(f"    | {f.excerpt}")
            if f.suggestion and not result.error:
                out.append(style(f"    suggestion: {f.suggestion}", dim=True))
    for note in notes(results):
        out.append(style(f"note: {note}", dim=True))
    out.append(_summary_line(summarise(results)))
    return "\n".join(out)


def _summary_line(s: dict) -> str:
    counts = [_plural(s[k], k) for k in ("error", "warning") if s[k]] + ([f"{s['info']} info"] if s["info"] else [])
    found = ", ".join(counts) if counts else "no findings"
    line = f"Checked {_plural(s['files'], 'file')}: {found}"
    if s["unreadable"]:
        line += f"; {_plural(s['unreadable'], 'file')} could not be read"
    return line + "."
